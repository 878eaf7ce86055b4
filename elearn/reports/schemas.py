"""Filters and output shape of the KPI report."""

from __future__ import annotations

import marshmallow as ma
from flask_babel import lazy_gettext as _l
from marshmallow import validate

from ..accounts.models import Region
from ..web.validation import AwareDateTime, choice, country_code, id_field, invalid


class KpiQueryArgsSchema(ma.Schema):
    class Meta:
        unknown = ma.RAISE

    country = ma.fields.String(validate=country_code)
    region = ma.fields.String(validate=choice(Region))
    course = ma.fields.String(validate=validate.Length(min=2, max=40),
                              metadata={"description": "Course code, any version"})
    category = ma.fields.String(validate=validate.Length(min=1, max=60))
    offering = id_field()
    programme = id_field(metadata={"description": (
        "Mentoring programme id (unknown: 404): narrows the mentoring figures to it, and the "
        "course figures (enrolments, scores, certificates, trends) to its pathway courses")})
    from_ = AwareDateTime(data_key="from", attribute="from")
    to = AwareDateTime()
    suppress = ma.fields.Boolean(
        load_default=False,
        metadata={"description": "Hide small cells as in exports (always on for .csv/.xlsx)"})

    @ma.validates_schema
    def period(self, data, **kwargs):
        if "from" in data and "to" in data and data["to"] <= data["from"]:
            raise invalid(_l("The end of the period must come after its start."), "to")


class FiguresSchema(ma.Schema):
    enrolled = ma.fields.Integer(allow_none=True)
    active = ma.fields.Integer(allow_none=True)
    completed = ma.fields.Integer(allow_none=True)
    completion_rate = ma.fields.Float(allow_none=True)
    certificates_issued = ma.fields.Integer(allow_none=True)
    certificates_valid = ma.fields.Integer(allow_none=True)
    trainers_certified = ma.fields.Integer(allow_none=True)
    mentees_selected = ma.fields.Integer(allow_none=True)
    mentees_paired = ma.fields.Integer(allow_none=True, metadata={
        "description": "Selected mentees with a pairing under way in the period (or now)"})
    alumni = ma.fields.Integer(allow_none=True)
    milestones = ma.fields.Integer(allow_none=True, metadata={
        "description": "The mentees' milestones due in the period"})
    milestones_on_track = ma.fields.Integer(allow_none=True, metadata={
        "description": "Done, or on track and not past due"})
    milestones_at_risk = ma.fields.Integer(allow_none=True, metadata={
        "description": "At risk, or past due and not done"})
    milestones_on_track_rate = ma.fields.Float(allow_none=True)
    nominations = ma.fields.Integer(allow_none=True, metadata={
        "description": "Nominations to opportunities starting in the period"})
    opportunities_attended = ma.fields.Integer(allow_none=True)
    attendance_rate = ma.fields.Float(allow_none=True)


class CellSchema(FiguresSchema):
    country = ma.fields.String()
    gender = ma.fields.String()
    average_quiz_score = ma.fields.Float(allow_none=True)
    suppressed = ma.fields.List(ma.fields.String())


class CountryTotalSchema(FiguresSchema):
    country = ma.fields.String()


class GenderTotalSchema(FiguresSchema):
    gender = ma.fields.String()


class NetworkCellSchema(ma.Schema):
    country = ma.fields.String()
    gender = ma.fields.String()
    members = ma.fields.Integer(allow_none=True)
    active_members = ma.fields.Integer(allow_none=True, metadata={
        "description": "Posted or read in the space in the period (else the last 90 days)"})
    suppressed = ma.fields.List(ma.fields.String())


class NetworkTotalSchema(ma.Schema):
    country = ma.fields.String()
    gender = ma.fields.String()
    members = ma.fields.Integer(allow_none=True)
    active_members = ma.fields.Integer(allow_none=True)


class NetworkSpaceFiguresSchema(ma.Schema):
    space_id = ma.fields.Integer()
    name = ma.fields.String()
    cells = ma.fields.List(ma.fields.Nested(NetworkCellSchema))
    by_country = ma.fields.List(ma.fields.Nested(NetworkTotalSchema))
    by_gender = ma.fields.List(ma.fields.Nested(NetworkTotalSchema))
    total = ma.fields.Nested(NetworkTotalSchema)


class NetworkMonthSchema(ma.Schema):
    month = ma.fields.String(metadata={"description": "YYYY-MM (UTC)"})
    threads = ma.fields.Integer()
    replies = ma.fields.Integer()
    downloads = ma.fields.Integer()


class NetworksBlockSchema(ma.Schema):
    spaces = ma.fields.List(ma.fields.Nested(NetworkSpaceFiguresSchema), metadata={
        "description": "Members of each space the reader oversees, by country and gender"})
    months = ma.fields.List(ma.fields.Nested(NetworkMonthSchema))


