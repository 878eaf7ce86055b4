"""Creating spaces, and the people named on them: invited members, moderators, suspensions.

Admins create spaces: a programme admin any, a national admin only a space of their own
country. Only an admin who moderates a space names its members and moderators (and only
people they may see); every moderator may suspend a member. Every change is audited.
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..accounts.models import Country, User
from ..accounts.permissions import (
    is_programme_admin,
    require_admin,
    scope_users,
)
from ..audit.services import record
from ..errors import Conflict, Forbidden, NotFound, RuleViolation, one_or_404
from ..extensions import db
from ..mentoring.models import Programme
from .audience import Access, admin_moderates, member_ids
from .models import Audience, MemberRole, Space, SpaceCountry, SpaceMember

EDITABLE = ("name", "description", "rule", "language", "audience", "programme_id", "roles")


def _audit_country(space: Space) -> str | None:
    return space.countries[0] if len(space.countries) == 1 else None


def _check(actor: User, data: dict, countries: list[str]) -> None:
    errors: dict[str, list] = {}
    if data["language"] not in data["name"]:
        errors["name"] = [_l("Give the name in the space's language (%(language)s).",
                             language=data["language"])]
    if data["audience"] == Audience.PROGRAMME and (
            data.get("programme_id") is None
            or db.session.get(Programme, data["programme_id"]) is None):
        errors["programme_id"] = [_l("Name the programme whose participants it is for.")]
    if data["audience"] == Audience.ROLES and not data.get("roles"):
        errors["roles"] = [_l("Name the roles whose holders it is for.")]
    known = set(db.session.scalars(select(Country.code).where(Country.code.in_(countries))))
    if set(countries) - known:
        errors["countries"] = [_l("Unknown country: %(code)s.",
                                  code=sorted(set(countries) - known)[0])]
    if not is_programme_admin(actor) and countries != [actor.country_code]:
        errors["countries"] = [_l("A national space is for your own country alone.")]
    if errors:
        raise RuleViolation(errors=errors)


def create_space(actor: User, data: dict, *, now: datetime) -> Space:
    require_admin(actor)
    data = dict(data)
    countries = sorted(set(data.pop("countries", None) or (
        [] if is_programme_admin(actor) else [actor.country_code])))
    _check(actor, data, countries)
    if data["audience"] != Audience.PROGRAMME:
        data["programme_id"] = None
    space = Space(**{key: data.get(key) for key in EDITABLE if key in data},
                  created_by_id=actor.id, created_at=now, updated_at=now,
                  country_rows=[SpaceCountry(country_code=code) for code in countries])
    db.session.add(space)
    db.session.flush()
    record(actor, "space.create", "space", space.id, country_code=_audit_country(space),
           details={"audience": space.audience, "countries": countries}, now=now)
    return space


def update_space(actor: User, place: Access, data: dict, *, now: datetime) -> Space:
    space = place.space
    if not admin_moderates(actor, space):
        raise Forbidden(_l("Only the space's administrators may change it."))
    current = {key: getattr(space, key) for key in EDITABLE} | {"countries": space.countries}
    merged = current | data
    countries = sorted(set(merged["countries"] or []))
    _check(actor, merged, countries)
    for key in EDITABLE:
        if key in data:
            setattr(space, key, data[key])
    if space.audience != Audience.PROGRAMME:
        space.programme_id = None
    if "countries" in data and countries != space.countries:
        space.country_rows = [SpaceCountry(country_code=code) for code in countries]
    space.updated_at = now
    db.session.flush()
    record(actor, "space.update", "space", space.id, country_code=_audit_country(space),
           details={"fields": sorted(data)}, now=now)
    return space


def _person(actor: User, user_id: int) -> User:
    return one_or_404(scope_users(select(User).where(User.id == user_id), actor),
                      _l("No such user."))


def name_member(actor: User, place: Access, user_id: int, role: str, *,
                now: datetime) -> SpaceMember:
    """Invite a person, or make them a moderator (or a member again)."""
    if not admin_moderates(actor, place.space):
        raise Forbidden(_l("Only the space's administrators may name its members."))
    person = _person(actor, user_id)
    row = db.session.get(SpaceMember, (place.space.id, person.id))
    if row is None:
        row = SpaceMember(space_id=place.space.id, user_id=person.id, added_by_id=actor.id,
                          created_at=now)
        db.session.add(row)
    row.role = role
    db.session.flush()
    record(actor, f"space.{role}", "space", place.space.id,
           country_code=person.country_code, details={"user": person.id}, now=now)
    return row


def unname_member(actor: User, place: Access, user_id: int, *, now: datetime) -> None:
    """Take a person's name off the space: an invitation or a moderator's role ends (the
    audience may still admit them); a suspension is lifted with `suspend`, not here."""
    if not admin_moderates(actor, place.space):
        raise Forbidden(_l("Only the space's administrators may name its members."))
    row = db.session.get(SpaceMember, (place.space.id, user_id))
    if row is None:
        raise NotFound(_l("This person is not named on the space."))
    if row.suspended_at is not None:
        raise Conflict(_l("Lift the suspension first."), type="member-suspended")
    db.session.delete(row)
    db.session.flush()
    record(actor, "space.unname", "space", place.space.id, country_code=row.user.country_code,
           details={"user": user_id}, now=now)


def suspend(actor: User, place: Access, user_id: int, reason: str | None, *,
            now: datetime, lift: bool = False) -> SpaceMember:
    """Suspend a member from the space (with a reason), or lift the suspension."""
    place.require_moderator()
    space = place.space
    person = db.session.get(User, user_id)
    if person is None or not is_member(space, user_id, now=now):
        raise NotFound(_l("This person is not a member of the space."))
    row = db.session.get(SpaceMember, (space.id, user_id))
    if row is not None and row.role == MemberRole.MODERATOR and not lift:
        raise Conflict(_l("A moderator cannot be suspended; take the role away first."),
                       type="member-is-moderator")
    if lift:
        if row is None or row.suspended_at is None:
            raise Conflict(_l("This member is not suspended."), type="not-suspended")
        row.suspended_at, row.suspended_reason = None, None
    else:
        if not reason:
            raise RuleViolation(errors={"reason": [_l("Give the reason.")]})
        if row is None:
            row = SpaceMember(space_id=space.id, user_id=user_id, added_by_id=actor.id,
                              created_at=now, role=MemberRole.MEMBER.value)
            db.session.add(row)
        if row.suspended_at is not None:
            raise Conflict(_l("This member is suspended already."), type="suspended-already")
        row.suspended_at, row.suspended_reason = now, reason
    db.session.flush()
    record(actor, "space.unsuspend" if lift else "space.suspend", "space", space.id,
           country_code=person.country_code, details={"user": user_id, "reason": reason},
           now=now)
    return row


def is_member(space: Space, user_id: int, *, now: datetime) -> bool:
    found = member_ids(space, now=now).subquery("members")
    return db.session.scalar(select(found.c.id).where(found.c.id == user_id)) is not None


def members_query(space: Space, *, now: datetime):
    """The members, by name, with their role and suspension on the space (if named)."""
    found = member_ids(space, now=now).subquery("members")
    return (select(User, SpaceMember)
            .join(found, found.c.id == User.id)
            .outerjoin(SpaceMember, (SpaceMember.user_id == User.id)
                       & (SpaceMember.space_id == space.id))
            .order_by(User.name, User.id))
