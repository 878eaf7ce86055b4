"""A lesson in the console: its title, Markdown and links in each of the course's languages
with a preview rendered and cleaned as learners will see it, whether it is required and its
duration; and a quiz lesson's pass mark, attempts and questions with their answer key, which
no page but this one shows."""

from __future__ import annotations

import marshmallow as ma
from flask import flash, redirect, request, url_for
from flask_babel import gettext, ngettext
from sqlalchemy import select

from ...courses.content import authoring
from ...courses.content.schemas import (
    LessonUpdateSchema,
    QuestionCreateSchema,
    QuizUpdateSchema,
)
from ...courses.models import CourseStatus, Lesson, LessonKind, QuestionKind
from ...courses.services import course_detail
from ...courses.texts import localize
from ...errors import ElearnError, NotFound
from ...extensions import db
from ...timeutils import utcnow
from ...web.markdown import safe_html as lesson_html
from ..pages import admin_only, bp, me, problems_of, render
from .texts import texts_from, texts_typed

CHOICES = ("a", "b", "c", "d")  # the choice rows a new question's form offers


def _lesson(course_id: int, lesson_id: int):
    """The course (tree and translations loaded, for its editors) and one of its lessons."""
    course = course_detail(me(), course_id, translations=True)
    lesson = db.session.scalar(select(Lesson).where(Lesson.id == lesson_id,
                                                    Lesson.course_id == course.id))
    if lesson is None:
        raise NotFound(gettext("No such lesson."))
    if lesson.quiz is not None:
        authoring.quiz_view(me(), lesson.quiz)  # its editors see the answer key
    return course, lesson


def _quiz_lesson(course_id: int, lesson_id: int):
    """The course and one of its quiz lessons; another kind of lesson is not found here."""
    course, lesson = _lesson(course_id, lesson_id)
    if lesson.quiz is None:
        raise NotFound(gettext("No such lesson."))
    return course, lesson


def _typed_from(lesson) -> dict:
    typed = (texts_typed(lesson.title, "title") | texts_typed(lesson.body, "body")
             | texts_typed(lesson.url, "url"))
    typed["duration_minutes"] = str(lesson.duration_minutes or "")
    typed["required"] = "on" if lesson.required else ""
    return typed


def _page(course_id: int, lesson_id: int, *, status: int = 200, typed: dict | None = None,
          problems: dict | None = None, preview: dict | None = None,
          question: dict | None = None):
    course, lesson = _lesson(course_id, lesson_id)
    return render("site/console/lesson.html", status=status, course=course, lesson=lesson,
                  typed=typed or _typed_from(lesson), problems=problems or {},
                  preview=preview or {}, question=question or {}, choices=CHOICES,
                  question_kinds=[kind.value for kind in QuestionKind], localize=localize,
                  draft=course.status == CourseStatus.DRAFT,
                  linked=lesson.kind in (LessonKind.VIDEO, LessonKind.DOCUMENT))


@bp.get("/console/courses/<int:course_id>/lessons/<int:lesson_id>")
@admin_only
def lesson_editor_page(course_id, lesson_id):
    return _page(course_id, lesson_id)


@bp.post("/console/courses/<int:course_id>/lessons/<int:lesson_id>")
@admin_only
def save_lesson_page(course_id, lesson_id):
    """Save the lesson, or with *Preview* show its Markdown as learners will see it, saving
    nothing."""
    course, lesson = _lesson(course_id, lesson_id)
    typed = dict(request.form)
    languages = course.languages
    if "preview" in typed:
        return _page(course_id, lesson_id, typed=typed, preview={
            language: lesson_html(text) for language, text in
            texts_from(typed, "body", languages).items()})
    data = {"title": texts_from(typed, "title", languages),
            "body": texts_from(typed, "body", languages),
            "required": typed.get("required") == "on",
            "duration_minutes": typed.get("duration_minutes", "").strip() or None}
    if lesson.kind in (LessonKind.VIDEO, LessonKind.DOCUMENT):
        data["url"] = texts_from(typed, "url", languages)
    try:
        authoring.update_lesson(me(), course, lesson.module_id, lesson.id,
                                LessonUpdateSchema().load(data), now=utcnow())
    except (ma.ValidationError, ElearnError) as error:
        db.session.rollback()
        return _page(course_id, lesson_id, status=getattr(error, "status", 422), typed=typed,
                     problems=problems_of(error))
    db.session.commit()
    flash(gettext("The lesson is saved."), "done")
    return redirect(url_for("site.lesson_editor_page", course_id=course_id,
                            lesson_id=lesson_id))


