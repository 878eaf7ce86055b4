"""Who sees and who edits which courses: the one scoping rule every course list and lookup
goes through.

Programme admins see everything. National admins see their own country's courses (drafts
included) and the published or archived regional ones. Everybody else sees courses that are not
drafts, regional or of their own country. Editors are programme admins, and a national course's
own national admins; only drafts change in structure.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, and_, false, or_, select, true
from sqlalchemy.orm import contains_eager, selectinload

from ..accounts.models import User
from ..accounts.permissions import is_national_admin, is_programme_admin
from ..errors import Conflict, Forbidden, NotFound
from ..extensions import db
from .models import Course, CourseStatus, Lesson, Module, Quiz


def scope_courses(stmt: Select, actor: User) -> Select:
    """Narrow a select that involves Course to the courses `actor` may see."""
    return visible_courses(stmt, *course_visibility(actor))


def course_visibility(actor: User) -> tuple[str, str]:
    """Which courses the actor sees: `("all" | "national" | "published", country)`."""
    if is_programme_admin(actor):
        return "all", actor.country_code
    return ("national" if is_national_admin(actor) else "published"), actor.country_code


def visible_courses(stmt: Select, visibility: str, country: str) -> Select:
    """`scope_courses` for a `course_visibility`: a statement can be built once per
    visibility and reused."""
    if visibility == "all":
        return stmt
    local = or_(Course.owner_country_code.is_(None), Course.owner_country_code == country)
    if visibility == "national":
        editable = Course.owner_country_code == country
        return stmt.where(or_(editable, and_(local, Course.status != CourseStatus.DRAFT)))
    return stmt.where(local, Course.status != CourseStatus.DRAFT)


def editable_courses(visibility: str, country: str):
    """`can_edit` as a condition on courses, for a `course_visibility`."""
    if visibility == "all":
        return true()
    return Course.owner_country_code == country if visibility == "national" else false()


def tree_options():
    """Load options for a course's modules, lessons, quizzes, questions and prerequisites:
    a fixed number of queries whatever the course's size."""
    return (selectinload(Course.modules).selectinload(Module.lessons)
            .selectinload(Lesson.quiz).selectinload(Quiz.questions),
            selectinload(Course.prerequisites))


def get_course(actor: User, course_id: int, *, tree: bool = False) -> Course:
    """A course the actor may see (with its whole tree loaded if `tree`), or NotFound."""
    stmt = scope_courses(select(Course).where(Course.id == course_id), actor)
    if tree:
        stmt = stmt.options(*tree_options())
    course = db.session.scalar(stmt)
    if course is None:
        raise NotFound(_l("No such course."))
    return course


def get_quiz(actor: User, quiz_id: int) -> Quiz:
    """A quiz of a course the actor may see, with its lesson, course and questions, or NotFound."""
    stmt = scope_courses(
        select(Quiz).join(Quiz.lesson).join(Lesson.course).where(Quiz.id == quiz_id), actor
    ).options(contains_eager(Quiz.lesson).contains_eager(Lesson.course),
              selectinload(Quiz.questions))
    quiz = db.session.scalar(stmt)
    if quiz is None:
        raise NotFound(_l("No such quiz."))
    return quiz


def can_edit(actor: User | None, course: Course) -> bool:
    """Programme admins edit every course; national admins their own country's courses.
    `actor=None` is a trusted command-line import."""
    if actor is None or is_programme_admin(actor):
        return True
    return is_national_admin(actor) and course.owner_country_code == actor.country_code


def require_editor(actor: User | None, course: Course) -> None:
    if not can_edit(actor, course):
        raise Forbidden(_l("Only the administrators of this course's country may change it."))


def require_draft(course: Course) -> None:
    """Structure changes only in a draft: a published course changes through a new version."""
    if course.status != CourseStatus.DRAFT:
        raise Conflict(_l("A published course changes only through a new version."),
                       type="course-not-editable")
