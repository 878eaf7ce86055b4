"""How certification reacts to the other domains."""

from __future__ import annotations

from .. import signals
from .services import issue_for_enrollment
from .trainers import is_certified_trainer


def _issue_certificate(enrollment, *, now) -> None:
    issue_for_enrollment(enrollment, now=now)


def _certified_to_lead(person, *, course_code: str, now) -> bool:
    return is_certified_trainer(person.id, course_code, now=now)


def connect() -> None:
    signals.enrollment_completed.connect(_issue_certificate)
    signals.lead_trainer_wanted.connect(_certified_to_lead)
