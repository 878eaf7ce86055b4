"""The scheduled units of work: each pushes nothing, takes `now` and commits what it did.

`run_once` is what every tick of the scheduler, `elearn reminders run-once` and cron run:
every rule's scan, then one delivery pass. Several may run at once on several hosts: scans
take a lease so only one fills the outbox at a time (the dedupe keys would make a second one
harmless, the lease spares the database the work and the lock waits), and delivery claims
row by row.
"""

from __future__ import annotations

import logging
from datetime import datetime

from ..extensions import db
from ..surveys import checkups
from ..web.idempotency import purge_expired
from . import leases
from .outbox import produce
from .rules import RULES
from .sending import deliver_due
from .timing import Zones

logger = logging.getLogger(__name__)

SCAN_LEASE_SECONDS = 300


def scan_rules(*, now: datetime) -> dict[str, int] | None:
    """Run every rule's scan, one commit per rule; None when another process is scanning."""
    if not leases.take("scan", seconds=SCAN_LEASE_SECONDS):
        return None
    try:
        added = {"survey-checkups": checkups.open_due(now=now)}  # before the rules they feed
        db.session.commit()
        zones = Zones.load()
        for kind, rule in RULES.items():
            if rule.candidates is not None:
                added[kind] = produce(rule, now=now, zones=zones)
                db.session.commit()
        return added
    finally:
        db.session.rollback()
        leases.release("scan")


def run_once(*, now: datetime) -> dict:
    """Every rule, then one delivery pass. A part that another process is running is skipped,
    and `skipped` says why (also in the log)."""
    added = scan_rules(now=now)
    skipped = [] if added is not None else [f"scan: {leases.why_not('scan')}"]
    delivered = deliver_due(now=now)
    if delivered.get("skipped"):
        skipped.append(f"delivery: {leases.why_not('delivery')}")
    result = {"added": added, "delivered": delivered}
    if skipped:
        result["skipped"] = skipped
        logger.warning("reminders at %s: skipped %s", now.isoformat(), "; ".join(skipped))
    logger.info("reminders at %s: added %s, delivery %s", now.isoformat(), added, delivered)
    return result


def purge(*, now: datetime) -> int:
    """Forget idempotency records past their lifetime (daily)."""
    removed = purge_expired(now=now)
    db.session.commit()
    return removed
