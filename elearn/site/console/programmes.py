"""The mentoring programme in the console: programmes, each one's seats per country, and its
applications shortlisted, selected or rejected together with a reason. Before anything is
decided the page says what the seat rule does to the list, row by row; then all the
decisions are taken, or none."""

from __future__ import annotations

import marshmallow as ma
from flask import flash, redirect, request, url_for
from flask_babel import gettext, ngettext
from sqlalchemy import select

from ...accounts.permissions import admin_countries
from ...errors import ElearnError
from ...extensions import db
from ...mentoring import completion, programmes, selection
from ...mentoring.models import Application, ApplicationStatus
from ...mentoring.schemas import ApplicationDecisionSchema
from ...mentoring.scoping import get_programme, scope_applications
from ...timeutils import utcnow
from ...web.pagination import paginate
from ..pages import (
    CSV_ROWS,
    admin_only,
    bp,
    csv_download,
    me,
    page_args,
    problems_of,
    render,
    wants_csv,
)


@bp.get("/console/programmes")
@admin_only
def programmes_page():
    """Programmes, newest first."""
    page = paginate(programmes.programmes_query(),
                    page_args(25))
    return render("site/console/programmes.html", page=page)


def _seats(programme) -> list[dict]:
    countries = admin_countries(me())
    return [row for row in selection.seats(programme)
            if countries is None or row["country"] in countries]


def _programme_page(programme_id: int, *, status: int = 200, problems: dict | None = None,
                    typed: dict | None = None):
    programme = get_programme(programme_id)
    wanted = {name: request.args[name] for name in ("status", "country")
              if request.args.get(name)}
    args = page_args(50)
    if wanted.get("status") in {item.value for item in ApplicationStatus}:
        args["status"] = wanted["status"]
    if wanted.get("country"):
        args["country"] = wanted["country"].upper()[:2]
    found = selection.applications_query(me(), programme, args)
    if wants_csv():
        return csv_download("applications", (
            "name", "email", "country", "state", "area of work", "years of experience",
            "languages", "applied"), ((
                application.applicant.name, application.applicant.email,
                application.country_code, application.status, application.area_of_work,
                "" if application.years_experience is None else application.years_experience,
                " ".join(application.languages), application.created_at.date().isoformat())
                for application in db.session.scalars(found.limit(CSV_ROWS))))
    page = paginate(found, args)
    return render("site/console/programme.html", status=status, programme=programme,
                  seats=_seats(programme), page=page, wanted=wanted, problems=problems or {},
                  typed=typed or {}, statuses=[item.value for item in ApplicationStatus])


@bp.get("/console/programmes/<int:programme_id>")
@admin_only
def programme_page(programme_id):
    """Seats per country and the applications, by state and country."""
    return _programme_page(programme_id)


def _chosen(programme):
    """The decision asked for, its reason and the applications ticked that the admin may see."""
    typed = {"decision": request.form.get("decision", ""),
             "reason": request.form.get("reason", "").strip()}
    data = ApplicationDecisionSchema().load(
        {"decision": typed["decision"]} | ({"reason": typed["reason"]} if typed["reason"]
                                           else {}))
    ticked = {int(value) for value in request.form.getlist("application") if value.isdigit()}
    chosen = list(db.session.scalars(scope_applications(select(Application).where(
        Application.programme_id == programme.id, Application.id.in_(ticked)), me())
        .order_by(Application.id)))
    if not chosen:
        raise ma.ValidationError({"application": [gettext("Choose at least one application.")]})
    return data, chosen, typed


def _attempt(data: dict, chosen: list) -> list[tuple[Application, str | None]]:
    """Each decision taken in order, with why it was refused (None when it went through);
    the caller commits or rolls back."""
    outcomes = []
    now = utcnow()
    for application in chosen:
        try:
            selection.decide(me(), application, data["decision"], data.get("reason"), now=now)
            outcomes.append((application, None))
        except ElearnError as error:
            outcomes.append((application, str(error.detail or error.title)))
    return outcomes


@bp.post("/console/programmes/<int:programme_id>/decisions")
@admin_only
def review_decisions(programme_id):
    """What the decisions would do, row by row, with the seats after them; nothing is kept."""
    programme = get_programme(programme_id)
    try:
        data, chosen, typed = _chosen(programme)
    except ma.ValidationError as error:
        return _programme_page(programme_id, status=422, problems=problems_of(error),
                               typed=dict(request.form))
    outcomes = _attempt(data, chosen)
    seats_after = _seats(programme)
    db.session.rollback()  # a review changes nothing
    return render("site/console/decisions.html", programme=programme, outcomes=outcomes,
                  seats_after=seats_after, decision=data["decision"], typed=typed,
                  refused=sum(1 for _a, why in outcomes if why))


@bp.post("/console/programmes/<int:programme_id>/decisions/confirm")
@admin_only
def apply_decisions(programme_id):
    """Take every decision reviewed, or none if one is refused now."""
    programme = get_programme(programme_id)
    try:
        data, chosen, _typed = _chosen(programme)
    except ma.ValidationError as error:
        return _programme_page(programme_id, status=422, problems=problems_of(error))
    outcomes = _attempt(data, chosen)
    refused = [(application, why) for application, why in outcomes if why]
    if refused:
        db.session.rollback()
        application, why = refused[0]
        return _programme_page(programme_id, status=409, problems={"application": [gettext(
            "Nothing was decided: %(name)s — %(reason)s", name=application.applicant.name,
            reason=why)]})
    db.session.commit()
    flash(ngettext("%(num)d application decided.", "%(num)d applications decided.",
                   len(chosen)), "done")
    return redirect(url_for("site.programme_page", programme_id=programme.id))


@bp.post("/console/programmes/<int:programme_id>/completion")
@admin_only
def completion_page(programme_id):
    """Record every selected participant's outcome. First said person by person (alumni with
    a certificate, or not completed and why) with nothing kept; then, confirmed, for good."""
    programme = get_programme(programme_id)
    try:
        participants = completion.complete_programme(me(), programme, now=utcnow())
    except ElearnError as error:
        db.session.rollback()
        if error.status == 403:
            raise
        return _programme_page(programme_id, status=error.status,
                               problems={"completion": [str(error.detail or error.title)]})
    if request.form.get("confirmed") != "yes":
        outcomes = [(participant.applicant.name, participant.country_code,
                     participant.outcome, (participant.outcome_reason or "").split(","))
                    for participant in participants]
        db.session.rollback()  # the review keeps nothing
        return render("site/console/completion.html", programme=programme,
                      outcomes=outcomes,
                      alumni=sum(1 for row in outcomes if row[2] == "alumni"))
    db.session.commit()
    flash(ngettext("%(num)d participant's outcome is recorded.",
                   "%(num)d participants' outcomes are recorded.", len(participants)), "done")
    return redirect(url_for("site.programme_page", programme_id=programme.id))
