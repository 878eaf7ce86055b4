"""Input validation and output shape of modules, lessons, quizzes and questions.

A question's choices go out without the answer: only the course's editors get `answer_key`,
explanations and (with `translations=all`) the choices whole.
"""

from __future__ import annotations

import re

import marshmallow as ma
from flask_babel import lazy_gettext as _l
from marshmallow import validate

from ...web.validation import StrictBoolean, choice, invalid
from ..models import LessonKind, QuestionKind
from ..schemas import SLUG, CourseSchema, Localized, Texts, Translations, fallback_of
from ..texts import course_of, localize

CHOICE_KEY = re.compile(r"^[a-z0-9-]{1,20}$")


def _editor_only(obj, value):
    return value if getattr(course_of(obj), "show_answer_key", False) else ma.missing


class QuestionSchema(ma.Schema):
    id = ma.fields.Integer()
    position = ma.fields.Integer()
    kind = ma.fields.String()
    points = ma.fields.Integer()
    text = Localized("text")
    fallback = fallback_of("text")
    choices = ma.fields.Method("dump_choices", metadata={
        "description": "Each choice's key and text, never whether it is correct"})
    explanation = ma.fields.Method("dump_explanation", metadata={
        "description": "Shown after an attempt; here for the course's editors only"})
    text_translations = Translations("text")
    explanation_translations = Translations("explanation")
    choices_translations = ma.fields.Method("dump_all_choices", metadata={
        "description": "Editors with translations=all: the choices whole, answer included"})

    def dump_choices(self, question):
        language = course_of(question).default_language
        return [{"key": item["key"], "text": localize(item.get("text"), language)}
                for item in question.choices]

    def dump_explanation(self, question):
        return _editor_only(question, localize(question.explanation,
                                               course_of(question).default_language))

    def dump_all_choices(self, question):
        if not getattr(course_of(question), "show_translations", False):
            return ma.missing
        return question.choices


class QuizSchema(ma.Schema):
    id = ma.fields.Integer()
    lesson_id = ma.fields.Integer()
    pass_mark = ma.fields.Integer(metadata={"description": "Percent of the points to pass"})
    max_attempts = ma.fields.Integer(allow_none=True,
                                     metadata={"description": "null: unlimited"})
    questions = ma.fields.List(ma.fields.Nested(QuestionSchema))


class QuizViewSchema(QuizSchema):
    answer_key = ma.fields.Method("dump_answer_key", metadata={
        "description": "Editors only: question id → the correct choice keys"})

    def dump_answer_key(self, quiz):
        return _editor_only(quiz, {str(question.id): sorted(question.correct_keys)
                                   for question in quiz.questions})


class LessonSchema(ma.Schema):
    id = ma.fields.Integer()
    key = ma.fields.String(metadata={"description": "Stable across the course's versions"})
    position = ma.fields.Integer()
    kind = ma.fields.String()
    required = ma.fields.Boolean(metadata={"description": "Needed to complete the course"})
    duration_minutes = ma.fields.Integer(allow_none=True)
    title = Localized("title")
    body = Localized("body", metadata={"description": "Markdown"})
    url = Localized("url")
    fallback = fallback_of("title", "body", "url")
    title_translations = Translations("title")
    body_translations = Translations("body")
    url_translations = Translations("url")
    quiz = ma.fields.Nested(QuizSchema, allow_none=True)


class ModuleSchema(ma.Schema):
    id = ma.fields.Integer()
    position = ma.fields.Integer()
    title = Localized("title")
    fallback = fallback_of("title")
    title_translations = Translations("title")
    lessons = ma.fields.List(ma.fields.Nested(LessonSchema))


class CourseDetailSchema(CourseSchema):
    modules = ma.fields.List(ma.fields.Nested(ModuleSchema))


# Input ------------------------------------------------------------------------------------


class ModuleCreateSchema(ma.Schema):
    title = Texts(required=True, allow_empty=False)


class ModuleUpdateSchema(ma.Schema):
    title = Texts(allow_empty=False)
    position = ma.fields.Integer(validate=validate.Range(min=1, max=1000),
                                 metadata={"description": "Move it: 1 for first"})


class ChoiceCreateSchema(ma.Schema):
    key = ma.fields.String(required=True, validate=validate.Regexp(
        CHOICE_KEY, error=_l("Each choice needs a short key.")))
    text = Texts(required=True)
    correct = StrictBoolean(load_default=False)


