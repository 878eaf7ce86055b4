"""Mentor pool, ranked mentor proposals, pairing, confirmation, and the pairing's life:
pause, resume, extend, end early (and replace), close."""

from __future__ import annotations

import logging
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from ...accounts.models import Role, User
from ...audit.services import record
from ...errors import Conflict, RuleViolation
from ...extensions import db
from ..models import (
    CAPACITY_HOLDING,
    OPEN_PAIRING,
    Application,
    ApplicationStatus,
    Pairing,
    PairingStatus,
    Programme,
    ProgrammeMentor,
)
from ..plans.tracking import generate_milestones
from ..scoping import require_programme_admin

logger = logging.getLogger(__name__)

# action: (statuses it applies to, the status it leads to)
TRANSITIONS = {
    "pause": ({PairingStatus.ACTIVE}, PairingStatus.PAUSED),
    "resume": ({PairingStatus.PAUSED}, PairingStatus.ACTIVE),
    "extend": ({PairingStatus.ACTIVE, PairingStatus.PAUSED}, None),
    "end": (set(OPEN_PAIRING), PairingStatus.ENDED),
    "close": ({PairingStatus.ACTIVE, PairingStatus.PAUSED}, PairingStatus.CLOSED),
}


def add_mentor(actor: User, programme: Programme, mentor: User, data: dict, *,
               now: datetime) -> ProgrammeMentor:
    """Put a mentor in the programme's pool, or update their capacity and profile."""
    require_programme_admin(actor)
    if not mentor.has_role(Role.MENTOR):
        raise RuleViolation(errors={"mentor_id": [_l("This person is not a mentor.")]})
    row = db.session.get(ProgrammeMentor, (programme.id, mentor.id)) or ProgrammeMentor(
        programme_id=programme.id, mentor=mentor)
    for field in ("max_mentees", "languages", "expertise"):
        if field in data:
            setattr(row, field, data[field])
    db.session.add(row)
    db.session.flush()
    record(actor, "programme.mentor", "programme", programme.id, country_code=None,
           details={"mentor": mentor.id, "max_mentees": row.max_mentees}, now=now)
    return row


def mentor_loads(programme_id: int) -> dict[int, int]:
    """Open pairings per mentor of the programme, in one query."""
    return dict(db.session.execute(
        select(Pairing.mentor_id, func.count()).where(
            Pairing.programme_id == programme_id, Pairing.status.in_(CAPACITY_HOLDING))
        .group_by(Pairing.mentor_id)).all())


def mentor_pool(programme: Programme) -> list[ProgrammeMentor]:
    """The programme's mentor pool, ordered by the mentor's id."""
    return list(db.session.scalars(select(ProgrammeMentor).where(
        ProgrammeMentor.programme_id == programme.id).order_by(ProgrammeMentor.mentor_id)))


def propose_mentors(programme: Programme, application: Application) -> list[dict]:
    """Mentors with a free place, ranked by shared languages, matching expertise, then free
    capacity (most first)."""
    loads = mentor_loads(programme.id)
    languages = {language.lower() for language in application.languages}
    area = application.area_of_work.lower()
    proposals = []
    for row in mentor_pool(programme):
        free = row.max_mentees - loads.get(row.mentor_id, 0)
        if free <= 0 or row.mentor_id == application.applicant_id:
            continue
        shared = sorted(languages & {language.lower() for language in row.languages})
        expertise = sorted(item for item in row.expertise
                           if item.lower() in area or area in item.lower())
        proposals.append({"mentor": row.mentor, "shared_languages": shared,
                          "matching_expertise": expertise, "free_places": free})
    proposals.sort(key=lambda p: (-len(p["shared_languages"]), -len(p["matching_expertise"]),
                                  -p["free_places"], p["mentor"].id))
    return [proposal | {"rank": rank} for rank, proposal in enumerate(proposals, start=1)]