@bp.post("/console/courses/<int:course_id>/lessons/<int:lesson_id>/quiz")
@admin_only
def save_quiz_page(course_id, lesson_id):
    """The quiz's pass mark and attempts."""
    course, lesson = _quiz_lesson(course_id, lesson_id)
    typed = dict(request.form)
    data = {"pass_mark": typed.get("pass_mark", "").strip() or None,
            "max_attempts": typed.get("max_attempts", "").strip() or None}
    try:
        authoring.update_quiz(me(), lesson.quiz, QuizUpdateSchema().load(
            {key: value for key, value in data.items()
             if value is not None or key == "max_attempts"}), now=utcnow())
    except (ma.ValidationError, ElearnError) as error:
        db.session.rollback()
        return _page(course_id, lesson_id, status=getattr(error, "status", 422),
                     problems={f"quiz-{key}": texts
                               for key, texts in problems_of(error).items()})
    db.session.commit()
    flash(gettext("The quiz is saved."), "done")
    return redirect(url_for("site.lesson_editor_page", course_id=course_id,
                            lesson_id=lesson_id))


def _question_data(typed: dict, languages) -> dict:
    """The new-question form as the API takes it: the text and each choice in the course's
    languages, the ticked choices correct."""
    kind = typed.get("kind")
    keys = ("true", "false") if kind == QuestionKind.TRUE_FALSE else CHOICES
    choices = []
    for number, key in enumerate(keys):
        text = texts_from(typed, f"choice-{number}", languages)
        if text or kind == QuestionKind.TRUE_FALSE:
            choices.append({"key": key, "text": text or {languages[0]: key},
                            "correct": typed.get(f"correct-{number}") == "on"})
    return {"kind": kind, "points": typed.get("points", "").strip() or 1,
            "text": texts_from(typed, "question", languages),
            "explanation": texts_from(typed, "explanation", languages), "choices": choices}


@bp.post("/console/courses/<int:course_id>/lessons/<int:lesson_id>/questions")
@admin_only
def add_question_page(course_id, lesson_id):
    """Add a question with its answer key."""
    course, lesson = _quiz_lesson(course_id, lesson_id)
    typed = dict(request.form)
    try:
        authoring.add_question(me(), lesson.quiz, QuestionCreateSchema().load(
            _question_data(typed, course.languages)), now=utcnow())
    except (ma.ValidationError, ElearnError) as error:
        db.session.rollback()
        return _page(course_id, lesson_id, status=getattr(error, "status", 422),
                     question=typed, problems={f"question-{key}": texts for key, texts in
                                               problems_of(error).items()})
    db.session.commit()
    flash(gettext("The question is added."), "done")
    return redirect(url_for("site.lesson_editor_page", course_id=course_id,
                            lesson_id=lesson_id))


@bp.post("/console/courses/<int:course_id>/lessons/<int:lesson_id>/questions/"
         "<int:question_id>/delete")
@admin_only
def delete_question_page(course_id, lesson_id, question_id):
    course, lesson = _quiz_lesson(course_id, lesson_id)
    try:
        authoring.delete_question(me(), lesson.quiz, question_id, now=utcnow())
    except ElearnError as error:
        db.session.rollback()
        return _page(course_id, lesson_id, status=error.status,
                     problems={"questions": [str(error.detail or error.title)]})
    db.session.commit()
    flash(gettext("The question is deleted."), "done")
    return redirect(url_for("site.lesson_editor_page", course_id=course_id,
                            lesson_id=lesson_id))


@bp.post("/console/courses/<int:course_id>/lessons/<int:lesson_id>/delete")
@admin_only
def delete_lesson_page(course_id, lesson_id):
    """Delete a lesson of a draft (and its quiz), after saying so once."""
    course, lesson = _lesson(course_id, lesson_id)
    if request.form.get("confirmed") != "yes":
        return render("site/console/confirm.html", title=gettext(
            "Delete the lesson %(title)s?", title=localize(lesson.title, course.default_language)),
            message=ngettext("It is deleted for good, with its %(num)d quiz question.",
                             "It is deleted for good, with its %(num)d quiz questions.",
                             len(lesson.quiz.questions) if lesson.quiz else 0)
            if lesson.quiz else gettext("It is deleted for good, in every language."),
            action=request.path, back=url_for("site.lesson_editor_page", course_id=course_id,
                                               lesson_id=lesson_id))
    try:
        authoring.delete_lesson(me(), course, lesson.module_id, lesson.id, now=utcnow())
    except ElearnError as error:
        db.session.rollback()
        return _page(course_id, lesson_id, status=error.status,
                     problems={"form": [str(error.detail or error.title)]})
    db.session.commit()
    flash(gettext("The lesson is deleted."), "done")
    return redirect(url_for("site.console_course_page", course_id=course_id))
