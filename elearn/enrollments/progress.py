"""Progress and quiz attempts, folded into per-lesson state, and completion exactly once."""

from __future__ import annotations

import logging
import uuid
from collections import namedtuple
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, inspect, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import defaultload
from sqlalchemy.orm.attributes import set_committed_value

from .. import signals
from ..accounts.models import User
from ..audit.services import record
from ..courses.models import Lesson, LessonKind, Quiz
from ..courses.scoring import score_quiz
from ..database import begin_writing
from ..errors import Conflict, Forbidden, NotFound, RuleViolation
from ..extensions import db
from .models import (
    Enrollment,
    EnrollmentStatus,
    LessonProgress,
    Offering,
    ProgressKind,
    QuizAttempt,
)
from .progress_events import (
    completion_writes,
    earliest,
    lesson_facts,
    percent_update,
    progress_row,
    store_progress,
)
from .scoping import is_trainer_of, scope_enrollments

logger = logging.getLogger(__name__)

CLOCK_SKEW = timedelta(minutes=5)
MISSING = object()
LessonFacts = namedtuple("LessonFacts", "id course_id kind")
ACTIVE = (EnrollmentStatus.ENROLLED, EnrollmentStatus.COMPLETED, EnrollmentStatus.FAILED)
# Loading an enrolment to record progress: the rules and the answer read columns of the
# enrolment, its offering and its learner; the trainers matter only for attendance at a live
# session and the course only on completion, so they are loaded when asked for.
FOR_PROGRESS = (defaultload(Enrollment.offering).lazyload(Offering.trainers),
                defaultload(Enrollment.offering).lazyload(Offering.course),
                defaultload(Enrollment.user).lazyload(User.role_rows),
                defaultload(Enrollment.user).lazyload(User.country))


def _occurred(occurred_at: datetime | None, now: datetime) -> datetime:
    """When it happened: the client's time for offline events, never in the future."""
    occurred_at = occurred_at or now
    if occurred_at > now + CLOCK_SKEW:
        raise RuleViolation(errors={"occurred_at": [_l("This time is in the future.")]})
    return occurred_at


def _require_active(enrollment: Enrollment) -> None:
    if enrollment.status not in ACTIVE:
        raise Conflict(_l("This enrolment is not active."), type="enrollment-not-active")


def _recorded(model, client_id_column, enrollment: Enrollment, client_id: str):
    """What was already recorded under this client id: an offline replay counts once."""
    return db.session.scalar(select(model).where(model.enrollment_id == enrollment.id,
                                                 client_id_column == client_id))


def _lesson_state(enrollment: Enrollment, lesson_id: int) -> LessonProgress:
    state = db.session.get(LessonProgress, (enrollment.id, lesson_id))
    if state is None:
        state = LessonProgress(enrollment_id=enrollment.id, lesson_id=lesson_id)
        try:
            with db.session.begin_nested():
                db.session.add(state)
        except IntegrityError:  # created meanwhile by a concurrent request
            state = db.session.get(LessonProgress, (enrollment.id, lesson_id))
    return state


def check_progress(actor: User, enrollment: Enrollment, lesson, kind: str, *,
                   occurred_at: datetime | None, now: datetime) -> datetime:
    """The rules a progress event meets before it is stored; return when it happened.

    The learner records their own progress; trainers of the offering may mark live sessions
    complete (attendance). Raises Forbidden, Conflict (enrolment not active) and
    RuleViolation (lesson not in the course, quiz completed without an attempt, future time).
    """
    if lesson is None or lesson.course_id != enrollment.offering.course_id:
        raise RuleViolation(errors={"lesson_id": [_l("This lesson is not part of the course.")]},
                            type="lesson-not-in-course")
    attendance = lesson.kind == LessonKind.LIVE_SESSION and is_trainer_of(
        actor, enrollment.offering)
    if actor.id != enrollment.user_id and not attendance:
        raise Forbidden(_l("Only the learner records their progress."))
    if kind == ProgressKind.COMPLETED and lesson.kind == LessonKind.QUIZ:
        raise RuleViolation(errors={"kind": [_l("A quiz is completed by passing an attempt.")]})
    _require_active(enrollment)
    return _occurred(occurred_at, now)


