"""Surveys in the web app: the surveys I am asked to answer, and one page per survey to
answer it, save and come back, and submit once (offline, the page's script queues the
submission with its own id and sends it when the connection returns)."""

from __future__ import annotations

import secrets

from flask import flash, redirect, request, url_for
from flask_babel import gettext

from ..errors import ElearnError
from ..extensions import db
from ..surveys import answering
from ..surveys.models import CHOICE_KINDS, QuestionKind
from ..surveys.schemas import questions_shown
from ..timeutils import utcnow
from .pages import bp, me, problems_of, render, signed_in


@bp.get("/surveys")
@signed_in
def surveys_page():
    """The surveys waiting for my answers, soonest closing first."""
    return render("site/surveys.html",
                  surveys=[campaign for campaign, _r in answering.my_surveys(me(), now=utcnow())])


def _posted(campaign) -> dict:
    """The form's answers by question key: lists for multiple choice, text otherwise."""
    answers = {}
    for question in campaign.version.questions:
        key = question["key"]
        if question["kind"] == QuestionKind.MULTIPLE_CHOICE:
            values = request.form.getlist(key)
            if values:
                answers[key] = values
        elif (value := request.form.get(key, "").strip()):
            answers[key] = value
    return answers


def _survey_page(campaign_id: int, *, status: int = 200, typed=None, problems=None):
    campaign, recipient = answering.my_recipient(me(), campaign_id)
    answers = typed if typed is not None else answering.draft_of(me(), campaign)
    return render("site/survey.html", status=status, campaign=campaign,
                  questions=questions_shown(campaign), answers=answers,
                  answered=recipient.answered, open=answering.is_open(campaign, me(), utcnow()),
                  problems=problems or {}, client_id=secrets.token_urlsafe(16),
                  choice_kinds=[kind.value for kind in CHOICE_KINDS])


@bp.get("/surveys/<int:campaign_id>")
@signed_in
def survey_page(campaign_id):
    """The survey's questions in my language, with the answers I saved."""
    return _survey_page(campaign_id)


@bp.post("/surveys/<int:campaign_id>")
@signed_in
def answer_survey(campaign_id):
    """Save the answers to come back to (`save`), or submit them."""
    campaign, recipient = answering.my_recipient(me(), campaign_id)
    answers = _posted(campaign)
    try:
        if request.form.get("save"):
            answering.save_draft(me(), campaign, recipient, answers, now=utcnow())
        else:
            answering.submit(me(), campaign, recipient, {
                "client_id": request.form.get("client_id") or secrets.token_urlsafe(16),
                "answers": answers, "version": campaign.version.number}, now=utcnow())
    except ElearnError as error:
        db.session.rollback()
        found = problems_of(error)
        return _survey_page(campaign_id, status=getattr(error, "status", 422), typed=answers,
                            problems=found.get("answers", found) if isinstance(
                                found.get("answers"), dict) else found)
    db.session.commit()
    if request.form.get("save"):
        flash(gettext("Your answers are saved: come back to finish."), "done")
        return redirect(url_for("site.survey_page", campaign_id=campaign_id))
    flash(gettext("Thank you: your answers are in."), "done")
    return redirect(url_for("site.surveys_page"))
