"""Read models of the learner's dashboard, a roster and one enrolment's lessons.

Each is built with a fixed number of queries whatever the number of rows: one page of
enrolments (plain rows of the columns shown, with the total), then the lessons of all their
courses and the progress of all of them at once.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from sqlalchemy import select

from ..accounts.models import User
from ..courses.models import Course, Lesson, Module
from ..courses.texts import localize
from ..extensions import db
from ..rowpages import paginate_rows
from .models import Enrollment, LessonProgress, Offering
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
                   Course.updated_at.label("course_updated"))


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


def _completed(enrollment_ids) -> dict[int, set[int]]:
    done = defaultdict(set)
    for enrollment_id, lesson_id in db.session.execute(
        select(LessonProgress.enrollment_id, LessonProgress.lesson_id).where(
            LessonProgress.enrollment_id.in_(enrollment_ids),
            LessonProgress.completed_at.is_not(None))
    ):
        done[enrollment_id].add(lesson_id)
    return done


def _dashboard_item(row, lessons: list, done: set[int]) -> dict:
    language = row.default_language
    upcoming = next((lesson for lesson in lessons if lesson.id not in done), None)
    return row._asdict() | {
        "course_title": localize(row.course_titles, language),
        "course_updated_at": row.course_updated.isoformat(),
        "lessons_total": len(lessons), "lessons_completed": len(done),
        "next_lesson": upcoming and {"id": upcoming.id, "key": upcoming.key,
                                     "kind": upcoming.kind,
                                     "title": localize(upcoming.title, language)},
    }


def my_enrollments(actor: User, args: dict, *, now: datetime) -> dict:
    """The caller's enrolments, with progress and the next lesson to take."""
    stmt = (_enrollment_rows(*_COURSE_COLUMNS).join(Course, Offering.course_id == Course.id)
            .where(Enrollment.user_id == actor.id))
    if "since" in args:
        stmt = stmt.where(Enrollment.updated_at > args["since"])
    if "status" in args:
        stmt = stmt.where(Enrollment.status == args["status"])
    page = paginate_rows(stmt.order_by(Enrollment.updated_at.desc(), Enrollment.id.desc()),
                         args)
    lessons = _lessons_by_course({row.course_id for row in page["items"]})
    done = _completed([row.id for row in page["items"]])
    page["items"] = [_dashboard_item(row, lessons[row.course_id], done[row.id])
                     for row in page["items"]]
    return page | {"synced_at": now}


def roster(actor: User, offering_id: int, args: dict) -> dict:
    """The learners of one offering the caller may see, with their progress."""
    stmt = scope_enrollments(_enrollment_rows().where(Enrollment.offering_id == offering_id),
                             actor)
    if "status" in args:
        stmt = stmt.where(Enrollment.status == args["status"])
    page = paginate_rows(stmt.order_by(User.name, User.id), args)
    return page | {"items": [row._mapping for row in page["items"]]}


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
