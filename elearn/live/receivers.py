"""How live delivery reacts to the other domains: an enrolment completes only once its
offering's attendance minimum is met."""

from __future__ import annotations

from .. import signals
from . import attendance


def _completion_wanted(enrollment, *, now) -> bool:
    return attendance.completion_allowed(enrollment)


def connect() -> None:
    signals.completion_wanted.connect(_completion_wanted)
