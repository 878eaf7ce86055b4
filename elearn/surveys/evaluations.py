"""Course evaluations: when an enrolment completes, its learner is asked once to evaluate the
offering (anonymously), in the offering's own evaluation campaign, opened with its first
completion and kept open while completions come."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from ..accounts.models import User
from ..extensions import db
from .answering import local_day
from .campaigns import invite
from .models import AudienceKind, Campaign, Purpose, QuestionnaireVersion
from .templates import template_questionnaire

OPEN_DAYS = 60  # an evaluation can be answered this long after the last completion


def ask(enrollment, *, now: datetime) -> int:
    """Invite the learner of a completed enrolment to evaluate its offering (once)."""
    offering = enrollment.offering
    learner = db.session.get(User, enrollment.user_id)
    today = local_day(learner, now)
    key = f"evaluation:offering:{offering.id}"
    campaign = db.session.scalar(select(Campaign).where(Campaign.key == key))
    if campaign is None:
        questionnaire = template_questionnaire(Purpose.EVALUATION, now=now)
        version = db.session.scalar(select(QuestionnaireVersion).where(
            QuestionnaireVersion.questionnaire_id == questionnaire.id,
            QuestionnaireVersion.number == questionnaire.version))
        title = offering.title or offering.course.code
        campaign = Campaign(questionnaire_id=questionnaire.id, version_id=version.id,
                            name=f"{title}: evaluation"[:200], purpose=Purpose.EVALUATION.value,
                            audience={"kind": AudienceKind.OFFERING.value,
                                      "offering_id": offering.id},
                            country_code=offering.country_code, anonymous=True,
                            opens_on=today - timedelta(days=1),
                            closes_on=today + timedelta(days=OPEN_DAYS), key=key,
                            offering_id=offering.id, created_at=now)
        db.session.add(campaign)
        db.session.flush()
    elif campaign.closes_on < today + timedelta(days=OPEN_DAYS):
        campaign.closes_on = today + timedelta(days=OPEN_DAYS)
    return invite(campaign, select(User.id).where(User.id == learner.id), today=today, now=now)