class QuestionCreateSchema(ma.Schema):
    kind = ma.fields.String(required=True, validate=choice(QuestionKind))
    points = ma.fields.Integer(load_default=1, validate=validate.Range(min=1, max=100))
    text = Texts(required=True, allow_empty=False)
    explanation = Texts(load_default=dict)
    choices = ma.fields.List(ma.fields.Nested(ChoiceCreateSchema), required=True,
                             validate=validate.Length(min=2, max=10))

    @ma.validates_schema
    def check_choices(self, data, **kwargs):
        keys, correct = [], 0
        for item in data.get("choices", []):
            keys.append(item["key"])
            correct += item["correct"]
        if len(set(keys)) != len(keys):
            raise invalid(_l("Choice keys must be unique."), "choices")
        if correct == 0:
            raise invalid(_l("Mark at least one choice as correct."), "choices")
        if data.get("kind") != QuestionKind.MULTIPLE_CHOICE and correct != 1:
            raise invalid(_l("Mark exactly one choice as correct."), "choices")
        if data.get("kind") == QuestionKind.TRUE_FALSE and sorted(keys) != ["false", "true"]:
            raise invalid(_l("Use the keys true and false."), "choices")



class QuizUpdateSchema(ma.Schema):
    pass_mark = ma.fields.Integer(validate=validate.Range(min=0, max=100))
    max_attempts = ma.fields.Integer(allow_none=True, validate=validate.Range(min=1, max=100),
                                     metadata={"description": "null: unlimited"})


class QuizCreateSchema(QuizUpdateSchema):
    pass_mark = ma.fields.Integer(load_default=70, validate=validate.Range(min=0, max=100))
    max_attempts = ma.fields.Integer(load_default=None, allow_none=True,
                                     validate=validate.Range(min=1, max=100))
    questions = ma.fields.List(ma.fields.Nested(QuestionCreateSchema), required=True,
                               validate=validate.Length(min=1, max=200))


class LessonUpdateSchema(ma.Schema):
    title = Texts(allow_empty=False)
    required = ma.fields.Boolean(metadata={"description": "Needed to complete the course"})
    duration_minutes = ma.fields.Integer(allow_none=True,
                                         validate=validate.Range(min=1, max=10_000))
    body = Texts(metadata={"description": "Markdown per language"})
    url = Texts(links=True, metadata={"description": "Video or document link per language"})
    position = ma.fields.Integer(validate=validate.Range(min=1, max=1000),
                                 metadata={"description": "Move it in its module: 1 for first"})


class LessonCreateSchema(LessonUpdateSchema):
    key = ma.fields.String(required=True, validate=SLUG,
                           metadata={"description": "Unique in the course, kept by new versions"})
    kind = ma.fields.String(required=True, validate=choice(LessonKind))
    title = Texts(required=True, allow_empty=False)
    required = ma.fields.Boolean(load_default=True)
    body = Texts(load_default=dict, metadata={"description": "Markdown per language"})
    url = Texts(load_default=dict, links=True)
    quiz = ma.fields.Nested(QuizCreateSchema)

    class Meta:
        exclude = ("position",)

    # A quiz lesson has its quiz, a video or document lesson its links, no other a quiz.
    OPENAPI_RULES = {"anyOf": [
        {"properties": {"kind": {"enum": [LessonKind.QUIZ.value]}}, "required": ["quiz"]},
        {"properties": {"kind": {"enum": [LessonKind.VIDEO.value, LessonKind.DOCUMENT.value]},
                        "url": {"minProperties": 1}},
         "required": ["url"], "not": {"required": ["quiz"]}},
        {"properties": {"kind": {"enum": [LessonKind.TEXT.value, LessonKind.LIVE_SESSION.value]}},
         "not": {"required": ["quiz"]}},
    ]}

    @ma.validates_schema
    def check_kind(self, data, **kwargs):
        if data.get("kind") == LessonKind.QUIZ and "quiz" not in data:
            raise invalid(_l("A quiz lesson needs its quiz."), "quiz")
        if data.get("kind") != LessonKind.QUIZ and "quiz" in data:
            raise invalid(_l("Only a quiz lesson has a quiz."), "quiz")
        if data.get("kind") in (LessonKind.VIDEO, LessonKind.DOCUMENT) and not data.get("url"):
            raise invalid(_l("Give the link per language."), "url")
