"""Input validation and output shape of spaces, discussions, the library and announcements."""

from __future__ import annotations

import marshmallow as ma
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from marshmallow import validate

from ..accounts.models import Role
from ..courses.schemas import LINK_PATTERN, Texts
from ..courses.texts import current_language
from ..i18n import LANGUAGES, N_, RTL_LANGUAGES
from ..web.markdown import safe_html
from ..web.openapi import FILLED_TEXT, required_together
from ..web.pagination import PaginationArgsSchema, ReadSchema
from ..web.validation import AwareDateTime, choice, country_code, filled_text, id_field
from .models import Audience, MemberRole, ResourceType

MAX_POST = 20_000
DEFAULT_RULE = N_("This space is for non-operational exchange only: no case details, no "
                  "personal data of victims, suspects or witnesses, no operational plans. "
                  "Be respectful. Report a post that breaks this rule.")


def shown_text(texts: dict | None, language: str) -> str:
    """A space's text in the reader's language, else in the space's own."""
    texts = texts or {}
    return texts.get(current_language()) or texts.get(language) or ""


def space_rule(space) -> str:
    return shown_text(space.rule, space.language) or gettext(DEFAULT_RULE)


class SpaceSchema(ReadSchema):
    """A space as the reader meets it, with their place in it."""

    id = ma.fields.Integer()
    name = ma.fields.Function(lambda s: shown_text(s.name, s.language))
    description = ma.fields.Function(lambda s: shown_text(s.description, s.language))
    rule = ma.fields.Function(space_rule, metadata={
        "description": "The space's own rule, else the platform's non-operational rule"})
    language = ma.fields.String(metadata={"description": "The space's main language"})
    direction = ma.fields.Function(lambda s: "rtl" if s.language in RTL_LANGUAGES else "ltr")
    audience = ma.fields.String()
    programme_id = ma.fields.Integer(allow_none=True)
    roles = ma.fields.List(ma.fields.String())
    countries = ma.fields.List(ma.fields.String(), metadata={
        "description": "Whose officers it is for; empty: every country"})
    name_translations = ma.fields.Dict(attribute="name")
    description_translations = ma.fields.Dict(attribute="description")
    rule_translations = ma.fields.Dict(attribute="rule")
    created_at = AwareDateTime()


class MySpaceSchema(ma.Schema):
    """A space with the reader's place in it."""

    space = ma.fields.Nested(SpaceSchema)
    member = ma.fields.Boolean(metadata={"description": "False: seen as an overseeing admin"})
    moderator = ma.fields.Boolean()
    suspended = ma.fields.Function(lambda place: place.suspended_at is not None)


class SpaceCreateSchema(ma.Schema):
    name = Texts(allow_empty=False, required=True)
    description = Texts(load_default=dict)
    rule = Texts(load_default=dict, metadata={
        "description": "Left empty: the platform's non-operational rule"})
    language = ma.fields.String(required=True, validate=choice(LANGUAGES))
    audience = ma.fields.String(required=True, validate=choice(Audience))
    programme_id = id_field(allow_none=True, metadata={"description": "audience=programme"})
    roles = ma.fields.List(ma.fields.String(validate=choice(Role)),
                           validate=validate.Length(max=10),
                           metadata={"description": "audience=roles"})
    countries = ma.fields.List(ma.fields.String(validate=country_code),
                               validate=validate.Length(max=60), metadata={
                                   "description": "Empty: every country (programme admins)"})


    # The name in the space's main language; a programme's space names it; a space for holders
    # of roles names them.
    OPENAPI_RULES = {"allOf": [
        {"anyOf": [{"properties": {"language": {"enum": [language]},
                                   "name": {"required": [language]}}}
                   for language in LANGUAGES]},
        required_together(audience=(["programme"], ["programme_id"])),
        {"anyOf": [{"properties": {"audience": {"not": {"enum": ["roles"]}}}},
                   {"required": ["audience", "roles"],
                    "properties": {"roles": {"minItems": 1}}}]},
    ]}


class SpaceUpdateSchema(SpaceCreateSchema):
    OPENAPI_RULES = None
    name = Texts(allow_empty=False)
    description = Texts()
    rule = Texts()
    language = ma.fields.String(validate=choice(LANGUAGES))
    audience = ma.fields.String(validate=choice(Audience))


