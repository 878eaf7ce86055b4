"""The KPI report in the console: filters in the address bar, the figures by gender and by
country with small cells hidden as in the downloads, completion drawn as meters, the
downloads of exactly what is shown, the cascade of certified trainers, and frozen periods
(freeze one, view it, compare it with now)."""

from __future__ import annotations

import marshmallow as ma
from flask import flash, redirect, request, url_for
from flask_babel import gettext

from ...accounts.permissions import is_programme_admin
from ...errors import ElearnError
from ...extensions import db
from ...reports import kpis, periods, series
from ...reports.exports import column_headers, figure_value
from ...reports.labels import suppression_note
from ...reports.schemas import KpiQueryArgsSchema, PeriodCreateSchema
from ...timeutils import utcnow
from ...web.pagination import paginate
from ..pages import admin_only, bp, me, problems_of, render
from .days import day_start

COURSE_FIGURES = ("enrolled", "active", "completed", "completion_rate", "average_quiz_score",
                  "certificates_valid", "trainers_certified")
MENTORING_FIGURES = ("mentees_selected", "mentees_paired", "alumni",
                     "milestones_on_track_rate", "nominations", "attendance_rate")
WORDS = ("country", "region", "course", "category", "programme")


class ReportArgsSchema(KpiQueryArgsSchema):
    class Meta:
        unknown = ma.EXCLUDE


def period_days(typed: dict, problems: dict) -> dict:
    """The days typed under `from` and `to` as the API's moments: the start of the first
    day and the end of the last, in the admin's time zone."""
    moments = {name: day_start(typed, name, problems, after=after)
               for name, after in (("from", False), ("to", True))}
    return {name: moment.isoformat() for name, moment in moments.items() if moment}


def report_filters(wanted: dict) -> tuple[dict, dict, dict]:
    """The page's filters (days) as the API takes them: `(query, args, problems)`, where
    `query` is what the downloads are asked with and `args` what the report is computed
    with. The last day of a period is included."""
    problems: dict = {}
    query = {name: wanted[name] for name in WORDS if wanted.get(name)}
    query |= period_days(wanted, problems)
    if problems:
        return query, {}, problems
    try:
        return query, ReportArgsSchema().load(query), {}
    except ma.ValidationError as error:
        return query, {}, problems_of(error)


def _page(*, status: int = 200, typed: dict | None = None, problems: dict | None = None):
    wanted = {name: value.strip() for name, value in request.args.items() if value.strip()}
    query, args, refused = report_filters(wanted)
    problems = (problems or {}) | refused
    report = cascade = None
    if not refused:
        shown = wanted.get("figures") != "all"
        report = kpis.kpi_report(me(), args, now=utcnow())
        report = kpis.suppress(report) if shown else report
        cascade = series.cascade_reach(me(), args)
    return render(
        "site/console/reports.html", status=status if not refused else 422, wanted=wanted,
        query=query, report=report, cascade=cascade, problems=problems,
        note=suppression_note(report) if report else None, headers=column_headers(),
        figure_value=figure_value, course_figures=COURSE_FIGURES,
        mentoring_figures=MENTORING_FIGURES,
        periods=paginate(periods.periods_query(me()), {"page": 1, "per_page": 10}),
        typed=typed or {key: wanted.get(key, "") for key in ("from", "to", "country")},
        any_country=is_programme_admin(me()))


@bp.get("/console/reports")
@admin_only
def reports_page():
    """The KPI report of my countries for the filters in the address bar."""
    return _page()


@bp.post("/console/reports/periods")
@admin_only
def freeze_period_page():
    """Freeze the period typed: its figures are kept as they are now, for good."""
    typed = {name: value.strip() for name, value in request.form.items()
             if name != "csrf_token"}
    problems: dict = {}
    data = {"name": typed.get("name", "")} | period_days(typed, problems)
    if typed.get("country") and is_programme_admin(me()):
        data["country"] = typed["country"].upper()
    try:
        if problems:
            raise ma.ValidationError(problems)
        period = periods.freeze(me(), PeriodCreateSchema().load(data), now=utcnow())
    except (ma.ValidationError, ElearnError) as error:
        db.session.rollback()
        return _page(status=getattr(error, "status", 422), typed=typed,
                     problems={"freeze-" + key: value
                               for key, value in problems_of(error).items()})
    db.session.commit()
    flash(gettext("The period is frozen: its figures will not change."), "done")
    return redirect(url_for("site.period_page", period_id=period.id))


@bp.get("/console/reports/periods/<int:period_id>")
@admin_only
def period_page(period_id):
    """A frozen period's figures beside the same figures computed now."""
    period = periods.get_period(me(), period_id)
    then = kpis.suppress(period.report)
    filters = ReportArgsSchema().load(
        {key: value for key, value in period.filters.items() if value is not None})
    now = kpis.suppress(kpis.kpi_report(me(), filters, now=utcnow()))
    return render("site/console/period.html", period=period, then=then, now=now,
                  headers=column_headers(), course_figures=COURSE_FIGURES,
                  figure_value=figure_value, note=suppression_note(then) or suppression_note(now))
