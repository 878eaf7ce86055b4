"""Events over HTTP: regional and national events, nominations of officers, decisions."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_smorest import Blueprint
from sqlalchemy import select

from ..accounts.auth import actor
from ..accounts.models import User
from ..errors import one_or_404
from ..extensions import db
from ..timeutils import utcnow
from ..web.pagination import PaginationArgsSchema, page_of, paginate
from . import events
from .schemas import (
    EventCreateSchema,
    EventNominationCreateSchema,
    EventNominationSchema,
    EventNominationUpdateSchema,
    EventSchema,
)

bp = Blueprint("events", __name__, url_prefix="/api/v1/events",
               description="Regional and national events, and the officers nominated")


@bp.get("")
@bp.arguments(PaginationArgsSchema, location="query")
@bp.response(200, page_of(EventSchema))
def list_events(args):
    """Regional events and those of my country, soonest first (admins)."""
    return paginate(events.events_query(actor()), args)


@bp.post("")
@bp.arguments(EventCreateSchema)
@bp.response(201, EventSchema)
def create_event(data):
    """Announce an event: regional (programme admins) or national (its country's admins)."""
    event = events.create_event(actor(), data, now=utcnow())
    db.session.commit()
    return event


@bp.get("/<int:event_id>")
@bp.response(200, EventSchema)
def get_event(event_id):
    return events.get_event(actor(), event_id)


@bp.get("/<int:event_id>/nominations")
@bp.arguments(PaginationArgsSchema, location="query")
@bp.response(200, page_of(EventNominationSchema))
def list_nominations(args, event_id):
    """Nominations: of my country's officers (national admins), all (the event's admins)."""
    event = events.get_event(actor(), event_id)
    return paginate(events.nominations_query(actor(), event), args)


@bp.post("/<int:event_id>/nominations")
@bp.arguments(EventNominationCreateSchema)
@bp.response(201, EventNominationSchema)
def nominate(data, event_id):
    """Nominate an officer of my country (checked against the event's country and seats)."""
    event = events.get_event(actor(), event_id)
    person = one_or_404(select(User).where(User.id == data["user_id"]), _l("No such user."))
    nomination = events.nominate(actor(), event, person, now=utcnow())
    db.session.commit()
    return nomination


@bp.patch("/<int:event_id>/nominations/<int:nomination_id>")
@bp.arguments(EventNominationUpdateSchema)
@bp.response(200, EventNominationSchema)
def decide(data, event_id, nomination_id):
    """Confirm or decline a nomination, then mark attendance (the event's admins)."""
    event = events.get_event(actor(), event_id)
    nomination = events.get_nomination(actor(), event, nomination_id)
    events.decide(actor(), event, nomination, data["status"], data.get("reason"), now=utcnow())
    db.session.commit()
    return nomination


BLUEPRINTS = (bp,)