class MemberSchema(ReadSchema):
    id = ma.fields.Integer()
    name = ma.fields.String()
    country = ma.fields.String()
    role = ma.fields.String(metadata={"description": "member, moderator, or null when the "
                                                     "audience admits them unnamed"})
    suspended_at = AwareDateTime(allow_none=True)
    suspended_reason = ma.fields.String(allow_none=True)


class MemberNameSchema(ma.Schema):
    role = ma.fields.String(load_default=MemberRole.MEMBER.value, validate=choice(MemberRole))


class ReasonSchema(ma.Schema):
    reason = filled_text(1000, required=True)


class ThreadCreateSchema(ma.Schema):
    title = filled_text(200, required=True)
    body = filled_text(MAX_POST, required=True, metadata={"description": "Markdown"})
    mentions = ma.fields.List(id_field(), load_default=list, validate=validate.Length(max=50),
                              metadata={"description": "Ids of members to notify"})


class ReplySchema(ma.Schema):
    body = filled_text(MAX_POST, required=True, metadata={"description": "Markdown"})
    quote_id = id_field(allow_none=True, metadata={"description": "A post of the thread"})
    mentions = ma.fields.List(id_field(), load_default=list, validate=validate.Length(max=50))


class PostEditSchema(ma.Schema):
    body = filled_text(MAX_POST, required=True)


class FollowSchema(ma.Schema):
    following = ma.fields.Boolean(required=True)


class ThreadSchema(ReadSchema):
    id = ma.fields.Integer()
    space_id = ma.fields.Integer()
    title = ma.fields.String()
    author_id = ma.fields.Integer(allow_none=True)
    author_name = ma.fields.String(allow_none=True)
    created_at = AwareDateTime()
    last_post_at = AwareDateTime()
    replies = ma.fields.Integer()
    locked = ma.fields.Boolean()
    state = ma.fields.String()
    unread = ma.fields.Integer(metadata={"description": "Posts by others not yet read"})
    following = ma.fields.Boolean()


def _html(item) -> str | None:
    body = item["body"] if isinstance(item, dict) else item.body
    return str(safe_html(body)) if body is not None else None


class PostSchema(ReadSchema):
    id = ma.fields.Integer()
    thread_id = ma.fields.Integer()
    author_id = ma.fields.Integer(allow_none=True)
    author_name = ma.fields.String(allow_none=True)
    body = ma.fields.String(allow_none=True, metadata={
        "description": "Markdown; null for members when a moderator hid or removed it"})
    body_html = ma.fields.String(allow_none=True, metadata={
        "description": "Rendered and cleaned; null where `body` is"})
    created_at = AwareDateTime()
    edited_at = AwareDateTime(allow_none=True)
    state = ma.fields.String()
    moderation_reason = ma.fields.String(allow_none=True)
    mentions = ma.fields.List(ma.fields.Integer())
    quote_id = ma.fields.Integer(allow_none=True)
    quote_author = ma.fields.String(allow_none=True)
    quote_text = ma.fields.String(allow_none=True)


_REMOVE_NEEDS_REASON = {"anyOf": [
    {"properties": {"action": {"not": {"enum": ["remove"]}}}},
    {"required": ["action", "reason"], "properties": {"reason": {"pattern": FILLED_TEXT}}}]}


class ThreadModerationSchema(ma.Schema):
    OPENAPI_RULES = _REMOVE_NEEDS_REASON

    action = ma.fields.String(required=True, validate=choice(
        ["hide", "show", "remove", "lock", "unlock", "move"]))
    reason = ma.fields.String(validate=validate.Length(max=1000),
                              metadata={"description": "Required to remove"})
    space_id = id_field(metadata={"description": "Where to move the thread (action=move)"})


class PostModerationSchema(ma.Schema):
    OPENAPI_RULES = _REMOVE_NEEDS_REASON

    action = ma.fields.String(required=True, validate=choice(["hide", "show", "remove",
                                                              "dismiss"]), metadata={
        "description": "dismiss: the reports are closed and the post stays"})
    reason = ma.fields.String(validate=validate.Length(max=1000),
                              metadata={"description": "Required to remove"})


class PostReportSchema(ma.Schema):
    id = ma.fields.Integer()
    post_id = ma.fields.Integer()
    thread_id = ma.fields.Function(lambda report: report.post.thread_id)
    reporter_id = ma.fields.Integer()
    reason = ma.fields.String()
    created_at = AwareDateTime()
    post_body = ma.fields.Function(lambda report: report.post.body)
    post_state = ma.fields.Function(lambda report: report.post.state)
    post_author_name = ma.fields.Function(
        lambda report: report.post.author.name if report.post.author else None)


