"""Filling the outbox: every rule's candidates become notification rows in one INSERT … SELECT
per (rule, setting), every offset and both channels at once, and a row that exists already
(same dedupe key) is skipped by the database itself, so producing twice, or from two processes
at once, is harmless."""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import String, cast, exists, literal, null, select, true, union_all

from ..accounts.models import Country, User
from ..database import dialect_insert
from ..extensions import db
from ..timeutils import UTCDateTime
from .models import GLOBAL, Channel, Notification, OptOut, RuleSetting, Status
from .rules import RULES, Rule
from .timing import Zones, next_allowed, send_time_expr

logger = logging.getLogger(__name__)

IN_APP_SUFFIX = ":app"
COLUMNS = ("user_id", "country_code", "kind", "dedupe_key", "channel", "subject_type",
           "subject_id", "offset_days", "scheduled_for", "status", "attempts", "created_at")


def occurrence(now: datetime) -> str:
    """The variant of an event that may happen again to the same subject (an approval after a
    withdrawal and a new request): the instant it happened, to the second."""
    return now.strftime("%Y%m%dT%H%M%S")


def dedupe_key(rule: Rule, offset: int | None, subject_id, variant=None) -> str:
    """E.g. `due-soon-7d:enrollment:42`; the in-app copy adds `:app`."""
    head = rule.kind if offset is None else f"{rule.kind}-{offset}d"
    tail = "" if variant is None else f":v{variant}"
    return f"{head}:{rule.subject}:{subject_id}{tail}"


def insert_rows(rows_select):
    """The INSERT … SELECT of notifications, `rows_select` giving the `COLUMNS` in order; a
    row whose dedupe key is queued already is skipped (an event is told once)."""
    return (dialect_insert()(Notification).from_select(list(COLUMNS), rows_select)
            .on_conflict_do_nothing(index_elements=["dedupe_key"]))


def switched_on_countries(kind: str) -> list[str]:
    """The countries where notification `kind` is on."""
    return [code for code, (enabled, _offsets) in effective_settings(RULES[kind]).items()
            if enabled]


def effective_settings(rule: Rule) -> dict[str, tuple[bool, tuple[int, ...]]]:
    """Per country: whether the rule is on and its offsets (the country's own setting, else
    the global one, else the rule's defaults)."""
    rows = {row.scope: row for row in db.session.scalars(
        select(RuleSetting).where(RuleSetting.kind == rule.kind))}
    default = rows.get(GLOBAL)
    base = ((default.enabled, tuple(default.offsets)) if default is not None
            else (True, rule.default_offsets))
    codes = db.session.scalars(select(Country.code)).all()
    return {code: ((rows[code].enabled, tuple(rows[code].offsets)) if code in rows else base)
            for code in codes}


def offset_groups(rule: Rule, *, switched_off_too: bool = False,
                  countries: set[str] | None = None) -> dict[tuple[int, ...], list[str]]:
    """Countries (all, or `countries`) that share the same offsets, for one INSERT each;
    those where the rule is switched off only with `switched_off_too`."""
    groups: dict[tuple[int, ...], list[str]] = {}
    for code, (enabled, offsets) in effective_settings(rule).items():
        if (enabled or switched_off_too) and (countries is None or code in countries):
            groups.setdefault(tuple(sorted(set(offsets), reverse=True)), []).append(code)
    return groups


def candidate_rows(rule: Rule, now: datetime, offsets: tuple[int, ...]):
    """The candidates at every offset joined to their recipient: (subquery, select over it)."""
    found = rule.candidates(now, offsets).subquery()
    stmt = (select(found, User.country_code.label("recipient_country"))
            .join(User, User.id == found.c.user_id)
            .join(Country, Country.code == User.country_code)
            .where(User.active))
    return found, stmt


def both_channels():
    """Both channels as a two-row table, each with the suffix of its dedupe key."""
    return union_all(*(select(literal(channel.value).label("channel"),
                              literal("" if channel == Channel.EMAIL else IN_APP_SUFFIX)
                              .label("suffix")) for channel in Channel)).subquery("channels")


def _dedupe_key_expr(rule: Rule, found, channels):
    """`dedupe_key` in SQL, for a row of the candidates and a channel."""
    key = (literal(f"{rule.kind}-") + cast(found.c.offset_days, String)
           + literal(f"d:{rule.subject}:") + cast(found.c.subject_id, String))
    if "variant" in found.c:
        key = key + literal(":v") + cast(found.c.variant, String)
    return key + channels.c.suffix


