"""Input validation and output shape of pairings, plans, check-ins, concerns, opportunities."""

from __future__ import annotations

import marshmallow as ma
from flask_babel import lazy_gettext as _l
from marshmallow import validate

from ...web.openapi import required_together
from ...web.pagination import PaginationArgsSchema, ReadSchema, page_of
from ...web.validation import AwareDateTime, Date, choice, id_field, invalid
from ..models import PairingStatus
from ..plans.models import Audience, ItemStatus, NominationStatus, OpportunityKind
from ..schemas import KEY, KeyedTitleSchema, text
from .lifecycle import TRANSITIONS


class PairingSchema(ReadSchema):
    """Dumped from rows of the columns shown (`mentees.py`), one pairing as a page."""

    id = ma.fields.Integer()
    programme_id = ma.fields.Integer()
    application_id = ma.fields.Integer()
    mentor_id = ma.fields.Integer()
    mentor_name = ma.fields.String()
    mentee_id = ma.fields.Integer()
    mentee_name = ma.fields.String()
    mentee_country = ma.fields.String()
    status = ma.fields.String()
    proposed_at = AwareDateTime()
    started_at = AwareDateTime(allow_none=True)
    ends_on = Date(allow_none=True)
    ended_at = AwareDateTime(allow_none=True)
    status_reason = ma.fields.String(allow_none=True)
    replaces_id = ma.fields.Integer(allow_none=True)
    mentor_conduct_at = AwareDateTime(allow_none=True)
    mentee_conduct_at = AwareDateTime(allow_none=True)
    mentor_review = ma.fields.String(allow_none=True)
    mentor_reviewed_at = AwareDateTime(allow_none=True)
    mentee_review = ma.fields.String(allow_none=True)
    mentee_reviewed_at = AwareDateTime(allow_none=True)


class PairingCreateSchema(ma.Schema):
    application_id = id_field(required=True)
    mentor_id = id_field(required=True)


class PairingChangeSchema(ma.Schema):
    action = ma.fields.String(required=True, validate=choice(list(TRANSITIONS)))
    reason = text(1000)
    ends_on = Date(metadata={"description": "extend: the new planned end"})

    OPENAPI_RULES = {"allOf": [
        required_together(
            action=([action for action in TRANSITIONS if action != "resume"], ["reason"])),
        required_together(action=(["extend"], ["ends_on"])),
    ]}

    @ma.validates_schema
    def reasoned(self, data, **kwargs):
        if data.get("action") != "resume" and not data.get("reason"):
            raise invalid(_l("Give a reason."), "reason")
        if data.get("action") == "extend" and "ends_on" not in data:
            raise invalid(_l("Give the new end."), "ends_on")


class ReplacementSchema(ma.Schema):
    mentor_id = id_field(required=True)
    reason = text(1000, required=True)


class PairingQueryArgsSchema(PaginationArgsSchema):
    status = ma.fields.String(validate=choice(PairingStatus))


class GoalSchema(ma.Schema):
    id = ma.fields.Integer(dump_only=True)
    title = text(200, required=True)
    measurable_outcome = text(1000, required=True)
    status = ma.fields.String(validate=choice(ItemStatus))
    completed_at = AwareDateTime(dump_only=True, allow_none=True)
    updated_at = AwareDateTime(dump_only=True)


class GoalUpdateSchema(ma.Schema):
    title = text(200)
    measurable_outcome = text(1000)
    status = ma.fields.String(validate=choice(ItemStatus))


class MilestoneSchema(KeyedTitleSchema):
    id = ma.fields.Integer(dump_only=True)
    key = ma.fields.String(required=True, validate=KEY)
    title = text(200, required=True)
    due_on = Date(required=True)
    status = ma.fields.String(dump_only=True)
    completed_at = AwareDateTime(dump_only=True, allow_none=True)
    overdue = ma.fields.Boolean(dump_only=True)


