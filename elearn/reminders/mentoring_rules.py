"""The rules over the mentoring programme: the applicant told of the decision, the pair
reminded of an overdue check-in and of a milestone coming due.

Dates are compared on the UTC calendar day (a reminder may come a day early or late for a
far-off time zone; the dedupe key, not the day, keeps it to one)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import Date, String, and_, cast, func, literal, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import aliased
from sqlalchemy.sql.functions import FunctionElement

from ..accounts.models import User
from ..mentoring.models import Application, ApplicationStatus, Pairing, PairingStatus, Programme
from ..mentoring.plan_models import CheckIn, ItemStatus, Milestone
from .models import Notification
from .rules import approaching, passed, register, within

DECIDED = (ApplicationStatus.SELECTED.value, ApplicationStatus.REJECTED.value)
_Recipient = aliased(User)


class add_days(FunctionElement):  # noqa: N801 - reads as the SQL function it compiles to
    """``day`` plus ``days`` (an integer column) as a date, on every database."""

    type = Date()
    inherit_cache = True


class utc_day(FunctionElement):  # noqa: N801
    """The UTC calendar day of a timestamp."""

    type = Date()
    inherit_cache = True


class later_day(FunctionElement):  # noqa: N801
    """The later of two non-null dates."""

    type = Date()
    inherit_cache = True


@compiles(add_days)
def _add_days(element, compiler, **kw):
    day, days = (compiler.process(arg, **kw) for arg in element.clauses)
    return f"({day} + {days})"


@compiles(add_days, "sqlite")
def _add_days_sqlite(element, compiler, **kw):
    day, days = (compiler.process(arg, **kw) for arg in element.clauses)
    return f"date({day}, '+' || {days} || ' days')"


@compiles(utc_day)
def _utc_day(element, compiler, **kw):
    return f"CAST(timezone('UTC', {compiler.process(element.clauses, **kw)}) AS DATE)"


@compiles(utc_day, "sqlite")
def _utc_day_sqlite(element, compiler, **kw):
    return f"date({compiler.process(element.clauses, **kw)})"


@compiles(later_day)
def _later_day(element, compiler, **kw):
    return f"greatest({compiler.process(element.clauses, **kw)})"


@compiles(later_day, "sqlite")
def _later_day_sqlite(element, compiler, **kw):
    return f"max({compiler.process(element.clauses, **kw)})"


def utc_today(now: datetime) -> date:
    return now.astimezone(UTC).date()


def day(value: date):
    return literal(value, Date())


def next_checkin_due():
    """For a row joined to Pairing and Programme: a cadence after the pairing's last check-in,
    or after its start (as the mentor's view computes it)."""
    start = utc_day(Pairing.started_at)
    last = (select(func.max(CheckIn.held_on)).where(CheckIn.pairing_id == Pairing.id)
            .scalar_subquery())
    return add_days(later_day(func.coalesce(last, start), start),
                    Programme.checkin_cadence_days)


def _per_recipient(column):
    """A variant that keeps one reminder per person and per date (``2027-04-09.u12``)."""
    return (cast(column, String) + literal(".u") + cast(_Recipient.id, String)).label("variant")


_EITHER_SIDE = or_(_Recipient.id == Pairing.mentor_id, _Recipient.id == Pairing.mentee_id)
_ACTIVE = Pairing.status == PairingStatus.ACTIVE.value


def _decision_relevant(ids: list[int], now: datetime):
    """Still decided the way the notification says (its key ends with the status)."""
    return (select(Notification.id)
            .join(Application, Application.id == Notification.subject_id)
            .where(Notification.id.in_(ids), Application.status.in_(DECIDED),
                   Notification.dedupe_key.contains(literal(":v") + Application.status)))


@register("application-decision", subject="application", optional=False, offsets=(0,),
          relevant=_decision_relevant)
def application_decision(now, offsets):
    """An applicant selected or rejected, told once per decision, with the reason."""
    band = passed(now, offsets)
    return (select(Application.applicant_id.label("user_id"),
                   Application.id.label("subject_id"), band.c.offset_days,
                   Application.status.label("variant"))
            .join(band.table, within(Application.decided_at, band))
            .where(Application.status.in_(DECIDED)))


def _checkin_relevant(ids: list[int], now: datetime):
    """The pairing is still active and no check-in since has moved the due date ahead."""
    return (select(Notification.id)
            .join(Pairing, Pairing.id == Notification.subject_id)
            .join(Programme, Programme.id == Pairing.programme_id)
            .where(Notification.id.in_(ids), _ACTIVE,
                   next_checkin_due() < day(utc_today(now))))


@register("checkin-overdue", subject="pairing", optional=True, offsets=(3,),
          relevant=_checkin_relevant)
def checkin_overdue(now, offsets):
    """Mentor and mentee of an active pairing whose next check-in is an offset's days past;
    once per due date, so each new lapse reminds again."""
    due = next_checkin_due()
    band = passed(utc_today(now), offsets)
    return (select(_Recipient.id.label("user_id"), Pairing.id.label("subject_id"),
                   band.c.offset_days, _per_recipient(due))
            .join(Programme, Programme.id == Pairing.programme_id)
            .join(_Recipient, _EITHER_SIDE)
            .join(band.table, within(due, band))
            .where(_ACTIVE, Pairing.started_at.is_not(None)))


def _milestone_relevant(ids: list[int], now: datetime):
    """Not done, not yet past, and the recipient is still one side of an active pairing."""
    return (select(Notification.id)
            .join(Milestone, Milestone.id == Notification.subject_id)
            .join(Pairing, and_(Pairing.application_id == Milestone.application_id, _ACTIVE))
            .where(Notification.id.in_(ids), Milestone.status != ItemStatus.DONE.value,
                   Milestone.due_on >= day(utc_today(now)),
                   or_(Pairing.mentor_id == Notification.user_id,
                       Pairing.mentee_id == Notification.user_id)))


@register("milestone-due", subject="milestone", optional=True, offsets=(14, 1),
          relevant=_milestone_relevant)
def milestone_due(now, offsets):
    """Mentee and mentor of the active pairing, a milestone not done an offset's days before
    it is due (again if the pair moves the date)."""
    band = approaching(utc_today(now), offsets)
    return (select(_Recipient.id.label("user_id"), Milestone.id.label("subject_id"),
                   band.c.offset_days, _per_recipient(Milestone.due_on))
            .join(Pairing, and_(Pairing.application_id == Milestone.application_id, _ACTIVE))
            .join(_Recipient, _EITHER_SIDE)
            .join(band.table, within(Milestone.due_on, band))
            .where(Milestone.status != ItemStatus.DONE.value))
