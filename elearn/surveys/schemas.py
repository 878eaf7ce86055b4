"""Input validation and output shape of questionnaires, campaigns, answers and results."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

from ..courses.schemas import Texts
from ..courses.texts import current_language
from ..i18n import LANGUAGES
from ..web.openapi import required_together
from ..web.pagination import PaginationArgsSchema
from ..web.validation import AwareDateTime, Date, choice, country_code, filled_text, id_field
from .models import AudienceKind, Purpose
from .questions import MAX_QUESTIONS, shown


class QuestionnaireCreateSchema(ma.Schema):
    title = Texts(allow_empty=False, required=True)
    description = Texts(load_default=dict)
    default_language = ma.fields.String(load_default="en", validate=choice(LANGUAGES))
    purpose = ma.fields.String(load_default=Purpose.OTHER.value, validate=choice(Purpose))
    questions = ma.fields.List(ma.fields.Dict(), required=True,
                               validate=validate.Length(min=1, max=MAX_QUESTIONS), metadata={
                                   "description": "key, kind, text per language, required; "
                                                  "choices (key, text) or a scale's low and "
                                                  "high labels"})


class QuestionsSchema(ma.Schema):
    questions = QuestionnaireCreateSchema._declared_fields["questions"]


def _title(questionnaire) -> str:
    return shown(questionnaire.title, current_language(), questionnaire.default_language)


class QuestionnaireSchema(ma.Schema):
    id = ma.fields.Integer()
    purpose = ma.fields.String()
    title = ma.fields.Function(_title)
    default_language = ma.fields.String()
    country = ma.fields.String(attribute="country_code", allow_none=True)
    version = ma.fields.Integer(metadata={"description": "The current version's number"})
    template = ma.fields.String(allow_none=True)
    questions = ma.fields.List(ma.fields.Dict(), metadata={
        "description": "The current version's questions (one questionnaire only)"})


class AudienceSchema(ma.Schema):
    kind = ma.fields.String(required=True, validate=choice(AudienceKind))
    country = ma.fields.String(validate=country_code, metadata={
        "description": "kind=country (national admins: their own)"})
    roles = ma.fields.List(ma.fields.String(validate=validate.Length(max=20)),
                           validate=validate.Length(max=5))
    offering_id = id_field(metadata={"description": "kind=offering"})
    programme_id = id_field(metadata={"description": "kind=programme"})
    sides = ma.fields.List(ma.fields.String(validate=choice(["mentees", "mentors"])),
                           validate=validate.Length(max=2))

    OPENAPI_RULES = {"allOf": [
        required_together(kind=(["offering"], ["offering_id"])),
        required_together(kind=(["programme"], ["programme_id"]))]}


class CampaignCreateSchema(ma.Schema):
    questionnaire_id = id_field(metadata={"description": "Or give `template`"})
    template = ma.fields.String(validate=choice([p.value for p in Purpose if p != Purpose.OTHER]),
                                metadata={"description": "A shipped questionnaire"})
    name = filled_text(200, required=True)
    audience = ma.fields.Nested(AudienceSchema, required=True)
    opens_on = Date(required=True)
    closes_on = Date(required=True)
    anonymous = ma.fields.Boolean(load_default=True)

    OPENAPI_RULES = {"anyOf": [{"required": ["questionnaire_id"]}, {"required": ["template"]}]}


class CampaignSchema(ma.Schema):
    id = ma.fields.Integer()
    name = ma.fields.String()
    purpose = ma.fields.String()
    questionnaire_id = ma.fields.Integer()
    version = ma.fields.Function(lambda campaign: campaign.version.number)
    audience = ma.fields.Dict()
    country = ma.fields.String(attribute="country_code", allow_none=True)
    anonymous = ma.fields.Boolean()
    opens_on = ma.fields.Date()
    closes_on = ma.fields.Date()
    closed = ma.fields.Function(lambda campaign: campaign.closed_at is not None)


class CampaignArgsSchema(PaginationArgsSchema):
    purpose = ma.fields.String(validate=choice(Purpose))


def questions_shown(campaign) -> list:
    language = current_language()
    default = campaign.version.questionnaire.default_language
    out = []
    for question in campaign.version.questions:
        item = {"key": question["key"], "kind": question["kind"],
                "required": bool(question.get("required")),
                "text": shown(question["text"], language, default)}
        if question.get("choices"):
            item["choices"] = [{"key": c["key"], "text": shown(c["text"], language, default)}
                               for c in question["choices"]]
        for end in ("low", "high"):
            if question.get(end):
                item[end] = shown(question[end], language, default)
        out.append(item)
    return out


class MySurveySchema(ma.Schema):
    id = ma.fields.Integer()
    name = ma.fields.String()
    purpose = ma.fields.String()
    anonymous = ma.fields.Boolean()
    closes_on = ma.fields.Date()
    version = ma.fields.Function(lambda campaign: campaign.version.number)
    questions = ma.fields.Function(questions_shown, metadata={
        "description": "In my language (else the questionnaire's)"})
    draft = ma.fields.Dict(metadata={"description": "Answers I saved to come back to"})


class DraftSchema(ma.Schema):
    answers = ma.fields.Dict(keys=ma.fields.String(validate=validate.Length(max=60)),
                             required=True, validate=validate.Length(max=MAX_QUESTIONS))


class SubmissionSchema(DraftSchema):
    client_id = ma.fields.String(required=True, validate=validate.Regexp(
        r"^[A-Za-z0-9_-]{8,64}$"), metadata={
        "description": "Chosen by the client, the same when resent (offline queue)"})
    version = ma.fields.Integer(validate=validate.Range(min=1, max=100_000), metadata={
        "description": "The version answered: another one answers 422"})


class SubmittedSchema(ma.Schema):
    status = ma.fields.String(metadata={"description": "accepted or duplicate"})


class ResultsArgsSchema(ma.Schema):
    suppress = ma.fields.Boolean(load_default=True, metadata={
        "description": "Hide small cells (always on for national admins and downloads)"})


class ResultsSchema(ma.Schema):
    campaign_id = ma.fields.Integer()
    version = ma.fields.Integer()
    invited = ma.fields.Integer()
    answered = ma.fields.Integer()
    responses = ma.fields.Integer()
    suppression_threshold = ma.fields.Integer(allow_none=True)
    questions = ma.fields.List(ma.fields.Dict(), metadata={
        "description": "Per question: options with count and percent, cells by country × "
                       "gender, by_country, by_gender, total (hidden counts are null), average"})


class FreeTextSchema(ma.Schema):
    question_key = ma.fields.String()
    text = ma.fields.String()
    country = ma.fields.String()
    name = ma.fields.String(allow_none=True, metadata={"description": "Never in an anonymous "
                                                                      "survey"})


class NeedSchema(ma.Schema):
    question = ma.fields.String()
    choice = ma.fields.String()
    text = ma.fields.String()
    category = ma.fields.String()
    count = ma.fields.Integer()
    courses = ma.fields.Function(lambda need: [
        {"id": c.id, "code": c.code} for c in need["courses"]])


class DraftOfferingsSchema(ma.Schema):
    course_ids = ma.fields.List(id_field(), required=True, validate=validate.Length(min=1,
                                                                                    max=20))


class DraftOfferingSchema(ma.Schema):
    id = ma.fields.Integer()
    course_id = ma.fields.Integer()
    mode = ma.fields.String()
    starts_at = AwareDateTime()
    self_enrollment = ma.fields.Boolean(metadata={"description": "False until set up"})


class FlagSchema(ma.Schema):
    id = ma.fields.Integer()
    campaign_id = ma.fields.Integer()
    pairing_id = ma.fields.Integer()
    reason = ma.fields.String(metadata={"description": "low_score or concern"})
    raised_on = ma.fields.Date()
    resolved = ma.fields.Function(lambda flag: flag.resolved_at is not None)
    note = ma.fields.String(allow_none=True)


class FlagUpdateSchema(ma.Schema):
    note = filled_text(1000, required=True)
