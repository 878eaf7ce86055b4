"""Calendars (RFC 5545, written with icalendar): one session's event, a person's feed of their
sessions and milestone due dates, and the invitations and updates mailed when a session is
planned, moved or cancelled (`METHOD:REQUEST` or `CANCEL`, the same UID, a growing SEQUENCE).

A feed lives at a long random address; renewing it revokes the old one (404 from then on).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from icalendar import Calendar, Event
from sqlalchemy import or_, select, update

from ..accounts.models import User
from ..enrollments.models import Enrollment, EnrollmentStatus, OfferingTrainer
from ..errors import NotFound
from ..extensions import db
from ..mentoring.models import Application
from ..mentoring.plans.models import Milestone
from .models import CalendarFeed, EventNomination, NominationState, Session
from .models import Event as EventRow

PRODID = "-//elearn//live sessions//EN"
HORIZON = timedelta(days=400)  # how far back a feed keeps sessions


def _calendar(method: str | None = None) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    if method:
        calendar.add("method", method)
    return calendar


def session_event(session: Session, *, now: datetime, organizer: str | None = None) -> Event:
    event = Event()
    event.add("uid", f"{session.uid}@elearn")
    event.add("sequence", session.sequence)
    event.add("dtstamp", now)
    event.add("dtstart", session.starts_at)
    event.add("dtend", session.ends_at)
    title = session.title or session.offering.title or session.offering.course.code
    event.add("summary", title)
    if session.venue:
        event.add("location", session.venue)
    if session.meeting_url:
        event.add("url", session.meeting_url)
        event.add("description", session.meeting_url)
    event.add("status", "CANCELLED" if session.cancelled_at else "CONFIRMED")
    if organizer:
        event.add("organizer", f"mailto:{organizer}")
    return event


def session_ics(session: Session, *, now: datetime) -> bytes:
    calendar = _calendar("PUBLISH")
    calendar.add_component(session_event(session, now=now))
    return calendar.to_ical()


def invitation_ics(session: Session, attendee: User, *, now: datetime, sender: str) -> str:
    """What a calendar adds, moves or removes: REQUEST, or CANCEL once cancelled."""
    calendar = _calendar("CANCEL" if session.cancelled_at else "REQUEST")
    event = session_event(session, now=now, organizer=sender)
    event.add("attendee", f"mailto:{attendee.email}")
    calendar.add_component(event)
    return calendar.to_ical().decode()


def my_sessions_query(user: User, *, since: datetime):
    """Sessions of the offerings I take part in (enrolled) or train, cancelled ones too."""
    taking = select(Enrollment.offering_id).where(
        Enrollment.user_id == user.id,
        Enrollment.status.in_((EnrollmentStatus.ENROLLED, EnrollmentStatus.COMPLETED)))
    training = select(OfferingTrainer.offering_id).where(OfferingTrainer.user_id == user.id)
    return (select(Session).where(or_(Session.offering_id.in_(taking),
                                      Session.offering_id.in_(training)),
                                  Session.ends_at >= since)
            .order_by(Session.starts_at, Session.id))


def feed_ics(user: User, *, now: datetime) -> bytes:
    calendar = _calendar("PUBLISH")
    calendar.add("x-wr-calname", "elearn")
    for session in db.session.scalars(my_sessions_query(user, since=now - HORIZON)):
        calendar.add_component(session_event(session, now=now))
    for milestone in db.session.scalars(select(Milestone).join(
            Application, Application.id == Milestone.application_id).where(
            Application.applicant_id == user.id)):
        event = Event()
        event.add("uid", f"milestone-{milestone.id}@elearn")
        event.add("dtstamp", now)
        event.add("dtstart", milestone.due_on)
        event.add("summary", milestone.title)
        calendar.add_component(event)
    for event_row in db.session.scalars(select(EventRow).join(
            EventNomination, EventNomination.event_id == EventRow.id).where(
            EventNomination.user_id == user.id,
            EventNomination.status.in_((NominationState.CONFIRMED, NominationState.ATTENDED)))):
        event = Event()
        event.add("uid", f"event-{event_row.id}@elearn")
        event.add("dtstamp", now)
        event.add("dtstart", event_row.starts_on)
        event.add("dtend", event_row.ends_on + timedelta(days=1))
        event.add("summary", event_row.title)
        event.add("location", event_row.place)
        calendar.add_component(event)
    return calendar.to_ical()


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_feed(user: User, *, now: datetime) -> str:
    """A new feed address for the person; the old one stops working. Returns the token."""
    db.session.execute(update(CalendarFeed).where(CalendarFeed.user_id == user.id,
                                                  CalendarFeed.revoked_at.is_(None))
                       .values(revoked_at=now))
    token = secrets.token_urlsafe(32)
    db.session.add(CalendarFeed(user_id=user.id, token_hash=_hash(token), created_at=now))
    db.session.flush()
    return token


def revoke_feed(user: User, *, now: datetime) -> None:
    db.session.execute(update(CalendarFeed).where(CalendarFeed.user_id == user.id,
                                                  CalendarFeed.revoked_at.is_(None))
                       .values(revoked_at=now))


def feed_owner(token: str) -> User:
    feed = db.session.scalar(select(CalendarFeed).where(
        CalendarFeed.token_hash == _hash(token), CalendarFeed.revoked_at.is_(None)))
    if feed is None or not feed.user.active:
        raise NotFound(_l("No such calendar."))
    return feed.user
