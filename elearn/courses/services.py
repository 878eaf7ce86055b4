"""A course's life: drafts, edits, publishing, versions, archiving and deletion.

A published course's structure never changes in place, so trainees' progress on its lessons is
never orphaned: changes go into the next version, a draft copy with the same lesson keys, and
publishing it archives the version before. Only the descriptive texts of a published course
(title, description, estimated time) and the prerequisites, which belong to the course's code
and so to all its versions, change in place.
"""

from __future__ import annotations

import logging
from datetime import datetime
from types import SimpleNamespace

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, or_, select

from ..accounts.models import Country, User
from ..accounts.permissions import is_national_admin, is_programme_admin
from ..audit.services import record
from ..errors import Conflict, Forbidden, RuleViolation
from ..extensions import db
from .access import get_course, require_draft, require_editor, tree_options
from .models import (
    Course,
    CourseStatus,
    Lesson,
    LessonKind,
    MandatoryRule,
    Module,
    Prerequisite,
    Question,
    Quiz,
)
from .requirements import check_prerequisites, set_prerequisites
from .texts import check_texts, course_texts, search_text

logger = logging.getLogger(__name__)

COURSE_FIELDS = ("category", "level", "default_language", "languages", "title", "description",
                 "estimated_minutes", "certificate_validity_months")
# What may change in a published course: nothing a trainee's progress depends on. The
# prerequisites belong to the code, every version shares them.
IN_PLACE_FIELDS = frozenset({"title", "description", "estimated_minutes", "prerequisites"})


def load_tree(course_id: int) -> Course:
    """A course with modules, lessons, quizzes, questions and prerequisites, freshly read: a
    fixed number of queries whatever its size."""
    return db.session.scalars(
        select(Course).where(Course.id == course_id).options(*tree_options())
        .execution_options(populate_existing=True)
    ).one()


def course_detail(actor: User, course_id: int, *, translations: bool = False) -> Course:
    """A course the actor may see with its whole tree. `translations`: also every
    translation of every text, for the course's editors (Forbidden for anybody else)."""
    course = get_course(actor, course_id, tree=True)
    if translations:
        require_editor(actor, course)
        course.show_translations = True
    return course


def _check_country(country: str | None) -> None:
    if country is not None and db.session.get(Country, country) is None:
        raise RuleViolation(errors={"country": [_l("Unknown country.")]})


def _check_course(course, *, content: bool) -> None:
    """The languages include the default one, and the course's texts (with `content`, all
    of them) keep to the languages."""
    if course.default_language not in course.languages:
        raise RuleViolation(errors={"languages": [
            _l("The languages must include the default language.")]})
    check_texts(course.languages, course.default_language,
                course_texts(course, content=content))


def create_course(actor: User, data: dict, *, now: datetime) -> Course:
    """Create a draft, version 1. National admins create their own country's courses only;
    regional courses (`country` null) belong to programme admins.

    Raises Forbidden, Conflict (`course-code-taken`) and RuleViolation.
    """
    default_country = None if is_programme_admin(actor) else actor.country_code
    country = data.get("country", default_country)
    if not is_programme_admin(actor) and (
            not is_national_admin(actor) or country != actor.country_code):
        raise Forbidden(_l("You can only create courses of your own country."))
    _check_country(country)
    if db.session.scalar(select(Course.id).where(Course.code == data["code"]).limit(1)):
        raise Conflict(_l("A course with this code exists; make a new version of it."),
                       type="course-code-taken")
    course = Course(code=data["code"], version=1, owner_country_code=country,
                    status=CourseStatus.DRAFT, created_by_id=actor.id, created_at=now,
                    updated_at=now, modules=[],
                    **{"description": {}} | {field: data[field] for field in COURSE_FIELDS
                                             if field in data})
    _check_course(course, content=False)
    check_prerequisites(course.code, data.get("prerequisites", ()))
    course.search_text = search_text(course.title, course.description)
    db.session.add(course)
    db.session.flush()
    set_prerequisites(course, data.get("prerequisites", ()))
    record(actor, "course.create", "course", course.id, country_code=country,
           details={"code": course.code}, now=now)
    return course


def update_course(actor: User, course: Course, data: dict, *, now: datetime) -> Course:
    """Change a course: anything in a draft; once published only the descriptive texts and
    the prerequisites (which every version of the code shares). Everything is checked before
    anything changes.

    Raises Forbidden, Conflict (`course-not-editable`) and RuleViolation.
    """
    require_editor(actor, course)
    if not IN_PLACE_FIELDS.issuperset(data):
        require_draft(course)
    languages_change = bool({"languages", "default_language"} & set(data))
    if languages_change:
        course = load_tree(course.id)  # every text of the course must keep to the languages
    changed = SimpleNamespace(**{field: data.get(field, getattr(course, field))
                                 for field in COURSE_FIELDS}, modules=course.modules)
    _check_course(changed, content=languages_change)
    if "prerequisites" in data:
        set_prerequisites(course, data["prerequisites"])
    for field in COURSE_FIELDS:
        if field in data:
            setattr(course, field, data[field])
    course.search_text = search_text(course.title, course.description)
    course.updated_at = now
    db.session.flush()
    record(actor, "course.update", "course", course.id, country_code=course.owner_country_code,
           details={"fields": sorted(data)}, now=now)
    return course


