"""A course's whole content as one download, to take offline: every language, no answer key."""

from __future__ import annotations

import marshmallow as ma
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..courses.models import Course, Lesson, Module, Quiz
from ..extensions import db
from ..web.validation import AwareDateTime


class BundleChoiceSchema(ma.Schema):
    key = ma.fields.String()
    text = ma.fields.Dict()


class BundleQuestionSchema(ma.Schema):
    id = ma.fields.Integer()
    position = ma.fields.Integer()
    kind = ma.fields.String()
    points = ma.fields.Integer()
    text = ma.fields.Dict()
    choices = ma.fields.List(ma.fields.Nested(BundleChoiceSchema))  # "correct" is left out


class BundleQuizSchema(ma.Schema):
    id = ma.fields.Integer()
    pass_mark = ma.fields.Integer()
    max_attempts = ma.fields.Integer(allow_none=True)
    questions = ma.fields.List(ma.fields.Nested(BundleQuestionSchema))


class BundleLessonSchema(ma.Schema):
    id = ma.fields.Integer()
    key = ma.fields.String()
    position = ma.fields.Integer()
    kind = ma.fields.String()
    required = ma.fields.Boolean()
    duration_minutes = ma.fields.Integer(allow_none=True)
    title = ma.fields.Dict()
    body = ma.fields.Dict()
    url = ma.fields.Dict()
    quiz = ma.fields.Nested(BundleQuizSchema, allow_none=True)


class BundleModuleSchema(ma.Schema):
    id = ma.fields.Integer()
    position = ma.fields.Integer()
    title = ma.fields.Dict()
    lessons = ma.fields.List(ma.fields.Nested(BundleLessonSchema))


class BundleSchema(ma.Schema):
    id = ma.fields.Integer()
    code = ma.fields.String()
    version = ma.fields.Integer()
    status = ma.fields.String()
    default_language = ma.fields.String()
    languages = ma.fields.List(ma.fields.String())
    title = ma.fields.Dict()
    description = ma.fields.Dict()
    updated_at = AwareDateTime()
    modules = ma.fields.List(ma.fields.Nested(BundleModuleSchema))


def load_bundle(course: Course) -> Course:
    """The course with its whole tree loaded in a fixed number of queries."""
    return db.session.scalars(
        select(Course).where(Course.id == course.id)
        .options(selectinload(Course.modules).selectinload(Module.lessons)
                 .selectinload(Lesson.quiz).selectinload(Quiz.questions))
        .execution_options(populate_existing=True)
    ).one()


def bundle_etag(course: Course) -> str:
    return f"course-{course.id}-v{course.version}-{course.updated_at.timestamp():.6f}"
