"""How certification reacts to the other domains."""

from __future__ import annotations

from .. import signals
from .services import issue_for_enrollment


def _issue_certificate(enrollment, *, now) -> None:
    issue_for_enrollment(enrollment, now=now)


def connect() -> None:
    signals.enrollment_completed.connect(_issue_certificate)
