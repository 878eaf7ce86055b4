"""Authoring courses: drafts, versions, publishing, prerequisites and mandatory courses."""

from __future__ import annotations

import logging
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import String, cast, delete, select
from sqlalchemy.orm import selectinload

from ..accounts.models import Country, User
from ..accounts.permissions import is_national_admin, is_programme_admin
from ..audit.services import record
from ..errors import Conflict, Forbidden, NotFound, RuleViolation
from ..extensions import db
from .access import scope_courses
from .models import (
    Course,
    CourseStatus,
    Lesson,
    LessonKind,
    MandatoryExemption,
    MandatoryRule,
    Module,
    Prerequisite,
    Question,
    Quiz,
)
from .texts import fold, search_text

logger = logging.getLogger(__name__)

COURSE_FIELDS = ("category", "level", "default_language", "languages", "title", "description",
                 "estimated_minutes", "certificate_validity_months")
TEXT_FIELDS = ("title", "description")


def can_edit(actor: User, course: Course) -> bool:
    if is_programme_admin(actor):
        return True
    return is_national_admin(actor) and course.owner_country_code == actor.country_code


def require_editor(actor: User, course: Course) -> None:
    if not can_edit(actor, course):
        raise Forbidden(_l("Only the administrators of this course's country may change it."))


def require_draft(course: Course) -> None:
    if course.status != CourseStatus.DRAFT:
        raise Conflict(_l("A published course changes only through a new version."),
                       type="course-not-editable")


def check_texts(languages, default_language, values: dict, *, field: str, required=True) -> None:
    """Texts may only use the course's languages, and must include its default language."""
    errors = []
    if set(values) - set(languages):
        errors.append(_l("Only the course's languages may be used: %(languages)s.",
                         languages=", ".join(languages)))
    if required and values and default_language not in values:
        errors.append(_l("Give the text in the default language (%(language)s).",
                         language=default_language))
    if errors:
        raise RuleViolation(errors={field: errors})


def _check_languages(course: Course) -> None:
    if course.default_language not in course.languages:
        raise RuleViolation(errors={"languages": [
            _l("The languages must include the default language.")]})
    for field in TEXT_FIELDS:
        check_texts(course.languages, course.default_language, getattr(course, field) or {},
                    field=field)


def _refresh_search(course: Course) -> None:
    course.search_text = search_text(course.title, course.description)


# Prerequisites -----------------------------------------------------------------------------


def prerequisite_codes(courses) -> None:
    """Attach ``prerequisite_codes`` to each course, with one query for all of them."""
    codes = {course.code for course in courses}
    found: dict[str, list[str]] = {}
    if codes:
        for code, required in db.session.execute(
            select(Prerequisite.code, Prerequisite.required_code)
            .where(Prerequisite.code.in_(codes))
        ):
            found.setdefault(code, []).append(required)
    for course in courses:
        course.prerequisite_codes = found.get(course.code, [])


def set_prerequisites(course: Course, codes: list[str]) -> None:
    """Replace the course's prerequisites; unknown codes and cycles are refused."""
    codes = sorted(set(codes))
    known = set(db.session.scalars(select(Course.code).where(Course.code.in_(codes))))
    errors = [_l("Unknown course: %(code)s.", code=code) for code in codes if code not in known]
    if course.code in codes:
        errors.append(_l("A course cannot require itself."))
    if errors:
        raise RuleViolation(errors={"prerequisites": errors})
    graph: dict[str, set[str]] = {}
    for code, required in db.session.execute(
        select(Prerequisite.code, Prerequisite.required_code)
        .where(Prerequisite.code != course.code)
    ):
        graph.setdefault(code, set()).add(required)
    graph[course.code] = set(codes)
    if _reaches(graph, codes, course.code):
        raise RuleViolation(_l("These prerequisites would make a circle."),
                            type="circular-prerequisites",
                            errors={"prerequisites": [_l("Circular prerequisites.")]})
    db.session.execute(delete(Prerequisite).where(Prerequisite.code == course.code))
    db.session.add_all(Prerequisite(code=course.code, required_code=code) for code in codes)
    course.prerequisite_codes = codes


