"""When a person may be written to: their local hours, quiet hours and their country's working
days, and which calendar day it is for them. Time zones are few, so instants and days are
computed once per zone in use and handed to SQL (one CASE, or a small table of zones joined
in), keeping every scan a single statement on every database."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from flask import current_app
from sqlalchemy import and_, case, func, literal, select

from ..accounts.models import Country, User
from ..extensions import db
from ..timeutils import UTCDateTime, zone
from .models import Holiday

LOOKAHEAD_DAYS = 21  # a longer run of holidays than this is not a calendar but a mistake


@dataclass(frozen=True)
class WorkingWeek:
    weekend: frozenset[int] = frozenset({6, 7})
    holidays: frozenset[date] = field(default_factory=frozenset)

    def is_working(self, day: date) -> bool:
        return day.isoweekday() not in self.weekend and day not in self.holidays


def parse_weekend(text: str) -> frozenset[int]:
    return frozenset(int(part) for part in text.split(",") if part.strip())


def parse_quiet_hours(text: str) -> tuple[int, int]:
    """`"21-7"` → (21, 7): no mail from 21:00 until 07:00 local time."""
    start, end = (int(part) for part in text.split("-"))
    if not (0 <= start <= 23 and 0 <= end <= 23):
        raise ValueError("quiet hours are two hours of the day, e.g. 21-7")
    return start, end


def _window(day: date, tz, *, scheduled: bool) -> tuple[datetime, datetime]:
    """The local hours of `day` in which mail may go out."""
    quiet_start, quiet_end = parse_quiet_hours(current_app.config["REMINDER_QUIET_HOURS"])
    opens = max(quiet_end, current_app.config["REMINDER_SEND_HOUR"]) if scheduled else quiet_end
    start = datetime.combine(day, time(opens), tz)
    end = (datetime.combine(day, time(quiet_start), tz) if quiet_start > opens
           else datetime.combine(day + timedelta(days=1), time(0), tz))
    return start, end


def next_allowed(now: datetime, zone_name: str, *, scheduled: bool = True,
                 week: WorkingWeek | None = None) -> datetime:
    """`now` if it falls in the person's sending hours (on a working day when `week` is
    given), else the start of the next such window."""
    tz = zone(zone_name)
    local_day = now.astimezone(tz).date()
    for ahead in range(LOOKAHEAD_DAYS):
        day = local_day + timedelta(days=ahead)
        if week is not None and not week.is_working(day):
            continue
        start, end = _window(day, tz, scheduled=scheduled)
        if now < end:
            return max(now, start)
    return now


def calendars() -> dict[str, WorkingWeek]:
    """Every country's working week and holidays (two queries)."""
    holidays: dict[str, set[date]] = {}
    for code, day in db.session.execute(select(Holiday.country_code, Holiday.day)):
        holidays.setdefault(code, set()).add(day)
    return {code: WorkingWeek(parse_weekend(weekend), frozenset(holidays.get(code, ())))
            for code, weekend in db.session.execute(select(Country.code, Country.weekend))}


def zone_of_user(user=User, country=Country):
    """The SQL expression of a user's time zone: their own, else their country's."""
    return func.coalesce(user.timezone, country.timezone)


def zones_in_use() -> list[str]:
    """The time zones of active users (their own, else their country's)."""
    return list(db.session.scalars(select(zone_of_user()).distinct()
                                   .join(Country, Country.code == User.country_code)
                                   .where(User.active)))


@dataclass(frozen=True)
class Zones:
    """Every country's working week and the (country, zone) pairs of active users: what a
    send time depends on, read once per scan."""

    weeks: dict[str, WorkingWeek]
    pairs: tuple[tuple[str, str], ...]

    @classmethod
    def load(cls) -> Zones:
        pairs = db.session.execute(
            select(User.country_code, zone_of_user())
            .join(Country, Country.code == User.country_code)
            .where(User.active).distinct()).all()
        return cls(calendars(), tuple((code, zone_name) for code, zone_name in pairs))


def send_time_expr(now: datetime, *, working_days_only: bool, zones: Zones | None = None,
                   scheduled: bool = True):
    """A CASE giving, for a row joined to User and Country, when its reminder may go out
    (`scheduled`: from the sending hour; otherwise, for an event, outside quiet hours)."""
    zones = zones or Zones.load()
    whens = [
        (and_(User.country_code == code, zone_of_user() == zone_name),
         literal(next_allowed(now, zone_name, scheduled=scheduled,
                              week=zones.weeks.get(code) if working_days_only else None),
                 UTCDateTime()))
        for code, zone_name in zones.pairs
    ]
    if not whens:
        return literal(now, UTCDateTime())
    return case(*whens, else_=literal(now, UTCDateTime()))


def local_day_start(now: datetime, zone_name: str) -> datetime:
    """Midnight of the person's current local day (the daily cap counts from it)."""
    tz = zone(zone_name)
    return datetime.combine(now.astimezone(tz).date(), time(0), tz)


def next_local_day(now: datetime, zone_name: str) -> datetime:
    """The first sending hour of the person's next local day (after the daily cap is hit)."""
    tz = zone(zone_name)
    tomorrow = datetime.combine(now.astimezone(tz).date() + timedelta(days=1), time(0), tz)
    return next_allowed(tomorrow, zone_name)
