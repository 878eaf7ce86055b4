"""Campaigns: one questionnaire version sent to an audience between two dates.

A national admin runs campaigns for their own country (and sees only those); a programme
admin runs regional ones too. Inviting is set-based: the audience becomes recipient rows in one
INSERT … SELECT, and the invitations are queued by reminders (signal `survey_invited`) in
another, whatever the audience's size.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import Date, Integer, exists, literal, or_, select, true

from .. import signals
from ..accounts.models import RoleAssignment, User
from ..accounts.permissions import admin_countries, is_programme_admin, require_admin
from ..audit.services import record
from ..certification.models import Certificate, CertificateKind
from ..database import dialect_insert
from ..enrollments.models import Enrollment, EnrollmentStatus, Offering
from ..errors import Conflict, NotFound, RuleViolation
from ..extensions import db
from ..mentoring.models import Application, ApplicationStatus, Pairing, PairingStatus
from .models import AudienceKind, Campaign, Questionnaire, QuestionnaireVersion, Recipient

STARTED = (EnrollmentStatus.ENROLLED, EnrollmentStatus.COMPLETED, EnrollmentStatus.FAILED)


def _scope_country(actor: User, country: str | None) -> str | None:
    allowed = admin_countries(actor)
    if allowed is not None and country not in allowed:
        raise RuleViolation(errors={"audience": [
            _l("A campaign of yours is for your own country.")]})
    return country


def audience_ids(audience: dict):
    """A select of the ids of the active people an audience names."""
    kind = audience["kind"]
    people = select(User.id).where(User.active)
    if audience.get("country"):
        people = people.where(User.country_code == audience["country"])
    if kind == AudienceKind.COUNTRY:
        if audience.get("roles"):
            people = people.where(exists().where(RoleAssignment.user_id == User.id,
                                                 RoleAssignment.role.in_(audience["roles"])))
        return people
    if kind == AudienceKind.OFFERING:
        return people.where(exists().where(Enrollment.user_id == User.id,
                                           Enrollment.offering_id == audience["offering_id"],
                                           Enrollment.status.in_(STARTED)))
    if kind == AudienceKind.PROGRAMME:
        sides = set(audience.get("sides") or ["mentees", "mentors"])
        conditions = []
        if "mentees" in sides:
            conditions.append(exists().where(
                Application.applicant_id == User.id,
                Application.programme_id == audience["programme_id"],
                Application.status == ApplicationStatus.SELECTED))
        if "mentors" in sides:
            conditions.append(exists().where(
                Pairing.mentor_id == User.id, Pairing.programme_id == audience["programme_id"],
                Pairing.status == PairingStatus.ACTIVE))
        return people.where(or_(*conditions))
    return people.where(exists().where(
        Certificate.holder_id == User.id, Certificate.kind == CertificateKind.TRAINER,
        Certificate.revoked_at.is_(None)))


def _check_audience(actor: User, audience: dict) -> str | None:
    """The campaign's country (None: regional), after checking the audience's subject exists
    and is the actor's to survey."""
    kind = audience["kind"]
    if kind == AudienceKind.OFFERING:
        offering = db.session.get(Offering, audience.get("offering_id") or 0)
        if offering is None:
            raise RuleViolation(errors={"audience": [_l("No such offering.")]})
        return _scope_country(actor, offering.country_code) if not is_programme_admin(
            actor) else offering.country_code
    if kind == AudienceKind.PROGRAMME and not is_programme_admin(actor):
        raise RuleViolation(errors={"audience": [
            _l("Only programme administrators survey a programme.")]})
    country = audience.get("country")
    if not is_programme_admin(actor):
        audience["country"] = country = _scope_country(actor, country or actor.country_code)
    return country


def create_campaign(actor: User, questionnaire: Questionnaire, data: dict, *,
                    now: datetime) -> Campaign:
    """Create a campaign of the questionnaire's current version and invite its audience."""
    require_admin(actor)
    if data["closes_on"] < data["opens_on"]:
        raise RuleViolation(errors={"closes_on": [_l("It must close after it opens.")]})
    audience = dict(data["audience"])
    country = _check_audience(actor, audience)
    version = db.session.scalar(select(QuestionnaireVersion).where(
        QuestionnaireVersion.questionnaire_id == questionnaire.id,
        QuestionnaireVersion.number == questionnaire.version))
    campaign = Campaign(questionnaire_id=questionnaire.id, version_id=version.id,
                        name=data["name"], purpose=questionnaire.purpose, audience=audience,
                        country_code=country, anonymous=data.get("anonymous", True),
                        opens_on=data["opens_on"], closes_on=data["closes_on"],
                        programme_id=audience.get("programme_id"),
                        offering_id=audience.get("offering_id"), created_by_id=actor.id,
                        created_at=now)
    db.session.add(campaign)
    db.session.flush()
    invited = invite(campaign, audience_ids(audience), today=now.date(), now=now)
    record(actor, "survey.campaign", "campaign", campaign.id, country_code=country,
           details={"questionnaire": questionnaire.id, "invited": invited}, now=now)
    return campaign


def invite(campaign: Campaign, people, *, today: date, now: datetime,
           pairing_id=None) -> int:
    """Add `people` (a select of user ids) as recipients (those asked already are skipped)
    and queue their invitations; how many were new."""
    found = people.subquery("people")
    # (SQLite reads ON CONFLICT after a SELECT without WHERE as part of a join.)
    rows = select(literal(campaign.id, Integer()), found.c.id,
                  literal(pairing_id, Integer()), literal(today, Date())).where(true())
    stmt = (dialect_insert()(Recipient).from_select(
        ["campaign_id", "user_id", "pairing_id", "invited_on"], rows)
        .on_conflict_do_nothing(index_elements=["campaign_id", "user_id"])
        .returning(Recipient.id))
    ids = list(db.session.scalars(stmt))
    if ids:
        signals.survey_invited.send(campaign, recipient_ids=ids, now=now)
    return len(ids)


def campaigns_query(actor: User, *, purpose: str | None = None):
    """The campaigns the actor may see: their country's (national admins), all (programme);
    of one purpose when given."""
    require_admin(actor)
    stmt = select(Campaign).order_by(Campaign.opens_on.desc(), Campaign.id.desc())
    if purpose:
        stmt = stmt.where(Campaign.purpose == purpose)
    allowed = admin_countries(actor)
    if allowed is not None:
        stmt = stmt.where(Campaign.country_code.in_(allowed))
    return stmt


def get_campaign(actor: User, campaign_id: int) -> Campaign:
    campaign = db.session.scalar(campaigns_query(actor).where(Campaign.id == campaign_id))
    if campaign is None:
        raise NotFound(_l("No such survey."))
    return campaign


def close_campaign(actor: User, campaign: Campaign, *, now: datetime) -> Campaign:
    if campaign.closed_at is not None:
        raise Conflict(_l("This survey is closed already."), type="campaign-closed")
    campaign.closed_at = now
    db.session.flush()
    record(actor, "survey.close", "campaign", campaign.id, country_code=campaign.country_code,
           now=now)
    return campaign


def default_window(today: date, days: int = 30) -> tuple[date, date]:
    return today, today + timedelta(days=days)