def create_pairing(actor: User, programme: Programme, application: Application, mentor_id: int,
                   *, now: datetime, replaces: Pairing | None = None) -> Pairing:
    """Pair a selected mentee with a mentor of the pool (proposed until confirmed).

    Raises RuleViolation (not selected, not in the pool), Conflict (mentor at capacity,
    mentee already paired).
    """
    require_programme_admin(actor)
    if application.status != ApplicationStatus.SELECTED or application.outcome is not None:
        raise Conflict(_l("Only a selected participant can be paired."),
                       type="not-selected")
    row = db.session.get(ProgrammeMentor, (programme.id, mentor_id))
    if row is None:
        raise RuleViolation(errors={"mentor_id": [_l("Not a mentor of this programme.")]})
    if db.session.scalar(select(Pairing.id).where(
            Pairing.application_id == application.id, Pairing.status.in_(OPEN_PAIRING))):
        raise Conflict(_l("This mentee already has a mentor; end that pairing first."),
                       type="already-paired")
    # Lock the pool row: two pairings at once cannot both take a mentor's last place.
    db.session.scalar(select(ProgrammeMentor).where(
        ProgrammeMentor.programme_id == programme.id, ProgrammeMentor.mentor_id == mentor_id)
        .with_for_update())
    if mentor_loads(programme.id).get(mentor_id, 0) >= row.max_mentees:
        raise Conflict(_l("This mentor has no free place (at most %(num)d mentees).",
                          num=row.max_mentees), type="mentor-at-capacity")
    pairing = Pairing(programme_id=programme.id, application=application, mentor_id=mentor_id,
                      mentee_id=application.applicant_id, proposed_at=now,
                      replaces_id=replaces.id if replaces else None,
                      ends_on=replaces.ends_on if replaces else programme.ends_on)
    db.session.add(pairing)
    db.session.flush()
    record(actor, "pairing.propose", "pairing", pairing.id,
           country_code=application.country_code,
           details={"mentor": mentor_id, "replaces": pairing.replaces_id}, now=now)
    return pairing


def confirm(actor: User, pairing: Pairing, *, now: datetime) -> Pairing:
    """Start a proposed pairing once both have acknowledged the code of conduct; the first
    pairing of a participant generates the milestones from the template."""
    require_programme_admin(actor)
    if pairing.status != PairingStatus.PROPOSED:
        raise Conflict(_l("Only a proposed pairing can be confirmed."), type="pairing-state")
    if pairing.mentor_conduct_at is None or pairing.application.conduct_acknowledged_at is None:
        raise Conflict(_l("Mentor and mentee must both acknowledge the code of conduct first."),
                       type="conduct-not-acknowledged")
    pairing.status, pairing.started_at = PairingStatus.ACTIVE.value, now
    programme = db.session.get(Programme, pairing.programme_id)
    generate_milestones(programme, pairing.application, now=now)
    db.session.flush()
    record(actor, "pairing.confirm", "pairing", pairing.id,
           country_code=pairing.application.country_code, now=now)
    return pairing


def change(actor: User, pairing: Pairing, action: str, reason: str | None, *, now: datetime,
           ends_on=None) -> Pairing:
    """Pause, resume, extend (to `ends_on`), end early or close, with a reason."""
    require_programme_admin(actor)
    sources, target = TRANSITIONS[action]
    if pairing.status not in sources:
        raise Conflict(_l("A pairing that is %(status)s cannot be changed this way.",
                          status=pairing.status), type="pairing-state")
    if action == "extend":
        if ends_on is None or (pairing.ends_on and ends_on <= pairing.ends_on):
            raise RuleViolation(errors={"ends_on": [
                _l("Give a new end after the current one.")]})
        pairing.ends_on = ends_on
    else:
        pairing.status = target.value
    if target in (PairingStatus.ENDED, PairingStatus.CLOSED):
        pairing.ended_at = now
    pairing.status_reason = reason
    db.session.flush()
    record(actor, f"pairing.{action}", "pairing", pairing.id,
           country_code=pairing.application.country_code,
           details={"reason": reason, "ends_on": ends_on.isoformat() if ends_on else None},
           now=now)
    return pairing


def replace(actor: User, pairing: Pairing, mentor_id: int, reason: str, *,
            now: datetime) -> Pairing:
    """End a pairing early and propose a new mentor; both pairings keep their history."""
    change(actor, pairing, "end", reason, now=now)
    programme = db.session.get(Programme, pairing.programme_id)
    return create_pairing(actor, programme, pairing.application, mentor_id, now=now,
                          replaces=pairing)
