"""Recording and reading audit events."""

from __future__ import annotations

import logging
from datetime import datetime

from flask import g, has_app_context
from sqlalchemy import insert, select

from ..accounts.models import User
from ..accounts.permissions import require_admin, scope_by_country
from ..extensions import db
from ..timeutils import utcnow
from .models import AuditEvent

logger = logging.getLogger(__name__)


def record(
    actor: User | None,
    action: str,
    object_type: str,
    object_id,
    *,
    country_code: str | None,
    details: dict | None = None,
    now: datetime | None = None,
) -> AuditEvent:
    """Add an audit event to the current transaction; it commits or rolls back with the change.

    The client address comes from `g.client_ip`, which the web layer sets per request
    (CLI commands and jobs leave it empty).
    """
    event = AuditEvent(
        actor_id=actor.id if actor is not None else None,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        country_code=country_code,
        details=details or {},
        ip=g.get("client_ip") if has_app_context() else None,
        created_at=now or utcnow(),
    )
    db.session.add(event)
    logger.debug("audit %s %s:%s by %s", action, object_type, object_id, event.actor_id)
    return event


def record_many(actor: User | None, action: str, object_type: str,
                entries: list[tuple[object, str | None, dict]], *, now: datetime) -> None:
    """`record` for many objects at once, `(object_id, country_code, details)` each, in
    one INSERT."""
    if not entries:
        return
    ip = g.get("client_ip") if has_app_context() else None
    db.session.execute(insert(AuditEvent.__table__), [
        {"actor_id": actor.id if actor is not None else None, "action": action,
         "object_type": object_type, "object_id": str(object_id), "country_code": country,
         "details": details, "ip": ip, "created_at": now}
        for object_id, country, details in entries])
    logger.debug("audit %s of %d %s by %s", action, len(entries), object_type,
                 actor.id if actor is not None else None)


def list_events_query(actor: User, *, action=None, object_type=None, object_id=None,
                      actor_id=None, since=None, until=None):
    """A select of the audit events the actor may read, newest first."""
    require_admin(actor)
    stmt = scope_by_country(select(AuditEvent), actor, AuditEvent.country_code)
    filters = {
        AuditEvent.action: action,
        AuditEvent.object_type: object_type,
        AuditEvent.object_id: object_id,
        AuditEvent.actor_id: actor_id,
    }
    for column, value in filters.items():
        if value is not None:
            stmt = stmt.where(column == value)
    if since is not None:
        stmt = stmt.where(AuditEvent.created_at >= since)
    if until is not None:
        stmt = stmt.where(AuditEvent.created_at < until)
    return stmt.order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc())