def _reaches(graph: dict[str, set[str]], starts, target: str) -> bool:
    seen, stack = set(), list(starts)
    while stack:
        code = stack.pop()
        if code == target:
            return True
        if code not in seen:
            seen.add(code)
            stack.extend(graph.get(code, ()))
    return False


# Courses ----------------------------------------------------------------------------------


def create_course(actor: User | None, data: dict, *, now: datetime) -> Course:
    """Create a draft (version 1). National admins create courses of their own country only;
    regional courses belong to programme admins. ``actor=None`` is a trusted import."""
    country = data.get("country", None if actor is None or is_programme_admin(actor)
                       else actor.country_code)
    if actor is not None and not is_programme_admin(actor) and (
        not is_national_admin(actor) or country != actor.country_code
    ):
        raise Forbidden(_l("You can only create courses of your own country."))
    if country is not None and db.session.get(Country, country) is None:
        raise RuleViolation(errors={"country": [_l("Unknown country.")]})
    if db.session.scalar(select(Course.id).where(Course.code == data["code"])) is not None:
        raise Conflict(_l("A course with this code exists; make a new version of it."),
                       type="course-code-taken")
    course = Course(code=data["code"], version=data.get("version", 1),
                    owner_country_code=country, status=CourseStatus.DRAFT,
                    created_by_id=actor.id if actor else None, created_at=now, updated_at=now,
                    description={})
    for field in COURSE_FIELDS:
        if field in data:
            setattr(course, field, data[field])
    _check_languages(course)
    _refresh_search(course)
    db.session.add(course)
    db.session.flush()
    set_prerequisites(course, data.get("prerequisites", []))
    record(actor, "course.create", "course", course.id, country_code=country,
           details={"code": course.code}, now=now)
    return course


def update_course(actor: User, course: Course, data: dict, *, now: datetime) -> Course:
    """Change a draft. Raises Forbidden, Conflict (not a draft) and RuleViolation."""
    require_editor(actor, course)
    require_draft(course)
    for field in COURSE_FIELDS:
        if field in data:
            setattr(course, field, data[field])
    _check_languages(course)
    _refresh_search(course)
    if "prerequisites" in data:
        set_prerequisites(course, data["prerequisites"])
    course.updated_at = now
    db.session.flush()
    record(actor, "course.update", "course", course.id, country_code=course.owner_country_code,
           details={"fields": sorted(data)}, now=now)
    return course


def delete_course(actor: User, course: Course, *, now: datetime) -> None:
    require_editor(actor, course)
    require_draft(course)
    record(actor, "course.delete", "course", course.id, country_code=course.owner_country_code,
           details={"code": course.code, "version": course.version}, now=now)
    if not db.session.scalar(select(Course.id).where(Course.code == course.code,
                                                     Course.id != course.id)):
        db.session.execute(delete(Prerequisite).where(Prerequisite.code == course.code))
    db.session.delete(course)
    db.session.flush()


def publish(actor: User | None, course: Course, *, now: datetime) -> Course:
    """Publish a draft; the previously published version of the code is archived."""
    if actor is not None:
        require_editor(actor, course)
    require_draft(course)
    if not db.session.scalar(select(Lesson.id).where(Lesson.course_id == course.id).limit(1)):
        raise RuleViolation(_l("Add at least one lesson before publishing."),
                            type="course-empty", errors={"modules": [_l("No lessons.")]})
    for previous in db.session.scalars(select(Course).where(
            Course.code == course.code, Course.status == CourseStatus.PUBLISHED)):
        previous.status = CourseStatus.ARCHIVED
        previous.updated_at = now
    course.status = CourseStatus.PUBLISHED
    course.published_at = course.updated_at = now
    db.session.flush()
    record(actor, "course.publish", "course", course.id, country_code=course.owner_country_code,
           details={"code": course.code, "version": course.version}, now=now)
    return course


