"""Events beyond the mentoring programme: regional events (programme admins) and national
ones (their country's admins), to which national admins nominate any officer of their country;
the event's admins decide (confirmed or declined) and mark who attended. Seats are checked;
every step is audited."""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, or_, select

from ..accounts.models import User
from ..accounts.permissions import admin_countries, is_programme_admin, require_admin
from ..audit.services import record
from ..enrollments.models import Offering
from ..errors import Conflict, Forbidden, NotFound, RuleViolation
from ..extensions import db
from .models import Event, EventNomination, NominationState

NEXT = {NominationState.NOMINATED: {NominationState.CONFIRMED, NominationState.DECLINED},
        NominationState.CONFIRMED: {NominationState.ATTENDED, NominationState.DECLINED}}
HOLDS_SEAT = (NominationState.NOMINATED, NominationState.CONFIRMED, NominationState.ATTENDED)


def events_query(actor: User):
    """Regional events and those of the actor's countries, soonest first."""
    require_admin(actor)
    stmt = select(Event).order_by(Event.starts_on, Event.id)
    allowed = admin_countries(actor)
    if allowed is not None:
        stmt = stmt.where(or_(Event.country_code.is_(None), Event.country_code.in_(allowed)))
    return stmt


def get_event(actor: User, event_id: int) -> Event:
    event = db.session.scalar(events_query(actor).where(Event.id == event_id))
    if event is None:
        raise NotFound(_l("No such event."))
    return event


def runs(actor: User, event: Event) -> bool:
    """Whether the actor decides on the event's nominations."""
    return is_programme_admin(actor) or (event.country_code is not None
                                         and event.country_code == actor.country_code)


def create_event(actor: User, data: dict, *, now: datetime) -> Event:
    require_admin(actor)
    if data["ends_on"] < data["starts_on"]:
        raise RuleViolation(errors={"ends_on": [_l("The end must not come before the start.")]})
    if data.get("offering_id") is not None and db.session.get(Offering,
                                                               data["offering_id"]) is None:
        raise RuleViolation(errors={"offering_id": [_l("No such offering.")]})
    country = data.get("country")
    if not is_programme_admin(actor):
        if country not in (None, actor.country_code):
            raise RuleViolation(errors={"country": [_l("An event of yours is national.")]})
        country = actor.country_code
    event = Event(kind=data["kind"], title=data["title"], place=data["place"],
                  starts_on=data["starts_on"], ends_on=data["ends_on"], country_code=country,
                  seats=data.get("seats"), offering_id=data.get("offering_id"),
                  created_by_id=actor.id, created_at=now)
    db.session.add(event)
    db.session.flush()
    record(actor, "event.create", "event", event.id, country_code=country,
           details={"kind": event.kind}, now=now)
    return event


def nominate(actor: User, event: Event, person: User, *, now: datetime) -> EventNomination:
    """A national admin nominates an officer of their country (a programme admin, anyone)."""
    allowed = admin_countries(actor)
    if allowed is not None and person.country_code not in allowed:
        raise NotFound(_l("No such user."))
    if event.country_code is not None and person.country_code != event.country_code:
        raise RuleViolation(_l("This event is for another country's officers."),
                            type="not-eligible")
    if db.session.scalar(select(EventNomination.id).where(
            EventNomination.event_id == event.id, EventNomination.user_id == person.id)):
        raise Conflict(_l("This person is nominated already."), type="already-nominated")
    if event.seats is not None and db.session.scalar(
            select(func.count()).select_from(EventNomination).where(
                EventNomination.event_id == event.id,
                EventNomination.status.in_(HOLDS_SEAT))) >= event.seats:
        raise Conflict(_l("All places of this event are taken."), type="seats-full")
    nomination = EventNomination(event_id=event.id, user_id=person.id,
                                 country_code=person.country_code, nominated_by_id=actor.id,
                                 created_at=now, updated_at=now)
    db.session.add(nomination)
    db.session.flush()
    record(actor, "event.nominate", "event", event.id, country_code=person.country_code,
           details={"user": person.id}, now=now)
    return nomination


def decide(actor: User, event: Event, nomination: EventNomination, status: str,
           reason: str | None, *, now: datetime) -> EventNomination:
    if not runs(actor, event):
        raise Forbidden(_l("Only the event's administrators decide on nominations."))
    if status not in NEXT.get(nomination.status, set()):
        raise Conflict(_l("A nomination that is %(status)s cannot become %(target)s.",
                          status=nomination.status, target=status), type="nomination-state")
    nomination.status, nomination.reason, nomination.updated_at = status, reason, now
    db.session.flush()
    record(actor, f"event.{status}", "event", event.id, country_code=nomination.country_code,
           details={"user": nomination.user_id, "reason": reason}, now=now)
    return nomination


def nominations_query(actor: User, event: Event):
    """The nominations the actor may see: their country's, or all (programme admins)."""
    stmt = select(EventNomination).where(EventNomination.event_id == event.id).order_by(
        EventNomination.id)
    allowed = admin_countries(actor)
    if allowed is not None and not runs(actor, event):
        stmt = stmt.where(EventNomination.country_code.in_(allowed))
    return stmt


def get_nomination(actor: User, event: Event, nomination_id: int) -> EventNomination:
    found = db.session.scalar(nominations_query(actor, event).where(
        EventNomination.id == nomination_id))
    if found is None:
        raise NotFound(_l("No such nomination."))
    return found
