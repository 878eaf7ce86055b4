"""Live sessions in the web app: my calendar (my sessions in my time zone, each as an .ics,
and the feed address to subscribe to from a phone), and the attendance register that a
session's trainers fill in."""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_babel import gettext
from sqlalchemy import select

from ..errors import ElearnError
from ..extensions import db
from ..live import attendance, calendar, sessions
from ..live.models import AttendanceStatus, CalendarFeed
from ..timeutils import utcnow
from ..web.links import public_link
from ..web.pagination import paginate
from .pages import bp, me, page_args, reasons_of, render, signed_in


def _calendar_page(*, feed_url: str | None = None):
    page = paginate(calendar.my_sessions_query(me(), since=utcnow()), page_args(30))
    has_feed = db.session.scalar(select(CalendarFeed.id).where(
        CalendarFeed.user_id == me().id, CalendarFeed.revoked_at.is_(None))) is not None
    return render("site/calendar.html", page=page, feed_url=feed_url, has_feed=has_feed)


@bp.get("/calendar")
@signed_in
def calendar_page():
    """My sessions from today on, and my calendar feed."""
    return _calendar_page()


@bp.post("/calendar/feed")
@signed_in
def calendar_feed_page():
    """A new feed address (shown once), or `stop` to end the feed."""
    if request.form.get("stop"):
        calendar.revoke_feed(me(), now=utcnow())
        db.session.commit()
        flash(gettext("Your calendar feed is stopped: its address no longer works."), "done")
        return redirect(url_for("site.calendar_page"))
    token = calendar.new_feed(me(), now=utcnow())
    db.session.commit()
    return _calendar_page(feed_url=public_link("calendar_feed.feed", token=token))


def _register_page(session_id: int, status: int = 200):
    session = sessions.get_session(me(), session_id)
    attendance.require_register_keeper(me(), session.offering)
    return render("site/register.html", status=status, session=session,
                  rows=attendance.register(session),
                  statuses=[status.value for status in AttendanceStatus])


@bp.get("/sessions/<int:session_id>/register")
@signed_in
def register_page(session_id):
    """The session's participants, each with the status marked."""
    return _register_page(session_id)


@bp.post("/sessions/<int:session_id>/register")
@signed_in
def save_register_page(session_id):
    """Save the statuses chosen; `all` marks every participant ticked with one status."""
    session = sessions.get_session(me(), session_id)
    marks = []
    if request.form.get("all"):
        marks = [{"enrollment_id": enrollment_id, "status": request.form["all"]}
                 for enrollment_id in request.form.getlist("chosen", type=int)]
    else:
        for key, value in request.form.items():
            if key.startswith("status-") and value:
                marks.append({"enrollment_id": int(key.removeprefix("status-")),
                              "status": value})
    try:
        if marks:
            if any(mark["status"] not in set(AttendanceStatus) for mark in marks):
                raise ValueError
            attendance.mark(me(), session, marks, now=utcnow())
    except ElearnError as error:
        db.session.rollback()
        flash(gettext("Not done: %(reason)s", reason=" ".join(reasons_of(error))), "problem")
        return redirect(url_for("site.register_page", session_id=session_id))
    except ValueError:
        flash(gettext("Not done: %(reason)s", reason=gettext("Choose a status.")), "problem")
        return redirect(url_for("site.register_page", session_id=session_id))
    db.session.commit()
    flash(gettext("The register is saved."), "done")
    return redirect(url_for("site.register_page", session_id=session_id))
