"""Authoring a draft's content: modules, lessons, quizzes and questions.

Every change is checked whole before anything is written, happens in a draft only (a
published course changes through a new version), bumps the course's `updated_at` and is
audited against the course.
"""

from __future__ import annotations

import logging
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ...accounts.models import User
from ...audit.services import record
from ...errors import Conflict, NotFound
from ...extensions import db
from ..access import can_edit, require_draft, require_editor
from ..models import Course, Lesson, LessonKind, Module, Question, Quiz
from ..texts import check_texts, lesson_as_data, lesson_texts, question_texts

logger = logging.getLogger(__name__)

LESSON_FIELDS = ("title", "body", "url", "required", "duration_minutes")


def _require_editable(actor: User, course: Course) -> None:
    require_editor(actor, course)
    require_draft(course)


def _changed(actor: User, course: Course, action: str, details: dict, *, now: datetime) -> None:
    course.updated_at = now
    db.session.flush()
    record(actor, action, "course", course.id, country_code=course.owner_country_code,
           details=details, now=now)


def _place(items: list, item, position: int | None) -> None:
    """Number `items` 1..n in order, `item` moved to `position` (1-based, clamped).

    Positions are unique per parent, so rows first step aside to negative numbers.
    """
    if position is None:
        return
    ordered = [other for other in items if other is not item]
    ordered.insert(min(max(position, 1), len(ordered) + 1) - 1, item)
    for number, other in enumerate(ordered, start=1):
        other.position = -number
    db.session.flush()
    for other in ordered:
        other.position = -other.position


def _module(course: Course, module_id: int) -> Module:
    module = next((module for module in course.modules if module.id == module_id), None)
    if module is None:
        raise NotFound(_l("No such module in this course."))
    return module


def _lesson(module: Module, lesson_id: int) -> Lesson:
    lesson = next((lesson for lesson in module.lessons if lesson.id == lesson_id), None)
    if lesson is None:
        raise NotFound(_l("No such lesson in this module."))
    return lesson


def _question(quiz: Quiz, question_id: int) -> Question:
    question = next((q for q in quiz.questions if q.id == question_id), None)
    if question is None:
        raise NotFound(_l("No such question in this quiz."))
    return question


# Modules ----------------------------------------------------------------------------------


def add_module(actor: User, course: Course, data: dict, *, now: datetime) -> Module:
    """Add a module at the end of a draft. Raises Forbidden, Conflict, RuleViolation."""
    _require_editable(actor, course)
    check_texts(course.languages, course.default_language, [(("title",), data["title"], True)])
    position = 1 + max((module.position for module in course.modules), default=0)
    module = Module(position=position, title=data["title"])
    course.modules.append(module)
    _changed(actor, course, "course.module.create", {"title": data["title"]}, now=now)
    return module


def update_module(actor: User, course: Course, module_id: int, data: dict, *,
                  now: datetime) -> Module:
    """Retitle or move a module of a draft (`position`: 1 for first)."""
    _require_editable(actor, course)
    module = _module(course, module_id)
    if "title" in data:
        check_texts(course.languages, course.default_language,
                    [(("title",), data["title"], True)])
        module.title = data["title"]
    _place(course.modules, module, data.get("position"))
    _changed(actor, course, "course.module.update",
             {"module_id": module.id, "fields": sorted(data)}, now=now)
    return module


def delete_module(actor: User, course: Course, module_id: int, *, now: datetime) -> None:
    """Delete a module of a draft with its lessons."""
    _require_editable(actor, course)
    module = _module(course, module_id)
    course.modules.remove(module)
    _changed(actor, course, "course.module.delete",
             {"module_id": module_id, "lessons": [lesson.key for lesson in module.lessons]},
             now=now)


# Lessons ----------------------------------------------------------------------------------


def build_lesson(course: Course, data: dict) -> Lesson:
    """A lesson (and its quiz) from validated data; the caller places it in a module."""
    lesson = Lesson(course=course, key=data["key"], kind=data["kind"],
                    required=data.get("required", True),
                    duration_minutes=data.get("duration_minutes"), title=data["title"],
                    body=data.get("body") or {}, url=data.get("url") or {})
    quiz = data.get("quiz")
    if lesson.kind == LessonKind.QUIZ and quiz is not None:
        lesson.quiz = Quiz(pass_mark=quiz.get("pass_mark", 70),
                           max_attempts=quiz.get("max_attempts"),
                           questions=[build_question(question, position)
                                      for position, question in
                                      enumerate(quiz["questions"], start=1)])
    return lesson


def build_question(data: dict, position: int) -> Question:
    return Question(position=position, kind=data["kind"], points=data.get("points", 1),
                    text=data["text"], explanation=data.get("explanation") or {},
                    choices=[{"key": choice["key"], "text": choice["text"],
                              "correct": bool(choice.get("correct"))}
                             for choice in data["choices"]])


