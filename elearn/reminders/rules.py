"""The rule registry: each rule is one small function returning the set of (user, subject,
offset) it reminds about, every offset at once, as one SELECT over the whole table, and a
set-based relevance check run again at send time.

Adding a rule is one decorated function; its offsets are a small table of bands joined in, so
the table is read once whatever the number of offsets::

    @register("milestone-due", subject="milestone", optional=True, offsets=(7, 1),
              relevant=milestone_still_open)
    def milestone_due(now, offsets):
        band = approaching(now, offsets)
        return (select(Milestone.mentee_id.label("user_id"), Milestone.id.label("subject_id"),
                       band.c.offset_days)
                .join(band.table, within(Milestone.due_on, band))
                .where(Milestone.status == "open"))
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Date, Integer, Select, Subquery, and_, exists, literal, select, union_all
from sqlalchemy.orm import aliased

from ..certification.models import Certificate
from ..enrollments.models import Enrollment, EnrollmentStatus, Mode, Offering
from ..timeutils import UTCDateTime
from .models import Notification

# How far back an overdue or expired reminder still makes sense (a scan missed for a few days
# catches up; a rule switched on today does not dig up years of history).
CATCH_UP = timedelta(days=7)
_Renewal = aliased(Certificate)


@dataclass(frozen=True)
class Rule:
    kind: str
    subject: str  # what subject_id points at: enrollment, certificate, …
    optional: bool  # opt-out allowed; waits for a working day
    default_offsets: tuple[int, ...]  # days; empty for rules fired by an event
    candidates: Callable[[datetime, tuple[int, ...]], Select] | None
    relevant: Callable[[list[int], datetime], Select]
    attach_ics: bool = False

    @property
    def takes_offsets(self) -> bool:
        return bool(self.default_offsets)


RULES: dict[str, Rule] = {}


def register(kind: str, *, subject: str, optional: bool, offsets: tuple[int, ...],
             relevant: Callable[[list[int], datetime], Select], attach_ics: bool = False):
    """Register the decorated `candidates(now, offsets)` as rule `kind`: a select of
    `user_id`, `subject_id`, `offset_days` (and optionally `variant`)."""

    def wrap(candidates):
        RULES[kind] = Rule(kind, subject, optional, offsets, candidates, relevant, attach_ics)
        return candidates

    return wrap


def register_event(kind: str, *, subject: str, optional: bool,
                   relevant: Callable[[list[int], datetime], Select]) -> None:
    """A rule whose notifications are produced by a service when something happens."""
    RULES[kind] = Rule(kind, subject, optional, (), None, relevant)


@dataclass(frozen=True)
class Bands:
    """A small table of `(offset_days, after, until)`, one row per offset, to join in, and
    the span the bands cover together, which lets the database narrow the scan first."""

    table: Subquery
    after: date
    until: date

    @property
    def c(self):
        return self.table.c


def _bands(rows: list[tuple[int, date, date]]) -> Bands:
    kind = UTCDateTime() if isinstance(rows[0][1], datetime) else Date()
    table = union_all(*(select(literal(offset, Integer()).label("offset_days"),
                               literal(after, kind).label("after"),
                               literal(until, kind).label("until"))
                        for offset, after, until in rows)).subquery("bands")
    return Bands(table, literal(min(row[1] for row in rows), kind),
                 literal(max(row[2] for row in rows), kind))


def approaching(anchor: date, offsets: tuple[int, ...]) -> Bands:
    """Per offset, its band of days ahead of `anchor` (a datetime or a day): closer than the
    offset but not yet as close as the next smaller one, so a late scan sends one reminder,
    not three."""
    return _bands([(offset, anchor + timedelta(days=max((o for o in offsets if o < offset),
                                                        default=0)),
                    anchor + timedelta(days=offset)) for offset in offsets])


def passed(anchor: date, offsets: tuple[int, ...]) -> Bands:
    """Per offset, the days at least that many before `anchor`, within the catch-up window."""
    return _bands([(offset, anchor - timedelta(days=offset) - CATCH_UP,
                    anchor - timedelta(days=offset)) for offset in offsets])


def within(column, bands: Bands):
    """`column` falls in a band: after its start, up to and including its end."""
    return and_(column > bands.after, column <= bands.until,
                column > bands.c.after, column <= bands.c.until)


# Relevance checks: the ids of the given notifications that should still go out. -----------


def _enrollment_relevant(*conditions: Callable[[datetime], object]):
    def relevant(ids: list[int], now: datetime) -> Select:
        return (select(Notification.id)
                .join(Enrollment, Enrollment.id == Notification.subject_id)
                .join(Offering, Offering.id == Enrollment.offering_id)
                .where(Notification.id.in_(ids), Offering.cancelled_at.is_(None),
                       *(condition(now) for condition in conditions)))

    return relevant


def _certificate_relevant(*conditions: Callable[[datetime], object]):
    renewed = exists().where(_Renewal.previous_id == Certificate.id)

    def relevant(ids: list[int], now: datetime) -> Select:
        return (select(Notification.id)
                .join(Certificate, Certificate.id == Notification.subject_id)
                .where(Notification.id.in_(ids), Certificate.revoked_at.is_(None), ~renewed,
                       *(condition(now) for condition in conditions)))

    return relevant


def _enrolments(band: Bands, *where) -> Select:
    return (select(Enrollment.user_id.label("user_id"), Enrollment.id.label("subject_id"),
                   band.c.offset_days)
            .join(Offering, Offering.id == Enrollment.offering_id)
            .where(Offering.cancelled_at.is_(None), *where))


def _certificates(band: Bands, column) -> Select:
    return (select(Certificate.holder_id.label("user_id"), Certificate.id.label("subject_id"),
                   band.c.offset_days)
            .join(band.table, within(column, band))
            .where(Certificate.revoked_at.is_(None),
                   ~exists().where(_Renewal.previous_id == Certificate.id)))


# The rules over enrolments. ----------------------------------------------------------------

_ENROLLED = Enrollment.status == EnrollmentStatus.ENROLLED


@register("enrolment-deadline", subject="enrollment", optional=True, offsets=(7, 1),
          relevant=_enrollment_relevant(
              lambda now: Enrollment.status == EnrollmentStatus.PENDING,
              lambda now: Offering.enrollment_deadline > now))
def enrolment_deadline(now, offsets):
    """A request still pending approval when the offering's enrolment deadline nears."""
    band = approaching(now, offsets)
    return _enrolments(band, Enrollment.status == EnrollmentStatus.PENDING).join(
        band.table, within(Offering.enrollment_deadline, band))


