"""The rules over the mentoring programme: the applicant told of the decision, the pair
reminded of an overdue check-in and of a milestone coming due.

Dates are compared with each recipient's own calendar day, from their time zone: a table of
the zones in use and the day it is in each (`LocalDays`) is joined on the recipient, so a
Tongan mentee and her Samoan or Hawaiian mentor are each reminded on their own day.

A scan that did not run for a while catches up: an overdue check-in is reminded however
long ago it fell due, and a milestone now past due (within `MILESTONE_CATCH_UP`) still gets
its nearest reminder, once, by its dedupe key; one already done gets none."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import (
    Date,
    Integer,
    String,
    Subquery,
    and_,
    cast,
    func,
    literal,
    or_,
    select,
    union_all,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import aliased
from sqlalchemy.sql.functions import FunctionElement

from ..accounts.models import Country, User
from ..mentoring.models import Application, ApplicationStatus, Pairing, PairingStatus, Programme
from ..mentoring.plans.models import CheckIn, ItemStatus, Milestone
from ..timeutils import LocalDays
from .models import Notification
from .rules import passed, register, within
from .timing import zone_of_user, zones_in_use

DECIDED = (ApplicationStatus.SELECTED.value, ApplicationStatus.REJECTED.value)
# How long past its due date a milestone not done is still worth its (one) reminder.
MILESTONE_CATCH_UP = 30
_Recipient = aliased(User)
_RecipientCountry = aliased(Country)


class add_days(FunctionElement):  # noqa: N801 - reads as the SQL function it compiles to
    """`day` plus `days` (an integer column) as a date, on every database."""

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
    return f"date({day}, ({days}) || ' days')"


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


def recipient_days(now: datetime) -> LocalDays:
    return LocalDays.at(now, zones_in_use())


def with_recipient_day(stmt, days: LocalDays, recipient=_Recipient):
    """`stmt` joined to the recipient's country and the row of their zone in `days`."""
    return (stmt.join(_RecipientCountry, _RecipientCountry.code == recipient.country_code)
            .join(days.table, days.c.zone == zone_of_user(recipient, _RecipientCountry)))


@dataclass(frozen=True)
class DayBands:
    """A small table of `(offset_days, after, until)` in days relative to the recipient's
    today: a band covers the days after `after` (None: however long ago) up to and
    including `until`."""

    table: Subquery
    after: int | None
    until: int

    @property
    def c(self):
        return self.table.c

    @classmethod
    def of(cls, rows: list[tuple[int, int | None, int]]) -> DayBands:
        table = union_all(*(select(literal(offset, Integer()).label("offset_days"),
                                   literal(after, Integer()).label("after"),
                                   literal(until, Integer()).label("until"))
                            for offset, after, until in rows)).subquery("day_bands")
        afters = [after for _offset, after, _until in rows]
        return cls(table, None if None in afters else min(afters),
                   max(until for _offset, _after, until in rows))


def days_ahead(offsets: tuple[int, ...], catch_up: int) -> DayBands:
    """A band per offset between it and the next smaller one; the smallest reaches back
    `catch_up` days past the date, so a missed scan still sends the nearest reminder."""
    return DayBands.of([(offset, max((o for o in offsets if o < offset), default=-catch_up),
                         offset) for offset in offsets])


def days_behind(offsets: tuple[int, ...]) -> DayBands:
    """A band per offset from it back to the next larger one; the largest reaches back for
    ever, so a lapse missed by the scheduler is reminded however long ago it began."""
    return DayBands.of([(offset, max((-o for o in offsets if o > offset), default=None),
                         -offset) for offset in offsets])


def on_day_band(column, bands: DayBands, days: LocalDays):
    """`column` falls in a band around the recipient's today; first within the span of
    every band in every zone, which lets the database narrow the scan."""
    today = days.c.today
    span = [column <= literal(days.last + timedelta(days=bands.until), Date())]
    if bands.after is not None:
        span.append(column > literal(days.first + timedelta(days=bands.after), Date()))
    return and_(*span, column <= add_days(today, bands.c.until),
                or_(bands.c.after.is_(None), column > add_days(today, bands.c.after)))


