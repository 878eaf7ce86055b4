"""Who sees which applications and pairings; every lookup of this domain goes through here.

Programme admins see everything; national admins their country's applicants and
participants; mentors their own pairings; mentees their own. Outside that: 404.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, or_, select

from ..accounts.models import User
from ..accounts.permissions import is_national_admin, is_programme_admin, scope_by_country
from ..errors import Forbidden, one_or_404
from .models import Application, Pairing, Programme


def get_programme(programme_id: int) -> Programme:
    """Programmes are public to every signed-in user (people apply to them)."""
    return one_or_404(select(Programme).where(Programme.id == programme_id),
                      _l("No such programme."))


def require_programme_admin(actor: User) -> None:
    if not is_programme_admin(actor):
        raise Forbidden(_l("Only programme administrators may do this."))


def scope_applications(stmt: Select, actor: User) -> Select:
    return scope_by_country(stmt, actor, Application.country_code,
                            own_column=Application.applicant_id)


def get_application(actor: User, programme: Programme, application_id: int) -> Application:
    return one_or_404(scope_applications(select(Application).where(
        Application.id == application_id, Application.programme_id == programme.id), actor),
        _l("No such application."))


def scope_pairings(stmt: Select, actor: User) -> Select:
    if is_programme_admin(actor):
        return stmt
    visible = [Pairing.mentor_id == actor.id, Pairing.mentee_id == actor.id]
    if is_national_admin(actor):
        visible.append(Pairing.application_id.in_(
            select(Application.id).where(Application.country_code == actor.country_code)))
    return stmt.where(or_(*visible))


def get_pairing(actor: User, pairing_id: int) -> Pairing:
    return one_or_404(scope_pairings(select(Pairing).where(Pairing.id == pairing_id), actor),
                      _l("No such pairing."))


def is_party(actor: User, pairing: Pairing) -> bool:
    return actor.id in (pairing.mentor_id, pairing.mentee_id)


def sees_private_notes(actor: User, pairing: Pairing) -> bool:
    """Private check-in notes: the pair and programme admins, never national admins."""
    return is_party(actor, pairing) or is_programme_admin(actor)


def require_party_or_programme_admin(actor: User, pairing: Pairing) -> None:
    """The pair edits its own plan; programme admins may step in."""
    if not sees_private_notes(actor, pairing):
        raise Forbidden(_l("Only the mentor, the mentee or a programme administrator may "
                           "do this."))


def require_party(actor: User, pairing: Pairing) -> None:
    if not is_party(actor, pairing):
        raise Forbidden(_l("Only the mentor or the mentee of this pairing may do this."))
