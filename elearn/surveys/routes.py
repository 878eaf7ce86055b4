"""Surveys over HTTP: questionnaires and campaigns (admins), answering (the people asked),
results and their downloads, the needs turned into offerings, the check-ups' flags."""

from __future__ import annotations

import io

from flask import Response as HttpResponse
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_smorest import Blueprint

from ..accounts.auth import actor
from ..accounts.permissions import is_programme_admin
from ..courses.texts import current_language
from ..errors import NotFound, RuleViolation
from ..extensions import db
from ..timeutils import utcnow
from ..web.csvfiles import escape_cell, write_csv_for_spreadsheets
from ..web.pagination import PaginationArgsSchema, page_of, paginate
from . import answering, campaigns, checkups, needs, questionnaires, results
from .models import Purpose
from .schemas import (
    CampaignArgsSchema,
    CampaignCreateSchema,
    CampaignSchema,
    DraftOfferingSchema,
    DraftOfferingsSchema,
    DraftSchema,
    FlagSchema,
    FlagUpdateSchema,
    FreeTextSchema,
    MySurveySchema,
    NeedSchema,
    QuestionnaireCreateSchema,
    QuestionnaireSchema,
    QuestionsSchema,
    ResultsArgsSchema,
    ResultsSchema,
    SubmissionSchema,
    SubmittedSchema,
)
from .templates import template_questionnaire

questionnaires_bp = Blueprint("questionnaires", __name__, url_prefix="/api/v1/questionnaires",
                              description="Questionnaires in versions (admins)")
bp = Blueprint("surveys", __name__, url_prefix="/api/v1/surveys",
               description="Survey campaigns, their results and downloads (admins)")
me_bp = Blueprint("my_surveys", __name__, url_prefix="/api/v1/me/surveys",
                  description="The surveys I am asked to answer")
flags_bp = Blueprint("survey_flags", __name__, url_prefix="/api/v1/survey-flags",
                     description="Check-up flags, for programme admins")
