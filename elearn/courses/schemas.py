"""Input validation and output shape of courses and mandatory rules.

Texts are stored per language. Outputs give each text in the caller's language, falling back
to the course's default language (`fallback: true` says so); the course's editors who ask
for it (`translations=all`) also get every translation in `*_translations` fields.
"""

from __future__ import annotations

import re

import marshmallow as ma
from flask_babel import lazy_gettext as _l
from marshmallow import validate

from ..i18n import LANGUAGES
from ..web.openapi import TextMap
from ..web.pagination import PaginationArgsSchema, ReadSchema
from ..web.validation import AwareDateTime, choice, country_code, id_field, invalid
from .models import CourseStatus, Level
from .texts import course_of, current_language, is_fallback, localize

CODE = validate.Regexp(r"^[A-Z0-9-]{2,40}$",
                       error=_l("Use 2 to 40 capital letters, digits or hyphens."))
SLUG = validate.Regexp(r"^[a-z0-9-]{1,80}$",
                       error=_l("Use lower-case letters, digits and hyphens."))
# No control character or space of any kind, said without `\s` (whose meaning varies
# between regular expression dialects).
_NOT_IN_LINKS = r"\x00-\x20\x7f-\x9f\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff"
LINK_PATTERN = rf"^[hH][tT][tT][pP][sS]?://[^{_NOT_IN_LINKS}/$.?#][^{_NOT_IN_LINKS}]*$"
LINK = re.compile(LINK_PATTERN)


def _texts(value) -> None:
    if not isinstance(value, dict):
        raise invalid(_l("Give the text per language, e.g. {\"en\": \"...\"}."))
    unknown = sorted(set(value) - set(LANGUAGES))
    if unknown:
        raise invalid(_l("Unknown language: %(language)s.", language=unknown[0]))
    if not all(isinstance(text, str) and len(text) <= 100_000 for text in value.values()):
        raise invalid(_l("Each translation must be text."))


def _some_text(value) -> None:
    """At least one language, none of them blank (leave out a language without its text)."""
    _texts(value)
    if not value or not all(text.strip() for text in value.values()):
        raise invalid(_l("Give the text per language, e.g. {\"en\": \"...\"}."))


def _links(value) -> None:
    _texts(value)
    if not all(LINK.match(link) and len(link) <= 2000 for link in value.values()):
        raise invalid(_l("Give a web address (https://...) per language."))


def Texts(*, allow_empty=True, links=False, **kwargs):  # noqa: N802 — a field factory
    """Text per language; `allow_empty=False` for texts that must exist (titles);
    `links` for web addresses."""
    check = _links if links else _texts if allow_empty else _some_text
    return TextMap(languages=LANGUAGES, some_text=not allow_empty and not links,
                   item_pattern=LINK_PATTERN if links else None,
                   max_length=2000 if links else 100_000, validate=check, **kwargs)


class Localized(ma.fields.String):
    """A text map dumped as the text in the caller's language, else the course default."""

    def __init__(self, attribute_name: str, **kwargs):
        super().__init__(attribute=attribute_name, dump_only=True, **kwargs)

    def _serialize(self, value, attr, obj, **kwargs):
        return localize(value, course_of(obj).default_language)


class Translations(ma.fields.Dict):
    """A text map whole, for the editors who asked for every translation; left out otherwise."""

    def __init__(self, attribute_name: str, **kwargs):
        kwargs.setdefault("metadata", {"description": "Every translation (translations=all, "
                                                      "editors only)"})
        super().__init__(attribute=attribute_name, dump_only=True, **kwargs)

    def _serialize(self, value, attr, obj, **kwargs):
        if not getattr(course_of(obj), "show_translations", False):
            return ma.missing
        return dict(value or {})


def fallback_of(*attributes: str):
    """A `fallback` field: whether any of these (non-empty) texts is not in the caller's
    language."""
    return ma.fields.Function(
        lambda obj: any(is_fallback(getattr(obj, name)) for name in attributes
                        if getattr(obj, name)),
        dump_only=True,
        metadata={"description": "True when a text is shown in the course's default language "
                                 "because the caller's is missing"})


