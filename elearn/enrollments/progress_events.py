"""Progress events stored set-based: one INSERT for any number of events, one UPSERT of the
lesson states they fold into, and duplicates skipped by the database itself."""

from __future__ import annotations

from datetime import datetime
from functools import cache

from sqlalchemy import and_, case, or_, select

from ..courses.models import Lesson
from ..database import dialect_insert
from ..extensions import db
from .models import Enrollment, LessonProgress, ProgressEvent, ProgressKind


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
    """SQL: ``candidate`` is a time and ``current`` is none or later."""
    return and_(candidate.is_not(None), or_(current.is_(None), candidate < current))


def _earlier(current, candidate):
    """The earlier of two timestamps, either of which may be null (SQL, both dialects)."""
    return case((_sooner(candidate, current), candidate), else_=current)


@cache
def _writes(insert) -> tuple:
    """The two statements, built once per database: building them costs more than running
    them. ``insert`` is the database's INSERT construct."""
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