@register("offering-start", subject="enrollment", optional=True, offsets=(7, 1),
          attach_ics=True,
          relevant=_enrollment_relevant(lambda now: _ENROLLED,
                                        lambda now: Offering.starts_at > now))
def offering_start(now, offsets):
    """An enrolled learner, before the offering starts (an invitation for live sessions)."""
    band = approaching(now, offsets)
    return _enrolments(band, _ENROLLED).join(band.table, within(Offering.starts_at, band))


@register("no-progress", subject="enrollment", optional=True, offsets=(14,),
          relevant=_enrollment_relevant(
              lambda now: _ENROLLED,
              lambda now: Enrollment.updated_at <= Notification.created_at))
def no_progress(now, offsets):
    """An enrolled learner with nothing recorded for an offset's days, once per level of
    progress (the variant), so new activity followed by a new lull reminds again."""
    band = passed(now, offsets)  # only its end: a lull of any length counts
    return (_enrolments(band, _ENROLLED)
            .join(band.table, and_(Enrollment.updated_at <= band.c.until,
                             Offering.starts_at <= band.c.until))
            .add_columns(Enrollment.progress_percent.label("variant")))


@register("due-soon", subject="enrollment", optional=True, offsets=(7, 1),
          relevant=_enrollment_relevant(lambda now: _ENROLLED,
                                        lambda now: Enrollment.due_at > now))
def due_soon(now, offsets):
    """An enrolled learner whose due date nears."""
    band = approaching(now, offsets)
    return _enrolments(band, _ENROLLED).join(band.table, within(Enrollment.due_at, band))


@register("overdue", subject="enrollment", optional=False, offsets=(1,),
          relevant=_enrollment_relevant(lambda now: _ENROLLED,
                                        lambda now: Enrollment.due_at <= now))
def overdue(now, offsets):
    """An enrolled learner an offset's days past the due date, course not completed."""
    band = passed(now, offsets)
    return _enrolments(band, _ENROLLED).join(band.table, within(Enrollment.due_at, band))


register_event("enrolment-approved", subject="enrollment", optional=False,
               relevant=_enrollment_relevant(lambda now: _ENROLLED))
register_event("waitlist-promoted", subject="enrollment", optional=False,
               relevant=_enrollment_relevant(lambda now: _ENROLLED))


# The rules over certificates. --------------------------------------------------------------


@register("certificate-expiring", subject="certificate", optional=False, offsets=(90, 30, 7),
          relevant=_certificate_relevant(lambda now: Certificate.expires_at > now))
def certificate_expiring(now, offsets):
    """A valid certificate that expires within an offset's days and was not renewed."""
    return _certificates(approaching(now, offsets), Certificate.expires_at)


@register("certificate-expired", subject="certificate", optional=False, offsets=(0,),
          relevant=_certificate_relevant(lambda now: Certificate.expires_at <= now))
def certificate_expired(now, offsets):
    """A certificate that has just expired."""
    return _certificates(passed(now, offsets), Certificate.expires_at)


LIVE_MODES = (Mode.LIVE_ONLINE.value, Mode.BLENDED.value)