class CourseSchema(ReadSchema):
    """Dumped from a course, or from a catalogue row of the columns shown."""

    id = ma.fields.Integer()
    code = ma.fields.String()
    version = ma.fields.Integer()
    status = ma.fields.String()
    country = ma.fields.String(attribute="owner_country_code", allow_none=True,
                               metadata={"description": "Owner country; null: regional"})
    category = ma.fields.String()
    level = ma.fields.String()
    default_language = ma.fields.String()
    languages = ma.fields.List(ma.fields.String())
    language = ma.fields.Function(
        lambda course: course.default_language if is_fallback(course.title)
        else current_language(),
        metadata={"description": "The language the course's texts are shown in"})
    fallback = fallback_of("title", "description")
    title = Localized("title")
    description = Localized("description")
    title_translations = Translations("title")
    description_translations = Translations("description")
    estimated_minutes = ma.fields.Integer(allow_none=True)
    certificate_validity_months = ma.fields.Integer(
        allow_none=True, metadata={"description": "null: the certificate never expires"})
    prerequisites = ma.fields.List(ma.fields.String(), attribute="prerequisite_codes",
                                   metadata={"description": "Codes of courses to complete "
                                                            "first"})
    published_at = AwareDateTime(allow_none=True)
    updated_at = AwareDateTime()


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
    certificate_validity_months = ma.fields.Integer(
        allow_none=True, validate=validate.Range(min=1, max=600),
        metadata={"description": "null: the certificate never expires"})
    prerequisites = ma.fields.List(ma.fields.String(validate=CODE),
                                   validate=validate.Length(max=20))

    @ma.validates_schema
    def check_languages(self, data, **kwargs):
        languages = data.get("languages")
        if languages is not None and len(set(languages)) != len(languages):
            raise invalid(_l("Name each language once."), "languages")
        if languages is not None and data.get("default_language") not in (None, *languages):
            raise invalid(_l("The languages must include the default language."), "languages")


class CourseCreateSchema(CourseFieldsSchema):
    code = ma.fields.String(required=True, validate=CODE)
    country = ma.fields.String(allow_none=True, validate=country_code,
                               metadata={"description": "Owner country; null: regional "
                                                        "(programme admins). Default: the "
                                                        "national admin's own country"})
    category = ma.fields.String(required=True, validate=SLUG)
    default_language = ma.fields.String(required=True, validate=choice(LANGUAGES))
    languages = ma.fields.List(ma.fields.String(validate=choice(LANGUAGES)), required=True,
                               validate=validate.Length(min=1, max=len(LANGUAGES)))
    title = Texts(required=True, allow_empty=False)


class CourseUpdateSchema(CourseFieldsSchema):
    """Any field of a draft; of a published course only title, description and
    estimated_minutes."""


class TranslationsArgsSchema(ma.Schema):
    translations = ma.fields.String(validate=choice(["all"]), metadata={
        "description": "all: also every translation of every text (the course's editors)"})


class CourseQueryArgsSchema(PaginationArgsSchema, TranslationsArgsSchema):
    q = ma.fields.String(validate=validate.Length(min=1, max=100),
                         metadata={"description": "Words of the title or description, in any "
                                                  "language; case, accents and Arabic "
                                                  "diacritics do not matter"})
    category = ma.fields.String(validate=SLUG)
    level = ma.fields.String(validate=choice(Level))
    language = ma.fields.String(validate=choice(LANGUAGES),
                                metadata={"description": "Courses offered in this language"})
    country = ma.fields.String(validate=country_code,
                               metadata={"description": "Owner country (see regional)"})
    regional = ma.fields.Boolean(metadata={"description": "true: regional courses only; "
                                                          "false: national ones only"})
    status = ma.fields.String(validate=choice(CourseStatus),
                              metadata={"description": "Default: published"})
    sort = ma.fields.String(load_default="code", validate=choice(
        ["code", "-code", "title", "-title", "published_at", "-published_at", "updated_at",
         "-updated_at"]), metadata={"description": "title sorts in the caller's language"})


class PackageUploadSchema(ma.Schema):
    """A multipart upload with a course package, zipped, in the `file` field."""

    file = ma.fields.Raw(required=True, metadata={"type": "string", "format": "binary",
                                                  "description": "course.yaml and lessons/"})


class MandatoryRuleSchema(ma.Schema):
    required_code = ma.fields.String(required=True, validate=CODE)
    # "exemptions" would be unreachable at /mandatory-rules/<code>/<category>.
    category = ma.fields.String(required=True, validate=[SLUG, validate.NoneOf(
        ["exemptions"], error=_l("This name is reserved."))])
    created_at = AwareDateTime(dump_only=True)


class ExemptionCreateSchema(ma.Schema):
    user_id = id_field(required=True)
    reason = ma.fields.String(required=True, validate=validate.Length(min=3, max=500))


class ExemptionSchema(ma.Schema):
    user_id = ma.fields.Integer()
    required_code = ma.fields.String()
    reason = ma.fields.String()
    granted_by_id = ma.fields.Integer(allow_none=True)
    created_at = AwareDateTime()
