"""Read models of the learner's dashboard, a roster and one enrolment's lessons.

Each is built with a fixed number of queries whatever the number of rows: one page of
enrolments, then the lessons of all their courses and the progress of all of them at once.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import defaultload, lazyload

from ..accounts.models import User
from ..courses.models import Lesson, Module
from ..courses.texts import localize
from ..extensions import db
from ..web.pagination import paginate
from .models import Enrollment, LessonProgress, Offering
from .scoping import scope_enrollments

# Plain rows, not objects: only what the read models show (no lesson body, no identity map).
_LESSON_COLUMNS = (Lesson.id, Lesson.course_id, Lesson.key, Lesson.kind, Lesson.required,
                   Lesson.position, Lesson.title, Module.position.label("module_position"))
# The learners' own pages never show an offering's trainers: not loaded with every page.
_WITHOUT_TRAINERS = defaultload(Enrollment.offering).options(lazyload(Offering.trainers))


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


def my_enrollments(actor: User, args: dict, *, now: datetime) -> dict:
    """The caller's enrolments, with progress and the next lesson to take."""
    stmt = select(Enrollment).options(_WITHOUT_TRAINERS).where(Enrollment.user_id == actor.id)
    if "since" in args:
        stmt = stmt.where(Enrollment.updated_at > args["since"])
    if "status" in args:
        stmt = stmt.where(Enrollment.status == args["status"])
    page = paginate(stmt.order_by(Enrollment.updated_at.desc(), Enrollment.id.desc()), args)
    enrollments = page["items"]
    lessons = _lessons_by_course({e.offering.course_id for e in enrollments})
    done = _completed([e.id for e in enrollments])
    for enrollment in enrollments:
        course = enrollment.offering.course
        course_lessons = lessons[course.id]
        enrollment.course_title = localize(course.title, course.default_language)
        enrollment.lessons_total = len(course_lessons)
        enrollment.lessons_completed = len(done[enrollment.id])
        upcoming = next((lesson for lesson in course_lessons
                         if lesson.id not in done[enrollment.id]), None)
        enrollment.next_lesson = upcoming and {
            "id": upcoming.id, "key": upcoming.key, "kind": upcoming.kind,
            "title": localize(upcoming.title, course.default_language)}
    return page | {"synced_at": now}


def roster(actor: User, offering, args: dict) -> dict:
    """The learners of one offering the caller may see, with their progress."""
    stmt = scope_enrollments(select(Enrollment).options(_WITHOUT_TRAINERS)
                             .where(Enrollment.offering_id == offering.id), actor)
    if "status" in args:
        stmt = stmt.where(Enrollment.status == args["status"])
    return paginate(stmt.join(User, Enrollment.user_id == User.id).order_by(User.name, User.id),
                    args)


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
