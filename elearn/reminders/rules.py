"""The rule registry: each rule is one small function returning the set of (user, subject) it
reminds about at one offset, as a SELECT over the whole table, and a set-based relevance check
run again at send time.

Adding a rule is one decorated function::

    @register("milestone-due", subject="milestone", optional=True, offsets=(7, 1),
              relevant=milestone_still_open)
    def milestone_due(now, offset, offsets):
        return (select(Milestone.mentee_id.label("user_id"), Milestone.id.label("subject_id"))
                .where(Milestone.status == "open",
                       approaching(Milestone.due_on, now, offset, offsets)))
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Select, and_, exists, select
from sqlalchemy.orm import aliased

from ..certification.models import Certificate
from ..enrollments.models import Enrollment, EnrollmentStatus, Mode, Offering
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
    candidates: Callable[[datetime, int, tuple[int, ...]], Select] | None
    relevant: Callable[[list[int], datetime], Select]
    attach_ics: bool = False

    @property
    def takes_offsets(self) -> bool:
        return bool(self.default_offsets)


RULES: dict[str, Rule] = {}


def register(kind: str, *, subject: str, optional: bool, offsets: tuple[int, ...],
             relevant: Callable[[list[int], datetime], Select], attach_ics: bool = False):
    """Register the decorated ``candidates(now, offset, offsets)`` as rule ``kind``."""

    def wrap(candidates):
        RULES[kind] = Rule(kind, subject, optional, offsets, candidates, relevant, attach_ics)
        return candidates

    return wrap


def register_event(kind: str, *, subject: str, optional: bool,
                   relevant: Callable[[list[int], datetime], Select]) -> None:
    """A rule whose notifications are produced by a service when something happens."""
    RULES[kind] = Rule(kind, subject, optional, (), None, relevant)


def approaching(column, now: datetime, offset: int, offsets: tuple[int, ...]):
    """``column`` falls in the band of ``offset`` days ahead: closer than ``offset`` but not yet
    as close as the next smaller offset, so a late scan sends one reminder, not three."""
    nearer = max((o for o in offsets if o < offset), default=0)
    return and_(column > now + timedelta(days=nearer), column <= now + timedelta(days=offset))


def passed(column, now: datetime, offset: int):
    """``column`` passed at least ``offset`` days ago (within the catch-up window)."""
    limit = now - timedelta(days=offset)
    return and_(column <= limit, column > limit - CATCH_UP)


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


def _enrolments(*where) -> Select:
    return (select(Enrollment.user_id.label("user_id"), Enrollment.id.label("subject_id"))
            .join(Offering, Offering.id == Enrollment.offering_id)
            .where(Offering.cancelled_at.is_(None), *where))


def _certificates(*where) -> Select:
    return (select(Certificate.holder_id.label("user_id"), Certificate.id.label("subject_id"))
            .where(Certificate.revoked_at.is_(None),
                   ~exists().where(_Renewal.previous_id == Certificate.id), *where))


# The rules over enrolments. ----------------------------------------------------------------

_ENROLLED = Enrollment.status == EnrollmentStatus.ENROLLED


@register("enrolment-deadline", subject="enrollment", optional=True, offsets=(7, 1),
          relevant=_enrollment_relevant(
              lambda now: Enrollment.status == EnrollmentStatus.PENDING,
              lambda now: Offering.enrollment_deadline > now))
def enrolment_deadline(now, offset, offsets):
    """A request still pending approval when the offering's enrolment deadline nears."""
    return _enrolments(Enrollment.status == EnrollmentStatus.PENDING,
                       approaching(Offering.enrollment_deadline, now, offset, offsets))


@register("offering-start", subject="enrollment", optional=True, offsets=(7, 1),
          attach_ics=True,
          relevant=_enrollment_relevant(lambda now: _ENROLLED,
                                        lambda now: Offering.starts_at > now))
def offering_start(now, offset, offsets):
    """An enrolled learner, before the offering starts (an invitation for live sessions)."""
    return _enrolments(_ENROLLED, approaching(Offering.starts_at, now, offset, offsets))


@register("no-progress", subject="enrollment", optional=True, offsets=(14,),
          relevant=_enrollment_relevant(
              lambda now: _ENROLLED,
              lambda now: Enrollment.updated_at <= Notification.created_at))
def no_progress(now, offset, offsets):
    """An enrolled learner with nothing recorded for ``offset`` days, once per level of
    progress (the variant), so new activity followed by a new lull reminds again."""
    quiet_since = now - timedelta(days=offset)
    return (_enrolments(_ENROLLED, Enrollment.updated_at <= quiet_since,
                        Offering.starts_at <= quiet_since)
            .add_columns(Enrollment.progress_percent.label("variant")))


@register("due-soon", subject="enrollment", optional=True, offsets=(7, 1),
          relevant=_enrollment_relevant(lambda now: _ENROLLED,
                                        lambda now: Enrollment.due_at > now))
def due_soon(now, offset, offsets):
    """An enrolled learner whose due date nears."""
    return _enrolments(_ENROLLED, approaching(Enrollment.due_at, now, offset, offsets))


@register("overdue", subject="enrollment", optional=False, offsets=(1,),
          relevant=_enrollment_relevant(lambda now: _ENROLLED,
                                        lambda now: Enrollment.due_at <= now))
def overdue(now, offset, offsets):
    """An enrolled learner ``offset`` days past the due date, course not completed."""
    return _enrolments(_ENROLLED, passed(Enrollment.due_at, now, offset))


register_event("enrolment-approved", subject="enrollment", optional=False,
               relevant=_enrollment_relevant(lambda now: _ENROLLED))
register_event("waitlist-promoted", subject="enrollment", optional=False,
               relevant=_enrollment_relevant(lambda now: _ENROLLED))


# The rules over certificates. --------------------------------------------------------------


@register("certificate-expiring", subject="certificate", optional=False, offsets=(90, 30, 7),
          relevant=_certificate_relevant(lambda now: Certificate.expires_at > now))
def certificate_expiring(now, offset, offsets):
    """A valid certificate that expires within ``offset`` days and was not renewed."""
    return _certificates(approaching(Certificate.expires_at, now, offset, offsets))


@register("certificate-expired", subject="certificate", optional=False, offsets=(0,),
          relevant=_certificate_relevant(lambda now: Certificate.expires_at <= now))
def certificate_expired(now, offset, offsets):
    """A certificate that has just expired."""
    return _certificates(passed(Certificate.expires_at, now, offset))


LIVE_MODES = (Mode.LIVE_ONLINE.value, Mode.BLENDED.value)