class ResourceFormSchema(ma.Schema):
    """The fields of a multipart upload (or of a link) besides the file."""

    title = filled_text(200, required=True)
    language = ma.fields.String(required=True, validate=choice(LANGUAGES))
    type = ma.fields.String(required=True, validate=choice(ResourceType))
    topic = ma.fields.String(validate=validate.Length(max=100))
    url = ma.fields.String(validate=[validate.Length(max=2000), validate.Regexp(
        LINK_PATTERN, error=_l("Give a web address (https://...)."))],
        metadata={"description": "A link instead of a file"})
    note = ma.fields.String(validate=validate.Length(max=1000))


class VersionFormSchema(ma.Schema):
    url = ResourceFormSchema._declared_fields["url"]
    note = ma.fields.String(validate=validate.Length(max=1000))


def _file():
    return ma.fields.Raw(metadata={"type": "string", "format": "binary", "description":
                                   "Checked on its content: PDF, office documents, PNG, "
                                   "JPEG, MP4 or text; or give `url` instead"})


# A file or a link, not both.
_FILE_OR_LINK = {"anyOf": [{"required": ["file"], "not": {"required": ["url"]}},
                           {"required": ["url"], "not": {"required": ["file"]}}]}


class ResourceUploadSchema(ResourceFormSchema):
    """The multipart body of a new resource: its fields and its file (or a link)."""

    OPENAPI_RULES = _FILE_OR_LINK
    file = _file()


class VersionUploadSchema(VersionFormSchema):
    OPENAPI_RULES = _FILE_OR_LINK
    file = _file()


class VersionSchema(ma.Schema):
    number = ma.fields.Integer()
    url = ma.fields.String(allow_none=True)
    filename = ma.fields.String(allow_none=True)
    content_type = ma.fields.String(allow_none=True)
    size = ma.fields.Integer(allow_none=True)
    sha256 = ma.fields.String(allow_none=True)
    note = ma.fields.String(allow_none=True)
    created_at = AwareDateTime()
    damaged = ma.fields.Function(lambda version: version.damaged_at is not None, metadata={
        "description": "The stored file was found missing or altered"})


class ResourceSchema(ma.Schema):
    id = ma.fields.Integer()
    space_id = ma.fields.Integer()
    title = ma.fields.String()
    language = ma.fields.String()
    type = ma.fields.String()
    topic = ma.fields.String(allow_none=True)
    version = ma.fields.Integer()
    downloads = ma.fields.Integer()
    state = ma.fields.String()
    created_at = AwareDateTime()
    updated_at = AwareDateTime()
    current = ma.fields.Nested(VersionSchema, allow_none=True)
    versions = ma.fields.List(ma.fields.Nested(VersionSchema), metadata={
        "description": "Newest first (one resource only)"})


class ResourceArgsSchema(PaginationArgsSchema):
    language = ma.fields.String(validate=choice(LANGUAGES))
    type = ma.fields.String(validate=choice(ResourceType))
    topic = ma.fields.String(validate=validate.Length(max=100))


class DownloadArgsSchema(ma.Schema):
    version = ma.fields.Integer(validate=validate.Range(min=1, max=1_000_000),
                                metadata={"description": "Default: the current version"})


class ResourceModerationSchema(ReasonSchema):
    action = ma.fields.String(required=True, validate=choice(["remove"]))


class AnnouncementCreateSchema(ma.Schema):
    subject = filled_text(200, required=True)
    body = filled_text(MAX_POST, required=True, metadata={"description": "Markdown"})


class AnnouncementSchema(ma.Schema):
    id = ma.fields.Integer()
    space_id = ma.fields.Integer()
    author_name = ma.fields.Function(lambda a: a.author.name if a.author else None)
    subject = ma.fields.String()
    body = ma.fields.String()
    body_html = ma.fields.Function(_html)
    recipients = ma.fields.Integer()
    created_at = AwareDateTime()


class SearchArgsSchema(PaginationArgsSchema):
    q = filled_text(200, required=True)


class SearchHitSchema(ReadSchema):
    kind = ma.fields.String(metadata={"description": "thread or resource"})
    id = ma.fields.Integer()
    space_id = ma.fields.Integer()
    title = ma.fields.String()
    at = AwareDateTime(metadata={"description": "Latest activity"})
