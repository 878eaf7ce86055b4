"""Validators shared by the schemas of every domain, with translated messages."""

from __future__ import annotations

from enum import Enum

import marshmallow as ma
from flask_babel import lazy_gettext as _l
from marshmallow import validate


def choice(values) -> validate.OneOf:
    """One of ``values`` (a sequence of strings or a StrEnum), with a translated message."""
    if isinstance(values, type) and issubclass(values, Enum):
        values = [member.value for member in values]
    values = list(values)
    return validate.OneOf(values, error=_l("Must be one of: %(choices)s.",
                                           choices=", ".join(values)))


country_code = validate.Regexp(r"^[A-Z]{2}$", error=_l("Use a two-letter ISO 3166 code."))

# Database ids are 32-bit: anything outside cannot exist (and must not reach the driver).
MAX_ID = 2**31 - 1


def id_field(**kwargs):
    """An integer id field limited to the range a database id can take."""
    return ma.fields.Integer(validate=validate.Range(min=1, max=MAX_ID), **kwargs)


def invalid(message, field_name: str | None = None) -> ma.ValidationError:
    """A validation error carrying a lazily translated message (marshmallow would split a
    non-str message into characters)."""
    if field_name is None:
        return ma.ValidationError([message])
    return ma.ValidationError([message], field_name)
