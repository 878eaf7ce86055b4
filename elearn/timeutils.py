"""Time: UTC in the database, aware datetimes everywhere in Python."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

from sqlalchemy import Date, DateTime, String, Subquery, literal, select, union_all
from sqlalchemy.types import TypeDecorator


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """A timestamp stored in UTC that always comes back timezone-aware (SQLite drops the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; attach a time zone")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def is_valid_timezone(name: str) -> bool:
    return name in _zones()


def timezone_names() -> list[str]:
    """Every IANA zone name this installation knows, sorted."""
    return sorted(_zones())


@cache
def _zones() -> frozenset[str]:
    return frozenset(available_timezones())


def zone(name: str | None) -> ZoneInfo:
    return ZoneInfo(name or "UTC")


@dataclass(frozen=True)
class LocalDays:
    """A small table of `(zone, today)`: the calendar day it is at one instant in each zone,
    to join on a person's or a country's zone, so that every row compares dates with its own
    "today"; `first` and `last` are the earliest and latest of those days."""

    table: Subquery
    first: date
    last: date

    @property
    def c(self):
        return self.table.c

    @classmethod
    def at(cls, now: datetime, zone_names) -> LocalDays:
        days = {name: now.astimezone(zone(name)).date() for name in set(zone_names) or {"UTC"}}
        table = union_all(*(select(literal(name, String()).label("zone"),
                                   literal(today, Date()).label("today"))
                            for name, today in sorted(days.items()))).subquery("local_days")
        return cls(table, min(days.values()), max(days.values()))
