"""Validators shared by the schemas of every domain, with translated messages."""

from __future__ import annotations

from enum import Enum

import marshmallow as ma
from flask_babel import lazy_gettext as _l
from marshmallow import validate

from .openapi import FILLED_TEXT


def choice(values) -> validate.OneOf:
    """One of `values` (a sequence of strings or a StrEnum), with a translated message."""
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


def filled_text(max_length: int, **kwargs) -> ma.fields.String:
    """Text of up to `max_length` characters that is not blank."""
    return ma.fields.String(validate=[
        validate.Length(min=1, max=max_length),
        validate.Regexp(FILLED_TEXT, error=_l("Write something here: it must not be blank."))],
        **kwargs)


def invalid(message, field_name: str | None = None) -> ma.ValidationError:
    """A validation error carrying a lazily translated message (marshmallow would split a
    non-str message into characters)."""
    if field_name is None:
        return ma.ValidationError([message])
    return ma.ValidationError([message], field_name)


# Dates: a person's dates fall in these years, as written. Outside them, converting to UTC
# overflows (0001-01-01T00:00+14:00) and month arithmetic runs past year 9999.
EARLIEST_YEAR, LATEST_YEAR = 1900, 2999


def _out_of_range() -> ma.ValidationError:
    return invalid(_l("Use a date between the years %(first)d and %(last)d.",
                      first=EARLIEST_YEAR, last=LATEST_YEAR))


# The years above as the OpenAPI document states them, for dates and moments alike.
YEARS_PATTERN = "^(19|2[0-9])[0-9]{2}-"


class AwareDateTime(ma.fields.AwareDateTime):
    """A moment with its UTC offset, written in a year from 1900 to 2999."""

    def __init__(self, *args, **kwargs):
        kwargs["metadata"] = {"pattern": YEARS_PATTERN} | kwargs.get("metadata", {})
        super().__init__(*args, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        moment = super()._deserialize(value, attr, data, **kwargs)
        if not EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
            raise _out_of_range()
        return moment


class Date(ma.fields.Date):
    """A calendar date between the years 1900 and 2999."""

    def __init__(self, *args, **kwargs):
        kwargs["metadata"] = {"pattern": YEARS_PATTERN} | kwargs.get("metadata", {})
        super().__init__(*args, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        day = super()._deserialize(value, attr, data, **kwargs)
        if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
            raise _out_of_range()
        return day


class Text(ma.fields.String):
    """A string a database column can hold: no NUL character, no unpaired surrogate. (The
    edge checks every request already; this is for items a view checks one by one.)"""

    def _deserialize(self, value, attr, data, **kwargs):
        from .edge import has_unstorable, unstorable_text

        text = super()._deserialize(value, attr, data, **kwargs)
        if has_unstorable(text):
            raise invalid(unstorable_text())
        return text


class StrictBoolean(ma.fields.Boolean):
    """`true` or `false` in JSON, nothing that merely looks like them ("yes", 1)."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, bool):
            raise self.make_error("invalid")
        return value
