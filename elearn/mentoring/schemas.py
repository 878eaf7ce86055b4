"""Input validation and output shape of programmes, applications and the mentor pool."""

from __future__ import annotations

import marshmallow as ma
from flask_babel import lazy_gettext as _l
from marshmallow import validate

from ..accounts.models import Gender
from ..web.openapi import required_together
from ..web.pagination import PaginationArgsSchema
from ..web.validation import AwareDateTime, Date, choice, country_code, id_field, invalid
from .models import ApplicationStatus, Outcome
from .selection import DECISIONS
from .texts import shown_title

KEY = validate.Regexp(r"^[a-z0-9_]{1,60}$", error=_l("Use lower-case letters, digits and _."))


def text(max_length: int, **kwargs):
    return ma.fields.String(validate=validate.Length(min=1, max=max_length), **kwargs)


def text_list(max_items: int = 20, max_length: int = 100, **kwargs):
    return ma.fields.List(text(max_length), validate=validate.Length(max=max_items), **kwargs)


def unique(items, field_name: str, what=lambda item: item) -> None:
    values = [what(item) for item in items]
    if len(values) != len(set(values)):
        raise invalid(_l("Each value may appear only once."), field_name)


class CountrySeatsSchema(ma.Schema):
    country = ma.fields.String(required=True, attribute="country_code", data_key="country",
                               validate=country_code)
    seats = ma.fields.Integer(required=True, validate=validate.Range(min=1, max=1000))


class KeyedTitleSchema(ma.Schema):
    """An item with a template key and a title, the title dumped in the reader's language."""

    @ma.post_dump
    def title_in_reader_language(self, data, **kwargs):
        if "title" in data and "key" in data:
            data["title"] = shown_title(data["key"], data["title"])
        return data


class TemplateItemSchema(KeyedTitleSchema):
    key = ma.fields.String(required=True, validate=KEY)
    title = text(200, required=True)
    month = ma.fields.Integer(required=True, validate=validate.Range(min=0, max=120))


class PathwayStepSchema(ma.Schema):
    course_id = ma.fields.Integer()
    course_code = ma.fields.Function(lambda step: step.course.code)
    title = ma.fields.Function(lambda step: step.course.title)
    position = ma.fields.Integer()


class ProgrammeSchema(ma.Schema):
    id = ma.fields.Integer()
    name = ma.fields.String()
    starts_on = Date()
    ends_on = Date()
    applications_open_on = Date()
    applications_close_on = Date()
    total_seats = ma.fields.Integer(allow_none=True)
    checkin_cadence_days = ma.fields.Integer()
    checkup_cadence_days = ma.fields.Integer()
    eligible_gender = ma.fields.String(allow_none=True)
    eligible_ranks = ma.fields.List(ma.fields.String())
    min_years_experience = ma.fields.Integer(allow_none=True)
    milestone_template = ma.fields.List(ma.fields.Nested(TemplateItemSchema))
    final_milestone_key = ma.fields.String(allow_none=True)
    countries = ma.fields.List(ma.fields.Nested(CountrySeatsSchema))
    pathway = ma.fields.List(ma.fields.Nested(PathwayStepSchema))
    created_at = AwareDateTime()


class ProgrammeCreateSchema(ma.Schema):
    name = text(200, required=True)
    starts_on = Date(required=True)
    ends_on = Date(metadata={"description": "Default: 24 months after the start"})
    applications_open_on = Date(required=True)
    applications_close_on = Date(required=True)
    total_seats = ma.fields.Integer(allow_none=True, validate=validate.Range(min=1, max=10_000))
    checkin_cadence_days = ma.fields.Integer(validate=validate.Range(min=1, max=365))
    checkup_cadence_days = ma.fields.Integer(validate=validate.Range(min=7, max=365), metadata={
        "description": "Both sides of each pairing are asked how it fits every so many days "
                       "(default 60)"})
    eligible_gender = ma.fields.String(allow_none=True, load_default=Gender.FEMALE.value,
                                       validate=choice(Gender))
    eligible_ranks = text_list()
    min_years_experience = ma.fields.Integer(allow_none=True,
                                             validate=validate.Range(min=0, max=60))
    countries = ma.fields.List(ma.fields.Nested(CountrySeatsSchema), required=True,
                               validate=validate.Length(min=1, max=60))
    pathway_course_ids = ma.fields.List(id_field(), validate=validate.Length(max=50))
    milestone_template = ma.fields.List(ma.fields.Nested(TemplateItemSchema),
                                        validate=validate.Length(min=1, max=60))

    @ma.validates_schema
    def no_repeats(self, data, **kwargs):
        unique(data.get("countries", []), "countries", lambda row: row["country_code"])
        unique(data.get("pathway_course_ids", []), "pathway_course_ids")
        unique(data.get("milestone_template", []), "milestone_template",
               lambda item: item["key"])

    @ma.post_load
    def countries_as_rows(self, data, **kwargs):
        data["countries"] = [{"country": row["country_code"], "seats": row["seats"]}
                             for row in data["countries"]]
        return data


