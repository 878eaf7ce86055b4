"""Input validation and output shape for countries, users and sign-in."""

from __future__ import annotations

import marshmallow as ma
from flask_babel import lazy_gettext as _l
from marshmallow import validate

from ..i18n import LANGUAGES
from ..timeutils import is_valid_timezone, timezone_names
from ..web.pagination import PaginationArgsSchema
from ..web.tables import TableReportSchema
from ..web.validation import AwareDateTime, choice, country_code, invalid
from .models import Gender, Region, Role
from .passwords import MAX_PASSWORD_LENGTH

GENDERS = [gender.value for gender in Gender]
ROLES = [role.value for role in Role]


def _timezone(value: str) -> None:
    if not is_valid_timezone(value):
        raise invalid(_l("Unknown time zone."))


def TimeZone(**kwargs):  # noqa: N802 — a field factory
    """An IANA time zone name, the list of them in the OpenAPI document."""
    return ma.fields.String(validate=_timezone, metadata={"enum": timezone_names()}, **kwargs)


WEEKEND = validate.Regexp(r"^[1-7](,[1-7])*$",
                          error=_l("List ISO weekday numbers, for example 5,6."))


class CountrySchema(ma.Schema):
    code = ma.fields.String()
    name = ma.fields.String()
    default_language = ma.fields.String()
    timezone = ma.fields.String()
    region = ma.fields.String()
    weekend = ma.fields.String(metadata={"description": "ISO weekday numbers, e.g. 5,6"})


class CountryCreateSchema(ma.Schema):
    code = ma.fields.String(
        required=True,
        validate=country_code,
    )
    name = ma.fields.String(required=True, validate=validate.Length(min=1, max=100))
    default_language = ma.fields.String(required=True, validate=choice(LANGUAGES))
    timezone = TimeZone(required=True)
    region = ma.fields.String(load_default="other", validate=choice([r.value for r in Region]))
    weekend = ma.fields.String(load_default="6,7", validate=[WEEKEND, validate.Length(max=13)])

    @ma.post_load
    def each_day_once(self, data, **kwargs):
        if "weekend" not in data:
            return data
        days = sorted(set(data["weekend"].split(",")))
        return data | {"weekend": ",".join(days)}


class CountryUpdateSchema(CountryCreateSchema):
    """Any of a country's settings but its code (programme admins)."""

    class Meta:
        exclude = ("code",)

    name = ma.fields.String(validate=validate.Length(min=1, max=100))
    default_language = ma.fields.String(validate=choice(LANGUAGES))
    timezone = TimeZone()
    region = ma.fields.String(validate=choice([r.value for r in Region]))
    weekend = ma.fields.String(validate=[WEEKEND, validate.Length(max=13)])


class UserSchema(ma.Schema):
    id = ma.fields.Integer()
    email = ma.fields.String()
    name = ma.fields.String()
    country = ma.fields.String(attribute="country_code")
    gender = ma.fields.String()
    agency = ma.fields.String(allow_none=True)
    rank = ma.fields.String(allow_none=True)
    language = ma.fields.String(allow_none=True)
    timezone = ma.fields.String(allow_none=True)
    roles = ma.fields.Method("dump_roles")
    active = ma.fields.Boolean()
    created_at = AwareDateTime()
    updated_at = AwareDateTime()

    def dump_roles(self, user):
        return sorted(user.roles)


class MeSchema(UserSchema):
    country = ma.fields.Nested(CountrySchema)
    effective_timezone = ma.fields.String()


class _UserFieldsSchema(ma.Schema):
    """Fields that an admin sets when creating or editing a user."""

    name = ma.fields.String(validate=validate.Length(min=1, max=200))
    country = ma.fields.String(validate=country_code)
    gender = ma.fields.String(validate=choice(GENDERS))
    agency = ma.fields.String(allow_none=True, validate=validate.Length(max=200))
    rank = ma.fields.String(allow_none=True, validate=validate.Length(max=100))
    language = ma.fields.String(allow_none=True, validate=choice(LANGUAGES))
    timezone = TimeZone(allow_none=True)
    roles = ma.fields.List(ma.fields.String(validate=choice(ROLES)))
    active = ma.fields.Boolean()
    password = ma.fields.String(
        load_only=True, validate=validate.Length(max=MAX_PASSWORD_LENGTH)
    )


class UserCreateSchema(_UserFieldsSchema):
    email = ma.fields.Email(required=True, validate=validate.Length(max=254))
    name = ma.fields.String(required=True, validate=validate.Length(min=1, max=200))
    roles = ma.fields.List(ma.fields.String(validate=choice(ROLES)), load_default=["trainee"])


class UserUpdateSchema(_UserFieldsSchema):
    email = ma.fields.Email(validate=validate.Length(max=254))
    current_password = ma.fields.String(
        load_only=True, validate=validate.Length(max=MAX_PASSWORD_LENGTH),
        metadata={"description": "Required when users change their own password"},
    )


class UserQueryArgsSchema(PaginationArgsSchema):
    country = ma.fields.String(validate=validate.Length(equal=2))
    role = ma.fields.String(validate=choice(ROLES))
    gender = ma.fields.String(validate=choice(GENDERS))
    active = ma.fields.Boolean()
    q = ma.fields.String(validate=validate.Length(min=1, max=100),
                         metadata={"description": "Text in the name or e-mail address"})
    format = ma.fields.String(load_default="json", validate=choice(["json", "csv"]))


class ImportRowResultSchema(ma.Schema):
    line = ma.fields.Integer()
    email = ma.fields.String()
    action = ma.fields.String(metadata={"description": "create, update or unchanged"})


class ImportRowErrorSchema(ma.Schema):
    line = ma.fields.Integer()
    email = ma.fields.String(allow_none=True)
    errors = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.List(ma.fields.String()))


class ImportReportSchema(TableReportSchema):
    created = ma.fields.Integer()
    updated = ma.fields.Integer()
    unchanged = ma.fields.Integer()
    rows = ma.fields.List(ma.fields.Nested(ImportRowResultSchema))
    row_errors = ma.fields.List(ma.fields.Nested(ImportRowErrorSchema))


class LoginSchema(ma.Schema):
    email = ma.fields.String(required=True, validate=validate.Length(min=1, max=254))
    password = ma.fields.String(
        required=True, validate=validate.Length(min=1, max=MAX_PASSWORD_LENGTH)
    )


class LoginResponseSchema(ma.Schema):
    token = ma.fields.String(metadata={"description": "Send as `Authorization: Bearer <token>`"})
    expires_at = AwareDateTime()
    csrf_token = ma.fields.String(
        metadata={"description": "For cookie sessions: send as X-CSRFToken on unsafe requests"}
    )
    user = ma.fields.Nested(MeSchema)


class PasswordSetupSchema(ma.Schema):
    token = ma.fields.String(required=True, validate=validate.Length(min=1, max=200),
                             metadata={"description": "The token of the invitation link"})
    password = ma.fields.String(
        required=True, load_only=True,
        validate=validate.Length(min=1, max=MAX_PASSWORD_LENGTH))


class InvitationSchema(ma.Schema):
    id = ma.fields.Integer()
    user_id = ma.fields.Integer()
    created_at = AwareDateTime()
    expires_at = AwareDateTime(
        metadata={"description": "The link stops working then (ELEARN_INVITATION_TTL_DAYS)"})
