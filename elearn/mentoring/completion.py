"""The end of the programme: participants who met the criteria become alumni with a
programme certificate, the others are recorded as not completed with the reason."""

from __future__ import annotations

import logging
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..accounts.models import User
from ..audit.services import record
from ..certification.services import issue_for_programme
from ..errors import Conflict
from ..extensions import db
from .models import (
    OPEN_PAIRING,
    Application,
    ApplicationStatus,
    Outcome,
    Pairing,
    PairingStatus,
    Programme,
)
from .pairings.lifecycle import change
from .pairings.mentees import milestones_by_participant, pathway_progress
from .plans.models import ItemStatus
from .scoping import require_programme_admin

logger = logging.getLogger(__name__)


def complete_programme(actor: User, programme: Programme, *, now: datetime) -> list[Application]:
    """Record every selected participant's outcome (those without one yet) and close their
    open pairings. Criteria: every pathway course completed and the final review done.

    The reason of a non-completion is a comma-separated list of stable codes
    (`pathway_not_completed`, `final_review_not_done`) that clients translate.
    """
    require_programme_admin(actor)
    if now.date() < programme.ends_on:
        raise Conflict(_l("The programme ends on %(date)s; complete it then.",
                          date=programme.ends_on.isoformat()), type="programme-not-ended")
    participants = list(db.session.scalars(select(Application).where(
        Application.programme_id == programme.id,
        Application.status == ApplicationStatus.SELECTED,
        Application.outcome.is_(None)).order_by(Application.id)))
    milestones = milestones_by_participant([a.id for a in participants])
    pathways = pathway_progress(programme, [a.applicant_id for a in participants])
    final_key = programme.final_milestone_key
    for participant in participants:
        reasons = []
        if any(step["status"] != "completed" for step in pathways[participant.applicant_id]):
            reasons.append("pathway_not_completed")
        if final_key and not any(m.key == final_key and m.status == ItemStatus.DONE
                                 for m in milestones[participant.id]):
            reasons.append("final_review_not_done")
        participant.outcome_at = now
        if reasons:
            participant.outcome = Outcome.NOT_COMPLETED.value
            participant.outcome_reason = ",".join(reasons)
        else:
            participant.outcome = Outcome.ALUMNI.value
            participant.certificate_id = issue_for_programme(
                participant.applicant, programme, now=now).id
    for pairing in db.session.scalars(select(Pairing).where(
            Pairing.programme_id == programme.id, Pairing.status.in_(OPEN_PAIRING))):
        action = "end" if pairing.status == PairingStatus.PROPOSED else "close"
        change(actor, pairing, action, "programme_completed", now=now)
    db.session.flush()
    record(actor, "programme.complete", "programme", programme.id, country_code=None,
           details={"alumni": [a.id for a in participants if a.outcome == Outcome.ALUMNI]},
           now=now)
    return participants
