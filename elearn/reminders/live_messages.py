"""What live delivery sends: the calendar invitation when a session is planned, the update
when it moves, the cancellation (each with its `.ics`, the same UID and a growing SEQUENCE, so
calendars update the entry they hold), reminders the day before and an hour before, and a
reminder to trainers who have not filled the register a day after."""

from __future__ import annotations

from datetime import datetime, timedelta

from babel.dates import format_datetime
from flask_babel import gettext
from sqlalchemy import Integer, exists, literal, select, union

from ..enrollments.models import Enrollment, EnrollmentStatus, OfferingTrainer
from ..i18n import N_
from ..live.calendar import invitation_ics
from ..live.models import Attendance, Session, SessionPerson, SpeakerRole
from ..timeutils import zone
from .models import Notification
from .outbox import notify_people
from .rules import approaching, passed, register, register_event, within

SCHEDULED, MOVED, CANCELLED = "session-scheduled", "session-moved", "session-cancelled"
TOMORROW, SOON, REGISTER = "session-tomorrow", "session-soon", "session-register"
EVENTS = {"new": SCHEDULED, "moved": MOVED, "changed": MOVED, "cancelled": CANCELLED}
KINDS = frozenset({SCHEDULED, MOVED, CANCELLED, TOMORROW, SOON, REGISTER})
WITH_ICS = frozenset({SCHEDULED, MOVED, CANCELLED})
SUBJECT_MODELS = {"session": Session}
TEXTS = {
    SCHEDULED: (N_("New session: %(session)s on %(date)s"),
                N_("A session of %(offering)s is planned on %(date)s: %(session)s.")),
    MOVED: (N_("Session changed: %(session)s, now on %(date)s"),
            N_("The session %(session)s of %(offering)s has changed: it is now on %(date)s.")),
    CANCELLED: (N_("Session cancelled: %(session)s"),
                N_("The session %(session)s of %(offering)s on %(date)s is cancelled.")),
    TOMORROW: (N_("Tomorrow: %(session)s"),
               N_("Your session %(session)s of %(offering)s is on %(date)s.")),
    SOON: (N_("In an hour: %(session)s"),
           N_("Your session %(session)s of %(offering)s starts at %(date)s.")),
    REGISTER: (N_("Fill the register of %(session)s"),
               N_("The session %(session)s of %(offering)s on %(date)s has no attendance "
                  "marked yet.")),
}
TAKING = (EnrollmentStatus.ENROLLED, EnrollmentStatus.COMPLETED)


def _open_session(ids: list[int], now: datetime):
    return (select(Notification.id).join(Session, Session.id == Notification.subject_id)
            .where(Notification.id.in_(ids), Session.cancelled_at.is_(None),
                   Session.starts_at > now))


def _any(ids: list[int], now: datetime):
    return select(Notification.id).where(Notification.id.in_(ids))


def _register_empty(ids: list[int], now: datetime):
    return (select(Notification.id).join(Session, Session.id == Notification.subject_id)
            .where(Notification.id.in_(ids),
                   ~exists().where(Attendance.session_id == Session.id)))


register_event(SCHEDULED, subject="session", optional=False, relevant=_open_session)
register_event(MOVED, subject="session", optional=False, relevant=_open_session)
register_event(CANCELLED, subject="session", optional=False, relevant=_any)


def people_of(session: Session):
    """A select of the session's participants and trainers."""
    return union(
        select(Enrollment.user_id).where(Enrollment.offering_id == session.offering_id,
                                         Enrollment.status.in_(TAKING)),
        select(OfferingTrainer.user_id).where(OfferingTrainer.offering_id == session.offering_id),
        select(SessionPerson.user_id).where(SessionPerson.session_id == session.id,
                                            SessionPerson.user_id.is_not(None)))


def tell(session: Session, change: str, *, now: datetime) -> int:
    """Queue the invitation, update or cancellation for everyone in the session."""
    return notify_people(EVENTS[change], session.id, people_of(session).subquery().select(),
                         now=now, variant=f"{session.sequence}-")


def _participants(window, band=None):
    """(user, session, offset, variant = user) of the sessions in `window`: participants
    and trainers, each reminded once per session."""
    offset = band.c.offset_days if band is not None else literal(0, Integer()).label(
        "offset_days")

    def joined(stmt):
        return stmt.join(band.table, window) if band is not None else stmt.where(window)

    taking = joined(select(Enrollment.user_id.label("user_id"), Session.id.label("subject_id"),
                           offset, Enrollment.user_id.label("variant"))
                    .join(Session, Session.offering_id == Enrollment.offering_id)
                    .where(Enrollment.status.in_(TAKING), Session.cancelled_at.is_(None)))
    training = joined(select(SessionPerson.user_id.label("user_id"),
                             Session.id.label("subject_id"), offset,
                             SessionPerson.user_id.label("variant"))
                      .join(Session, Session.id == SessionPerson.session_id)
                      .where(SessionPerson.user_id.is_not(None), Session.cancelled_at.is_(None)))
    return taking.union(training)


@register(TOMORROW, subject="session", optional=True, offsets=(1,), relevant=_open_session)
def session_tomorrow(now, offsets):
    """Participants and trainers, the day before a session."""
    band = approaching(now, offsets)
    return _participants(within(Session.starts_at, band), band)


@register(SOON, subject="session", optional=True, offsets=(1,), relevant=_open_session)
def session_soon(now, offsets):
    """Participants and trainers, in the hour before a session (its offset is not in days:
    the reminder is for the coming hour, whatever the setting's days)."""
    return _participants((Session.starts_at > now)
                         & (Session.starts_at <= now + timedelta(hours=1)))


@register(REGISTER, subject="session", optional=False, offsets=(1,), relevant=_register_empty)
def register_missing(now, offsets):
    """Trainers of a session that ended a day ago and has no attendance marked."""
    band = passed(now, offsets)
    return (select(SessionPerson.user_id.label("user_id"), Session.id.label("subject_id"),
                   band.c.offset_days, SessionPerson.user_id.label("variant"))
            .join(Session, Session.id == SessionPerson.session_id)
            .join(band.table, within(Session.ends_at, band))
            .where(SessionPerson.role == SpeakerRole.TRAINER,
                   SessionPerson.user_id.is_not(None), Session.cancelled_at.is_(None),
                   ~exists().where(Attendance.session_id == Session.id)))


def item_texts(notification: Notification, session: Session, language: str) -> tuple[str, str]:
    offering = session.offering
    when = format_datetime(session.starts_at, "medium",
                           tzinfo=zone(notification.user.effective_timezone), locale=language)
    params = {"session": session.title, "offering": offering.title or offering.course.code,
              "date": when}
    subject, body = TEXTS[notification.kind]
    return gettext(subject, **params), gettext(body, **params)


def attachment(notification: Notification, session, *, now: datetime, sender: str):
    """The `.ics` of an invitation, update or cancellation."""
    if notification.kind not in WITH_ICS or not isinstance(session, Session):
        return None
    return invitation_ics(session, notification.user, now=now, sender=sender)
