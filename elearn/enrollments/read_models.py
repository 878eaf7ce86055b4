"""Read models of the learner's dashboard, a roster and one enrolment's lessons.

Each is built with a fixed number of queries whatever the number of rows: one page of
enrolments (plain rows of the columns shown, with the total); the dashboard's page also carries,
as correlated subqueries, each enrolment's lesson counts and its next lesson.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from functools import cache

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from ..accounts.models import User
from ..courses.models import Course, Lesson, LessonKind, Module
from ..courses.texts import localize
from ..extensions import db
from ..web.pagination import paginate
from .models import Enrollment, EnrollmentStatus, LessonProgress, Offering
from .scoping import scope_enrollments

# Plain rows, not objects: only what the read models show (no lesson body, no identity map).
_LESSON_COLUMNS = (Lesson.id, Lesson.course_id, Lesson.key, Lesson.kind, Lesson.required,
                   Lesson.position, Lesson.title, Module.position.label("module_position"))
# What EnrollmentSchema shows of an enrolment, its learner and its offering.
_ENROLLMENT_COLUMNS = (
    Enrollment.id, Enrollment.user_id, User.name.label("user_name"), Enrollment.offering_id,
    Offering.course_id, Enrollment.status, Enrollment.progress_percent, Enrollment.due_at,
    Enrollment.enrolled_at, Enrollment.waitlisted_at, Enrollment.completed_at,
    Enrollment.withdrawn_at, Enrollment.updated_at)
# ... and what the learner's dashboard adds of the course.
_COURSE_COLUMNS = (Course.code.label("course_code"), Course.title.label("course_titles"),
                   Course.default_language, Course.version.label("course_version"),
                   Course.updated_at.label("course_updated_at"))


def _enrollment_rows(*columns):
    return (select(*_ENROLLMENT_COLUMNS, *columns)
            .join(User, Enrollment.user_id == User.id)
            .join(Offering, Enrollment.offering_id == Offering.id))


def _lessons_by_course(course_ids) -> dict[int, list]:
    rows = db.session.execute(
        select(*_LESSON_COLUMNS).join(Module, Lesson.module_id == Module.id)
        .where(Lesson.course_id.in_(course_ids))
        .order_by(Lesson.course_id, Module.position, Lesson.position)
    ).all()
    lessons = defaultdict(list)
    for lesson in rows:
        lessons[lesson.course_id].append(lesson)
    return lessons


# The lessons the enrolment of the enclosing row has completed.
_COMPLETED = (LessonProgress.enrollment_id == Enrollment.id,
              LessonProgress.completed_at.is_not(None))


def _dashboard_columns(next_lesson):
    """Per enrolment row, as correlated subqueries: its course's lesson count and its
    completed-lesson count; and the columns shown of `next_lesson`."""
    return (
        select(func.count(Lesson.id)).where(Lesson.course_id == Offering.course_id)
        .scalar_subquery().label("lessons_total"),
        select(func.count()).select_from(LessonProgress).where(*_COMPLETED)
        .scalar_subquery().label("lessons_completed"),
        next_lesson.id.label("next_lesson_id"), next_lesson.key.label("next_lesson_key"),
        next_lesson.kind.label("next_lesson_kind"), next_lesson.title.label("next_lesson_title"),
    )


def _next_lesson_id():
    """The first lesson of the enrolment's course, in course order, it has not completed."""
    return (select(Lesson.id).join(Module, Lesson.module_id == Module.id)
            .where(Lesson.course_id == Offering.course_id,
                   Lesson.id.not_in(select(LessonProgress.lesson_id).where(*_COMPLETED)
                                   .correlate(Enrollment)))
            .order_by(Module.position, Lesson.position).limit(1).scalar_subquery())


def _dashboard_item(row) -> dict:
    language = row.default_language
    return row | {
        "course_title": localize(row.course_titles, language),
        "next_lesson": row.next_lesson_id and {
            "id": row.next_lesson_id, "key": row.next_lesson_key, "kind": row.next_lesson_kind,
            "title": localize(row.next_lesson_title, language)},
    }


@cache
def _dashboard_rows():
    """Built once: a statement is immutable, and building this one costs more than running it."""
    upcoming = aliased(Lesson)
    return (_enrollment_rows(*_COURSE_COLUMNS, *_dashboard_columns(upcoming))
            .join(Course, Offering.course_id == Course.id)
            .outerjoin(upcoming, upcoming.id == _next_lesson_id()))


def my_enrollments(actor: User, args: dict, *, now: datetime) -> dict:
    """The caller's enrolments, with progress and the next lesson to take."""
    stmt = _dashboard_rows().where(Enrollment.user_id == actor.id)
    if "since" in args:
        stmt = stmt.where(Enrollment.updated_at > args["since"])
    if "status" in args:
        stmt = stmt.where(Enrollment.status == args["status"])
    page = paginate(stmt.order_by(Enrollment.updated_at.desc(), Enrollment.id.desc()), args)
    page["items"] = [_dashboard_item(row) for row in page["items"]]
    return page | {"synced_at": now}


@cache
def _roster_rows():
    return _enrollment_rows().order_by(User.name, User.id)


def roster(actor: User, offering_id: int, args: dict) -> dict:
    """The learners of one offering the caller may see, with their progress."""
    stmt = scope_enrollments(_roster_rows().where(Enrollment.offering_id == offering_id), actor)
    if "status" in args:
        stmt = stmt.where(Enrollment.status == args["status"])
    return paginate(stmt, args)


def lesson_progress(enrollment: Enrollment) -> list[dict]:
    """Every lesson of the enrolment's course, in order, with its progress."""
    course = enrollment.offering.course
    states = {state.lesson_id: state for state in db.session.scalars(
        select(LessonProgress).where(LessonProgress.enrollment_id == enrollment.id))}
    rows = []
    for lesson in _lessons_by_course([course.id])[course.id]:
        state = states.get(lesson.id)
        rows.append({
            "lesson_id": lesson.id, "key": lesson.key, "module_position": lesson.module_position,
            "position": lesson.position, "kind": lesson.kind, "required": lesson.required,
            "title": localize(lesson.title, course.default_language),
            "first_viewed_at": state and state.first_viewed_at,
            "completed_at": state and state.completed_at,
            "best_score": state and state.best_score,
        })
    return rows


def waitlist_position(enrollment: Enrollment) -> int:
    """Where a waitlisted enrolment stands on its offering's list (1: next to get a seat)."""
    return db.session.scalar(select(func.count()).select_from(Enrollment).where(
        Enrollment.offering_id == enrollment.offering_id,
        Enrollment.status == EnrollmentStatus.WAITLISTED,
        Enrollment.waitlisted_at <= enrollment.waitlisted_at))


def attendance(offering: Offering) -> tuple[list, set[tuple[int, int]]]:
    """The live-session lessons of the offering's course, in order, and which (enrolment,
    lesson) pairs are marked attended: two statements whatever the roster's size."""
    lessons = [lesson for lesson in _lessons_by_course([offering.course_id])[offering.course_id]
               if lesson.kind == LessonKind.LIVE_SESSION]
    attended = {(enrollment_id, lesson_id) for enrollment_id, lesson_id in db.session.execute(
        select(LessonProgress.enrollment_id, LessonProgress.lesson_id)
        .join(Enrollment, LessonProgress.enrollment_id == Enrollment.id)
        .where(Enrollment.offering_id == offering.id,
               LessonProgress.lesson_id.in_([lesson.id for lesson in lessons]),
               LessonProgress.completed_at.is_not(None)))}
    return lessons, attended
