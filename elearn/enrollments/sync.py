"""Offline sync: a batch of progress events and quiz attempts recorded without a connection.

Each event carries the client's id and the time it happened. Every event is checked first, in
the order they happened, so a bad event is rejected alone; the progress events that pass are
then stored together (one INSERT of the events, one of their lesson states) and the quiz
attempts one by one, each inside a savepoint. The batch commits as one transaction, so a
dropped connection leaves either all of it or none of it, and a resent batch finds its events
as duplicates.
"""

from __future__ import annotations

from datetime import datetime

import marshmallow as ma
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from ..accounts.models import User
from ..courses.models import Quiz
from ..database import begin_writing
from ..errors import ElearnError, RuleViolation, translate_messages
from ..extensions import db
from ..web.edge import has_unstorable
from . import progress, progress_events
from .schemas import SyncEventSchema
from .scoping import get_enrollment

EVENT_SCHEMA = SyncEventSchema()  # built once: building it costs more than loading an event
CONFLICT = _l("This conflicts with data that already exists.")


def _rejected(event_id, reason: dict) -> dict:
    return {"id": event_id, "status": "rejected", "reason": reason}


def _rejection(error: ElearnError) -> dict:
    reason = {"type": error.type, "detail": str(error.detail or error.title)}
    if error.errors:
        reason["errors"] = translate_messages(error.errors)
    return reason


def _parse(raw_events: list, results: list) -> list[tuple[int, dict]]:
    """The well-formed events with their position, in the order they happened."""
    parsed = []
    for index, raw in enumerate(raw_events):
        client_id = raw.get("id") if isinstance(raw, dict) else None
        if isinstance(client_id, str) and has_unstorable(client_id):
            client_id = None  # echoed back: never text no client can store
        try:
            parsed.append((index, EVENT_SCHEMA.load(raw)))
        except ma.ValidationError as error:
            results[index] = _rejected(client_id, {
                "type": "validation-failed", "detail": str(_l("The event is malformed.")),
                "errors": translate_messages(error.messages)})
    return sorted(parsed, key=lambda item: (item[1]["occurred_at"], item[0]))


class _Batch:
    """What the checks of a batch read once: its enrolments, lessons and stored events."""

    def __init__(self, actor: User, events: list[dict]):
        self.actor, self.enrollments = actor, {}
        for enrollment_id in dict.fromkeys(event["enrollment_id"] for event in events):
            try:
                self.enrollments[enrollment_id] = get_enrollment(actor, enrollment_id,
                                                                 *progress.FOR_PROGRESS)
            except ElearnError as error:
                self.enrollments[enrollment_id] = error
        steps = [event for event in events if event["type"] == "progress"]
        self.lessons = progress_events.lesson_facts(
            event["lesson_id"] for event in steps if "lesson_id" in event)
        self.seen = progress_events.stored_event_keys(
            (event["enrollment_id"], event["id"]) for event in steps)

    def enrollment(self, event: dict):
        found = self.enrollments[event["enrollment_id"]]
        if isinstance(found, ElearnError):
            raise found
        return found

    def check_progress(self, event: dict, *, now: datetime) -> dict | None:
        """The row to store, or None for a duplicate; raises why the event is rejected."""
        enrollment = self.enrollment(event)
        if "lesson_id" not in event or "kind" not in event:
            raise RuleViolation(errors={
                "lesson_id": [_l("A progress event needs lesson_id and kind.")]})
        occurred_at = progress.check_progress(
            self.actor, enrollment, self.lessons.get(event["lesson_id"]), event["kind"],
            occurred_at=event["occurred_at"], now=now)
        key = (enrollment.id, event["id"])
        if key in self.seen:
            return None
        self.seen.add(key)
        return progress_events.progress_row(enrollment, event["lesson_id"], event["kind"],
                                     event["id"], occurred_at=occurred_at, now=now)


def _store(rows: list[tuple[int, dict]], results: list) -> set:
    """Store the checked progress events together; should that meet a conflict other than a
    duplicate (a lesson or an enrolment deleted meanwhile), one by one to find which."""
    try:
        with db.session.begin_nested():
            inserted = progress_events.store_progress([row for _, row in rows])
    except IntegrityError:
        inserted = set()
        for index, row in rows:
            try:
                with db.session.begin_nested():
                    inserted |= progress_events.store_progress([row])
            except IntegrityError:
                results[index] = _rejected(row["client_event_id"], {
                    "type": "conflict", "detail": str(CONFLICT)})
    for index, row in rows:
        if results[index] is None:
            key = (row["enrollment_id"], row["client_event_id"])
            results[index] = {"id": row["client_event_id"],
                              "status": "accepted" if key in inserted else "duplicate"}
    return {enrollment_id for enrollment_id, _ in inserted}


def _attempt(batch: _Batch, event: dict, *, now: datetime) -> str:
    enrollment = batch.enrollment(event)
    quiz = db.session.get(Quiz, event.get("quiz_id", 0))
    if quiz is None or "answers" not in event:
        raise RuleViolation(errors={
            "quiz_id": [_l("A quiz attempt needs a known quiz_id and answers.")]})
    status, _ = progress.submit_attempt(batch.actor, quiz, event["answers"],
                                        enrollment=enrollment, client_attempt_id=event["id"],
                                        occurred_at=event["occurred_at"], now=now)
    return status


def apply_batch(actor: User, raw_events: list, *, now: datetime) -> list[dict]:
    """Apply what can be applied; return one result per event, in the order sent."""
    results: list[dict | None] = [None] * len(raw_events)
    parsed = _parse(raw_events, results)
    batch = _Batch(actor, [event for _, event in parsed])
    rows, attempts = [], []
    for index, event in parsed:
        try:
            if event["type"] != "progress":
                batch.enrollment(event)
                attempts.append((index, event))
            elif (row := batch.check_progress(event, now=now)) is None:
                results[index] = {"id": event["id"], "status": "duplicate"}
            else:
                rows.append((index, row))
        except ElearnError as error:
            results[index] = _rejected(event["id"], _rejection(error))
    begin_writing()
    for enrollment_id in _store(rows, results):
        batch.enrollments[enrollment_id].updated_at = now
    for index, event in attempts:
        try:
            with db.session.begin_nested():
                results[index] = {"id": event["id"], "status": _attempt(batch, event, now=now)}
        except ElearnError as error:
            results[index] = _rejected(event["id"], _rejection(error))
        except IntegrityError:
            results[index] = _rejected(event["id"], {"type": "conflict", "detail": str(CONFLICT)})
    # Progress is folded per lesson; the completion rule is checked once per enrolment.
    for enrollment in batch.enrollments.values():
        if not isinstance(enrollment, ElearnError):
            progress.evaluate_completion(enrollment, now=now)
    return results