DOWNLOADS = {"csv": "text/csv",
             "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


@questionnaires_bp.get("")
@questionnaires_bp.arguments(PaginationArgsSchema, location="query")
@questionnaires_bp.response(200, page_of(QuestionnaireSchema))
def list_questionnaires(args):
    """Regional questionnaires and those of my country."""
    return paginate(questionnaires.questionnaires_query(actor()), args)


@questionnaires_bp.post("")
@questionnaires_bp.arguments(QuestionnaireCreateSchema)
@questionnaires_bp.response(201, QuestionnaireSchema)
def create_questionnaire(data):
    """Write a questionnaire (national admins: for their country; programme admins: regional)."""
    found = questionnaires.create_questionnaire(actor(), data, now=utcnow())
    db.session.commit()
    return _with_questions(found)


def _with_questions(questionnaire):
    questionnaire.questions = questionnaires.current_version(questionnaire).questions
    return questionnaire


@questionnaires_bp.get("/<int:questionnaire_id>")
@questionnaires_bp.response(200, QuestionnaireSchema)
def get_questionnaire(questionnaire_id):
    """A questionnaire with its current version's questions."""
    return _with_questions(questionnaires.get_questionnaire(actor(), questionnaire_id))


@questionnaires_bp.put("/<int:questionnaire_id>/questions")
@questionnaires_bp.arguments(QuestionsSchema)
@questionnaires_bp.response(200, QuestionnaireSchema)
def change_questions(data, questionnaire_id):
    """Change the questions: in place while unanswered, else as a new version."""
    found = questionnaires.get_questionnaire(actor(), questionnaire_id)
    questionnaires.change_questions(actor(), found, data["questions"], now=utcnow())
    db.session.commit()
    return _with_questions(found)


@bp.get("")
@bp.arguments(CampaignArgsSchema, location="query")
@bp.response(200, page_of(CampaignSchema))
def list_campaigns(args):
    """Campaigns of my country (national admins) or all (programme admins), newest first."""
    return paginate(campaigns.campaigns_query(actor(), purpose=args.get("purpose")), args)


@bp.post("")
@bp.arguments(CampaignCreateSchema)
@bp.response(201, CampaignSchema)
def create_campaign(data):
    """Send a questionnaire (or a shipped template) to an audience between two dates; its
    people are invited through the outbox."""
    now = utcnow()
    if data.get("questionnaire_id"):
        questionnaire = questionnaires.get_questionnaire(actor(), data["questionnaire_id"])
    elif data.get("template"):
        questionnaire = template_questionnaire(Purpose(data["template"]), now=now)
    else:
        raise RuleViolation(errors={"questionnaire_id": [
            _l("Name the questionnaire or a template.")]})
    campaign = campaigns.create_campaign(actor(), questionnaire, data, now=now)
    db.session.commit()
    return campaign


@bp.get("/<int:campaign_id>")
@bp.response(200, CampaignSchema)
def get_campaign(campaign_id):
    return campaigns.get_campaign(actor(), campaign_id)


@bp.post("/<int:campaign_id>/close")
@bp.response(200, CampaignSchema)
def close_campaign(campaign_id):
    """Close a campaign before its date: no answer is taken after."""
    campaign = campaigns.close_campaign(actor(), campaigns.get_campaign(actor(), campaign_id),
                                        now=utcnow())
    db.session.commit()
    return campaign


@bp.get("/<int:campaign_id>/results")
@bp.arguments(ResultsArgsSchema, location="query")
@bp.response(200, ResultsSchema)
def get_results(args, campaign_id):
    """Counts and percentages per question, by country and gender, small cells hidden
    (programme admins may ask for them unhidden)."""
    campaign = campaigns.get_campaign(actor(), campaign_id)
    suppress = args["suppress"] or not is_programme_admin(actor())
    return results.results(campaign, language=current_language(), suppress=suppress)


@bp.get("/<int:campaign_id>/results.<fmt>", parameters=[{
    "in": "path", "name": "fmt", "required": True,
    "schema": {"type": "string", "enum": list(DOWNLOADS)}}])
@bp.response(200, description="CSV or XLSX, small cells suppressed", content_type="text/csv")
@bp.doc(responses={200: {"content": {mimetype: {"schema": {"type": "string",
                                                           "format": "binary"}}
                                     for mimetype in DOWNLOADS.values()}}})
def download_results(campaign_id, fmt):
    """The results as a spreadsheet: question, answer, country, gender, count."""
    if fmt not in DOWNLOADS:
        raise NotFound(_l("Offered formats: csv, xlsx."))
    campaign = campaigns.get_campaign(actor(), campaign_id)
    found = results.results(campaign, language=current_language())
    header = [gettext("Question"), gettext("Answer"), gettext("Country"), gettext("Gender"),
              gettext("Count")]
    rows = results.table_rows(found, gettext("suppressed"))
    if fmt == "csv":
        body = write_csv_for_spreadsheets(header, rows)
    else:
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.append(header)
        for row in rows:
            sheet.append([escape_cell(v) if isinstance(v, str) else v for v in row])
        buffer = io.BytesIO()
        book.save(buffer)
        body = buffer.getvalue()
    return HttpResponse(body, mimetype=DOWNLOADS[fmt], headers={
        "Content-Disposition": f'attachment; filename="survey-{campaign.id}.{fmt}"'})


@bp.get("/<int:campaign_id>/texts")
@bp.response(200, FreeTextSchema(many=True))
def get_texts(campaign_id):
    """The free-text answers (admins); never with a name in an anonymous survey."""
    return results.free_texts(campaigns.get_campaign(actor(), campaign_id))


@bp.get("/<int:campaign_id>/needs")
@bp.response(200, NeedSchema(many=True))
def get_needs(campaign_id):
    """A needs assessment's needs, most chosen first, with the catalogue courses that meet
    each."""
    return needs.ranked_needs(campaigns.get_campaign(actor(), campaign_id),
                              language=current_language())


@bp.post("/<int:campaign_id>/offerings")
@bp.arguments(DraftOfferingsSchema)
@bp.response(201, DraftOfferingSchema(many=True))
def draft_offerings(data, campaign_id):
    """Turn chosen needs into draft offerings of the courses that meet them (closed to
    enrolment until set up), in one step."""
    made = needs.draft_offerings(actor(), campaigns.get_campaign(actor(), campaign_id),
                                 data["course_ids"], now=utcnow())
    db.session.commit()
    return made


@me_bp.get("")
@me_bp.response(200, MySurveySchema(many=True))
def my_surveys():
    """The surveys I am asked to answer, open now, soonest closing first."""
    return [campaign for campaign, _recipient in answering.my_surveys(actor(), now=utcnow())]


@me_bp.get("/<int:campaign_id>")
@me_bp.response(200, MySurveySchema)
def my_survey(campaign_id):
    """A survey's questions in my language, with the answers I saved."""
    campaign, _recipient = answering.my_recipient(actor(), campaign_id)
    campaign.draft = answering.draft_of(actor(), campaign)
    return campaign


@me_bp.put("/<int:campaign_id>/draft")
@me_bp.arguments(DraftSchema)
@me_bp.response(200, DraftSchema)
def save_draft(data, campaign_id):
    """Save my answers so far, to come back to."""
    campaign, recipient = answering.my_recipient(actor(), campaign_id)
    draft = answering.save_draft(actor(), campaign, recipient, data["answers"], now=utcnow())
    db.session.commit()
    return draft


@me_bp.post("/<int:campaign_id>/responses")
@me_bp.arguments(SubmissionSchema)
@me_bp.response(201, SubmittedSchema)
@me_bp.alt_response(200, schema=SubmittedSchema, description="The same submission again")
def submit(data, campaign_id):
    """Submit my answers, once (the same client_id again answers 200 duplicate)."""
    campaign, recipient = answering.my_recipient(actor(), campaign_id)
    status, _id = answering.submit(actor(), campaign, recipient, data, now=utcnow())
    db.session.commit()
    return {"status": status}, 201 if status == "accepted" else 200


@flags_bp.get("")
@flags_bp.arguments(PaginationArgsSchema, location="query")
@flags_bp.response(200, page_of(FlagSchema))
def list_flags(args):
    """Check-ups that raised a flag, open ones first (programme admins)."""
    return paginate(checkups.flags_query(actor()), args)


@flags_bp.patch("/<int:flag_id>")
@flags_bp.arguments(FlagUpdateSchema)
@flags_bp.response(200, FlagSchema)
def resolve_flag(data, flag_id):
    """Record what was done; the flag is resolved."""
    flag = checkups.resolve_flag(actor(), flag_id, data["note"], now=utcnow())
    db.session.commit()
    return flag


BLUEPRINTS = (questionnaires_bp, bp, me_bp, flags_bp)
