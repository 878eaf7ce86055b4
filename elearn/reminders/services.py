"""Rule settings, country calendars, people's preferences and the admin's view of the outbox."""

from __future__ import annotations

import logging
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, delete, select

from ..accounts.models import Country, User
from ..accounts.permissions import (
    admin_countries,
    is_programme_admin,
    require_admin,
    require_country_admin,
    scope_by_country,
)
from ..audit.services import record
from ..errors import Conflict, Forbidden, NotFound, RuleViolation, one_or_404
from ..extensions import db
from .models import GLOBAL, Holiday, Notification, OptOut, RuleSetting, Status
from .outbox import effective_settings, produce
from .rules import RULES, Rule

logger = logging.getLogger(__name__)


def get_rule(kind: str) -> Rule:
    rule = RULES.get(kind)
    if rule is None:
        raise NotFound(_l("No such reminder rule."))
    return rule


def rule_settings(rule: Rule, scope: str) -> dict:
    """The rule as it holds in `scope` (GLOBAL or a country), and whether it is inherited."""
    row = db.session.get(RuleSetting, (rule.kind, scope))
    if row is None and scope != GLOBAL:
        enabled, offsets = effective_settings(rule)[scope]
    elif row is None:
        enabled, offsets = True, rule.default_offsets
    else:
        enabled, offsets = row.enabled, tuple(row.offsets)
    return {"kind": rule.kind, "scope": scope, "optional": rule.optional,
            "enabled": enabled, "offsets": sorted(offsets, reverse=True),
            "default_offsets": list(rule.default_offsets), "inherited": row is None}


def require_scope_admin(actor: User, scope: str) -> None:
    """Programme admins set global rules; national admins those of their own country."""
    if scope == GLOBAL:
        if not is_programme_admin(actor):
            raise Forbidden(_l("Only programme administrators set the global rules."))
        return
    require_country_admin(actor, scope)


def set_rule(actor: User, rule: Rule, scope: str, data: dict, *, now: datetime) -> dict:
    """Switch a rule on or off and set its offsets for `scope`.

    Raises Forbidden, RuleViolation (offsets on a rule fired by an event, or none on one
    that needs them).
    """
    require_scope_admin(actor, scope)
    offsets = sorted(set(data.get("offsets", rule.default_offsets)), reverse=True)
    if not rule.takes_offsets and offsets:
        raise RuleViolation(errors={"offsets": [
            _l("This reminder is sent when something happens; it takes no offsets.")]},
            type="invalid-rule-settings")
    if rule.takes_offsets and not offsets:
        raise RuleViolation(errors={"offsets": [_l("Give at least one offset.")]},
                            type="invalid-rule-settings")
    row = db.session.get(RuleSetting, (rule.kind, scope)) or RuleSetting(kind=rule.kind,
                                                                       scope=scope)
    row.enabled = data.get("enabled", True)
    row.offsets = offsets
    row.updated_by_id, row.updated_at = actor.id, now
    db.session.add(row)
    db.session.flush()
    record(actor, "reminder-rule.update", "reminder-rule", f"{rule.kind}:{scope}",
           country_code=None if scope == GLOBAL else scope,
           details={"enabled": row.enabled, "offsets": offsets}, now=now)
    return rule_settings(rule, scope)


def queue_now(actor: User, rule: Rule, *, now: datetime) -> int:
    """Add what the rule is due to send now, in the actor's countries, to the outbox without
    waiting for the next scan; returns how many were new. Each still goes out once, at its
    recipient's allowed time (quiet hours, working days), as a scan would send it.

    Raises Forbidden (not an admin), RuleViolation (a rule fired by an event).
    """
    require_admin(actor)
    if rule.candidates is None:
        raise RuleViolation(_l("This reminder is sent when something happens; there is "
                               "nothing to send now."), type="event-driven-rule")
    countries = admin_countries(actor)
    added = produce(rule, now=now, countries=countries)
    record(actor, "reminder-rule.run", "reminder-rule", rule.kind,
           country_code=next(iter(countries)) if countries and len(countries) == 1 else None,
           details={"added": added}, now=now)
    return added


def get_country(actor: User, code: str, *, manage: bool = False) -> Country:
    country = db.session.get(Country, code.upper()) if len(code) == 2 else None
    if country is None:
        raise NotFound(_l("No such country."))
    if manage:
        require_admin(actor)
        require_country_admin(actor, country.code)
    return country


def calendar(country: Country) -> dict:
    holidays = db.session.scalars(select(Holiday).where(Holiday.country_code == country.code)
                                  .order_by(Holiday.day)).all()
    return {"country": country.code, "timezone": country.timezone,
            "weekend": sorted(int(day) for day in country.weekend.split(",") if day),
            "holidays": [{"date": h.day, "name": h.name} for h in holidays]}