def produce(rule: Rule, *, now: datetime, zones: Zones | None = None,
            countries: set[str] | None = None) -> int:
    """Add the rule's due notifications to the outbox, for every country or `countries`;
    returns how many rows were new. `zones` may be shared by the rules of one scan."""
    added = 0
    when = send_time_expr(now, working_days_only=rule.optional, zones=zones)
    for offsets, codes in offset_groups(rule, countries=countries).items():
        if not offsets:
            continue
        found, stmt = candidate_rows(rule, now, offsets)
        stmt = stmt.where(User.country_code.in_(codes))
        if rule.optional:
            stmt = stmt.where(~exists().where(OptOut.user_id == found.c.user_id,
                                              OptOut.kind == rule.kind))
        channels = both_channels()
        rows = stmt.join(channels, true()).with_only_columns(
            found.c.user_id, User.country_code, literal(rule.kind),
            _dedupe_key_expr(rule, found, channels), channels.c.channel,
            literal(rule.subject), found.c.subject_id, found.c.offset_days, when,
            literal(Status.PENDING.value), literal(0), literal(now, UTCDateTime()))
        added += len(db.session.execute(insert_rows(rows).returning(Notification.id)).all())
    if added:
        logger.info("rule %s: %d notifications added", rule.kind, added)
    return added


def produce_all(*, now: datetime) -> dict[str, int]:
    zones = Zones.load()
    return {kind: produce(rule, now=now, zones=zones) for kind, rule in RULES.items()
            if rule.candidates is not None}


def notify(kind: str, user: User, subject_id: int, *, now: datetime, variant=None) -> None:
    """Produce an event's notifications (both channels) unless the rule is off for the
    user's country or they opted out; called by the services where the event happens.
    `variant` tells one occurrence of the event from another on the same subject (an
    enrolment approved again after a withdrawal is told again)."""
    rule = RULES[kind]
    enabled, _offsets = effective_settings(rule)[user.country_code]
    if not enabled:
        return
    if rule.optional and db.session.get(OptOut, (user.id, kind)) is not None:
        return
    when = next_allowed(now, user.effective_timezone, scheduled=False)
    key = dedupe_key(rule, None, subject_id, variant)
    for channel in Channel:
        values = {"user_id": user.id, "country_code": user.country_code, "kind": kind,
                  "dedupe_key": key if channel == Channel.EMAIL else key + IN_APP_SUFFIX,
                  "channel": channel.value, "subject_type": rule.subject,
                  "subject_id": subject_id, "offset_days": None, "scheduled_for": when,
                  "status": Status.PENDING.value, "attempts": 0, "created_at": now}
        db.session.execute(dialect_insert()(Notification).values(**values)
                           .on_conflict_do_nothing(index_elements=["dedupe_key"]))


def notify_people(kind: str, subject_id: int, people, *, now: datetime, variant: str = "") -> int:
    """Queue notification `kind` about one subject for each of `people` (a select of user
    ids), both channels, in one INSERT … SELECT: only active people, where the kind is on
    in their country and they did not opt out; due at once, held to their waking hours.
    `variant` tells one occurrence from another (a session's sequence)."""
    rule = RULES[kind]
    countries = switched_on_countries(kind)
    channels = both_channels()
    key = (literal(f"{kind}:{rule.subject}:{subject_id}:v{variant}") + cast(User.id, String)
           + channels.c.suffix)
    rows = (select(User.id, User.country_code, literal(kind), key, channels.c.channel,
                   literal(rule.subject), literal(subject_id), null(),
                   send_time_expr(now, working_days_only=False, scheduled=False),
                   literal(Status.PENDING.value), literal(0), literal(now, UTCDateTime()))
            .select_from(User).join(Country, Country.code == User.country_code)
            .join(channels, true())
            .where(User.id.in_(people), User.active, User.country_code.in_(countries),
                   ~exists().where(OptOut.user_id == User.id, OptOut.kind == kind)))
    inserted = db.session.execute(
        insert_rows(rows).returning(Notification.channel)).scalars().all()
    return sum(1 for channel in inserted if channel == Channel.EMAIL)