def delete_course(actor: User, course: Course, *, now: datetime) -> None:
    """Delete a draft. The last version of a code other courses or mandatory rules require
    stays (Conflict `course-required`)."""
    require_editor(actor, course)
    require_draft(course)
    others = db.session.scalar(select(func.count()).select_from(Course).where(
        Course.code == course.code, Course.id != course.id))
    if not others and _is_required(course.code):
        raise Conflict(_l("Other courses or a mandatory rule require this course."),
                       type="course-required")
    if not others:
        db.session.execute(delete(Prerequisite).where(Prerequisite.code == course.code))
    record(actor, "course.delete", "course", course.id, country_code=course.owner_country_code,
           details={"code": course.code, "version": course.version}, now=now)
    db.session.delete(course)
    db.session.flush()


def _is_required(code: str) -> bool:
    return bool(db.session.scalar(select(or_(
        select(Prerequisite.code).where(Prerequisite.required_code == code).exists(),
        select(MandatoryRule.category).where(MandatoryRule.required_code == code).exists(),
    ))))


def _publish_problems(course: Course) -> dict[str, list]:
    """What keeps a draft (loaded with its tree) from being published."""
    lessons = [lesson for module in course.modules for lesson in module.lessons]
    errors = {}
    if not lessons:
        errors["modules"] = [_l("Add at least one lesson before publishing.")]
    empty = sorted(lesson.key for lesson in lessons if lesson.kind == LessonKind.QUIZ
                   and (lesson.quiz is None or not lesson.quiz.questions))
    if empty:
        errors["quizzes"] = [_l("These quizzes have no questions: %(keys)s.",
                                keys=", ".join(empty))]
    return errors


def publish(actor: User | None, course: Course, *, now: datetime) -> Course:
    """Publish a draft; the version of the same code published before is archived.
    `actor=None`: a trusted command-line import.

    Raises Forbidden, Conflict (not a draft; `newer-version-published`) and RuleViolation
    (`course-incomplete`: no lessons, a quiz without questions).
    """
    require_editor(actor, course)
    require_draft(course)
    course = load_tree(course.id)
    if errors := _publish_problems(course):
        raise RuleViolation(_l("The course is not complete."), type="course-incomplete",
                            errors=errors)
    published = db.session.scalars(select(Course).where(
        Course.code == course.code, Course.status == CourseStatus.PUBLISHED)).all()
    if any(previous.version > course.version for previous in published):
        raise Conflict(_l("A newer version of this course is published."),
                       type="newer-version-published")
    for previous in published:
        previous.status = CourseStatus.ARCHIVED
        previous.updated_at = now
    course.status = CourseStatus.PUBLISHED
    course.published_at = course.updated_at = now
    db.session.flush()
    record(actor, "course.publish", "course", course.id, country_code=course.owner_country_code,
           details={"code": course.code, "version": course.version,
                    "archived": [previous.id for previous in published]}, now=now)
    return course


def archive(actor: User, course: Course, *, now: datetime) -> Course:
    """Take a published course out of the catalogue; enrolled trainees keep access to it."""
    require_editor(actor, course)
    if course.status != CourseStatus.PUBLISHED:
        raise Conflict(_l("Only a published course can be archived."), type="invalid-transition")
    course.status = CourseStatus.ARCHIVED
    course.updated_at = now
    db.session.flush()
    record(actor, "course.archive", "course", course.id, country_code=course.owner_country_code,
           details={"code": course.code, "version": course.version}, now=now)
    return course


def new_version(actor: User, course: Course, *, now: datetime) -> Course:
    """Copy a published (or archived) course as the next draft version: same code, every
    module, lesson (keys kept), quiz and question copied; the prerequisites are the code's.

    Raises Forbidden and Conflict (`course-not-published`, `draft-exists`).
    """
    require_editor(actor, course)
    if course.status == CourseStatus.DRAFT:
        raise Conflict(_l("Edit the draft itself."), type="course-not-published")
    if db.session.scalar(select(Course.id).where(Course.code == course.code,
                                                 Course.status == CourseStatus.DRAFT)):
        raise Conflict(_l("A draft version of this course already exists."),
                       type="draft-exists")
    latest = db.session.scalar(select(func.max(Course.version)).where(Course.code == course.code))
    source = load_tree(course.id)
    copy = Course(code=source.code, version=latest + 1, status=CourseStatus.DRAFT,
                  owner_country_code=source.owner_country_code, created_by_id=actor.id,
                  created_at=now, updated_at=now, search_text=source.search_text,
                  **{field: getattr(source, field) for field in COURSE_FIELDS})
    for module in source.modules:
        copy.modules.append(Module(position=module.position, title=module.title,
                                   lessons=[_copy_lesson(lesson, copy)
                                            for lesson in module.lessons]))
    db.session.add(copy)
    db.session.flush()
    record(actor, "course.new_version", "course", copy.id,
           country_code=copy.owner_country_code,
           details={"code": copy.code, "from_version": source.version,
                    "version": copy.version}, now=now)
    return copy


def _copy_lesson(lesson: Lesson, course: Course) -> Lesson:
    copy = Lesson(course=course, key=lesson.key, position=lesson.position, kind=lesson.kind,
                  required=lesson.required, duration_minutes=lesson.duration_minutes,
                  title=lesson.title, body=lesson.body, url=lesson.url)
    if lesson.quiz is not None:
        copy.quiz = Quiz(pass_mark=lesson.quiz.pass_mark, max_attempts=lesson.quiz.max_attempts,
                         questions=[Question(position=q.position, kind=q.kind, points=q.points,
                                             text=q.text, explanation=q.explanation,
                                             choices=q.choices)
                                    for q in lesson.quiz.questions])
    return copy
