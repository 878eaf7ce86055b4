"""Session planning in the console: an offering's sessions, planning one on a day and hours in
the offering country's time zone (a venue or a meeting link), changing or moving one,
cancelling one, and its register."""

from __future__ import annotations

from datetime import datetime

import marshmallow as ma
from flask import flash, redirect, request, url_for
from flask_babel import gettext

from ...accounts.models import Country
from ...enrollments.scoping import get_offering
from ...errors import ElearnError, NotFound, RuleViolation
from ...extensions import db
from ...live import sessions
from ...live.schemas import SessionCreateSchema, SessionUpdateSchema
from ...timeutils import utcnow, zone
from ..pages import admin_only, bp, me, problems_of, reasons_of, render

FIELDS = ("title", "day", "from", "until", "venue", "capacity", "meeting_url")


def _zone_name(offering) -> str:
    country = db.session.get(Country, offering.country_code) if offering.country_code else None
    return country.timezone if country else me().effective_timezone


def _page(offering_id: int, *, status: int = 200, typed=None, problems=None):
    offering = get_offering(me(), offering_id)
    return render("site/console/sessions.html", status=status, offering=offering,
                  sessions=db.session.scalars(sessions.sessions_query(offering)).all(),
                  typed=typed or {}, problems=problems or {}, zone_name=_zone_name(offering))


@bp.get("/console/offerings/<int:offering_id>/sessions")
@admin_only
def console_sessions_page(offering_id):
    """The offering's sessions, and planning a new one."""
    return _page(offering_id)


def _moment(day: str, hour: str, tz) -> datetime:
    try:
        return datetime.fromisoformat(f"{day}T{hour}").replace(tzinfo=tz)
    except ValueError:
        raise RuleViolation(errors={"day": [gettext(
            "Give the day as YYYY-MM-DD and the hours as HH:MM.")]}) from None


def _body(typed: dict, offering) -> dict:
    """The API's body for what was typed, the day and hours read in the offering's zone."""
    tz = zone(_zone_name(offering))
    body = {"title": typed["title"], "venue": typed["venue"], "capacity": typed["capacity"],
            "starts_at": _moment(typed["day"], typed["from"], tz).isoformat(),
            "ends_at": _moment(typed["day"], typed["until"], tz).isoformat()}
    if typed["meeting_url"]:
        body["meeting_url"] = typed["meeting_url"]
    return body


@bp.post("/console/offerings/<int:offering_id>/sessions")
@admin_only
def plan_session_page(offering_id):
    offering = get_offering(me(), offering_id)
    typed = {name: request.form.get(name, "").strip() for name in FIELDS}
    try:
        body = _body(typed, offering)
        data = SessionCreateSchema().load({k: v for k, v in body.items() if v})
        sessions.plan_session(me(), offering, data, now=utcnow())
    except (ma.ValidationError, ElearnError) as error:
        db.session.rollback()
        return _page(offering_id, status=getattr(error, "status", 422), typed=typed,
                     problems=problems_of(error))
    db.session.commit()
    flash(gettext("The session is planned; its people get a calendar invitation."), "done")
    return redirect(url_for("site.console_sessions_page", offering_id=offering_id))


def _edit_page(session, *, status: int = 200, typed=None, problems=None):
    zone_name = _zone_name(session.offering)
    if typed is None:
        tz = zone(zone_name)
        starts, ends = session.starts_at.astimezone(tz), session.ends_at.astimezone(tz)
        typed = {"title": session.title, "day": starts.date().isoformat(),
                 "from": starts.strftime("%H:%M"), "until": ends.strftime("%H:%M"),
                 "venue": session.venue or "", "meeting_url": session.meeting_url or "",
                 "capacity": str(session.capacity or "")}
    return render("site/console/session_edit.html", status=status, session=session,
                  typed=typed, problems=problems or {}, zone_name=zone_name,
                  attended=sessions.has_attendance(session))


@bp.get("/console/sessions/<int:session_id>/edit")
@admin_only
def edit_session_page(session_id):
    """A session's title, day, hours, venue and link, to change; its people are told."""
    session = sessions.get_session(me(), session_id, manage=True)
    if session.cancelled_at is not None:
        raise NotFound(gettext("This session is cancelled."))
    return _edit_page(session)


@bp.post("/console/sessions/<int:session_id>/edit")
@admin_only
def change_session_page(session_id):
    session = sessions.get_session(me(), session_id, manage=True)
    typed = {name: request.form.get(name, "").strip() for name in FIELDS}
    typed["confirm"] = bool(request.form.get("confirm"))
    try:
        body = _body(typed, session.offering) | {"confirm": typed["confirm"]}
        body["venue"] = body["venue"] or None  # cleared
        body["capacity"] = body["capacity"] or None
        body.setdefault("meeting_url", None)
        data = SessionUpdateSchema().load(body)
        sessions.change_session(me(), session, data, now=utcnow())
    except (ma.ValidationError, ElearnError) as error:
        db.session.rollback()
        return _edit_page(session, status=getattr(error, "status", 422), typed=typed,
                          problems=problems_of(error))
    db.session.commit()
    flash(gettext("The session is changed; its people get the new calendar invitation."),
          "done")
    return redirect(url_for("site.console_sessions_page", offering_id=session.offering_id))


@bp.post("/console/sessions/<int:session_id>/cancel")
@admin_only
def cancel_session_page(session_id):
    session = sessions.get_session(me(), session_id, manage=True)
    try:
        sessions.cancel_session(me(), session, now=utcnow())
    except ElearnError as error:
        db.session.rollback()
        flash(gettext("Not done: %(reason)s", reason=" ".join(reasons_of(error))), "problem")
    else:
        db.session.commit()
        flash(gettext("The session is cancelled; calendars are told."), "done")
    return redirect(url_for("site.console_sessions_page", offering_id=session.offering_id))
