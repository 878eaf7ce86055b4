"""Input validation and output shape of reminder rules, calendars and notifications."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

from ..web.pagination import PaginationArgsSchema
from ..web.validation import AwareDateTime, Date, choice, id_field
from . import mentoring_rules  # noqa: F401 — registers the mentoring reminders
from .models import Channel, Status
from .rules import RULES

# The reminders a person may switch off (the service says which others were asked for).
OPTIONAL_KINDS = sorted(kind for kind, rule in RULES.items() if rule.optional)

MAX_OFFSET_DAYS = 730


class RuleSettingSchema(ma.Schema):
    kind = ma.fields.String()
    scope = ma.fields.String(metadata={"description": "`*` for the global rule, else a country"})
    optional = ma.fields.Boolean(metadata={"description": "People may opt out; working days only"})
    enabled = ma.fields.Boolean()
    offsets = ma.fields.List(ma.fields.Integer(), metadata={"description": "Days"})
    default_offsets = ma.fields.List(ma.fields.Integer())
    inherited = ma.fields.Boolean(metadata={"description": "No setting of its own in this scope"})


class RuleSettingUpdateSchema(ma.Schema):
    enabled = ma.fields.Boolean(required=True)
    offsets = ma.fields.List(
        ma.fields.Integer(strict=True, validate=validate.Range(min=0, max=MAX_OFFSET_DAYS)),
        validate=validate.Length(max=6),
        metadata={"description": "Days before (or after, for overdue and expired) the date"})


class PreviewItemSchema(ma.Schema):
    user_id = ma.fields.Integer()
    user_name = ma.fields.String()
    country = ma.fields.String()
    subject_type = ma.fields.String()
    subject_id = ma.fields.Integer()
    offset_days = ma.fields.Integer()
    dedupe_key = ma.fields.String()
    action = ma.fields.String(metadata={"description": "send or skip"})
    reason = ma.fields.String(allow_none=True,
                              metadata={"description": "rule-off, opted-out or already-sent "
                                                       "(queued or sent before)"})
    scheduled_for = AwareDateTime(allow_none=True)


class PreviewSchema(ma.Schema):
    kind = ma.fields.String()
    event_driven = ma.fields.Boolean()
    items = ma.fields.List(ma.fields.Nested(PreviewItemSchema))
    total = ma.fields.Integer()
    truncated = ma.fields.Boolean()


class RunSchema(ma.Schema):
    kind = ma.fields.String()
    added = ma.fields.Integer(metadata={"description": "Reminders new in the outbox"})


class HolidaySchema(ma.Schema):
    date = Date(required=True)
    name = ma.fields.String(load_default="", validate=validate.Length(max=120))


class CalendarSchema(ma.Schema):
    country = ma.fields.String()
    timezone = ma.fields.String()
    weekend = ma.fields.List(ma.fields.Integer(),
                             metadata={"description": "ISO weekdays, 1 = Monday"})
    holidays = ma.fields.List(ma.fields.Nested(HolidaySchema))


class CalendarUpdateSchema(ma.Schema):
    weekend = ma.fields.List(ma.fields.Integer(strict=True, validate=validate.Range(min=1, max=7)),
                             required=True, validate=validate.Length(max=6))
    holidays = ma.fields.List(ma.fields.Nested(HolidaySchema), load_default=list,
                              validate=validate.Length(max=400))


class NotificationSchema(ma.Schema):
    id = ma.fields.Integer()
    user_id = ma.fields.Integer()
    user_name = ma.fields.Function(lambda n: n.user.name)
    country = ma.fields.String(attribute="country_code")
    kind = ma.fields.String()
    channel = ma.fields.String()
    dedupe_key = ma.fields.String()
    subject_type = ma.fields.String()
    subject_id = ma.fields.Integer()
    status = ma.fields.String()
    attempts = ma.fields.Integer()
    last_error = ma.fields.String(allow_none=True)
    title = ma.fields.String(attribute="subject_line", allow_none=True)
    mail_file = ma.fields.String(allow_none=True, metadata={
        "description": "Without an SMTP server: the .eml file it was kept in "
                       "(GET …/{id}/message reads it)"})
    digest_id = ma.fields.Integer(allow_none=True,
                                  metadata={"description": "The mail that carried it, merged"})
    scheduled_for = AwareDateTime()
    sent_at = AwareDateTime(allow_none=True)
    created_at = AwareDateTime()


class NotificationQueryArgsSchema(PaginationArgsSchema):
    status = ma.fields.String(validate=choice(Status))
    channel = ma.fields.String(validate=choice(Channel))
    kind = ma.fields.String(validate=validate.Length(max=40))
    user_id = id_field()


class MyNotificationSchema(ma.Schema):
    id = ma.fields.Integer()
    kind = ma.fields.String()
    title = ma.fields.String(attribute="subject_line")
    subject_type = ma.fields.String()
    subject_id = ma.fields.Integer()
    sent_at = AwareDateTime()
    read = ma.fields.Function(lambda n: n.read_at is not None)
    read_at = AwareDateTime(allow_none=True)


class MyNotificationQueryArgsSchema(PaginationArgsSchema):
    unread = ma.fields.Boolean()


class ReadSchema(ma.Schema):
    read = ma.fields.Boolean(required=True)


class PreferenceSchema(ma.Schema):
    kind = ma.fields.String(required=True, metadata={"enum": OPTIONAL_KINDS})
    subscribed = ma.fields.Boolean(required=True)


class PreferencesSchema(ma.Schema):
    kinds = ma.fields.List(ma.fields.Nested(PreferenceSchema), required=True,
                           validate=validate.Length(max=50))


class UnsubscribeSchema(ma.Schema):
    kind = ma.fields.String()
    subscribed = ma.fields.Boolean()
