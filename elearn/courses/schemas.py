"""Input validation and output shape of courses, modules, lessons and quizzes.

Texts are stored per language. Outputs give each text in the caller's language (falling back
to the course's default language, flagged ``fallback``) and the full translations beside it.
"""

from __future__ import annotations

import re

import marshmallow as ma
from flask_babel import lazy_gettext as _l
from marshmallow import validate

from ..i18n import LANGUAGES
from ..web.pagination import PaginationArgsSchema
from ..web.validation import choice, country_code, id_field, invalid
from .models import CourseStatus, LessonKind, Level, QuestionKind
from .texts import current_language, is_fallback, localize

CODE = validate.Regexp(r"^[A-Z0-9-]{2,40}$",
                       error=_l("Use 2 to 40 capital letters, digits or hyphens."))
CHOICE_KEY = re.compile(r"^[a-z0-9-]{1,20}$")
SLUG = validate.Regexp(r"^[a-z0-9-]{1,80}$",
                       error=_l("Use lower-case letters, digits and hyphens."))


def _texts(value) -> None:
    if not isinstance(value, dict):
        raise invalid(_l("Give the text per language, e.g. {\"en\": \"...\"}."))
    unknown = sorted(set(value) - set(LANGUAGES))
    if unknown:
        raise invalid(_l("Unknown language: %(language)s.", language=unknown[0]))
    if not all(isinstance(text, str) and len(text) <= 100_000 for text in value.values()):
        raise invalid(_l("Each translation must be text."))


def _some_text(value) -> None:
    _texts(value)
    if not any(text.strip() for text in value.values()):
        raise invalid(_l("Give the text per language, e.g. {\"en\": \"...\"}."))


def Texts(*, allow_empty=True, **kwargs):  # noqa: N802 — a field factory, read like a field
    """Text per language; ``allow_empty=False`` for texts that must exist (titles)."""
    return ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.String(),
                          validate=_texts if allow_empty else _some_text, **kwargs)


class Localized(ma.fields.Field):
    """Dump a text map as the text in the caller's language (or the course default)."""

    def __init__(self, attribute_name: str, **kwargs):
        self.texts_attribute = attribute_name
        super().__init__(dump_only=True, **kwargs)

    def _serialize(self, value, attr, obj, **kwargs):
        return localize(getattr(obj, self.texts_attribute), _default_language(obj))


def _default_language(obj) -> str:
    course = getattr(obj, "course", None) or getattr(getattr(obj, "module", None), "course", None)
    return getattr(obj, "default_language", None) or getattr(course, "default_language", "en")


class QuestionSchema(ma.Schema):
    """A question as learners see it: the choices, never which is correct."""

    id = ma.fields.Integer()
    position = ma.fields.Integer()
    kind = ma.fields.String()
    points = ma.fields.Integer()
    text = Localized("text")
    choices = ma.fields.Method("dump_choices")

    def dump_choices(self, question):
        language = question.quiz.lesson.course.default_language
        return [{"key": item["key"], "text": localize(item.get("text"), language)}
                for item in question.choices]


class QuizSchema(ma.Schema):
    id = ma.fields.Integer()
    lesson_id = ma.fields.Integer()
    pass_mark = ma.fields.Integer()
    max_attempts = ma.fields.Integer(allow_none=True)
    questions = ma.fields.List(ma.fields.Nested(QuestionSchema))


class QuizViewSchema(QuizSchema):
    answer_key = ma.fields.Dict(
        metadata={"description": "Editors only: question id → correct choice keys"})


class LessonSchema(ma.Schema):
    id = ma.fields.Integer()
    key = ma.fields.String()
    position = ma.fields.Integer()
    kind = ma.fields.String()
    required = ma.fields.Boolean()
    duration_minutes = ma.fields.Integer(allow_none=True)
    title = Localized("title")
    body = Localized("body")
    url = Localized("url")
    fallback = ma.fields.Function(lambda lesson: is_fallback(lesson.title)
                                  or (bool(lesson.body) and is_fallback(lesson.body)))
    quiz = ma.fields.Nested(QuizSchema, allow_none=True)


