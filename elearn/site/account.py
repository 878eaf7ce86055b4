"""My notifications and my settings: reminders I receive, name, language, time zone,
password, and signing out everywhere."""

from __future__ import annotations

from zoneinfo import available_timezones

import marshmallow as ma
from flask import flash, g, redirect, request, session, url_for
from flask_babel import gettext
from flask_login import logout_user

from ..accounts import services as accounts
from ..accounts.schemas import UserUpdateSchema
from ..errors import ElearnError
from ..extensions import db
from ..reminders import services as reminders
from ..timeutils import utcnow
from ..web.pagination import paginate
from .pages import bp, me, page_args, problems_of, render, signed_in

# The zones people live in, not the historical aliases.
ZONES = sorted(zone for zone in available_timezones()
               if zone.split("/")[0] in {"Africa", "America", "Asia", "Atlantic", "Australia",
                                         "Europe", "Indian", "Pacific"} or zone == "UTC")


@bp.get("/notifications")
@signed_in
def notifications_page():
    """My notifications, newest first."""
    page = paginate(reminders.my_notifications_query(me()),
                    page_args(20))
    return render("site/notifications.html", page=page)


@bp.post("/notifications/<int:notification_id>/read")
@signed_in
def mark_notification_read(notification_id):
    reminders.mark_read(me(), notification_id, True, now=utcnow())
    db.session.commit()
    return redirect(url_for("site.notifications_page"))


def _settings_page(*, status: int = 200, typed: dict | None = None,
                   problems: dict | None = None):
    return render("site/settings.html", status=status, zones=ZONES,
                  preferences=reminders.preferences(me())["kinds"], typed=typed or {},
                  problems=problems or {})


@bp.get("/settings")
@signed_in
def settings_page():
    """Reminders I receive, my name, language, time zone and password."""
    return _settings_page()


def _change_me(data: dict):
    try:
        loaded = UserUpdateSchema().load(data)
        accounts.update_user(me(), me(), loaded, now=utcnow(), current=g.get("auth_session"))
    except (ma.ValidationError, ElearnError) as error:
        db.session.rollback()
        typed = {name: value for name, value in data.items() if "password" not in name}
        return _settings_page(status=getattr(error, "status", 422), typed=typed,
                              problems=problems_of(error))
    db.session.commit()
    return None


@bp.post("/settings/profile")
@signed_in
def change_profile():
    data = {name: request.form.get(name, "").strip() for name in ("name", "language", "timezone")}
    refused = _change_me({name: value for name, value in data.items() if value})
    if refused is not None:
        return refused
    session["language"] = me().language
    flash(gettext("Your settings are saved."), "done")
    return redirect(url_for("site.settings_page"))


@bp.post("/settings/password")
@signed_in
def change_password():
    """A new password; every other session and token of mine ends."""
    refused = _change_me({"password": request.form.get("password", ""),
                          "current_password": request.form.get("current_password", "")})
    if refused is not None:
        return refused
    flash(gettext("Your password is changed; you were signed out everywhere else."), "done")
    return redirect(url_for("site.settings_page"))


@bp.post("/settings/reminders")
@signed_in
def change_reminders():
    wanted = set(request.form.getlist("kind"))
    choices = {entry["kind"]: entry["kind"] in wanted
               for entry in reminders.preferences(me())["kinds"]}
    reminders.set_preferences(me(), choices, now=utcnow())
    db.session.commit()
    flash(gettext("Your settings are saved."), "done")
    return redirect(url_for("site.settings_page"))


@bp.post("/settings/sign-out-everywhere")
@signed_in
def sign_out_everywhere():
    """End every session and token of mine, this one included."""
    accounts.revoke_sessions(me(), now=utcnow())
    db.session.commit()
    logout_user()
    session.clear()
    return redirect(url_for("site.sign_in"))
