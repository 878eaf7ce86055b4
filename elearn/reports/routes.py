"""The KPI report, as JSON and as CSV or XLSX exports."""

from __future__ import annotations

import marshmallow as ma
from flask import Response
from flask_babel import lazy_gettext as _l
from flask_smorest import Blueprint

from ..accounts.auth import actor
from ..accounts.permissions import is_programme_admin, require_admin
from ..audit.services import record
from ..errors import ElearnError
from ..extensions import db
from ..timeutils import utcnow
from ..web.pagination import PaginationArgsSchema, page_of, paginate
from . import exports, kpis, periods, series
from .schemas import (
    CascadeSchema,
    KpiQueryArgsSchema,
    KpiReportSchema,
    PeriodCreateSchema,
    PeriodDetailSchema,
    PeriodSchema,
    TrendsSchema,
)

bp = Blueprint("reports", __name__, url_prefix="/api/v1/reports",
               description="Gender-disaggregated results per country")

FORMATS = {
    "csv": ("text/csv", exports.to_csv),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
             exports.to_xlsx),
    "png": ("image/png", lambda report, trends: _charts().donor_summary_png(report, trends)),
    "pdf": ("application/pdf", lambda report, trends: _pdf().donor_summary_pdf(report, trends)),
}
CHARTED = ("png", "pdf")  # drawn from the report and its monthly trends


def _charts():
    """matplotlib is loaded on the first chart, not in every worker at start (about 40 MB)."""
    from . import charts

    return charts


def _pdf():
    from . import pdf  # loads matplotlib and fpdf2, on the first donor summary only

    return pdf


class FormatNotOffered(ElearnError):
    status = 406
    type = "format-not-offered"
    title = _l("Format not available")


@bp.get("/kpis")
@bp.arguments(KpiQueryArgsSchema, location="query", unknown=ma.RAISE)
@bp.response(200, KpiReportSchema)
def get_kpis(args):
    """Course, certificate and mentoring figures, by country and gender.

    National admins see their own country; naming another country answers 404, and so does
    an unknown `programme`. With `programme`, the mentoring figures are that programme's
    and the course figures cover its pathway courses only (every learner of them).
    """
    report = kpis.kpi_report(actor(), args, now=utcnow())
    return kpis.suppress(report) if args["suppress"] else report


@bp.get("/trends")
@bp.arguments(KpiQueryArgsSchema, location="query", unknown=ma.RAISE)
@bp.response(200, TrendsSchema)
def get_trends(args):
    """Enrolments started and completed per month, by gender."""
    return series.monthly_trends(actor(), args)


@bp.get("/cascade")
@bp.arguments(KpiQueryArgsSchema, location="query", unknown=ma.RAISE)
@bp.response(200, CascadeSchema)
def get_cascade(args):
    """Certified trainers, the offerings they led and the officers who completed them."""
    return series.cascade_reach(actor(), args)


@bp.get("/periods")
@bp.arguments(PaginationArgsSchema, location="query")
@bp.response(200, page_of(PeriodSchema))
def list_periods(args):
    """Frozen reporting periods in the caller's scope, newest first."""
    require_admin(actor())
    return paginate(periods.periods_query(actor()), args)


@bp.post("/periods")
@bp.arguments(PeriodCreateSchema)
@bp.response(201, PeriodDetailSchema)
def freeze_period(data):
    """Freeze a period (e.g. a donor's quarter): its figures never change afterwards."""
    period = periods.freeze(actor(), data, now=utcnow())
    db.session.commit()
    return period


@bp.get("/periods/<int:period_id>")
@bp.response(200, PeriodDetailSchema)
def get_period(period_id):
    """A frozen period's report, with when and by whom it was frozen."""
    require_admin(actor())
    return periods.get_period(actor(), period_id)


def render_export(user, args, fmt: str, *, now) -> tuple[str, bytes | str]:
    """The KPI report in `fmt` (media type and body), audited; for this route and the CLI."""
    if fmt not in FORMATS:
        raise FormatNotOffered(_l("Offered formats: %(formats)s.", formats=", ".join(FORMATS)))
    report = kpis.suppress(kpis.kpi_report(user, args, now=now))
    mimetype, render = FORMATS[fmt]
    body = (render(report) if fmt not in CHARTED
            else render(report, series.monthly_trends(user, args)))
    record(user, "report.export", "report", "kpis",
           country_code=args.get("country") or (
               None if is_programme_admin(user) else user.country_code),
           details={"format": fmt, "filters": report["filters"]}, now=now)
    return mimetype, body


@bp.get("/kpis.<fmt>", parameters=[{"in": "path", "name": "fmt", "required": True,
                                     "schema": {"type": "string", "enum": list(FORMATS)}}])
@bp.arguments(KpiQueryArgsSchema, location="query", unknown=ma.RAISE)
@bp.response(200, description="CSV, XLSX, or the donor summary charts as PNG or a one-page "
             "PDF; small cells suppressed",
             content_type="text/csv")
@bp.doc(responses={200: {"content": {
    mimetype: {"schema": {"type": "string", "format": "binary"}}
    for mimetype, _ in FORMATS.values()}}})
def export_kpis(args, fmt):
    """Export: `kpis.csv`, `kpis.xlsx`, `kpis.png` or `kpis.pdf` (donor summary)."""
    mimetype, body = render_export(actor(), args, fmt, now=utcnow())
    db.session.commit()
    return Response(body, mimetype=mimetype, headers={
        "Content-Disposition": f'attachment; filename="kpis.{fmt}"'})


BLUEPRINTS = (bp,)
