"""The audit log, scoped like everything else."""

from __future__ import annotations

from flask_smorest import Blueprint

from ..accounts.auth import actor
from ..web.pagination import page_of, paginate
from .schemas import AuditEventSchema, AuditQueryArgsSchema
from .services import list_events_query

bp = Blueprint("audit", __name__, url_prefix="/api/v1/audit-events",
               description="Who changed what, when and from where")


@bp.get("")
@bp.arguments(AuditQueryArgsSchema, location="query")
@bp.response(200, page_of(AuditEventSchema))
def list_audit_events(args):
    """Audit events of the caller's scope, newest first (admins)."""
    filters = {key: value for key, value in args.items() if key not in ("page", "per_page")}
    return paginate(list_events_query(actor(), **filters), args)


BLUEPRINTS = (bp,)
