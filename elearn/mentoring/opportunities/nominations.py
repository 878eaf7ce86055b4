"""Opportunities (conferences, coaching, the field exercise) and the nominations of mentees
and alumni: nominated → confirmed → attended, or declined."""

from __future__ import annotations

import logging
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from ...accounts.models import User
from ...audit.services import record
from ...errors import Conflict, RuleViolation
from ...extensions import db
from ..models import Application, ApplicationStatus, Outcome, Programme
from ..plans.models import Audience, Nomination, NominationStatus, Opportunity
from ..scoping import require_programme_admin

logger = logging.getLogger(__name__)

NEXT_STATUSES = {
    NominationStatus.NOMINATED: {NominationStatus.CONFIRMED, NominationStatus.DECLINED},
    NominationStatus.CONFIRMED: {NominationStatus.ATTENDED, NominationStatus.DECLINED},
}
TAKES_SEAT = (NominationStatus.NOMINATED, NominationStatus.CONFIRMED, NominationStatus.ATTENDED)


def create_opportunity(actor: User, programme: Programme, data: dict, *,
                       now: datetime) -> Opportunity:
    require_programme_admin(actor)
    if data["ends_on"] < data["starts_on"]:
        raise RuleViolation(errors={"ends_on": [_l("The end must not come before the start.")]})
    opportunity = Opportunity(programme_id=programme.id, created_at=now, **data)
    db.session.add(opportunity)
    db.session.flush()
    record(actor, "opportunity.create", "opportunity", opportunity.id, country_code=None,
           details={"kind": opportunity.kind}, now=now)
    return opportunity


def _eligible(opportunity: Opportunity, participant: Application) -> bool:
    if participant.status != ApplicationStatus.SELECTED:
        return False
    if opportunity.audience == Audience.ALUMNI:
        return participant.outcome == Outcome.ALUMNI
    if opportunity.audience == Audience.MENTEES:
        return participant.outcome is None
    return participant.outcome in (None, Outcome.ALUMNI.value)


def nominate(actor: User, opportunity: Opportunity, participant: Application, *,
             now: datetime) -> Nomination:
    """Nominate a mentee or an alumna/alumnus who fits the opportunity's audience.

    Raises RuleViolation (not eligible) and Conflict (nominated already, no seat left).
    """
    require_programme_admin(actor)
    if participant.programme_id != opportunity.programme_id or not _eligible(
            opportunity, participant):
        raise RuleViolation(_l("This person does not fit the opportunity's audience."),
                            type="not-eligible", extra={"rule": "audience"})
    if db.session.scalar(select(Nomination.id).where(
            Nomination.opportunity_id == opportunity.id,
            Nomination.application_id == participant.id)):
        raise Conflict(_l("This person is nominated already."), type="already-nominated")
    if opportunity.seats is not None and db.session.scalar(
            select(func.count()).select_from(Nomination).where(
                Nomination.opportunity_id == opportunity.id,
                Nomination.status.in_(TAKES_SEAT))) >= opportunity.seats:
        raise Conflict(_l("All places of this opportunity are taken."), type="seats-full")
    nomination = Nomination(opportunity_id=opportunity.id, application=participant,
                            nominated_by_id=actor.id, created_at=now, updated_at=now)
    db.session.add(nomination)
    db.session.flush()
    record(actor, "nomination.create", "nomination", nomination.id,
           country_code=participant.country_code, details={"opportunity": opportunity.id},
           now=now)
    return nomination


def update_nomination(actor: User, nomination: Nomination, status: str, reason: str | None,
                      *, now: datetime) -> Nomination:
    require_programme_admin(actor)
    if status not in NEXT_STATUSES.get(nomination.status, set()):
        raise Conflict(_l("A nomination that is %(status)s cannot become %(target)s.",
                          status=nomination.status, target=status), type="nomination-state")
    nomination.status, nomination.reason, nomination.updated_at = status, reason, now
    db.session.flush()
    record(actor, f"nomination.{status}", "nomination", nomination.id,
           country_code=nomination.application.country_code, details={"reason": reason},
           now=now)
    return nomination


def opportunities_query(programme: Programme):
    """The programme's opportunities, soonest first."""
    return (select(Opportunity).where(Opportunity.programme_id == programme.id)
            .order_by(Opportunity.starts_on, Opportunity.id))


def nominations_query(opportunity: Opportunity):
    return select(Nomination).where(
        Nomination.opportunity_id == opportunity.id).order_by(Nomination.id)
