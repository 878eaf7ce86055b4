"""Days typed in a console form, read in the admin's own time zone."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from flask_babel import gettext

from ...timeutils import zone
from ..pages import me


def day_start(typed: dict, name: str, problems: dict, *, after: bool = False) -> datetime | None:
    """The start of the day typed under `name` (YYYY-MM-DD) in the admin's time zone; with
    `after`, the start of the next day, so that a period's last day is included. A malformed
    day is named in `problems`; an empty one is None."""
    text = (typed.get(name) or "").strip()
    if not text:
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        problems[name] = [gettext("Give a date as YYYY-MM-DD.")]
        return None
    if after:
        day += timedelta(days=1)
    return datetime.combine(day, datetime.min.time(), zone(me().effective_timezone))
