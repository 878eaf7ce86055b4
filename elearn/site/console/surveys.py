"""Surveys in the console: the campaigns an admin runs, a new one from a shipped questionnaire
(the training-needs assessment first), a campaign's results drawn as bars with small cells
hidden and their downloads, the free texts, a needs assessment's ranked needs beside the
courses that meet them (opening draft offerings in one step), and the check-ups' flags."""

from __future__ import annotations

from datetime import timedelta

import marshmallow as ma
from flask import flash, redirect, request, url_for
from flask_babel import gettext
from sqlalchemy import select

from ...accounts.models import Country, Role
from ...accounts.permissions import is_programme_admin
from ...courses.texts import current_language
from ...errors import ElearnError
from ...extensions import db
from ...surveys import campaigns, checkups, needs, results
from ...surveys.models import Purpose
from ...surveys.schemas import CampaignCreateSchema
from ...surveys.templates import template_questionnaire
from ...timeutils import utcnow
from ...web.pagination import paginate
from ..pages import admin_only, bp, me, page_args, problems_of, reasons_of, render

TEMPLATES = (Purpose.NEEDS, Purpose.EVALUATION, Purpose.CHECKUP)


@bp.get("/console/surveys")
@admin_only
def console_surveys_page():
    """The campaigns I run or oversee, newest first."""
    page = paginate(campaigns.campaigns_query(me()), page_args(25))
    return render("site/console/surveys.html", page=page)


def _new_page(*, status: int = 200, typed=None, problems=None):
    today = utcnow().date()
    return render("site/console/survey_new.html", status=status, problems=problems or {},
                  typed=typed or {"template": Purpose.NEEDS.value, "roles": ["trainee"],
                                  "opens_on": today.isoformat(),
                                  "closes_on": (today + timedelta(days=30)).isoformat(),
                                  "anonymous": "1"},
                  templates=[p.value for p in TEMPLATES], roles=[r.value for r in Role],
                  countries=db.session.execute(select(Country.code, Country.name)
                                               .order_by(Country.name)).all()
                  if is_programme_admin(me()) else [])


@bp.get("/console/surveys/new")
@admin_only
def new_survey_page():
    return _new_page()


@bp.post("/console/surveys/new")
@admin_only
def create_survey_page():
    typed = {key: request.form.get(key, "").strip() for key in
             ("template", "name", "opens_on", "closes_on", "country", "anonymous")}
    typed["roles"] = request.form.getlist("roles")
    audience = {"kind": "country", "roles": typed["roles"]}
    if typed["country"]:
        audience["country"] = typed["country"]
    body = {"template": typed["template"], "name": typed["name"], "audience": audience,
            "opens_on": typed["opens_on"], "closes_on": typed["closes_on"],
            "anonymous": bool(typed["anonymous"])}
    try:
        data = CampaignCreateSchema().load({k: v for k, v in body.items() if v != ""})
        questionnaire = template_questionnaire(Purpose(data["template"]), now=utcnow())
        campaign = campaigns.create_campaign(me(), questionnaire, data, now=utcnow())
    except (ma.ValidationError, ElearnError, ValueError) as error:
        db.session.rollback()
        return _new_page(status=getattr(error, "status", 422), typed=typed,
                         problems=problems_of(error))
    db.session.commit()
    flash(gettext("The survey is open: its people are invited."), "done")
    return redirect(url_for("site.console_survey_page", campaign_id=campaign.id))


@bp.get("/console/surveys/<int:campaign_id>")
@admin_only
def console_survey_page(campaign_id):
    """Results with small cells hidden, free texts, and for a needs assessment its needs."""
    campaign = campaigns.get_campaign(me(), campaign_id)
    found = results.results(campaign, language=current_language())
    ranked = (needs.ranked_needs(campaign, language=current_language())
              if campaign.purpose == Purpose.NEEDS else [])
    return render("site/console/survey.html", campaign=campaign, results=found,
                  texts=results.free_texts(campaign), needs=ranked)


@bp.post("/console/surveys/<int:campaign_id>/offerings")
@admin_only
def survey_offerings_page(campaign_id):
    """Open a draft offering of each course chosen beside the needs."""
    campaign = campaigns.get_campaign(me(), campaign_id)
    try:
        made = needs.draft_offerings(me(), campaign, request.form.getlist("course_ids", type=int),
                                     now=utcnow())
    except ElearnError as error:
        db.session.rollback()
        flash(gettext("Not done: %(reason)s", reason=" ".join(reasons_of(error))), "problem")
        return redirect(url_for("site.console_survey_page", campaign_id=campaign_id))
    db.session.commit()
    flash(gettext("%(num)d draft offerings are open, closed to enrolment until you set them up.",
                  num=len(made)), "done")
    return redirect(url_for("site.offerings_page"))


@bp.post("/console/surveys/<int:campaign_id>/close")
@admin_only
def close_survey_page(campaign_id):
    try:
        campaigns.close_campaign(me(), campaigns.get_campaign(me(), campaign_id), now=utcnow())
    except ElearnError as error:
        db.session.rollback()
        flash(gettext("Not done: %(reason)s", reason=" ".join(reasons_of(error))), "problem")
    else:
        db.session.commit()
        flash(gettext("The survey is closed."), "done")
    return redirect(url_for("site.console_survey_page", campaign_id=campaign_id))


@bp.get("/console/survey-flags")
@admin_only
def survey_flags_page():
    """Check-ups that flagged a low score or a concern (programme admins)."""
    page = paginate(checkups.flags_query(me()), page_args(25))
    return render("site/console/survey_flags.html", page=page)


@bp.post("/console/survey-flags/<int:flag_id>")
@admin_only
def resolve_flag_page(flag_id):
    note = request.form.get("note", "").strip()
    try:
        if not note:
            raise ma.ValidationError({"note": [gettext("Give the reason.")]})
        checkups.resolve_flag(me(), flag_id, note, now=utcnow())
    except (ma.ValidationError, ElearnError) as error:
        db.session.rollback()
        flash(gettext("Not done: %(reason)s", reason=" ".join(reasons_of(error))), "problem")
        return redirect(url_for("site.survey_flags_page"))
    db.session.commit()
    flash(gettext("Done."), "done")
    return redirect(url_for("site.survey_flags_page"))
