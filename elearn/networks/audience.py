"""Who belongs to a space, and what a person may do in it.

A space's members are the people its audience admits (in its countries, when it names any)
and the people named on it (invited, or moderators). Programme admins see and moderate every
space; a national admin sees the spaces open to their country's officers and moderates those
of their country alone. Anyone else sees a space only as a member: for them the others do
not exist (404). A suspended member still reads what was there before the suspension,
nothing newer, and writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, exists, false, literal, or_, select, true, union, union_all

from ..accounts.models import RoleAssignment, User
from ..accounts.permissions import is_national_admin, is_programme_admin
from ..certification.models import Certificate, CertificateKind
from ..errors import Forbidden, NotFound
from ..extensions import db
from ..mentoring.models import Application, ApplicationStatus, ProgrammeMentor
from .models import Audience, MemberRole, Space, SpaceCountry, SpaceMember


def _admitted(space: Space, user=User, *, now: datetime):
    """SQL: the audience admits `user` (a row of User), countries aside."""
    if space.audience == Audience.COUNTRIES:
        return true()
    if space.audience == Audience.PROGRAMME:
        return or_(
            exists().where(Application.applicant_id == user.id,
                           Application.programme_id == space.programme_id,
                           Application.status == ApplicationStatus.SELECTED),
            exists().where(ProgrammeMentor.mentor_id == user.id,
                           ProgrammeMentor.programme_id == space.programme_id))
    if space.audience == Audience.ROLES:
        return exists().where(RoleAssignment.user_id == user.id,
                              RoleAssignment.role.in_(space.roles or []))
    if space.audience == Audience.CERTIFIED_TRAINERS:
        return exists().where(Certificate.holder_id == user.id,
                              Certificate.kind == CertificateKind.TRAINER,
                              Certificate.revoked_at.is_(None),
                              or_(Certificate.expires_at.is_(None),
                                  Certificate.expires_at > now))
    return false()


def audience_condition(space: Space, user=User, *, now: datetime):
    """SQL: `user` is admitted by the audience, in the space's countries."""
    condition = _admitted(space, user, now=now)
    if space.countries:
        condition = and_(condition, user.country_code.in_(space.countries))
    return condition


def member_ids(space: Space, *, now: datetime):
    """A select of the ids of the space's active members (suspended ones included)."""
    return union(
        select(User.id).where(User.active, audience_condition(space, now=now)),
        select(SpaceMember.user_id).join(User, User.id == SpaceMember.user_id)
        .where(SpaceMember.space_id == space.id, User.active))


def spaces_of(user: User, spaces: list[Space], *, now: datetime) -> set[int]:
    """The ids of those of `spaces` that `user` belongs to, in one statement."""
    if not spaces:
        return set()
    admitted = [select(literal(space.id).label("space_id")).where(
        User.id == user.id, audience_condition(space, now=now)) for space in spaces]
    named = select(SpaceMember.space_id).where(SpaceMember.user_id == user.id)
    return set(db.session.scalars(union_all(*admitted, named)))


@dataclass(frozen=True)
class Access:
    """What one person may do in one space."""

    space: Space
    member: bool
    moderator: bool
    suspended_at: datetime | None = None

    @property
    def can_write(self) -> bool:
        return self.suspended_at is None

    def require_write(self) -> None:
        if not self.can_write:
            raise Forbidden(_l("You are suspended from this space."), type="suspended")

    def require_moderator(self) -> None:
        if not self.moderator:
            raise Forbidden(_l("Only the space's moderators may do this."))

    def seen_until(self) -> datetime | None:
        """The last moment whose posts this person may read (None: everything)."""
        return None if self.moderator else self.suspended_at


def admin_sees(actor: User, space: Space) -> bool:
    """A programme admin sees every space; a national admin those open to their country."""
    if is_programme_admin(actor):
        return True
    if not is_national_admin(actor):
        return False
    if space.countries:
        return actor.country_code in space.countries
    return space.audience != Audience.INVITED


def admin_moderates(actor: User, space: Space) -> bool:
    return is_programme_admin(actor) or (
        is_national_admin(actor) and space.countries == [actor.country_code])


def _access(actor: User, space: Space, row: SpaceMember | None, member: bool) -> Access:
    moderator = (row is not None and row.role == MemberRole.MODERATOR) or admin_moderates(
        actor, space)
    suspended = row.suspended_at if row is not None and not moderator else None
    return Access(space, member, moderator, suspended)


def access(actor: User, space: Space, *, now: datetime) -> Access:
    """The actor's access to the space; NotFound when they may not see it at all."""
    row = db.session.get(SpaceMember, (space.id, actor.id))
    member = row is not None or space.id in spaces_of(actor, [space], now=now)
    if not member and not admin_sees(actor, space):
        raise NotFound(_l("No such space."))
    return _access(actor, space, row, member)


def get_space(actor: User, space_id: int, *, now: datetime) -> Access:
    space = db.session.get(Space, space_id)
    if space is None:
        raise NotFound(_l("No such space."))
    return access(actor, space, now=now)


def my_spaces(actor: User, *, now: datetime) -> list[Access]:
    """The actor's access to each space they belong to or oversee, by id: four statements
    whatever the number of spaces."""
    spaces = list(db.session.scalars(select(Space).order_by(Space.id)))
    mine = spaces_of(actor, spaces, now=now)
    rows = {row.space_id: row for row in db.session.scalars(
        select(SpaceMember).where(SpaceMember.user_id == actor.id))}
    return [_access(actor, space, rows.get(space.id), space.id in mine) for space in spaces
            if space.id in mine or admin_sees(actor, space)]


def country_spaces(country_code: str):
    """SQL: ids of the spaces open to a country's officers (naming it, or no country)."""
    named = select(SpaceCountry.space_id).where(SpaceCountry.country_code == country_code)
    return or_(Space.id.in_(named), ~exists().where(SpaceCountry.space_id == Space.id))
