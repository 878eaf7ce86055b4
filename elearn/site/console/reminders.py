"""Reminders in the console: each rule as it holds in my country (or globally, for programme
admins) switched on or off with its days, the country's working week and holidays, a
preview of who a rule would remind and who it skips and why, and queueing that at once."""

from __future__ import annotations

from datetime import date

import marshmallow as ma
from babel.dates import get_day_names
from flask import flash, redirect, request, url_for
from flask_babel import get_locale, gettext, ngettext

from ...accounts.permissions import is_programme_admin
from ...errors import ElearnError
from ...extensions import db
from ...reminders import services
from ...reminders.models import GLOBAL
from ...reminders.preview import preview
from ...reminders.rules import RULES
from ...reminders.schemas import CalendarUpdateSchema, RuleSettingUpdateSchema
from ...timeutils import utcnow
from ..pages import admin_only, bp, me, problems_of, render


def _scope() -> str:
    """The scope the page shows: a national admin's own country; for a programme admin the
    country asked for in the address, else the global rules."""
    if not is_programme_admin(me()):
        return me().country_code
    asked = (request.values.get("scope") or "").strip().upper()
    return asked if asked and asked != GLOBAL else GLOBAL


def _rules_page(*, status: int = 200, problems: dict | None = None, typed: dict | None = None):
    scope = _scope()
    if scope != GLOBAL:
        country = services.get_country(me(), scope, manage=True)
        week = services.calendar(country)
    else:
        week = None
    settings = [services.rule_settings(rule, scope) for rule in RULES.values()]
    return render("site/console/reminders.html", status=status, scope=scope, settings=settings,
                  week=week, problems=problems or {}, typed=typed or {},
                  previewable={kind for kind, rule in RULES.items()
                               if rule.candidates is not None},
                  days=get_day_names("wide", locale=get_locale()),
                  any_country=is_programme_admin(me()))


@bp.get("/console/reminders")
@admin_only
def reminders_page():
    """Every rule as it holds here, and the working week."""
    return _rules_page()


def _offsets(text: str) -> list[int] | None:
    """'7, 1' as [7, 1]; None when it is not whole days separated by commas."""
    parts = [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]
    return [int(part) for part in parts] if all(part.isdigit() for part in parts) else None


@bp.post("/console/reminders/<kind>")
@admin_only
def save_rule_page(kind):
    """Switch a rule on or off here and set its days."""
    rule = services.get_rule(kind)
    typed = {"kind": kind, "offsets": request.form.get("offsets", "").strip()}
    data: dict = {"enabled": request.form.get("enabled") == "on"}
    if rule.takes_offsets:
        offsets = _offsets(typed["offsets"])
        if offsets is None:
            return _rules_page(status=422, typed=typed, problems={f"{kind}-offsets": [
                gettext("Give whole days separated by commas, for example 7, 1.")]})
        data["offsets"] = offsets
    try:
        services.set_rule(me(), rule, _scope(), RuleSettingUpdateSchema().load(data),
                          now=utcnow())
    except (ma.ValidationError, ElearnError) as error:
        db.session.rollback()
        return _rules_page(status=getattr(error, "status", 422), typed=typed, problems={
            f"{kind}-{field}": texts for field, texts in problems_of(error).items()})
    db.session.commit()
    flash(gettext("The reminder is saved."), "done")
    return redirect(url_for("site.reminders_page", scope=_scope()))


def _holidays(text: str, problems: dict) -> list[dict]:
    """One holiday a line, 'YYYY-MM-DD name'."""
    holidays = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        day, _, name = line.strip().partition(" ")
        try:
            holidays.append({"date": date.fromisoformat(day).isoformat(),
                             "name": name.strip()})
        except ValueError:
            problems.setdefault("holidays", []).append(
                gettext("Line %(number)d: start with a date as YYYY-MM-DD.", number=number))
    return holidays


@bp.post("/console/reminders/calendar")
@admin_only
def save_calendar_page():
    """Replace the country's weekend days and holidays, which reminders that may wait for a
    working day respect."""
    scope = _scope()
    typed = {"holidays": request.form.get("holidays", ""),
             "weekend": request.form.getlist("weekend")}
    problems: dict = {}
    data = {"weekend": [int(day) for day in typed["weekend"] if day.isdigit()],
            "holidays": _holidays(typed["holidays"], problems)}
    try:
        if problems:
            raise ma.ValidationError(problems)
        country = services.get_country(me(), scope, manage=True)
        services.set_calendar(me(), country, CalendarUpdateSchema().load(data), now=utcnow())
    except (ma.ValidationError, ElearnError) as error:
        db.session.rollback()
        return _rules_page(status=getattr(error, "status", 422), typed=typed,
                           problems=problems_of(error))
    db.session.commit()
    flash(gettext("The working week and holidays are saved."), "done")
    return redirect(url_for("site.reminders_page", scope=scope))


@bp.get("/console/reminders/<kind>/preview")
@admin_only
def reminder_preview_page(kind):
    """Who the rule would remind now in my countries, and who it skips and why."""
    rule = services.get_rule(kind)
    found = preview(me(), rule, now=utcnow())
    sending = sum(1 for item in found["items"] if item["action"] == "send")
    return render("site/console/reminder_preview.html", kind=kind, found=found,
                  sending=sending, zone=me().effective_timezone)


@bp.post("/console/reminders/<kind>/run")
@admin_only
def run_reminder_page(kind):
    """Queue now what the preview listed to send; each goes out once, at its time."""
    added = services.queue_now(me(), services.get_rule(kind), now=utcnow())
    db.session.commit()
    flash(ngettext("%(num)d message queued (by e-mail and in the app); each goes out at its "
                   "recipient's allowed time.",
                   "%(num)d messages queued (by e-mail and in the app); each goes out at its "
                   "recipient's allowed time.", added), "done")
    return redirect(url_for("site.outbox_page", kind=kind))
