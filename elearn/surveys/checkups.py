"""Mentoring check-ups: every `checkup_cadence_days` (60 by default) of an active pairing,
both its mentor and its mentee are asked how the pairing fits; a year in, the mid-point
survey; a month before its planned end, the closing one. Each is a campaign of its own,
named (the flag of a low score or a concern must reach the programme admins), opened once
whatever runs the scan twice (its key is unique)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, union_all

from ..accounts.models import User
from ..audit.services import record
from ..errors import one_or_404
from ..extensions import db
from ..mentoring.models import Pairing, PairingStatus, Programme
from ..mentoring.scoping import require_programme_admin
from .campaigns import invite
from .models import AudienceKind, Campaign, Flag, Purpose, QuestionnaireVersion
from .templates import template_questionnaire

ANSWER_DAYS = 14  # a check-up stays open this long
MIDPOINT_DAYS = 365
CLOSING_BEFORE = timedelta(days=30)


def due_rounds(pairing: Pairing, cadence: int, today: date) -> list[tuple[str, Purpose, str]]:
    """(key, purpose, round name) of every survey the pairing is due, up to `today`."""
    if pairing.started_at is None:
        return []
    days = (today - pairing.started_at.date()).days
    found = []
    round_number = days // cadence
    if round_number >= 1:
        found.append((f"checkup:pairing:{pairing.id}:{round_number}", Purpose.CHECKUP,
                      str(round_number)))
    if days >= MIDPOINT_DAYS:
        found.append((f"midpoint:pairing:{pairing.id}", Purpose.MIDPOINT, "mid-point"))
    if pairing.ends_on is not None and today >= pairing.ends_on - CLOSING_BEFORE:
        found.append((f"closing:pairing:{pairing.id}", Purpose.CLOSING, "closing"))
    return found


def open_due(*, now: datetime) -> int:
    """Open the check-ups due today (UTC) and ask both sides; how many were opened."""
    today = now.date()
    due = []
    for pairing, programme in db.session.execute(
            select(Pairing, Programme).join(Programme, Programme.id == Pairing.programme_id)
            .where(Pairing.status == PairingStatus.ACTIVE)):
        for key, purpose, name in due_rounds(pairing, programme.checkup_cadence_days, today):
            due.append((key, purpose, name, pairing, programme))
    if not due:
        return 0
    existing = set(db.session.scalars(select(Campaign.key).where(
        Campaign.key.in_([item[0] for item in due]))))
    opened = 0
    for key, purpose, name, pairing, programme in due:
        if key in existing:
            continue
        questionnaire = template_questionnaire(purpose, now=now)
        version = db.session.scalar(select(QuestionnaireVersion).where(
            QuestionnaireVersion.questionnaire_id == questionnaire.id,
            QuestionnaireVersion.number == questionnaire.version))
        campaign = Campaign(questionnaire_id=questionnaire.id, version_id=version.id,
                            name=f"{programme.name}: {name}", purpose=purpose.value,
                            audience={"kind": AudienceKind.PROGRAMME.value,
                                      "programme_id": programme.id, "pairing_id": pairing.id},
                            country_code=None, anonymous=False, opens_on=today,
                            closes_on=today + timedelta(days=ANSWER_DAYS), key=key,
                            programme_id=programme.id, created_at=now)
        db.session.add(campaign)
        db.session.flush()
        both = union_all(select(User.id).where(User.id == pairing.mentor_id),
                         select(User.id).where(User.id == pairing.mentee_id))
        invite(campaign, select(both.subquery().c.id), today=today, now=now,
               pairing_id=pairing.id)
        opened += 1
    db.session.flush()
    return opened


def flags_query(actor: User):
    """The check-ups' flags, open ones first (programme admins)."""
    require_programme_admin(actor)
    return select(Flag).order_by(Flag.resolved_at.is_not(None), Flag.id.desc())


def resolve_flag(actor: User, flag_id: int, note: str, *, now: datetime) -> Flag:
    """Record what was done about a flag; it is resolved."""
    require_programme_admin(actor)
    flag = one_or_404(select(Flag).where(Flag.id == flag_id), _l("No such flag."))
    flag.note, flag.resolved_at, flag.resolved_by_id = note, now, actor.id
    mentee_country = db.session.scalar(select(User.country_code).join(
        Pairing, Pairing.mentee_id == User.id).where(Pairing.id == flag.pairing_id))
    # The note stays on the flag, for programme admins; the log says who resolved which.
    record(actor, "survey.flag_resolve", "survey_flag", flag.id, country_code=mentee_country,
           details={"pairing_id": flag.pairing_id, "campaign_id": flag.campaign_id}, now=now)
    db.session.flush()
    return flag
