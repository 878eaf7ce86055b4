"""Live delivery over HTTP: an offering's sessions, one session's calendar file, the register,
my attendance, my sessions and my calendar feed (the feed itself is a public address)."""

from __future__ import annotations

from flask import Blueprint as FlaskBlueprint
from flask import Response
from flask_smorest import Blueprint

from ..accounts.auth import actor
from ..enrollments.scoping import get_enrollment, get_offering
from ..extensions import db
from ..timeutils import utcnow
from ..web.links import public_link
from ..web.pagination import PaginationArgsSchema, page_of, paginate
from . import attendance, calendar, sessions
from .schemas import (
    AttendanceSummarySchema,
    FeedSchema,
    MarksSchema,
    RegisterRowSchema,
    SessionCreateSchema,
    SessionSchema,
    SessionUpdateSchema,
)

offering_bp = Blueprint("offering_sessions", __name__, url_prefix="/api/v1/offerings",
                        description="An offering's live sessions")
bp = Blueprint("sessions", __name__, url_prefix="/api/v1/sessions",
               description="Sessions: calendar file, changes, the attendance register")
me_bp = Blueprint("my_calendar", __name__, url_prefix="/api/v1/me",
                  description="My sessions and my calendar feed")
ICS = "text/calendar"


@offering_bp.get("/<int:offering_id>/sessions")
@offering_bp.arguments(PaginationArgsSchema, location="query")
@offering_bp.response(200, page_of(SessionSchema))
def list_sessions(args, offering_id):
    """The offering's sessions, in time order (cancelled ones marked)."""
    return paginate(sessions.sessions_query(get_offering(actor(), offering_id)), args)


@offering_bp.post("/<int:offering_id>/sessions")
@offering_bp.arguments(SessionCreateSchema)
@offering_bp.response(201, SessionSchema)
def plan_session(data, offering_id):
    """Plan a session (the offering's admins); its participants get a calendar invitation."""
    session = sessions.plan_session(actor(), get_offering(actor(), offering_id), data,
                                    now=utcnow())
    db.session.commit()
    return session


@bp.get("/<int:session_id>")
@bp.response(200, SessionSchema)
def get_session(session_id):
    return sessions.get_session(actor(), session_id)


@bp.patch("/<int:session_id>")
@bp.arguments(SessionUpdateSchema)
@bp.response(200, SessionSchema)
def change_session(data, session_id):
    """Change or move a session; a move after attendance needs `confirm` (409 without)."""
    session = sessions.change_session(actor(), sessions.get_session(actor(), session_id,
                                                                    manage=True),
                                      data, now=utcnow())
    db.session.commit()
    return session


@bp.delete("/<int:session_id>")
@bp.response(200, SessionSchema)
def cancel_session(session_id):
    """Cancel a session: it stays, marked, and calendars are told to remove it."""
    session = sessions.cancel_session(actor(), sessions.get_session(actor(), session_id,
                                                                    manage=True), now=utcnow())
    db.session.commit()
    return session


@bp.get("/<int:session_id>.ics")
@bp.response(200, description="The session as an iCalendar file", content_type=ICS)
def session_file(session_id):
    """The session for a calendar (an `.ics` file)."""
    body = calendar.session_ics(sessions.get_session(actor(), session_id), now=utcnow())
    return Response(body, mimetype=ICS, headers={
        "Content-Disposition": f'attachment; filename="session-{session_id}.ics"'})


@bp.get("/<int:session_id>/attendance")
@bp.response(200, RegisterRowSchema(many=True))
def get_register(session_id):
    """The register: each participant with the status marked (trainers and admins)."""
    session = sessions.get_session(actor(), session_id)
    attendance.require_register_keeper(actor(), session.offering)
    return [{"enrollment_id": enrollment.id, "user_id": user.id, "name": user.name,
             "status": status} for enrollment, user, status in attendance.register(session)]


@bp.put("/<int:session_id>/attendance")
@bp.arguments(MarksSchema)
@bp.response(200, RegisterRowSchema(many=True))
def mark_attendance(data, session_id):
    """Mark participants present, late, absent or excused, one or many at once."""
    session = sessions.get_session(actor(), session_id)
    attendance.mark(actor(), session, data["marks"], now=utcnow())
    db.session.commit()
    return [{"enrollment_id": enrollment.id, "user_id": user.id, "name": user.name,
             "status": status} for enrollment, user, status in attendance.register(session)]


@me_bp.get("/sessions")
@me_bp.arguments(PaginationArgsSchema, location="query")
@me_bp.response(200, page_of(SessionSchema))
def my_sessions(args):
    """My sessions from today on (as a participant or a trainer), in time order."""
    return paginate(calendar.my_sessions_query(actor(), since=utcnow()), args)


@me_bp.get("/enrollments/<int:enrollment_id>/attendance")
@me_bp.response(200, AttendanceSummarySchema)
def my_attendance(enrollment_id):
    """An enrolment's attendance: sessions held, attended, and the minimum to complete."""
    return attendance.attendance_of(get_enrollment(actor(), enrollment_id))


@me_bp.post("/calendar")
@me_bp.response(201, FeedSchema)
def renew_feed():
    """A new address for my calendar feed; the old one answers 404 from now on."""
    token = calendar.new_feed(actor(), now=utcnow())
    db.session.commit()
    return {"url": public_link("calendar_feed.feed", token=token)}


@me_bp.delete("/calendar")
@me_bp.response(204)
def revoke_feed():
    """Stop my calendar feed."""
    calendar.revoke_feed(actor(), now=utcnow())
    db.session.commit()


feed_bp = FlaskBlueprint("calendar_feed", __name__)


@feed_bp.get("/calendar/<token>.ics")
def feed(token):
    """A person's calendar feed, at its secret address (no sign-in: calendars poll it)."""
    user = calendar.feed_owner(token)
    return Response(calendar.feed_ics(user, now=utcnow()), mimetype=ICS,
                    headers={"Cache-Control": "private, max-age=300"})


BLUEPRINTS = (offering_bp, bp, me_bp)
