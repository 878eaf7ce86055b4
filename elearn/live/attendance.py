"""The attendance register: the offering's trainers (or its admins) mark each participant
present, late, absent or excused, one by one or many at once. Marking can complete an
enrolment that waited for its attendance minimum."""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import case, func, select

from ..accounts.models import User
from ..audit.services import record
from ..database import dialect_insert
from ..enrollments import progress
from ..enrollments.models import Enrollment, EnrollmentStatus, Offering
from ..enrollments.scoping import can_manage_offering, is_trainer_of
from ..errors import Forbidden, RuleViolation
from ..extensions import db
from .models import ATTENDED, Attendance, Session

ON_REGISTER = (EnrollmentStatus.ENROLLED, EnrollmentStatus.COMPLETED, EnrollmentStatus.FAILED)


def require_register_keeper(actor: User, offering: Offering) -> None:
    if not (is_trainer_of(actor, offering) or can_manage_offering(actor, offering)):
        raise Forbidden(_l("Only the offering's trainers and administrators keep its register."))


def register(session: Session) -> list[tuple[Enrollment, User, str | None]]:
    """Each participant of the session's offering, by name, with the status marked."""
    rows = db.session.execute(
        select(Enrollment, User, Attendance.status)
        .join(User, User.id == Enrollment.user_id)
        .outerjoin(Attendance, (Attendance.enrollment_id == Enrollment.id)
                   & (Attendance.session_id == session.id))
        .where(Enrollment.offering_id == session.offering_id,
               Enrollment.status.in_(ON_REGISTER))
        .order_by(User.name, User.id)).all()
    return [(enrollment, user, status) for enrollment, user, status in rows]


def mark(actor: User, session: Session, marks: list[dict], *, now: datetime) -> int:
    """Record statuses ({enrollment_id, status}); how many were recorded."""
    require_register_keeper(actor, session.offering)
    if session.cancelled_at is not None:
        raise RuleViolation(_l("This session is cancelled."), type="session-cancelled")
    ids = {item["enrollment_id"] for item in marks}
    enrollments = {row.id: row for row in db.session.scalars(select(Enrollment).where(
        Enrollment.id.in_(ids), Enrollment.offering_id == session.offering_id,
        Enrollment.status.in_(ON_REGISTER)))}
    if set(ids) - set(enrollments):
        raise RuleViolation(errors={"marks": [_l("Only the offering's participants can be "
                                                 "marked.")]})
    for item in marks:
        db.session.execute(dialect_insert()(Attendance).values(
            session_id=session.id, enrollment_id=item["enrollment_id"], status=item["status"],
            marked_by_id=actor.id, marked_at=now).on_conflict_do_update(
            index_elements=["session_id", "enrollment_id"],
            set_={"status": item["status"], "marked_by_id": actor.id, "marked_at": now}))
    db.session.flush()
    for enrollment in enrollments.values():
        if enrollment.status == EnrollmentStatus.ENROLLED:
            progress.evaluate_completion(enrollment, now=now)
    record(actor, "session.register", "session", session.id,
           country_code=session.offering.country_code, details={"marked": len(marks)}, now=now)
    return len(marks)


def attendance_of(enrollment: Enrollment) -> dict:
    """Sessions held so far, attended, and whether the minimum is met."""
    offering = enrollment.offering
    held, attended = db.session.execute(
        select(func.count(Session.id),
               func.count(case((Attendance.status.in_(ATTENDED), 1))))
        .outerjoin(Attendance, (Attendance.session_id == Session.id)
                   & (Attendance.enrollment_id == enrollment.id))
        .where(Session.offering_id == offering.id, Session.cancelled_at.is_(None))).one()
    needed = offering.min_sessions_attended
    if offering.min_attendance_percent is not None:
        needed = max(needed or 0, -(-held * offering.min_attendance_percent // 100))
    return {"sessions": held, "attended": attended, "required": needed,
            "met": needed is None or attended >= needed}


def completion_allowed(enrollment: Enrollment) -> bool:
    offering = enrollment.offering
    if offering.min_sessions_attended is None and offering.min_attendance_percent is None:
        return True
    return attendance_of(enrollment)["met"]