def find_for_progress(actor: User, enrollment_id: int,
                      lesson_id: int) -> tuple[Enrollment, LessonFacts | None]:
    """The enrolment the actor may see, loaded for recording progress, and the facts of the
    lesson (None if there is no such lesson), in one query. Raises NotFound."""
    row = db.session.execute(scope_enrollments(
        select(Enrollment, Lesson.id.label("lesson_id"), Lesson.course_id, Lesson.kind)
        .outerjoin(Lesson, Lesson.id == lesson_id)
        .where(Enrollment.id == enrollment_id).options(*FOR_PROGRESS), actor)).first()
    if row is None:
        raise NotFound(_l("No such enrolment."))
    lesson = None if row.lesson_id is None else LessonFacts(row.lesson_id, row.course_id,
                                                            row.kind)
    return row[0], lesson


def record_progress(actor: User, enrollment: Enrollment, *, lesson_id: int, kind: str,
                    now: datetime, lesson: LessonFacts | None = MISSING,
                    client_event_id: str | None = None,
                    occurred_at: datetime | None = None) -> str:
    """Record a lesson viewed or completed; return `"accepted"` or `"duplicate"`.

    `lesson`: the facts of the lesson when already read (`find_for_progress`). Raises
    what `check_progress` raises. The checks read before SQLite's write lock is taken; the
    lock is held for the event, its lesson state and the enrolment's UPDATE only.
    """
    if lesson is MISSING:
        lesson = lesson_facts([lesson_id]).get(lesson_id)
    occurred_at = check_progress(actor, enrollment, lesson, kind, occurred_at=occurred_at,
                                 now=now)
    begin_writing()
    row = progress_row(enrollment, lesson_id, kind, client_event_id or uuid.uuid4().hex,
                       occurred_at=occurred_at, now=now)
    if not store_progress([row]):
        return "duplicate"
    enrollment.updated_at = now
    evaluate_completion(enrollment, now=now)
    return "accepted"


def find_enrollment_for_quiz(actor: User, quiz: Quiz) -> Enrollment:
    enrollment = db.session.scalar(
        select(Enrollment).join(Offering, Enrollment.offering_id == Offering.id)
        .where(Enrollment.user_id == actor.id, Enrollment.status.in_(ACTIVE),
               Offering.course_id == quiz.lesson.course_id)
        .order_by(Enrollment.updated_at.desc())
    )
    if enrollment is None:
        raise Conflict(_l("Enrol in an offering of this course first."), type="not-enrolled")
    return enrollment


def submit_attempt(actor: User, quiz: Quiz, answers: dict, *, now: datetime,
                   enrollment: Enrollment | None = None, client_attempt_id: str | None = None,
                   occurred_at: datetime | None = None) -> tuple[str, QuizAttempt]:
    """Score a quiz attempt on the server; return `("accepted"|"duplicate", attempt)`.

    Raises Conflict (not enrolled, attempt limit reached), Forbidden and RuleViolation
    (answers to questions that are not in the quiz).
    """
    enrollment = enrollment or find_enrollment_for_quiz(actor, quiz)
    if enrollment.user_id != actor.id:
        raise Forbidden(_l("Only the learner answers their quiz."))
    if quiz.lesson.course_id != enrollment.offering.course_id:
        raise RuleViolation(errors={"quiz_id": [_l("This quiz is not part of the course.")]})
    _require_active(enrollment)
    occurred_at = _occurred(occurred_at, now)
    client_attempt_id = client_attempt_id or uuid.uuid4().hex
    existing = _recorded(QuizAttempt, QuizAttempt.client_attempt_id, enrollment,
                         client_attempt_id)
    if existing is not None:
        return "duplicate", existing
    count = db.session.scalar(select(func.count()).select_from(QuizAttempt).where(
        QuizAttempt.enrollment_id == enrollment.id, QuizAttempt.quiz_id == quiz.id))
    if quiz.max_attempts is not None and count >= quiz.max_attempts:
        raise Conflict(_l("No attempts left: the limit is %(num)d.", num=quiz.max_attempts),
                       type="attempt-limit-reached")
    result = score_quiz(quiz, answers)
    attempt = QuizAttempt(
        enrollment_id=enrollment.id, quiz_id=quiz.id, client_attempt_id=client_attempt_id,
        number=count + 1, answers=answers, points=result.points, max_points=result.max_points,
        percent=result.percent, passed=result.passed, occurred_at=occurred_at, received_at=now,
    )
    db.session.add(attempt)
    state = _lesson_state(enrollment, quiz.lesson_id)
    state.first_viewed_at = earliest(state.first_viewed_at, occurred_at)
    state.best_score = max(state.best_score or 0, result.percent)
    if result.passed:
        state.completed_at = earliest(state.completed_at, occurred_at)
    enrollment.updated_at = now
    db.session.flush()
    if not evaluate_completion(enrollment, now=now) and _out_of_attempts(quiz, state, count + 1):
        _fail(enrollment, now=now)
    return "accepted", attempt