class EvaluationCourseSchema(ma.Schema):
    course_code = ma.fields.String()
    responses = ma.fields.Integer(allow_none=True)
    averages = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.Float(allow_none=True),
                              metadata={"description": "Each scale question's average, 1–5"})


class EvaluationOfferingSchema(EvaluationCourseSchema):
    offering_id = ma.fields.Integer()
    title = ma.fields.String(allow_none=True)


class EvaluationsBlockSchema(ma.Schema):
    offerings = ma.fields.List(ma.fields.Nested(EvaluationOfferingSchema))
    courses = ma.fields.List(ma.fields.Nested(EvaluationCourseSchema))


class LiveCellSchema(ma.Schema):
    country = ma.fields.String()
    gender = ma.fields.String()
    participants = ma.fields.Integer(allow_none=True)
    marked = ma.fields.Integer(allow_none=True, metadata={"description": "Register entries"})
    attended = ma.fields.Integer(allow_none=True, metadata={"description": "Present or late"})
    attendance_rate = ma.fields.Float(allow_none=True)
    suppressed = ma.fields.List(ma.fields.String())


class LiveBlockSchema(ma.Schema):
    sessions = ma.fields.Integer(metadata={"description": "Sessions delivered in the period"})
    workshops = ma.fields.Integer(metadata={"description": "Offerings they belong to"})
    cells = ma.fields.List(ma.fields.Nested(LiveCellSchema))
    by_country = ma.fields.List(ma.fields.Nested(LiveCellSchema))
    by_gender = ma.fields.List(ma.fields.Nested(LiveCellSchema))
    total = ma.fields.Nested(LiveCellSchema)
    facilitators_by_gender = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.Integer(),
                                            metadata={"description": "Trainers and speakers"})


class KpiReportSchema(ma.Schema):
    filters = ma.fields.Dict()
    generated_at = AwareDateTime()
    suppression_threshold = ma.fields.Integer(allow_none=True)
    suppressed_cells = ma.fields.Integer(metadata={
        "description": "How many figures of the country × gender cells are hidden"})
    cells = ma.fields.List(ma.fields.Nested(CellSchema))
    by_country = ma.fields.List(ma.fields.Nested(CountryTotalSchema))
    by_gender = ma.fields.List(ma.fields.Nested(GenderTotalSchema))
    total = ma.fields.Nested(FiguresSchema)
    live = ma.fields.Nested(LiveBlockSchema, metadata={
        "description": "Live sessions delivered, attendance by country and gender, parity"})
    evaluations = ma.fields.Nested(EvaluationsBlockSchema, metadata={
        "description": "Course evaluations (reaction and learning) per offering and course"})
    networks = ma.fields.Nested(NetworksBlockSchema, metadata={
        "description": "The regional networks: members per space, activity per month"})


class GenderCountsSchema(ma.Schema):
    female = ma.fields.Integer()
    male = ma.fields.Integer()
    other = ma.fields.Integer()
    undisclosed = ma.fields.Integer()


class MonthSchema(ma.Schema):
    month = ma.fields.String(metadata={"description": "YYYY-MM (UTC)"})
    enrolled = ma.fields.Nested(GenderCountsSchema)
    completed = ma.fields.Nested(GenderCountsSchema)


class TrendsSchema(ma.Schema):
    months = ma.fields.List(ma.fields.Nested(MonthSchema))


class CascadeTrainerSchema(ma.Schema):
    trainer_id = ma.fields.Integer()
    name = ma.fields.String()
    country = ma.fields.String()
    offerings_led = ma.fields.Integer()
    officers_completed = ma.fields.Nested(GenderCountsSchema)


class CascadeSchema(ma.Schema):
    trainers = ma.fields.List(ma.fields.Nested(CascadeTrainerSchema))
    total_completed = ma.fields.Nested(GenderCountsSchema)


class PeriodCreateSchema(ma.Schema):
    name = ma.fields.String(required=True, validate=validate.Length(min=1, max=120),
                            metadata={"example": "Donor Q1 2027"})
    from_ = AwareDateTime(required=True, data_key="from", attribute="from")
    to = AwareDateTime(required=True)
    country = ma.fields.String(validate=country_code)

    @ma.validates_schema
    def period(self, data, **kwargs):
        if "from" in data and "to" in data and data["to"] <= data["from"]:
            raise invalid(_l("The end of the period must come after its start."), "to")


class PeriodSchema(ma.Schema):
    id = ma.fields.Integer()
    name = ma.fields.String()
    country = ma.fields.String(attribute="country_code", allow_none=True)
    starts_at = AwareDateTime()
    ends_at = AwareDateTime()
    frozen_at = AwareDateTime()
    frozen_by = ma.fields.Function(lambda period: period.frozen_by.name
                                   if period.frozen_by else None)


class PeriodDetailSchema(PeriodSchema):
    report = ma.fields.Dict(metadata={"description": "The KPI report as it was when frozen"})
