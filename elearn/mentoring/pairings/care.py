"""Care for the people in the programme: the code of conduct, confidential concerns and the
closure review each side writes when a pairing ends."""

from __future__ import annotations

import logging
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ...accounts.models import User
from ...audit.services import record
from ...errors import Conflict
from ...extensions import db
from ..models import Pairing, PairingStatus
from ..plans.models import Concern, ConcernStatus
from ..scoping import require_party, require_programme_admin

logger = logging.getLogger(__name__)


def acknowledge_conduct(actor: User, pairing: Pairing, *, now: datetime) -> Pairing:
    """The mentor or the mentee acknowledges the code of conduct (once; again is harmless)."""
    require_party(actor, pairing)
    if actor.id == pairing.mentor_id:
        pairing.mentor_conduct_at = pairing.mentor_conduct_at or now
    else:
        pairing.application.conduct_acknowledged_at = (
            pairing.application.conduct_acknowledged_at or now)
    db.session.flush()
    return pairing


def raise_concern(actor: User, pairing: Pairing, text: str, *, now: datetime) -> Concern:
    """A confidential concern from either side: only programme admins will read it."""
    require_party(actor, pairing)
    concern = Concern(pairing_id=pairing.id, raised_by_id=actor.id, text=text, created_at=now)
    db.session.add(concern)
    db.session.flush()
    logger.info("concern %s raised on pairing %s", concern.id, pairing.id)
    return concern


def act_on_concern(actor: User, concern: Concern, action: str, *, now: datetime) -> Concern:
    """A programme admin records what was done; the concern is then closed."""
    require_programme_admin(actor)
    if concern.status != ConcernStatus.OPEN:
        raise Conflict(_l("This concern has been acted on already."), type="concern-closed")
    concern.status, concern.action = ConcernStatus.ACTED.value, action
    concern.acted_at, concern.acted_by_id = now, actor.id
    db.session.flush()
    record(actor, "concern.act", "concern", concern.id, country_code=None, now=now)
    return concern


def write_review(actor: User, pairing: Pairing, text: str, *, now: datetime) -> Pairing:
    """Each side's short closure review of an ended or closed pairing, once."""
    require_party(actor, pairing)
    if pairing.status not in (PairingStatus.ENDED, PairingStatus.CLOSED):
        raise Conflict(_l("A closure review is written once the pairing has ended."),
                       type="pairing-not-ended")
    side = "mentor" if actor.id == pairing.mentor_id else "mentee"
    if getattr(pairing, f"{side}_review") is not None:
        raise Conflict(_l("This review has been written already."), type="already-reviewed")
    setattr(pairing, f"{side}_review", text)
    setattr(pairing, f"{side}_reviewed_at", now)
    db.session.flush()
    return pairing


def concerns_query(args: dict):
    """Concerns, open ones first; `status` in `args` keeps one status."""
    stmt = select(Concern)
    if "status" in args:
        stmt = stmt.where(Concern.status == args["status"])
    return stmt.order_by(Concern.status.desc(), Concern.created_at)
