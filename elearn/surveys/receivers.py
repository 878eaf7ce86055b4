"""How surveys react to the other domains: a completed enrolment asks for its evaluation."""

from __future__ import annotations

from .. import signals
from . import evaluations


def _evaluate(enrollment, *, now) -> None:
    evaluations.ask(enrollment, now=now)


def connect() -> None:
    signals.enrollment_completed.connect(_evaluate)