class ModuleSchema(ma.Schema):
    id = ma.fields.Integer()
    position = ma.fields.Integer()
    title = Localized("title")
    lessons = ma.fields.List(ma.fields.Nested(LessonSchema))


class CourseSchema(ma.Schema):
    id = ma.fields.Integer()
    code = ma.fields.String()
    version = ma.fields.Integer()
    status = ma.fields.String()
    country = ma.fields.String(attribute="owner_country_code", allow_none=True)
    category = ma.fields.String()
    level = ma.fields.String()
    default_language = ma.fields.String()
    languages = ma.fields.List(ma.fields.String())
    language = ma.fields.Function(
        lambda course: current_language() if not is_fallback(course.title)
        else course.default_language,
        metadata={"description": "The language the texts are shown in"})
    fallback = ma.fields.Function(lambda course: is_fallback(course.title), metadata={
        "description": "True when the caller's language is missing and the default is shown"})
    title = Localized("title")
    description = Localized("description")
    title_translations = ma.fields.Dict(attribute="title")
    description_translations = ma.fields.Dict(attribute="description")
    estimated_minutes = ma.fields.Integer(allow_none=True)
    certificate_validity_months = ma.fields.Integer(allow_none=True)
    prerequisites = ma.fields.Method("dump_prerequisites")
    published_at = ma.fields.AwareDateTime(allow_none=True)
    updated_at = ma.fields.AwareDateTime()

    def dump_prerequisites(self, course):
        return sorted(getattr(course, "prerequisite_codes", ()))


class CourseDetailSchema(CourseSchema):
    modules = ma.fields.List(ma.fields.Nested(ModuleSchema))


class CourseFieldsSchema(ma.Schema):
    category = ma.fields.String(validate=SLUG)
    level = ma.fields.String(validate=choice(Level))
    default_language = ma.fields.String(validate=choice(LANGUAGES))
    languages = ma.fields.List(ma.fields.String(validate=choice(LANGUAGES)),
                               validate=validate.Length(min=1, max=len(LANGUAGES)))
    title = Texts(allow_empty=False)
    description = Texts()
    estimated_minutes = ma.fields.Integer(allow_none=True,
                                          validate=validate.Range(min=1, max=100_000))
    certificate_validity_months = ma.fields.Integer(allow_none=True,
                                                    validate=validate.Range(min=1, max=600))
    prerequisites = ma.fields.List(ma.fields.String(validate=CODE),
                                   validate=validate.Length(max=20))


class CourseCreateSchema(CourseFieldsSchema):
    code = ma.fields.String(required=True, validate=CODE)
    country = ma.fields.String(allow_none=True, validate=country_code,
                               metadata={"description": "Owner country; null: regional"})
    category = ma.fields.String(required=True, validate=SLUG)
    default_language = ma.fields.String(required=True, validate=choice(LANGUAGES))
    languages = ma.fields.List(ma.fields.String(validate=choice(LANGUAGES)), required=True,
                               validate=validate.Length(min=1, max=len(LANGUAGES)))
    title = Texts(required=True, allow_empty=False)


class CourseUpdateSchema(CourseFieldsSchema):
    pass


class CourseQueryArgsSchema(PaginationArgsSchema):
    q = ma.fields.String(validate=validate.Length(min=1, max=100),
                         metadata={"description": "Words of the title or description"})
    category = ma.fields.String(validate=SLUG)
    level = ma.fields.String(validate=choice(Level))
    language = ma.fields.String(validate=choice(LANGUAGES))
    country = ma.fields.String(validate=country_code,
                               metadata={"description": "Owner country; 'regional' not allowed"})
    regional = ma.fields.Boolean()
    status = ma.fields.String(validate=choice(CourseStatus),
                              metadata={"description": "Default: published"})
    sort = ma.fields.String(load_default="code", validate=choice(
        ["code", "-code", "published_at", "-published_at", "updated_at", "-updated_at"]))