class MilestoneUpdateSchema(ma.Schema):
    title = text(200)
    due_on = Date()
    status = ma.fields.String(validate=choice(ItemStatus))


class CheckInSchema(ma.Schema):
    id = ma.fields.Integer(dump_only=True)
    held_on = Date(required=True)
    minutes = ma.fields.Integer(required=True, validate=validate.Range(min=1, max=1440))
    topics = text(1000, required=True)
    next_steps = ma.fields.String(allow_none=True, validate=validate.Length(max=1000))
    private_notes = ma.fields.String(
        allow_none=True, validate=validate.Length(max=5000),
        metadata={"description": "Visible only to the pair and programme admins"})
    logged_by_id = ma.fields.Integer(dump_only=True)


class PathwayProgressSchema(ReadSchema):
    course_id = ma.fields.Integer()
    course_code = ma.fields.String()
    title = ma.fields.Dict()
    status = ma.fields.String(allow_none=True,
                              metadata={"description": "null: not enrolled yet"})
    progress_percent = ma.fields.Integer()
    completed_at = AwareDateTime(allow_none=True)


class MenteeSummarySchema(ReadSchema):
    pairing = ma.fields.Nested(PairingSchema)
    plan_status = ma.fields.String()
    overdue_milestones = ma.fields.List(ma.fields.Integer())
    last_checkin_on = Date(allow_none=True)
    next_checkin_due_on = Date(allow_none=True)
    checkin_overdue = ma.fields.Boolean()
    pathway = ma.fields.List(ma.fields.Nested(PathwayProgressSchema))
    pathway_completed = ma.fields.Boolean()


MenteeSummaryPageSchema = page_of(MenteeSummarySchema)


class PairingDetailSchema(MenteeSummarySchema):
    goals = ma.fields.List(ma.fields.Nested(GoalSchema))
    milestones = ma.fields.List(ma.fields.Nested(MilestoneSchema))
    checkins = ma.fields.List(ma.fields.Nested(CheckInSchema))


class TextSchema(ma.Schema):
    text = text(5000, required=True)


class ConcernSchema(ma.Schema):
    id = ma.fields.Integer()
    pairing_id = ma.fields.Integer()
    raised_by_id = ma.fields.Integer()
    raised_by_name = ma.fields.Function(lambda c: c.raised_by.name)
    text = ma.fields.String()
    status = ma.fields.String()
    created_at = AwareDateTime()
    action = ma.fields.String(allow_none=True)
    acted_at = AwareDateTime(allow_none=True)


class ConcernActionSchema(ma.Schema):
    action = text(5000, required=True)


class ConcernQueryArgsSchema(PairingQueryArgsSchema):
    status = ma.fields.String(validate=choice(["open", "acted"]))


class OpportunitySchema(ma.Schema):
    id = ma.fields.Integer(dump_only=True)
    programme_id = ma.fields.Integer(dump_only=True)
    kind = ma.fields.String(required=True, validate=choice(OpportunityKind))
    title = text(200, required=True)
    place = text(200, required=True)
    starts_on = Date(required=True)
    ends_on = Date(required=True)
    audience = ma.fields.String(load_default=Audience.BOTH.value, validate=choice(Audience))
    seats = ma.fields.Integer(allow_none=True, validate=validate.Range(min=1, max=10_000))


class NominationSchema(ma.Schema):
    id = ma.fields.Integer()
    opportunity_id = ma.fields.Integer()
    application_id = ma.fields.Integer()
    person_id = ma.fields.Function(lambda n: n.application.applicant_id)
    person_name = ma.fields.Function(lambda n: n.application.applicant.name)
    status = ma.fields.String()
    reason = ma.fields.String(allow_none=True)
    updated_at = AwareDateTime()


class NominationCreateSchema(ma.Schema):
    application_id = id_field(required=True)


class NominationUpdateSchema(ma.Schema):
    status = ma.fields.String(required=True, validate=choice(
        [s.value for s in NominationStatus if s != NominationStatus.NOMINATED]))
    reason = text(1000)
