"""Progress events stored set-based: one INSERT for any number of events, one UPSERT of the
lesson states they fold into, and duplicates skipped by the database itself."""

from __future__ import annotations

from datetime import datetime
from functools import cache

from sqlalchemy import and_, bindparam, case, exists, func, or_, select, update

from ..courses.models import Lesson
from ..database import dialect_insert
from ..extensions import db
from .models import Enrollment, EnrollmentStatus, LessonProgress, ProgressEvent, ProgressKind


def earliest(current: datetime | None, candidate: datetime) -> datetime:
    return candidate if current is None or candidate < current else current


def lesson_facts(lesson_ids) -> dict:
    """What the rules need of each lesson (course, kind), by id, in one query."""
    lesson_ids = set(lesson_ids)
    if not lesson_ids:
        return {}
    return {row.id: row for row in db.session.execute(
        select(Lesson.id, Lesson.course_id, Lesson.kind).where(Lesson.id.in_(lesson_ids)))}


def progress_row(enrollment: Enrollment, lesson_id: int, kind: str, client_event_id: str, *,
                 occurred_at: datetime, now: datetime) -> dict:
    return {"enrollment_id": enrollment.id, "lesson_id": lesson_id, "kind": kind,
            "client_event_id": client_event_id, "occurred_at": occurred_at, "received_at": now}


def stored_event_keys(keys) -> set[tuple[int, str]]:
    """Which (enrolment id, client event id) pairs are stored already, in one query."""
    keys = set(keys)
    if not keys:
        return set()
    found = db.session.execute(select(ProgressEvent.enrollment_id, ProgressEvent.client_event_id)
                               .where(ProgressEvent.enrollment_id.in_({e for e, _ in keys}),
                                      ProgressEvent.client_event_id.in_({c for _, c in keys})))
    return {tuple(row) for row in found} & keys


def _sooner(candidate, current):
    """SQL: `candidate` is a time and `current` is none or later."""
    return and_(candidate.is_not(None), or_(current.is_(None), candidate < current))


def _earlier(current, candidate):
    """The earlier of two timestamps, either of which may be null (SQL, both dialects)."""
    return case((_sooner(candidate, current), candidate), else_=current)


@cache
def _writes(insert) -> tuple:
    """The two statements, built once per database: building them costs more than running
    them. `insert` is the database's INSERT construct."""
    events, states = ProgressEvent.__table__, LessonProgress.__table__
    new_events = (insert(events).on_conflict_do_nothing(
        index_elements=[events.c.enrollment_id, events.c.client_event_id])
        .returning(events.c.enrollment_id, events.c.client_event_id))
    upsert = insert(states)
    new = upsert.excluded
    fold = upsert.on_conflict_do_update(
        index_elements=[states.c.enrollment_id, states.c.lesson_id], set_={
            "first_viewed_at": _earlier(states.c.first_viewed_at, new.first_viewed_at),
            "completed_at": _earlier(states.c.completed_at, new.completed_at)},
        # A lesson seen again changes nothing: leave its row unwritten.
        where=or_(_sooner(new.first_viewed_at, states.c.first_viewed_at),
                  _sooner(new.completed_at, states.c.completed_at)))
    return new_events, fold


def store_progress(rows: list[dict]) -> set[tuple[int, str]]:
    """Insert progress events and fold them into the lesson states, two statements whatever
    the number of rows; return the (enrolment id, client event id) of those inserted. An
    event already stored under its client id is skipped by the database itself, so a replay,
    or the same event sent twice at once, counts once. Raises IntegrityError on any other
    conflict (a lesson or an enrolment deleted meanwhile)."""
    if not rows:
        return set()
    new_events, fold = _writes(dialect_insert())
    inserted = {tuple(row) for row in db.session.execute(new_events, rows)}
    folded: dict[tuple[int, int], dict] = {}
    for row in rows:
        if (row["enrollment_id"], row["client_event_id"]) not in inserted:
            continue
        key = (row["enrollment_id"], row["lesson_id"])
        state = folded.setdefault(key, {"enrollment_id": key[0], "lesson_id": key[1],
                                        "first_viewed_at": None, "completed_at": None})
        state["first_viewed_at"] = earliest(state["first_viewed_at"], row["occurred_at"])
        if row["kind"] == ProgressKind.COMPLETED:
            state["completed_at"] = earliest(state["completed_at"], row["occurred_at"])
    if folded:
        db.session.execute(fold, list(folded.values()))
    return inserted


def _counted_lessons(lessons):
    """SQL: the lessons of the course that the completion rule counts: the required ones, or
    every lesson when none is required."""
    others = lessons.alias("course_lessons")
    course_id = bindparam("rule_course_id")
    return and_(lessons.c.course_id == course_id, or_(
        lessons.c.required, ~exists().where(others.c.course_id == course_id, others.c.required)))


@cache
def completion_writes() -> tuple:
    """The completion rule as SQL, built once: the enrolment's progress percentage, and the
    conditional UPDATE that completes it at the time its last counted lesson was completed.
    Parameters: `rule_enrollment_id`, `rule_course_id` and, for the completion,
    `rule_now`."""
    lessons, states = Lesson.__table__, LessonProgress.__table__
    enrollments = Enrollment.__table__
    enrollment_id = bindparam("rule_enrollment_id")
    counted = _counted_lessons(lessons)
    of_enrollment = and_(states.c.lesson_id == lessons.c.id,
                         states.c.enrollment_id == enrollment_id)
    total, done = func.count(), func.count(states.c.completed_at)
    percent = (select(case((total == 0, 0), else_=100 * done // total))
               .select_from(lessons.outerjoin(states, of_enrollment))
               .where(counted).scalar_subquery())
    last_completed = (select(func.max(states.c.completed_at))
                      .select_from(lessons.join(states, of_enrollment))
                      .where(counted).scalar_subquery())
    complete = (update(enrollments)
                .where(enrollments.c.id == enrollment_id,
                       enrollments.c.status == EnrollmentStatus.ENROLLED, percent == 100)
                .values(status=EnrollmentStatus.COMPLETED, completed_at=last_completed,
                        updated_at=bindparam("rule_now", type_=enrollments.c.updated_at.type))
                .returning(enrollments.c.completed_at))
    return percent, complete


@cache
def percent_update(pending: tuple[str, ...]) -> object:
    """The enrolment's UPDATE that sets its progress percentage by the rule, with the
    `pending` columns the request changed (parameters `new_<column>`); without any, it
    writes only when the percentage moved. Returns the percentage and the status."""
    enrollments = Enrollment.__table__
    percent, _ = completion_writes()
    stmt = (update(enrollments).where(enrollments.c.id == bindparam("rule_enrollment_id"))
            .values(progress_percent=percent,
                    **{key: bindparam(f"new_{key}", type_=enrollments.c[key].type)
                       for key in pending})
            .returning(enrollments.c.progress_percent, enrollments.c.status))
    return stmt if pending else stmt.where(enrollments.c.progress_percent != percent)
