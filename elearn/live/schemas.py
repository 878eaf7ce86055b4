"""Input validation and output shape of sessions, the register and calendar feeds."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

from ..accounts.models import Gender
from ..courses.schemas import LINK_PATTERN
from ..web.validation import AwareDateTime, Date, choice, country_code, filled_text, id_field
from .models import AttendanceStatus, EventKind, NominationState


class SpeakerSchema(ma.Schema):
    name = filled_text(200, required=True)
    gender = ma.fields.String(required=True, validate=choice(Gender))


class SessionCreateSchema(ma.Schema):
    title = filled_text(200, required=True)
    starts_at = AwareDateTime(required=True)
    ends_at = AwareDateTime(required=True)
    venue = ma.fields.String(validate=validate.Length(max=300))
    meeting_url = ma.fields.String(validate=[validate.Length(max=2000),
                                             validate.Regexp(LINK_PATTERN)])
    capacity = ma.fields.Integer(allow_none=True, validate=validate.Range(min=1, max=100_000))
    materials = ma.fields.String(validate=[validate.Length(max=2000),
                                           validate.Regexp(LINK_PATTERN)])
    trainer_ids = ma.fields.List(id_field(), validate=validate.Length(max=20), metadata={
        "description": "Default: the offering's trainers"})
    speakers = ma.fields.List(ma.fields.Nested(SpeakerSchema), validate=validate.Length(max=20))


class SessionUpdateSchema(SessionCreateSchema):
    title = filled_text(200)
    starts_at = AwareDateTime()
    ends_at = AwareDateTime()
    venue = ma.fields.String(allow_none=True, validate=validate.Length(max=300),
                             metadata={"description": "null: no venue any more"})
    meeting_url = ma.fields.String(allow_none=True, validate=[
        validate.Length(max=2000), validate.Regexp(LINK_PATTERN)],
        metadata={"description": "null: no meeting link any more"})
    confirm = ma.fields.Boolean(load_default=False, metadata={
        "description": "Move a session that has attendance (the register is kept)"})


class PersonSchema(ma.Schema):
    user_id = ma.fields.Integer(allow_none=True)
    name = ma.fields.String()
    gender = ma.fields.String()
    role = ma.fields.String()


class SessionSchema(ma.Schema):
    id = ma.fields.Integer()
    offering_id = ma.fields.Integer()
    title = ma.fields.String()
    starts_at = AwareDateTime()
    ends_at = AwareDateTime()
    venue = ma.fields.String(allow_none=True)
    meeting_url = ma.fields.String(allow_none=True)
    capacity = ma.fields.Integer(allow_none=True)
    materials = ma.fields.String(allow_none=True)
    cancelled = ma.fields.Function(lambda session: session.cancelled_at is not None)
    sequence = ma.fields.Integer()
    people = ma.fields.List(ma.fields.Nested(PersonSchema))


class MarkSchema(ma.Schema):
    enrollment_id = id_field(required=True)
    status = ma.fields.String(required=True, validate=choice(AttendanceStatus))


class MarksSchema(ma.Schema):
    marks = ma.fields.List(ma.fields.Nested(MarkSchema), required=True,
                           validate=validate.Length(min=1, max=500))


class RegisterRowSchema(ma.Schema):
    enrollment_id = ma.fields.Integer()
    user_id = ma.fields.Integer()
    name = ma.fields.String()
    status = ma.fields.String(allow_none=True, metadata={"description": "null: not marked"})


class AttendanceSummarySchema(ma.Schema):
    sessions = ma.fields.Integer()
    attended = ma.fields.Integer()
    required = ma.fields.Integer(allow_none=True)
    met = ma.fields.Boolean()


class FeedSchema(ma.Schema):
    url = ma.fields.String(metadata={"description": "Subscribe to it from a phone's calendar; "
                                                    "shown once, renew to change it"})


class EventCreateSchema(ma.Schema):
    kind = ma.fields.String(required=True, validate=choice(EventKind))
    title = filled_text(200, required=True)
    place = filled_text(200, required=True)
    starts_on = Date(required=True)
    ends_on = Date(required=True)
    country = ma.fields.String(validate=country_code, metadata={
        "description": "Leave out for a regional event (programme admins)"})
    seats = ma.fields.Integer(allow_none=True, validate=validate.Range(min=1, max=10_000))
    offering_id = id_field(allow_none=True, metadata={
        "description": "The offering whose sessions are the event's"})


class EventSchema(ma.Schema):
    id = ma.fields.Integer()
    kind = ma.fields.String()
    title = ma.fields.String()
    place = ma.fields.String()
    starts_on = ma.fields.Date()
    ends_on = ma.fields.Date()
    country = ma.fields.String(attribute="country_code", allow_none=True)
    seats = ma.fields.Integer(allow_none=True)
    offering_id = ma.fields.Integer(allow_none=True)


class EventNominationCreateSchema(ma.Schema):
    user_id = id_field(required=True)


class EventNominationUpdateSchema(ma.Schema):
    status = ma.fields.String(required=True, validate=choice(
        [NominationState.CONFIRMED, NominationState.ATTENDED, NominationState.DECLINED]))
    reason = ma.fields.String(validate=validate.Length(max=1000))


class EventNominationSchema(ma.Schema):
    id = ma.fields.Integer()
    event_id = ma.fields.Integer()
    user_id = ma.fields.Integer()
    name = ma.fields.Function(lambda n: n.user.name)
    country = ma.fields.String(attribute="country_code")
    status = ma.fields.String()
    reason = ma.fields.String(allow_none=True)