class ModuleCreateSchema(ma.Schema):
    title = Texts(required=True, allow_empty=False)


class QuestionCreateSchema(ma.Schema):
    kind = ma.fields.String(required=True, validate=choice(QuestionKind))
    points = ma.fields.Integer(load_default=1, validate=validate.Range(min=1, max=100))
    text = Texts(required=True, allow_empty=False)
    explanation = Texts(load_default=dict)
    choices = ma.fields.List(ma.fields.Dict(), required=True,
                             validate=validate.Length(min=2, max=10))

    @ma.validates_schema
    def check_choices(self, data, **kwargs):
        keys, correct = [], 0
        for item in data.get("choices", []):
            if not isinstance(item.get("key"), str) or not CHOICE_KEY.match(item["key"]):
                raise invalid(_l("Each choice needs a short key."), "choices")
            _texts(item.get("text"))
            keys.append(item["key"])
            correct += bool(item.get("correct"))
        if len(set(keys)) != len(keys):
            raise invalid(_l("Choice keys must be unique."), "choices")
        if correct == 0:
            raise invalid(_l("Mark at least one choice as correct."), "choices")
        if data.get("kind") != QuestionKind.MULTIPLE_CHOICE and correct != 1:
            raise invalid(_l("Mark exactly one choice as correct."), "choices")
        if data.get("kind") == QuestionKind.TRUE_FALSE and sorted(keys) != ["false", "true"]:
            raise invalid(_l("Use the keys true and false."), "choices")

    @ma.post_load
    def normalise_choices(self, data, **kwargs):
        data["choices"] = [{"key": item["key"], "text": item["text"],
                            "correct": bool(item.get("correct"))} for item in data["choices"]]
        return data


class QuizCreateSchema(ma.Schema):
    pass_mark = ma.fields.Integer(load_default=70, validate=validate.Range(min=0, max=100))
    max_attempts = ma.fields.Integer(load_default=None, allow_none=True,
                                     validate=validate.Range(min=1, max=100))
    questions = ma.fields.List(ma.fields.Nested(QuestionCreateSchema), required=True,
                               validate=validate.Length(min=1, max=200))


class LessonCreateSchema(ma.Schema):
    key = ma.fields.String(required=True, validate=SLUG)
    kind = ma.fields.String(required=True, validate=choice(LessonKind))
    title = Texts(required=True, allow_empty=False)
    required = ma.fields.Boolean(load_default=True)
    duration_minutes = ma.fields.Integer(allow_none=True, validate=validate.Range(min=1,
                                                                                  max=10_000))
    body = Texts(load_default=dict)
    url = Texts(load_default=dict)
    quiz = ma.fields.Nested(QuizCreateSchema)

    @ma.validates_schema
    def check_kind(self, data, **kwargs):
        if data.get("kind") == LessonKind.QUIZ and "quiz" not in data:
            raise invalid(_l("A quiz lesson needs its quiz."), "quiz")
        if data.get("kind") != LessonKind.QUIZ and "quiz" in data:
            raise invalid(_l("Only a quiz lesson has a quiz."), "quiz")
        if data.get("kind") in (LessonKind.VIDEO, LessonKind.DOCUMENT) and not data.get("url"):
            raise invalid(_l("Give the link per language."), "url")


class MandatoryRuleSchema(ma.Schema):
    required_code = ma.fields.String(required=True, validate=CODE)
    category = ma.fields.String(required=True, validate=SLUG)
    created_at = ma.fields.AwareDateTime(dump_only=True)


class ExemptionCreateSchema(ma.Schema):
    user_id = id_field(required=True)
    reason = ma.fields.String(required=True, validate=validate.Length(min=3, max=500))


class ExemptionSchema(ma.Schema):
    user_id = ma.fields.Integer()
    required_code = ma.fields.String()
    reason = ma.fields.String()
    granted_by_id = ma.fields.Integer(allow_none=True)
    created_at = ma.fields.AwareDateTime()

