"""Planning an offering's sessions: dated in the offering country's zone on the way in, UTC in
the database, shown in each reader's zone. A session ends after it starts, falls within its
offering's dates, and never overlaps another of the same trainer's; moving one that already
has attendance needs a confirmation and keeps the register. Every change grows the session's
sequence and tells the enrolled (signal `session_changed`: calendar updates go out)."""

from __future__ import annotations

import secrets
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import exists, select

from .. import signals
from ..accounts.models import User
from ..audit.services import record
from ..enrollments.models import Offering
from ..enrollments.scoping import get_offering, require_offering_manager
from ..errors import Conflict, NotFound, RuleViolation
from ..extensions import db
from .models import Attendance, Session, SessionPerson, SpeakerRole

FIELDS = ("title", "starts_at", "ends_at", "venue", "meeting_url", "capacity", "materials")


def _check(offering: Offering, session: Session, trainer_ids: list[int]) -> None:
    errors: dict[str, list] = {}
    if session.ends_at <= session.starts_at:
        errors["ends_at"] = [_l("The session must end after it starts.")]
    elif session.starts_at < offering.starts_at or (
            offering.ends_at is not None and session.ends_at > offering.ends_at):
        errors["starts_at"] = [_l("The session must fall within the offering's dates.")]
    if not errors and trainer_ids:
        clash = db.session.scalar(select(Session.id).join(
            SessionPerson, SessionPerson.session_id == Session.id).where(
            SessionPerson.user_id.in_(trainer_ids), Session.cancelled_at.is_(None),
            Session.id != (session.id or 0), Session.starts_at < session.ends_at,
            Session.ends_at > session.starts_at).limit(1))
        if clash:
            errors["trainers"] = [_l("A trainer has another session at that time.")]
    if errors:
        raise RuleViolation(errors=errors)


def _people(offering: Offering, data: dict) -> list[SessionPerson]:
    """Trainers (users of the offering's trainers, by default all of them) and speakers."""
    people = []
    trainer_ids = data.get("trainer_ids")
    if trainer_ids is None:
        trainer_ids = [row.user_id for row in offering.trainers]
    for user in db.session.scalars(select(User).where(User.id.in_(trainer_ids))):
        people.append(SessionPerson(user_id=user.id, name=user.name, gender=user.gender,
                                    role=SpeakerRole.TRAINER.value))
    if len(people) != len(set(trainer_ids)):
        raise RuleViolation(errors={"trainer_ids": [_l("No such user.")]})
    for speaker in data.get("speakers", []):
        people.append(SessionPerson(name=speaker["name"], gender=speaker["gender"],
                                    role=SpeakerRole.SPEAKER.value))
    return people


def plan_session(actor: User, offering: Offering, data: dict, *, now: datetime) -> Session:
    require_offering_manager(actor, offering)
    session = Session(offering_id=offering.id, offering=offering,
                      uid=f"session-{secrets.token_hex(12)}", sequence=0, created_at=now,
                      updated_at=now, **{key: data.get(key) for key in FIELDS})
    people = _people(offering, data)
    _check(offering, session, [p.user_id for p in people if p.user_id])
    session.people = people
    db.session.add(session)
    db.session.flush()
    record(actor, "session.create", "session", session.id, country_code=offering.country_code,
           details={"offering": offering.id}, now=now)
    signals.session_changed.send(session, change="new", now=now)
    return session


def has_attendance(session: Session) -> bool:
    return bool(db.session.scalar(select(exists().where(Attendance.session_id == session.id))))


def change_session(actor: User, session: Session, data: dict, *, now: datetime) -> Session:
    """Change a session; moving one with attendance needs `confirm`, and keeps it."""
    require_offering_manager(actor, session.offering)
    if session.cancelled_at is not None:
        raise Conflict(_l("This session is cancelled."), type="session-cancelled")
    moved = any(key in data and data[key] != getattr(session, key)
                for key in ("starts_at", "ends_at"))
    if moved and not data.get("confirm") and has_attendance(session):
        raise Conflict(_l("This session has attendance already: confirm the move, the "
                          "register is kept."), type="confirm-move")
    for key in FIELDS:
        if key in data:
            setattr(session, key, data[key])
    if "trainer_ids" in data or "speakers" in data:
        session.people = _people(session.offering, data)
    _check(session.offering, session,
           [p.user_id for p in session.people if p.user_id and p.role == SpeakerRole.TRAINER])
    session.sequence += 1
    session.updated_at = now
    db.session.flush()
    record(actor, "session.update", "session", session.id,
           country_code=session.offering.country_code, details={"moved": moved}, now=now)
    signals.session_changed.send(session, change="moved" if moved else "changed", now=now)
    return session


def cancel_session(actor: User, session: Session, *, now: datetime) -> Session:
    require_offering_manager(actor, session.offering)
    if session.cancelled_at is not None:
        raise Conflict(_l("This session is cancelled already."), type="session-cancelled")
    session.cancelled_at, session.updated_at = now, now
    session.sequence += 1
    db.session.flush()
    record(actor, "session.cancel", "session", session.id,
           country_code=session.offering.country_code, now=now)
    signals.session_changed.send(session, change="cancelled", now=now)
    return session


def sessions_query(offering: Offering):
    return (select(Session).where(Session.offering_id == offering.id)
            .order_by(Session.starts_at, Session.id))


def get_session(actor: User, session_id: int, *, manage: bool = False) -> Session:
    """A session of an offering the actor may see (as a learner, a trainer or an admin)."""
    session = db.session.get(Session, session_id)
    if session is None:
        raise NotFound(_l("No such session."))
    offering = get_offering(actor, session.offering_id)
    if manage:
        require_offering_manager(actor, offering)
    return session