def add_lesson(actor: User, course: Course, module_id: int, data: dict, *,
               now: datetime) -> Lesson:
    """Add a lesson (with its quiz and questions) at the end of a module of a draft.

    Raises Forbidden, NotFound (module), Conflict (not a draft; `lesson-key-taken`) and
    RuleViolation (texts outside the course's languages or missing the default one).
    """
    _require_editable(actor, course)
    module = _module(course, module_id)
    check_texts(course.languages, course.default_language, lesson_texts(data))
    if db.session.scalar(select(Lesson.id).where(Lesson.course_id == course.id,
                                                 Lesson.key == data["key"])):
        raise Conflict(_l("A lesson with this key exists in the course."), type="lesson-key-taken")
    lesson = build_lesson(course, data)
    lesson.position = 1 + max((other.position for other in module.lessons), default=0)
    module.lessons.append(lesson)
    _changed(actor, course, "course.lesson.create", {"key": lesson.key, "kind": lesson.kind},
             now=now)
    return lesson


def update_lesson(actor: User, course: Course, module_id: int, lesson_id: int, data: dict, *,
                  now: datetime) -> Lesson:
    """Change a lesson of a draft: texts, links, whether it is required, its duration, its
    place in the module (`position`). Its key and kind stay."""
    _require_editable(actor, course)
    module = _module(course, module_id)
    lesson = _lesson(module, lesson_id)
    changed = lesson_as_data(lesson) | {field: data[field] for field in LESSON_FIELDS
                                        if field in data}
    check_texts(course.languages, course.default_language, lesson_texts(changed))
    for field in LESSON_FIELDS:
        if field in data:
            setattr(lesson, field, data[field])
    _place(module.lessons, lesson, data.get("position"))
    _changed(actor, course, "course.lesson.update", {"key": lesson.key, "fields": sorted(data)},
             now=now)
    return lesson


def delete_lesson(actor: User, course: Course, module_id: int, lesson_id: int, *,
                  now: datetime) -> None:
    """Delete a lesson of a draft (and its quiz)."""
    _require_editable(actor, course)
    module = _module(course, module_id)
    lesson = _lesson(module, lesson_id)
    module.lessons.remove(lesson)
    _changed(actor, course, "course.lesson.delete", {"key": lesson.key}, now=now)


# Quizzes ----------------------------------------------------------------------------------


def quiz_view(actor: User, quiz: Quiz, *, translations: bool = False) -> Quiz:
    """A quiz to show: its editors also get the answer key and explanations; `translations`
    (editors only, else Forbidden) adds every translation."""
    course = quiz.lesson.course
    if translations:
        require_editor(actor, course)
        course.show_translations = True
    course.show_answer_key = can_edit(actor, course)
    return quiz


def update_quiz(actor: User, quiz: Quiz, data: dict, *, now: datetime) -> Quiz:
    """Change a draft quiz's pass mark or attempt limit."""
    course = quiz.lesson.course
    _require_editable(actor, course)
    for field in ("pass_mark", "max_attempts"):
        if field in data:
            setattr(quiz, field, data[field])
    _changed(actor, course, "course.quiz.update", {"quiz_id": quiz.id} | data, now=now)
    return quiz


def add_question(actor: User, quiz: Quiz, data: dict, *, now: datetime) -> Question:
    """Add a question at the end of a draft quiz."""
    course = quiz.lesson.course
    _require_editable(actor, course)
    check_texts(course.languages, course.default_language, question_texts(data))
    position = 1 + max((question.position for question in quiz.questions), default=0)
    question = build_question(data, position)
    quiz.questions.append(question)
    _changed(actor, course, "course.question.create", {"quiz_id": quiz.id}, now=now)
    return question


def replace_question(actor: User, quiz: Quiz, question_id: int, data: dict, *,
                     now: datetime) -> Question:
    """Replace a question of a draft quiz (kind, points, texts and choices) in its place."""
    course = quiz.lesson.course
    _require_editable(actor, course)
    question = _question(quiz, question_id)
    check_texts(course.languages, course.default_language, question_texts(data))
    new = build_question(data, question.position)
    for field in ("kind", "points", "text", "explanation", "choices"):
        setattr(question, field, getattr(new, field))
    _changed(actor, course, "course.question.update",
             {"quiz_id": quiz.id, "question_id": question.id}, now=now)
    return question


def delete_question(actor: User, quiz: Quiz, question_id: int, *, now: datetime) -> None:
    """Delete a question of a draft quiz (a quiz needs one to be published)."""
    course = quiz.lesson.course
    _require_editable(actor, course)
    quiz.questions.remove(_question(quiz, question_id))
    _changed(actor, course, "course.question.delete",
             {"quiz_id": quiz.id, "question_id": question_id}, now=now)