def next_checkin_due():
    """For a row joined to Pairing and Programme: a cadence after the pairing's last check-in,
    or after its start (as the mentor's view computes it)."""
    start = utc_day(Pairing.started_at)
    last = (select(func.max(CheckIn.held_on)).where(CheckIn.pairing_id == Pairing.id)
            .scalar_subquery())
    return add_days(later_day(func.coalesce(last, start), start),
                    Programme.checkin_cadence_days)


def _per_recipient(column):
    """A variant that keeps one reminder per person and per date (`2027-04-09.u12`)."""
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
    """The pairing is still active and no check-in since has moved the due date past the
    recipient's today."""
    days = recipient_days(now)
    stmt = (select(Notification.id)
            .join(Pairing, Pairing.id == Notification.subject_id)
            .join(Programme, Programme.id == Pairing.programme_id)
            .join(_Recipient, _Recipient.id == Notification.user_id))
    return with_recipient_day(stmt, days).where(Notification.id.in_(ids), _ACTIVE,
                                                next_checkin_due() < days.c.today)


@register("checkin-overdue", subject="pairing", optional=True, offsets=(3,),
          relevant=_checkin_relevant)
def checkin_overdue(now, offsets):
    """Mentor and mentee of an active pairing whose next check-in is an offset's days past
    on their own calendar; once per due date, so each new lapse reminds again."""
    due = next_checkin_due()
    days, bands = recipient_days(now), days_behind(offsets)
    stmt = (select(_Recipient.id.label("user_id"), Pairing.id.label("subject_id"),
                   bands.c.offset_days, _per_recipient(due))
            .join(Programme, Programme.id == Pairing.programme_id)
            .join(_Recipient, _EITHER_SIDE))
    return (with_recipient_day(stmt, days).join(bands.table, on_day_band(due, bands, days))
            .where(_ACTIVE, Pairing.started_at.is_not(None)))


def _milestone_relevant(ids: list[int], now: datetime):
    """Not done, not past its catch-up on the recipient's calendar, and the recipient is
    still one side of an active pairing."""
    days = recipient_days(now)
    stmt = (select(Notification.id)
            .join(Milestone, Milestone.id == Notification.subject_id)
            .join(Pairing, and_(Pairing.application_id == Milestone.application_id, _ACTIVE))
            .join(_Recipient, _Recipient.id == Notification.user_id))
    return with_recipient_day(stmt, days).where(
        Notification.id.in_(ids), Milestone.status != ItemStatus.DONE.value,
        Milestone.due_on > add_days(days.c.today, literal(-MILESTONE_CATCH_UP, Integer())),
        or_(Pairing.mentor_id == Notification.user_id,
            Pairing.mentee_id == Notification.user_id))


@register("milestone-due", subject="milestone", optional=True, offsets=(14, 1),
          relevant=_milestone_relevant)
def milestone_due(now, offsets):
    """Mentee and mentor of the active pairing, a milestone not done an offset's days before
    it is due on their own calendar (again if the pair moves the date); one missed by the
    scan until after its date gets the nearest reminder instead."""
    days, bands = recipient_days(now), days_ahead(offsets, MILESTONE_CATCH_UP)
    stmt = (select(_Recipient.id.label("user_id"), Milestone.id.label("subject_id"),
                   bands.c.offset_days, _per_recipient(Milestone.due_on))
            .join(Pairing, and_(Pairing.application_id == Milestone.application_id, _ACTIVE))
            .join(_Recipient, _EITHER_SIDE))
    return (with_recipient_day(stmt, days)
            .join(bands.table, on_day_band(Milestone.due_on, bands, days))
            .where(Milestone.status != ItemStatus.DONE.value))
