"""Offerings and enrolments: creating runs, enrolling, approving, withdrawing, the waitlist."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select, update

from .. import signals
from ..accounts.models import Role, User
from ..accounts.permissions import get_user, is_programme_admin
from ..audit.services import record
from ..courses.access import get_course
from ..courses.models import Course, CourseStatus
from ..courses.requirements import required_course_codes
from ..errors import Conflict, Forbidden, RuleViolation
from ..extensions import db
from .models import Enrollment, EnrollmentStatus, Offering, OfferingTrainer, TrainerRole
from .scoping import can_manage_offering, can_manage_person, require_offering_manager

logger = logging.getLogger(__name__)

OFFERING_FIELDS = ("title", "mode", "starts_at", "ends_at", "enrollment_deadline", "capacity",
                   "waitlist_enabled", "approval_required", "self_enrollment", "due_days",
                   "min_sessions_attended", "min_attendance_percent")


# Offerings -------------------------------------------------------------------------------


def create_offering(actor: User, data: dict, *, now: datetime) -> Offering:
    """Open a run of a published course. National admins open runs for their own country only.

    Raises Forbidden, NotFound (course not visible), Conflict (course not published) and
    RuleViolation (country does not fit the course, trainer not eligible).
    """
    course = get_course(actor, data["course_id"])
    if course.status != CourseStatus.PUBLISHED:
        raise Conflict(_l("Only a published course can be offered."),
                       type="course-not-published")
    country = data.get("country", None if is_programme_admin(actor) else actor.country_code)
    offering = Offering(course=course, country_code=country, created_by_id=actor.id,
                        created_at=now, updated_at=now)
    require_offering_manager(actor, offering)
    if course.owner_country_code is not None and country != course.owner_country_code:
        raise RuleViolation(errors={"country": [
            _l("A national course is offered in its own country only.")]})
    for field in OFFERING_FIELDS:
        if field in data:
            setattr(offering, field, data[field])
    _check_dates(offering)
    db.session.add(offering)
    _set_trainers(actor, offering, data.get("trainers", []), now=now)
    db.session.flush()
    record(actor, "offering.create", "offering", offering.id, country_code=offering.country_code,
           details={"course": course.code, "version": course.version}, now=now)
    return offering


def update_offering(actor: User, offering: Offering, data: dict, *, now: datetime) -> Offering:
    """Change an offering; raising its capacity promotes people from the waitlist."""
    require_offering_manager(actor, offering)
    if "capacity" in data and data["capacity"] is not None and data["capacity"] < (
        offering.seats_taken
    ):
        raise Conflict(_l("%(num)d people already hold a place; the capacity cannot be lower.",
                          num=offering.seats_taken), type="capacity-below-enrolled")
    changed = sorted(field for field in OFFERING_FIELDS
                     if field in data and getattr(offering, field) != data[field])
    for field in changed:
        setattr(offering, field, data[field])
    _check_dates(offering)
    if "trainers" in data:
        _set_trainers(actor, offering, data["trainers"], now=now)
        changed.append("trainers")
    if data.get("cancelled") and offering.cancelled_at is None:
        offering.cancelled_at = now
        changed.append("cancelled")
    offering.updated_at = now
    db.session.flush()
    promoted = promote_waitlist(offering, now=now)
    record(actor, "offering.update", "offering", offering.id, country_code=offering.country_code,
           details={"fields": changed, "promoted": [e.id for e in promoted]}, now=now)
    return offering


def _check_dates(offering: Offering) -> None:
    errors = {}
    if offering.ends_at is not None and offering.ends_at <= offering.starts_at:
        errors["ends_at"] = [_l("The end must come after the start.")]
    if offering.enrollment_deadline is not None and offering.ends_at is not None and (
        offering.enrollment_deadline > offering.ends_at
    ):
        errors["enrollment_deadline"] = [_l("The deadline must not come after the end.")]
    if errors:
        raise RuleViolation(errors=errors)


def _set_trainers(actor: User, offering: Offering, trainers: list[dict], *,
                  now: datetime) -> None:
    """Only a certified trainer of the course may lead it; co-facilitators need not be."""
    people = []
    for entry in trainers:
        person = get_user(actor, entry["user_id"]) if not is_programme_admin(actor) else (
            db.session.get(User, entry["user_id"]))
        if person is None or not person.has_role(Role.TRAINER):
            raise RuleViolation(errors={"trainers": [
                _l("User %(id)d is not a trainer.", id=entry["user_id"])]})
        role = entry.get("role", TrainerRole.CO_FACILITATOR)
        if role == TrainerRole.LEAD and signals.refused(
                signals.lead_trainer_wanted, person, course_code=offering.course.code, now=now):
            raise RuleViolation(errors={"trainers": [
                _l("%(name)s holds no valid trainer certificate for this course.",
                   name=person.name)]}, type="lead-trainer-not-certified")
        people.append(OfferingTrainer(user_id=person.id, role=role))
    offering.trainers = people


# Enrolment -------------------------------------------------------------------------------


def _take_seat(offering: Offering) -> bool:
    """Atomically take one place if one is free; the database decides, whatever runs at once."""
    result = db.session.execute(
        update(Offering)
        .where(Offering.id == offering.id,
               or_(Offering.capacity.is_(None), Offering.seats_taken < Offering.capacity))
        .values(seats_taken=Offering.seats_taken + 1)
        .execution_options(synchronize_session=False)
    )
    db.session.expire(offering, ["seats_taken"])
    return result.rowcount == 1


def _release_seat(offering: Offering) -> None:
    db.session.execute(
        update(Offering).where(Offering.id == offering.id)
        .values(seats_taken=Offering.seats_taken - 1)
        .execution_options(synchronize_session=False)
    )
    db.session.expire(offering, ["seats_taken"])


def missing_prerequisites(user: User, course: Course) -> list[str]:
    """Codes of courses the user must complete (any version) before this one."""
    codes = required_course_codes(user, course)
    if not codes:
        return []
    done = set(db.session.scalars(
        select(Course.code).join(Offering, Offering.course_id == Course.id)
        .join(Enrollment, Enrollment.offering_id == Offering.id)
        .where(Enrollment.user_id == user.id, Enrollment.status == EnrollmentStatus.COMPLETED,
               Course.code.in_(codes))
    ))
    return sorted(set(codes) - done)


def due_at(offering: Offering, *, now: datetime) -> datetime | None:
    """When a learner admitted `now` is due to finish."""
    return now + timedelta(days=offering.due_days) if offering.due_days else offering.ends_at


def _admit(enrollment: Enrollment, offering: Offering, *, now: datetime) -> None:
    """Mark an enrolment as holding the place just taken for it."""
    enrollment.status = EnrollmentStatus.ENROLLED
    enrollment.enrolled_at = now
    enrollment.waitlisted_at = None
    enrollment.due_at = due_at(offering, now=now)
    enrollment.updated_at = now


def _place(enrollment: Enrollment, offering: Offering, *, now: datetime) -> None:
    """Give the enrolment a place, or put it on the waitlist, or refuse when full."""
    if _take_seat(offering):
        _admit(enrollment, offering, now=now)
    elif offering.waitlist_enabled:
        enrollment.status = EnrollmentStatus.WAITLISTED
        enrollment.waitlisted_at = now
    else:
        raise Conflict(_l("This offering is full."), type="offering-full")


def enroll(actor: User, offering: Offering, user: User, *, now: datetime) -> Enrollment:
    """Enrol `user` (the actor, or someone an admin manages) in `offering`.

    Self-enrolment needs the offering to allow it and, with approval required, waits as
    pending. Raises Forbidden, Conflict (already enrolled, deadline passed, full without
    waitlist, cancelled, prerequisites missing).
    """
    by_admin = actor.id != user.id
    check_may_enrol(actor, offering, user)
    check_open(offering, user, now=now)
    enrollment = db.session.scalar(
        select(Enrollment).where(Enrollment.user_id == user.id,
                                 Enrollment.offering_id == offering.id)
    )
    check_not_enrolled(enrollment.status if enrollment is not None else None)
    if enrollment is None:
        enrollment = Enrollment(user=user, offering=offering, created_at=now,
                                status=EnrollmentStatus.PENDING)
        db.session.add(enrollment)
        db.session.flush()  # the unique key answers a double submission here
    enrollment.enrolled_by_id = actor.id
    enrollment.withdrawn_at = None
    enrollment.completed_at = None
    enrollment.updated_at = now
    if offering.approval_required and not by_admin:
        enrollment.status = EnrollmentStatus.PENDING
    else:
        _place(enrollment, offering, now=now)
    db.session.flush()
    if by_admin:
        record(actor, "enrollment.create", "enrollment", enrollment.id,
               country_code=user.country_code,
               details={"offering": offering.id, "user": user.id, "status": enrollment.status},
               now=now)
    return enrollment


def check_may_enrol(actor: User, offering: Offering, user: User) -> None:
    """An admin enrols the people they manage; anyone else only themselves, where allowed.
    Of `user` only `id` and `country_code` are read (a row will do)."""
    if actor.id != user.id and not (can_manage_person(actor, user) and (
        can_manage_offering(actor, offering) or offering.country_code is None
    )):
        raise Forbidden(_l("You may not enrol this person in this offering."))
    if actor.id == user.id and not offering.self_enrollment:
        raise Forbidden(_l("Enrolment in this offering is by an administrator only."),
                        type="self-enrollment-closed")


def check_not_enrolled(status: str | None) -> None:
    """Only a person with no enrolment (`status` None), or a withdrawn one, may enrol."""
    if status is not None and status != EnrollmentStatus.WITHDRAWN:
        raise Conflict(_l("Already enrolled in this offering."), type="already-enrolled")


def check_open(offering: Offering, user: User, *, now: datetime,
               missing: list[str] | None = None) -> None:
    """The offering takes `user` now; `missing` prerequisites when already known (then
    of `user` only `country_code` is read)."""
    if offering.cancelled_at is not None:
        raise Conflict(_l("This offering was cancelled."), type="offering-cancelled")
    if offering.course.status == CourseStatus.DRAFT:
        raise Conflict(_l("Only a published course can be offered."),
                       type="course-not-published")
    if offering.country_code is not None and offering.country_code != user.country_code:
        raise Conflict(_l("This offering is for another country."), type="wrong-country")
    deadline = offering.enrollment_deadline or offering.ends_at
    if deadline is not None and now > deadline:
        raise Conflict(_l("The enrolment deadline has passed."), type="deadline-passed")
    if missing is None:
        missing = missing_prerequisites(user, offering.course)
    if missing:
        raise Conflict(
            _l("Complete these courses first: %(codes)s.", codes=", ".join(missing)),
            type="prerequisites-missing", extra={"missing_courses": missing},
        )


def change_status(actor: User, enrollment: Enrollment, status: str, *,
                  now: datetime) -> Enrollment:
    """Withdraw (the learner or an admin), or admit a pending or waitlisted enrolment (an
    admin).

    Withdrawal frees the place for the first person on the waitlist.
    """
    own = actor.id == enrollment.user_id
    manages = can_manage_person(actor, enrollment.user)
    enrollment = _locked(enrollment)
    if status == EnrollmentStatus.WITHDRAWN:
        if not (own or manages):
            raise Forbidden(_l("You may not withdraw this enrolment."))
        if enrollment.status in (EnrollmentStatus.WITHDRAWN, EnrollmentStatus.COMPLETED):
            raise Conflict(_l("This enrolment cannot be withdrawn any more."),
                           type="invalid-transition")
        held = enrollment.holds_seat
        enrollment.status = EnrollmentStatus.WITHDRAWN
        enrollment.withdrawn_at = now
        enrollment.waitlisted_at = None
        if held:
            _release_seat(enrollment.offering)
            db.session.flush()
            promote_waitlist(enrollment.offering, now=now)
    elif status == EnrollmentStatus.ENROLLED:
        if not manages:
            raise Forbidden(_l("Only an administrator may approve enrolments."))
        how = _admit_chosen(enrollment, now=now)
        if enrollment.status == EnrollmentStatus.ENROLLED:
            db.session.flush()
            signals.enrollment_admitted.send(enrollment, now=now, how=how)
    else:
        raise RuleViolation(errors={"status": [_l("Set withdrawn or enrolled.")]})
    enrollment.updated_at = now
    db.session.flush()
    if not own:
        record(actor, f"enrollment.{status}", "enrollment", enrollment.id,
               country_code=enrollment.user.country_code, details={"status": status}, now=now)
    return enrollment


def _admit_chosen(enrollment: Enrollment, *, now: datetime) -> str:
    """An admin admits this enrolment: a pending one is placed (or waitlisted when full); a
    waitlisted one takes a free place ahead of its turn, and is refused when none is free
    (raising the capacity moves the waiting list up in order). Returns how it was admitted."""
    if enrollment.status == EnrollmentStatus.WAITLISTED:
        if not _take_seat(enrollment.offering):
            raise Conflict(_l("No place is free: raise the capacity first; the waiting list "
                              "then moves up in order."), type="offering-full")
        _admit(enrollment, enrollment.offering, now=now)
        return "waitlist-promoted"
    if enrollment.status != EnrollmentStatus.PENDING:
        raise Conflict(_l("Only a pending or waitlisted enrolment can be admitted."),
                       type="invalid-transition")
    _place(enrollment, enrollment.offering, now=now)
    return "enrolment-approved"


def _locked(enrollment: Enrollment) -> Enrollment:
    """The enrolment read again under a row lock (PostgreSQL; SQLite's writers queue for the
    whole request), so that concurrent status changes of one enrolment run one after the
    other and each sees what the previous one did: a place is released or taken once."""
    stmt = (select(Enrollment).where(Enrollment.id == enrollment.id)
            .execution_options(populate_existing=True))
    if db.session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update(of=Enrollment)
    return db.session.scalars(stmt).one()


def promote_waitlist(offering: Offering, *, now: datetime) -> list[Enrollment]:
    """Give free places to the waitlist, first come first served; return who moved up.

    The waiting rows are locked as they are read (skipping those a concurrent promotion
    holds), so nobody is promoted twice."""
    promoted = []
    stmt = (select(Enrollment)
            .where(Enrollment.offering_id == offering.id,
                   Enrollment.status == EnrollmentStatus.WAITLISTED)
            .order_by(Enrollment.waitlisted_at, Enrollment.id)
            .execution_options(populate_existing=True))
    if db.session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update(of=Enrollment, skip_locked=True)
    waiting = db.session.scalars(stmt).all()
    for enrollment in waiting:
        if not _take_seat(offering):
            break
        _admit(enrollment, offering, now=now)
        promoted.append(enrollment)
    db.session.flush()
    for enrollment in promoted:
        signals.enrollment_admitted.send(enrollment, now=now, how="waitlist-promoted")
    if promoted:
        logger.info("offering %s: promoted %s from the waitlist", offering.id,
                    [e.id for e in promoted])
    return promoted
