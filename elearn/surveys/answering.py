"""Answering a survey: the surveys open to me, a draft to come back to, and submitting once.

A submission is checked whole before anything is stored: a closed campaign, a question of
another version, a value out of range or a missing required answer is a 422 and nothing
changes. The same submission sent twice (the offline queue resends it) is stored once, by
its client id; a second, different one answers 409. A low score or a concern in a mentoring
check-up raises a flag for the programme admins.
"""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import insert, select, update

from ..accounts.models import User
from ..database import dialect_insert
from ..errors import Conflict, NotFound, RuleViolation
from ..extensions import db
from ..timeutils import zone
from .models import (
    CHOICE_KINDS,
    Answer,
    Campaign,
    Draft,
    Flag,
    Purpose,
    QuestionKind,
    Recipient,
    Response,
)
from .questions import answer_rows

CHECKUPS = (Purpose.CHECKUP, Purpose.MIDPOINT, Purpose.CLOSING)


def local_day(user: User, now: datetime) -> date:
    return now.astimezone(zone(user.effective_timezone)).date()


def is_open(campaign: Campaign, user: User, now: datetime) -> bool:
    """Open on the person's own calendar day, until closed by hand."""
    today = local_day(user, now)
    return (campaign.closed_at is None and campaign.opens_on <= today <= campaign.closes_on)


def my_surveys(actor: User, *, now: datetime) -> list[tuple[Campaign, Recipient]]:
    """The surveys I am asked to answer and have not answered, open now, soonest closing."""
    rows = db.session.execute(
        select(Campaign, Recipient).join(Recipient, Recipient.campaign_id == Campaign.id)
        .where(Recipient.user_id == actor.id, Recipient.answered.is_(False))
        .order_by(Campaign.closes_on, Campaign.id)).all()
    return [(campaign, recipient) for campaign, recipient in rows
            if is_open(campaign, actor, now)]


def my_recipient(actor: User, campaign_id: int) -> tuple[Campaign, Recipient]:
    """The campaign as one of its recipients sees it; NotFound for anyone else."""
    row = db.session.execute(
        select(Campaign, Recipient).join(Recipient, Recipient.campaign_id == Campaign.id)
        .where(Campaign.id == campaign_id, Recipient.user_id == actor.id)).first()
    if row is None:
        raise NotFound(_l("No such survey."))
    return row[0], row[1]


def _require_open(campaign: Campaign, actor: User, now: datetime) -> None:
    if not is_open(campaign, actor, now):
        raise RuleViolation(_l("This survey is not open for answers."),
                            type="campaign-closed")


def save_draft(actor: User, campaign: Campaign, recipient: Recipient, answers: dict, *,
               now: datetime) -> Draft:
    _require_open(campaign, actor, now)
    if recipient.answered:
        raise Conflict(_l("You have answered this survey already."), type="already-answered")
    if not isinstance(answers, dict):
        raise RuleViolation(errors={"answers": [_l("Give the answers by question key.")]})
    db.session.execute(dialect_insert()(Draft).values(
        campaign_id=campaign.id, user_id=actor.id, answers=answers, saved_at=now)
        .on_conflict_do_update(index_elements=["campaign_id", "user_id"],
                               set_={"answers": answers, "saved_at": now}))
    return db.session.get(Draft, (campaign.id, actor.id), populate_existing=True)


def draft_of(actor: User, campaign: Campaign) -> dict:
    draft = db.session.get(Draft, (campaign.id, actor.id))
    return dict(draft.answers) if draft is not None else {}


def _flags(campaign: Campaign, recipient: Recipient, rows, today: date) -> list[str]:
    if campaign.purpose not in CHECKUPS or recipient.pairing_id is None:
        return []
    questions = {question["key"]: question for question in campaign.version.questions}
    reasons = set()
    for key, choice_key, value, _text in rows:
        question = questions[key]
        if question["kind"] == QuestionKind.SCALE and value is not None and value < question.get(
                "flag_below", 0):
            reasons.add("low_score")
        if question["kind"] in CHOICE_KINDS and any(
                choice.get("flag") and choice["key"] == choice_key
                for choice in question["choices"]):
            reasons.add("concern")
    return sorted(reasons)


def submit(actor: User, campaign: Campaign, recipient: Recipient, data: dict, *,
           now: datetime) -> tuple[str, int | None]:
    """Store the answers once: ("accepted", response id) or ("duplicate", None) for the same
    submission sent again. Raises RuleViolation (closed, wrong version, bad answers) and
    Conflict (answered already)."""
    client_id = data["client_id"]
    if db.session.scalar(select(Response.id).where(Response.campaign_id == campaign.id,
                                                   Response.client_id == client_id)):
        return "duplicate", None
    _require_open(campaign, actor, now)
    if data.get("version") not in (None, campaign.version.number):
        raise RuleViolation(_l("These answers are for another version of the questionnaire."),
                            type="version-mismatch", errors={"version": [
                                _l("Answer version %(number)d.",
                                   number=campaign.version.number)]})
    rows = answer_rows(campaign.version.questions, data["answers"])
    # The mark first, by a conditional UPDATE: of two submissions at once, one wins.
    marked = db.session.execute(
        update(Recipient).where(Recipient.id == recipient.id, Recipient.answered.is_(False))
        .values(answered=True, answered_at=None if campaign.anonymous else now)).rowcount
    if not marked:
        raise Conflict(_l("You have answered this survey already."), type="already-answered")
    today = local_day(actor, now)
    response = Response(campaign_id=campaign.id, version_id=campaign.version_id,
                        user_id=None if campaign.anonymous else actor.id,
                        pairing_id=None if campaign.anonymous else recipient.pairing_id,
                        country_code=actor.country_code, gender=actor.gender,
                        client_id=client_id, submitted_on=today)
    db.session.add(response)
    db.session.flush()
    if rows:
        db.session.execute(insert(Answer), [
            {"response_id": response.id, "question_key": key, "choice_key": choice_key,
             "value": value, "text": text} for key, choice_key, value, text in rows])
    db.session.query(Draft).filter_by(campaign_id=campaign.id, user_id=actor.id).delete()
    for reason in _flags(campaign, recipient, rows, today):
        db.session.add(Flag(campaign_id=campaign.id, pairing_id=recipient.pairing_id,
                            reason=reason, raised_on=today))
    db.session.flush()
    return "accepted", response.id
