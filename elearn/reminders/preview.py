"""What a rule would send now, and who it skips and why, without sending or storing anything."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from ..accounts.models import User
from ..accounts.permissions import admin_countries, require_admin
from ..extensions import db
from .models import Notification, OptOut
from .outbox import candidate_rows, dedupe_key, effective_settings, offset_groups
from .rules import Rule
from .timing import calendars, next_allowed

MAX_PREVIEW = 2000  # a preview is for reading; a larger one is cut and says so


def _candidates(rule: Rule, now: datetime, countries: set[str] | None):
    """Rows (offset, user, subject id, variant) for every country's offsets, enabled or not."""
    groups = offset_groups(rule, switched_off_too=True, countries=countries)
    for offsets, codes in groups.items():
        if not offsets:
            continue
        found, stmt = candidate_rows(rule, now, offsets)
        variant = found.c.variant if "variant" in found.c else None
        stmt = stmt.where(User.country_code.in_(codes)).with_only_columns(
            found.c.offset_days, User, found.c.subject_id,
            *([variant] if variant is not None else [])).order_by(
                found.c.offset_days.desc(), found.c.subject_id, found.c.user_id)
        for row in db.session.execute(stmt.limit(MAX_PREVIEW)):
            yield row[0], row[1], row[2], row[3] if variant is not None else None


def preview(actor: User, rule: Rule, *, now: datetime) -> dict:
    """Each candidate in the actor's countries: `send` (now or at `scheduled_for`) or
    `skip` with the reason (rule-off, opted-out, already-sent)."""
    require_admin(actor)
    if rule.candidates is None:
        return {"kind": rule.kind, "event_driven": True, "items": [], "total": 0}
    settings = effective_settings(rule)
    weeks = calendars()
    rows = list(_candidates(rule, now, admin_countries(actor)))[:MAX_PREVIEW]
    keys = [dedupe_key(rule, offset, subject_id, variant)
            for offset, _user, subject_id, variant in rows]
    existing = set(db.session.scalars(select(Notification.dedupe_key)
                                      .where(Notification.dedupe_key.in_(keys))))
    opted_out = set(db.session.scalars(select(OptOut.user_id).where(
        OptOut.kind == rule.kind, OptOut.user_id.in_({user.id for _o, user, _s, _v in rows}))))
    items = []
    for (offset, user, subject_id, _variant), key in zip(rows, keys, strict=True):
        enabled, _offsets = settings[user.country_code]
        reason = ("rule-off" if not enabled
                  else "opted-out" if rule.optional and user.id in opted_out
                  else "already-sent" if key in existing else None)
        when = next_allowed(now, user.effective_timezone,
                            week=weeks.get(user.country_code) if rule.optional else None)
        items.append({"user_id": user.id, "user_name": user.name, "country": user.country_code,
                      "subject_type": rule.subject, "subject_id": subject_id,
                      "offset_days": offset, "dedupe_key": key,
                      "action": "skip" if reason else "send", "reason": reason,
                      "scheduled_for": None if reason else when})
    return {"kind": rule.kind, "event_driven": False, "items": items, "total": len(items),
            "truncated": len(rows) >= MAX_PREVIEW}