def set_calendar(actor: User, country: Country, data: dict, *, now: datetime) -> dict:
    """Replace a country's weekend days and public holidays."""
    country.weekend = ",".join(str(day) for day in sorted(set(data["weekend"])))
    db.session.execute(delete(Holiday).where(Holiday.country_code == country.code))
    days = {}
    for holiday in data.get("holidays", []):
        days[holiday["date"]] = holiday.get("name", "")
    db.session.add_all(Holiday(country_code=country.code, day=day, name=name)
                       for day, name in days.items())
    db.session.flush()
    record(actor, "calendar.update", "country", country.code, country_code=country.code,
           details={"weekend": country.weekend, "holidays": len(days)}, now=now)
    return calendar(country)


# People's own notifications and preferences ------------------------------------------------


def my_notifications_query(user: User, *, unread: bool | None = None) -> Select:
    stmt = select(Notification).where(Notification.user_id == user.id,
                                      Notification.channel == "in_app",
                                      Notification.status == Status.SENT)
    if unread is not None:
        stmt = stmt.where(Notification.read_at.is_(None) if unread
                          else Notification.read_at.is_not(None))
    return stmt.order_by(Notification.sent_at.desc(), Notification.id.desc())


def mark_read(user: User, notification_id: int, read: bool, *, now: datetime) -> Notification:
    notification = one_or_404(my_notifications_query(user).where(
        Notification.id == notification_id), _l("No such notification."))
    notification.read_at = (notification.read_at or now) if read else None
    db.session.flush()
    return notification


def preferences(user: User) -> dict:
    """Every optional kind and whether the person receives it."""
    out = set(db.session.scalars(select(OptOut.kind).where(OptOut.user_id == user.id)))
    return {"kinds": [{"kind": kind, "subscribed": kind not in out}
                      for kind, rule in RULES.items() if rule.optional]}


def set_preferences(user: User, choices: dict[str, bool], *, now: datetime) -> dict:
    """Opt out of (False) or back into (True) optional kinds; others are refused with 422."""
    refused = sorted(kind for kind in choices if kind not in RULES or not RULES[kind].optional)
    if refused:
        raise RuleViolation(errors={"kinds": [
            _l("Only optional reminders can be switched off: %(kinds)s.",
               kinds=", ".join(refused))]}, type="not-optional")
    for kind, subscribed in choices.items():
        existing = db.session.get(OptOut, (user.id, kind))
        if subscribed and existing is not None:
            db.session.delete(existing)
        elif not subscribed and existing is None:
            db.session.add(OptOut(user_id=user.id, kind=kind, created_at=now))
    db.session.flush()
    return preferences(user)


def unsubscribe(user_id: int, kind: str, *, now: datetime) -> User:
    """What a signed unsubscribe link does: opt the person out of that kind."""
    user = db.session.get(User, user_id)
    if user is None or kind not in RULES or not RULES[kind].optional:
        raise NotFound(_l("This link is no longer valid."), type="invalid-unsubscribe-link")
    set_preferences(user, {kind: False}, now=now)
    return user


# The admin's view ----------------------------------------------------------------------------


def notifications_query(actor: User, args: dict) -> Select:
    """Notifications to people of `actor`'s countries, filtered as the outbox's `args` ask,
    newest first."""
    stmt = scope_notifications(select(Notification), actor)
    for name in ("status", "channel", "kind", "user_id"):
        if name in args:
            stmt = stmt.where(getattr(Notification, name) == args[name])
    return stmt.order_by(Notification.created_at.desc(), Notification.id.desc())


def kept_mail_query() -> Select:
    """The mail this server kept as files, newest first."""
    return (select(Notification).where(Notification.mail_file.is_not(None))
            .order_by(Notification.sent_at.desc(), Notification.id.desc()))


def scope_notifications(stmt: Select, actor: User) -> Select:
    require_admin(actor)
    return scope_by_country(stmt, actor, Notification.country_code)


def get_notification(actor: User, notification_id: int) -> Notification:
    return one_or_404(scope_notifications(
        select(Notification).where(Notification.id == notification_id), actor),
        _l("No such notification."))


def resend(actor: User, notification: Notification, *, now: datetime) -> Notification:
    """Queue a failed (or cancelled) notification again, attempts reset. Raises Conflict."""
    if notification.status not in (Status.FAILED, Status.CANCELLED):
        raise Conflict(_l("Only a failed or cancelled notification can be sent again."),
                       type="not-resendable")
    previous = notification.status
    notification.status, notification.attempts = Status.PENDING.value, 0
    notification.scheduled_for, notification.claimed_at = now, None
    db.session.flush()
    record(actor, "notification.resend", "notification", notification.id,
           country_code=notification.country_code,
           details={"previous_status": previous, "last_error": notification.last_error},
           now=now)
    return notification


def is_subscribed(user_id: int, kind: str) -> bool:
    return db.session.get(OptOut, (user_id, kind)) is None


def language_of(user_id: int) -> str:
    from ..i18n import user_locale

    user = db.session.get(User, user_id)
    return user_locale(user) if user is not None else "en"
