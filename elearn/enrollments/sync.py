"""Offline sync: a batch of progress events and quiz attempts recorded without a connection.

Each event carries the client's id and the time it happened. Events are applied in the order
they happened, each inside a savepoint, so a bad event is rejected alone; the batch commits as
one transaction, so a dropped connection leaves either all of it or none of it, and a resent
batch finds its events as duplicates.
"""

from __future__ import annotations

from datetime import datetime

import marshmallow as ma
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from ..accounts.models import User
from ..courses.models import Quiz
from ..errors import ElearnError, RuleViolation, translate_messages
from ..extensions import db
from .progress import evaluate_completion, prefetch_batch, record_progress, submit_attempt
from .schemas import SyncEventSchema
from .scoping import get_enrollment

EVENT_SCHEMA = SyncEventSchema()  # built once: building it costs more than loading an event


def _apply(actor: User, event: dict, enrollments: dict, recorded: dict, *,
           now: datetime) -> str:
    if event["enrollment_id"] not in enrollments:
        enrollments[event["enrollment_id"]] = get_enrollment(actor, event["enrollment_id"])
    enrollment = enrollments[event["enrollment_id"]]
    if event["type"] == "progress":
        if "lesson_id" not in event or "kind" not in event:
            raise RuleViolation(errors={
                "lesson_id": [_l("A progress event needs lesson_id and kind.")]})
        status, _ = record_progress(actor, enrollment, lesson_id=event["lesson_id"],
                                    kind=event["kind"], client_event_id=event["id"],
                                    occurred_at=event["occurred_at"], now=now, evaluate=False,
                                    recorded=recorded)
        return status
    quiz = db.session.get(Quiz, event.get("quiz_id", 0))
    if quiz is None or "answers" not in event:
        raise RuleViolation(errors={
            "quiz_id": [_l("A quiz attempt needs a known quiz_id and answers.")]})
    status, _ = submit_attempt(actor, quiz, event["answers"], enrollment=enrollment,
                               client_attempt_id=event["id"], occurred_at=event["occurred_at"],
                               now=now)
    return status


def _rejection(error: ElearnError) -> dict:
    reason = {"type": error.type, "detail": str(error.detail or error.title)}
    if error.errors:
        reason["errors"] = translate_messages(error.errors)
    return reason


def apply_batch(actor: User, raw_events: list, *, now: datetime) -> list[dict]:
    """Apply what can be applied; return one result per event, in the order sent."""
    results: list[dict | None] = [None] * len(raw_events)
    parsed = []
    for index, raw in enumerate(raw_events):
        client_id = raw.get("id") if isinstance(raw, dict) else None
        try:
            parsed.append((index, EVENT_SCHEMA.load(raw)))
        except ma.ValidationError as error:
            results[index] = {"id": client_id, "status": "rejected", "reason": {
                "type": "validation-failed", "detail": str(_l("The event is malformed.")),
                "errors": translate_messages(error.messages)}}
    enrollments: dict[int, object] = {}
    recorded, _held = prefetch_batch(
        (event["enrollment_id"], event["lesson_id"], event["id"]) for _, event in parsed
        if event["type"] == "progress" and "lesson_id" in event)
    for index, event in sorted(parsed, key=lambda item: (item[1]["occurred_at"], item[0])):
        try:
            with db.session.begin_nested():
                status = _apply(actor, event, enrollments, recorded, now=now)
            results[index] = {"id": event["id"], "status": status}
        except ElearnError as error:
            results[index] = {"id": event["id"], "status": "rejected", "reason": _rejection(error)}
        except IntegrityError:
            detail = _l("This conflicts with data that already exists.")
            results[index] = {"id": event["id"], "status": "rejected",
                              "reason": {"type": "conflict", "detail": str(detail)}}
    # Progress is folded per event; the completion rule is checked once per enrolment.
    for enrollment in enrollments.values():
        evaluate_completion(enrollment, now=now)
    return results
