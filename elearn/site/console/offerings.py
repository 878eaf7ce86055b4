"""Offerings and rosters: the runs of my courses, each roster with progress, and approving,
withdrawing or enrolling again a selection of enrolments in one all-or-nothing step after
saying how many."""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_babel import gettext, ngettext
from sqlalchemy import select

from ...enrollments import read_models
from ...enrollments.models import Enrollment, EnrollmentStatus
from ...enrollments.scoping import get_offering, offerings_query, scope_enrollments
from ...enrollments.services import change_status, enroll
from ...errors import ElearnError
from ...extensions import db
from ...timeutils import utcnow
from ...web.pagination import paginate
from ..pages import (
    CSV_ROWS,
    admin_only,
    bp,
    csv_download,
    me,
    page_args,
    reasons_of,
    render,
    wants_csv,
)

ACTIONS = {"approve": EnrollmentStatus.ENROLLED, "withdraw": EnrollmentStatus.WITHDRAWN,
           "reenrol": None}  # withdrawn learners enrolled again: the undo of a withdrawal


@bp.get("/console/offerings")
@admin_only
def offerings_page():
    """The offerings I may see, soonest first; `open=true` keeps those taking enrolments."""
    wanted = {"open": True} if request.args.get("open") == "true" else {}
    page = paginate(offerings_query(me(), wanted, now=utcnow()),
                    page_args(25))
    return render("site/console/offerings.html", page=page,
                  wanted={"open": "true"} if wanted else {})


def _roster_page(offering_id: int, *, status: int = 200, problems: dict | None = None):
    offering = get_offering(me(), offering_id)
    wanted = {name: request.args[name] for name in ("status",) if request.args.get(name)}
    args = page_args(50)
    if wanted.get("status") in {item.value for item in EnrollmentStatus}:
        args["status"] = wanted["status"]
    if wants_csv():
        rows = read_models.roster(me(), offering.id, args | {"page": 1, "per_page": CSV_ROWS})
        return csv_download(f"roster-{offering.id}", ("name", "status", "progress_percent",
                                                      "due_at"),
                            ((row["user_name"], row["status"], row["progress_percent"],
                              row["due_at"].isoformat() if row["due_at"] else "")
                             for row in rows["items"]))
    roster = read_models.roster(me(), offering.id, args)
    return render("site/console/roster.html", status=status, offering=offering, roster=roster,
                  wanted=wanted, problems=problems or {}, statuses=list(EnrollmentStatus))


@bp.get("/console/offerings/<int:offering_id>")
@admin_only
def console_roster_page(offering_id):
    """The roster with progress; select learners to approve or withdraw them together."""
    return _roster_page(offering_id)


class Refused(Exception):
    """A selection without learners or without an action: the roster again, with why."""


def _selection(offering_id: int):
    """The offering, the action asked for and the enrolments ticked that the admin may see."""
    offering = get_offering(me(), offering_id)
    action = request.form.get("action")
    ticked = {int(value) for value in request.form.getlist("enrollment") if value.isdigit()}
    chosen = list(db.session.scalars(scope_enrollments(select(Enrollment).where(
        Enrollment.offering_id == offering.id, Enrollment.id.in_(ticked)), me())
        .order_by(Enrollment.id)))
    if action not in ACTIONS or not chosen:
        raise Refused()
    return offering, action, chosen


def _refused(offering_id: int):
    return _roster_page(offering_id, status=422, problems={"selection": [
        gettext("Choose at least one learner and an action.")]})


@bp.post("/console/offerings/<int:offering_id>/selection")
@admin_only
def review_selection(offering_id):
    """Say what the action will do, in numbers, before doing it."""
    try:
        offering, action, chosen = _selection(offering_id)
    except Refused:
        return _refused(offering_id)
    return render("site/console/selection.html", offering=offering, action=action,
                  chosen=chosen)


@bp.post("/console/offerings/<int:offering_id>/selection/confirm")
@admin_only
def apply_selection(offering_id):
    """Approve or withdraw every enrolment chosen, or none if one cannot be."""
    try:
        offering, action, chosen = _selection(offering_id)
    except Refused:
        return _refused(offering_id)
    now = utcnow()
    try:
        for enrollment in chosen:
            if action == "reenrol":
                enroll(me(), offering, enrollment.user, now=now)
            else:
                change_status(me(), enrollment, ACTIONS[action], now=now)
    except ElearnError as error:
        db.session.rollback()
        reasons = reasons_of(error)
        return _roster_page(offering.id, status=error.status, problems={"selection": [
            gettext("Nothing was changed: %(name)s — %(reason)s", name=enrollment.user.name,
                    reason=" ".join(reasons))]})
    db.session.commit()
    flash(ngettext("%(num)d enrolment changed.", "%(num)d enrolments changed.", len(chosen)),
          "done")
    return redirect(url_for("site.console_roster_page", offering_id=offering.id))