def attempt_summary(status: str, attempt: QuizAttempt, quiz: Quiz) -> dict:
    """What the learner sees after an attempt: the score, never the answer key."""
    enrollment = db.session.get(Enrollment, attempt.enrollment_id)
    left = None if quiz.max_attempts is None else max(0, quiz.max_attempts - attempt.number)
    return {"id": attempt.id, "status": status, "number": attempt.number,
            "points": attempt.points, "max_points": attempt.max_points,
            "percent": attempt.percent, "passed": attempt.passed, "attempts_left": left,
            "enrollment": enrollment}


def _out_of_attempts(quiz: Quiz, state: LessonProgress, used: int) -> bool:
    return (quiz.max_attempts is not None and used >= quiz.max_attempts
            and state.completed_at is None and quiz.lesson.required)


def _fail(enrollment: Enrollment, *, now: datetime) -> None:
    db.session.execute(
        update(Enrollment).where(Enrollment.id == enrollment.id,
                                 Enrollment.status == EnrollmentStatus.ENROLLED)
        .values(status=EnrollmentStatus.FAILED, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    db.session.expire(enrollment, ["status", "updated_at"])


def _pending_columns(enrollment: Enrollment) -> dict:
    """The enrolment's columns changed in this request and not yet written, as
    `new_<column>` parameters; marked written, since the caller's UPDATE writes them."""
    state = inspect(enrollment)
    pending = {}
    for column in state.mapper.column_attrs:
        added = state.attrs[column.key].history.added
        if added and column.key != "progress_percent":
            pending[column.key] = added[0]
    for key, value in pending.items():
        set_committed_value(enrollment, key, value)
    return pending


def evaluate_completion(enrollment: Enrollment, *, now: datetime) -> bool:
    """Update the progress percentage; complete the enrolment when the rule is met.

    The rule: every required lesson completed (a quiz by a passing attempt). The
    completion time is when the last required lesson was completed, so replays and
    reordered offline batches agree. Both are computed by the database, in the enrolment's
    UPDATE, which also writes what the request changed of the enrolment. The status changes
    by a second, conditional UPDATE, so the completion fires exactly once however many
    requests race. Returns True if it fired now.
    """
    params = {"rule_enrollment_id": enrollment.id,
              "rule_course_id": enrollment.offering.course_id}
    pending = _pending_columns(enrollment)
    with db.session.no_autoflush:
        row = db.session.execute(percent_update(tuple(sorted(pending))),
                                 params | {f"new_{key}": value
                                           for key, value in pending.items()}).first()
    if row is not None:  # none: the percentage has not moved
        set_committed_value(enrollment, "progress_percent", row.progress_percent)
        set_committed_value(enrollment, "status", row.status)
    if enrollment.progress_percent != 100 or enrollment.status != EnrollmentStatus.ENROLLED:
        return False
    if signals.refused(signals.completion_wanted, enrollment, now=now):
        return False  # e.g. the live sessions it must attend
    _, complete = completion_writes()
    completed = db.session.execute(complete, params | {"rule_now": now}).first()
    if completed is None:  # completed meanwhile by a concurrent request
        db.session.expire(enrollment, ["status", "completed_at", "updated_at"])
        return False
    for key, value in (("status", EnrollmentStatus.COMPLETED),
                       ("completed_at", completed.completed_at), ("updated_at", now)):
        set_committed_value(enrollment, key, value)
    _announce_completion(enrollment, now=now)
    return True


def _announce_completion(enrollment: Enrollment, *, now: datetime) -> None:
    """Tell the domains that act on a completion (certification issues the certificate)."""
    logger.info("enrolment %s completed", enrollment.id)
    signals.enrollment_completed.send(enrollment, now=now)
    record(None, "enrollment.completed", "enrollment", enrollment.id,
           country_code=enrollment.user.country_code,
           details={"offering": enrollment.offering_id, "course": enrollment.offering.course.code},
           now=now)