class ApplicationSchema(ma.Schema):
    id = ma.fields.Integer()
    programme_id = ma.fields.Integer()
    applicant_id = ma.fields.Integer()
    applicant_name = ma.fields.Function(lambda a: a.applicant.name)
    country = ma.fields.String(attribute="country_code")
    status = ma.fields.String()
    motivation = ma.fields.String()
    area_of_work = ma.fields.String()
    languages = ma.fields.List(ma.fields.String())
    years_experience = ma.fields.Integer(allow_none=True)
    supervisor_name = ma.fields.String()
    supervisor_endorsement = ma.fields.String()
    demographics_consent = ma.fields.Boolean()
    nominated_by_id = ma.fields.Integer(allow_none=True)
    created_at = AwareDateTime()
    shortlisted_at = AwareDateTime(allow_none=True)
    decided_at = AwareDateTime(allow_none=True)
    reason = ma.fields.String(allow_none=True)
    conduct_acknowledged_at = AwareDateTime(allow_none=True)
    outcome = ma.fields.String(allow_none=True, validate=choice(Outcome))
    outcome_reason = ma.fields.String(allow_none=True)
    outcome_at = AwareDateTime(allow_none=True)
    certificate_id = ma.fields.Integer(allow_none=True)


class ApplicationCreateSchema(ma.Schema):
    user_id = id_field(metadata={"description": "Admins: nominate this person"})
    motivation = text(5000, required=True)
    area_of_work = text(200, required=True)
    languages = text_list(10, 20, load_default=list)
    years_experience = ma.fields.Integer(validate=validate.Range(min=0, max=60))
    supervisor_name = text(200, required=True)
    supervisor_endorsement = text(5000, required=True)
    demographics = ma.fields.Dict(keys=text(40), values=text(100),
                                  validate=validate.Length(max=20, error=_l("At most 20 details.")),
                                  metadata={"description": "Optional; needs consent"})
    demographics_consent = ma.fields.Boolean(load_default=False)

    OPENAPI_RULES = {"anyOf": [
        {"properties": {"demographics": {"maxProperties": 0}}},
        {"required": ["demographics_consent"],
         "properties": {"demographics_consent": {"enum": [True]}}}]}

    @ma.validates_schema
    def consent(self, data, **kwargs):
        if data.get("demographics") and not data.get("demographics_consent"):
            raise invalid(_l("Demographic details are kept only with consent."),
                          "demographics_consent")


class ApplicationDecisionSchema(ma.Schema):
    decision = ma.fields.String(required=True, validate=choice(list(DECISIONS)))
    reason = text(1000)

    OPENAPI_RULES = required_together(decision=(["select", "reject"], ["reason"]))

    @ma.validates_schema
    def reasoned(self, data, **kwargs):
        if data.get("decision") in ("select", "reject") and not data.get("reason"):
            raise invalid(_l("A selection decision needs a reason."), "reason")


class ApplicationQueryArgsSchema(PaginationArgsSchema):
    status = ma.fields.String(validate=choice(ApplicationStatus))
    country = ma.fields.String(validate=country_code)
    outcome = ma.fields.String(validate=choice(Outcome))


class MentorSchema(ma.Schema):
    mentor_id = id_field(required=True)
    name = ma.fields.Function(lambda row: row.mentor.name, dump_only=True)
    max_mentees = ma.fields.Integer(load_default=3, validate=validate.Range(min=1, max=50))
    languages = text_list(10, 20, load_default=list)
    expertise = text_list(load_default=list)


class MentorProposalSchema(ma.Schema):
    rank = ma.fields.Integer()
    mentor_id = ma.fields.Function(lambda p: p["mentor"].id)
    name = ma.fields.Function(lambda p: p["mentor"].name)
    country = ma.fields.Function(lambda p: p["mentor"].country_code)
    shared_languages = ma.fields.List(ma.fields.String())
    matching_expertise = ma.fields.List(ma.fields.String())
    free_places = ma.fields.Integer()