def archive(actor: User, course: Course, *, now: datetime) -> Course:
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
    """Copy a published (or archived) course as the next draft version, keys kept."""
    require_editor(actor, course)
    if course.status == CourseStatus.DRAFT:
        raise Conflict(_l("Edit the draft itself."), type="course-not-published")
    if db.session.scalar(select(Course.id).where(Course.code == course.code,
                                                 Course.status == CourseStatus.DRAFT)):
        raise Conflict(_l("A draft version of this course already exists."),
                       type="draft-exists")
    latest = db.session.scalar(select(Course.version).where(Course.code == course.code)
                               .order_by(Course.version.desc()).limit(1))
    source = load_tree(course.id)
    copy = Course(code=course.code, version=latest + 1, status=CourseStatus.DRAFT,
                  owner_country_code=course.owner_country_code, created_by_id=actor.id,
                  created_at=now, updated_at=now, search_text=course.search_text,
                  **{field: getattr(course, field) for field in COURSE_FIELDS})
    for module in source.modules:
        new_module = Module(position=module.position, title=module.title)
        copy.modules.append(new_module)
        for lesson in module.lessons:
            new_module.lessons.append(_copy_lesson(lesson, copy))
    db.session.add(copy)
    db.session.flush()
    record(actor, "course.new_version", "course", copy.id,
           country_code=course.owner_country_code,
           details={"code": course.code, "from_version": course.version,
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


def load_tree(course_id: int) -> Course:
    """A course with modules, lessons, quizzes and questions: five queries, whatever its size."""
    return db.session.scalars(
        select(Course).where(Course.id == course_id).options(
            selectinload(Course.modules).selectinload(Module.lessons)
            .selectinload(Lesson.quiz).selectinload(Quiz.questions))
        .execution_options(populate_existing=True)
    ).one()


# Structure --------------------------------------------------------------------------------


def add_module(actor: User, course: Course, data: dict, *, now: datetime) -> Module:
    require_editor(actor, course)
    require_draft(course)
    check_texts(course.languages, course.default_language, data["title"], field="title")
    position = 1 + max((module.position for module in course.modules), default=0)
    module = Module(course=course, position=position, title=data["title"])
    course.updated_at = now
    db.session.add(module)
    db.session.flush()
    return module


def add_lesson(actor: User, course: Course, module_id: int, data: dict, *,
               now: datetime) -> Lesson:
    """Add a lesson (with its quiz) at the end of a module of a draft."""
    require_editor(actor, course)
    require_draft(course)
    module = next((m for m in course.modules if m.id == module_id), None)
    if module is None:
        raise NotFound(_l("No such module in this course."))
    for field in ("title", "body", "url"):
        check_texts(course.languages, course.default_language, data.get(field) or {},
                    field=field, required=field == "title")
    if db.session.scalar(select(Lesson.id).where(Lesson.course_id == course.id,
                                                 Lesson.key == data["key"])):
        raise Conflict(_l("A lesson with this key exists in the course."), type="lesson-key-taken")
    lesson = build_lesson(course, data)
    lesson.position = 1 + max((other.position for other in module.lessons), default=0)
    module.lessons.append(lesson)
    course.updated_at = now
    db.session.flush()
    return lesson


def build_lesson(course: Course, data: dict) -> Lesson:
    """A lesson (and its quiz) from validated data; the caller places it in a module."""
    lesson = Lesson(course=course, key=data["key"], kind=data["kind"],
                    required=data.get("required", True),
                    duration_minutes=data.get("duration_minutes"), title=data["title"],
                    body=data.get("body") or {}, url=data.get("url") or {})
    quiz = data.get("quiz")
    if lesson.kind == LessonKind.QUIZ and quiz:
        lesson.quiz = Quiz(pass_mark=quiz.get("pass_mark", 70),
                           max_attempts=quiz.get("max_attempts"))
        for position, question in enumerate(quiz["questions"], start=1):
            lesson.quiz.questions.append(Question(
                position=position, kind=question["kind"], points=question.get("points", 1),
                text=question["text"], explanation=question.get("explanation") or {},
                choices=[{"key": c["key"], "text": c["text"], "correct": bool(c.get("correct"))}
                         for c in question["choices"]]))
    return lesson


# Catalogue --------------------------------------------------------------------------------

SORTS = {"code": (Course.code, Course.version), "published_at": (Course.published_at,),
         "updated_at": (Course.updated_at,)}


def catalogue_query(actor: User, args: dict):
    """A select of the courses the actor may see, filtered and sorted as asked."""
    stmt = scope_courses(select(Course), actor)
    stmt = stmt.where(Course.status == args.get("status", CourseStatus.PUBLISHED))
    if "q" in args:
        for word in fold(args["q"]).split():
            stmt = stmt.where(Course.search_text.contains(word, autoescape=True))
    for name, column in (("category", Course.category), ("level", Course.level),
                         ("country", Course.owner_country_code)):
        if name in args:
            stmt = stmt.where(column == args[name])
    if args.get("regional") is not None:
        stmt = stmt.where(Course.owner_country_code.is_(None) if args["regional"]
                          else Course.owner_country_code.is_not(None))
    if "language" in args:
        stmt = stmt.where(cast(Course.languages, String).contains(f'"{args["language"]}"'))
    sort = args.get("sort", "code")
    columns = SORTS[sort.lstrip("-")]
    order = [column.desc() if sort.startswith("-") else column for column in columns]
    return stmt.order_by(*order, Course.id)


# Mandatory courses ------------------------------------------------------------------------


def create_rule(actor: User, data: dict, *, now: datetime) -> MandatoryRule:
    """Make course ``required_code`` mandatory before every course of ``category``."""
    if not is_programme_admin(actor):
        raise Forbidden(_l("Only programme administrators set mandatory courses."))
    if not db.session.scalar(select(Course.id).where(Course.code == data["required_code"])):
        raise RuleViolation(errors={"required_code": [
            _l("Unknown course: %(code)s.", code=data["required_code"])]})
    if db.session.get(MandatoryRule, (data["required_code"], data["category"])):
        raise Conflict(_l("This rule exists already."), type="rule-exists")
    rule = MandatoryRule(**data, created_by_id=actor.id, created_at=now)
    db.session.add(rule)
    db.session.flush()
    record(actor, "mandatory_rule.create", "mandatory_rule",
           f"{rule.required_code}:{rule.category}", country_code=None, details=data, now=now)
    return rule


def delete_rule(actor: User, required_code: str, category: str, *, now: datetime) -> None:
    if not is_programme_admin(actor):
        raise Forbidden(_l("Only programme administrators set mandatory courses."))
    rule = db.session.get(MandatoryRule, (required_code, category))
    if rule is None:
        raise NotFound(_l("No such rule."))
    db.session.delete(rule)
    record(actor, "mandatory_rule.delete", "mandatory_rule", f"{required_code}:{category}",
           country_code=None, now=now)


def grant_exemption(actor: User, required_code: str, user: User, reason: str, *,
                    now: datetime) -> MandatoryExemption:
    """Excuse one person from a mandatory course, with the reason (their country's admins)."""
    if not (is_programme_admin(actor) or (
            is_national_admin(actor) and user.country_code == actor.country_code)):
        raise Forbidden(_l("Only this person's administrators may grant an exemption."))
    if not db.session.scalar(select(MandatoryRule.category)
                             .where(MandatoryRule.required_code == required_code)):
        raise NotFound(_l("No such rule."))
    if db.session.get(MandatoryExemption, (user.id, required_code)):
        raise Conflict(_l("This person is exempted already."), type="exemption-exists")
    exemption = MandatoryExemption(user_id=user.id, required_code=required_code, reason=reason,
                                   granted_by_id=actor.id, created_at=now)
    db.session.add(exemption)
    db.session.flush()
    record(actor, "exemption.create", "user", user.id, country_code=user.country_code,
           details={"course": required_code, "reason": reason}, now=now)
    return exemption
