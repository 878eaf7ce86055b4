"""Reminder rules, country calendars, the outbox for admins, and people's own notifications."""

from __future__ import annotations

from flask import Response, render_template, request
from flask_babel import force_locale, gettext
from flask_smorest import Blueprint

from ..accounts.auth import actor
from ..errors import NotFound
from ..extensions import db
from ..i18n import RTL_LANGUAGES
from ..timeutils import utcnow
from ..web.pagination import PaginationArgsSchema, page_of, paginate
from . import services
from .mail_page import read_kept
from .messages import read_unsubscribe_token
from .models import GLOBAL
from .preview import preview
from .rules import RULES
from .schemas import (
    CalendarSchema,
    CalendarUpdateSchema,
    MyNotificationQueryArgsSchema,
    MyNotificationSchema,
    NotificationQueryArgsSchema,
    NotificationSchema,
    PreferencesSchema,
    PreviewSchema,
    ReadSchema,
    RuleSettingSchema,
    RuleSettingUpdateSchema,
    RunSchema,
    UnsubscribeSchema,
)

rules_bp = Blueprint("reminder_rules", __name__, url_prefix="/api/v1/reminder-rules",
                     description="Reminder rules: on/off and offsets, globally")
country_bp = Blueprint("country_reminders", __name__, url_prefix="/api/v1/countries",
                       description="A country's reminder rules and working calendar")
outbox_bp = Blueprint("notifications", __name__, url_prefix="/api/v1/notifications",
                      description="The notification outbox, for admins of the recipients")
my_bp = Blueprint("my_notifications", __name__, url_prefix="/api/v1/me",
                  description="The signed-in user's notifications and preferences")
public_bp = Blueprint("unsubscribe", __name__, url_prefix="/unsubscribe",
                      description="Unsubscribe links from reminder mails, without signing in")


def _page(items: list, args: dict) -> dict:
    start = (args["page"] - 1) * args["per_page"]
    return {"items": items[start:start + args["per_page"]], "page": args["page"],
            "per_page": args["per_page"], "total": len(items)}


@rules_bp.get("")
@rules_bp.arguments(PaginationArgsSchema, location="query")
@rules_bp.response(200, page_of(RuleSettingSchema))
def list_rules(args):
    """Every reminder rule with its global setting."""
    actor()
    return _page([services.rule_settings(rule, GLOBAL) for rule in RULES.values()], args)


@rules_bp.get("/<kind>")
@rules_bp.response(200, RuleSettingSchema)
def get_rule(kind):
    """One rule's global setting."""
    actor()
    return services.rule_settings(services.get_rule(kind), GLOBAL)


@rules_bp.put("/<kind>")
@rules_bp.arguments(RuleSettingUpdateSchema)
@rules_bp.response(200, RuleSettingSchema)
def put_rule(data, kind):
    """Set a rule globally (programme admins)."""
    result = services.set_rule(actor(), services.get_rule(kind), GLOBAL, data, now=utcnow())
    db.session.commit()
    return result


@rules_bp.get("/<kind>/preview")
@rules_bp.response(200, PreviewSchema)
def preview_rule(kind):
    """Who the rule would remind now in the caller's countries, and who it skips; sends nothing."""
    return preview(actor(), services.get_rule(kind), now=utcnow())


@rules_bp.post("/<kind>/run")
@rules_bp.response(200, RunSchema)
def run_rule(kind):
    """Queue now what the rule is due to send in the caller's countries, without waiting for
    the next scan (what the preview lists as `send`). Each reminder still goes out once, at
    its recipient's allowed time; a second run adds nothing."""
    rule = services.get_rule(kind)
    added = services.queue_now(actor(), rule, now=utcnow())
    db.session.commit()
    return {"kind": rule.kind, "added": added}


@country_bp.get("/<code>/reminder-rules")
@country_bp.arguments(PaginationArgsSchema, location="query")
@country_bp.response(200, page_of(RuleSettingSchema))
def list_country_rules(args, code):
    """Every rule as it holds in one country (its admins)."""
    country = services.get_country(actor(), code, manage=True)
    return _page([services.rule_settings(rule, country.code) for rule in RULES.values()], args)


@country_bp.put("/<code>/reminder-rules/<kind>")
@country_bp.arguments(RuleSettingUpdateSchema)
@country_bp.response(200, RuleSettingSchema)
def put_country_rule(data, code, kind):
    """Set a rule for one country (its national admins, or programme admins)."""
    country = services.get_country(actor(), code, manage=True)
    result = services.set_rule(actor(), services.get_rule(kind), country.code, data,
                               now=utcnow())
    db.session.commit()
    return result


@country_bp.get("/<code>/calendar")
@country_bp.response(200, CalendarSchema)
def get_calendar(code):
    """A country's weekend days and public holidays."""
    actor()
    return services.calendar(services.get_country(actor(), code))


@country_bp.put("/<code>/calendar")
@country_bp.arguments(CalendarUpdateSchema)
@country_bp.response(200, CalendarSchema)
def put_calendar(data, code):
    """Replace a country's weekend days and public holidays (its admins)."""
    country = services.get_country(actor(), code, manage=True)
    result = services.set_calendar(actor(), country, data, now=utcnow())
    db.session.commit()
    return result


@outbox_bp.get("")
@outbox_bp.arguments(NotificationQueryArgsSchema, location="query")
@outbox_bp.response(200, page_of(NotificationSchema))
def list_notifications(args):
    """Notifications to people of the caller's countries, failures included, newest first."""
    return paginate(services.notifications_query(actor(), args), args)


@outbox_bp.get("/<int:notification_id>")
@outbox_bp.response(200, NotificationSchema)
def get_notification(notification_id):
    """One notification, with its attempts and last error."""
    return services.get_notification(actor(), notification_id)


@outbox_bp.get("/<int:notification_id>/message")
@outbox_bp.alt_response(200, description="The message as it would have been sent",
                        content_type="message/rfc822", success=True)
def get_notification_message(notification_id):
    """The message of a notification kept as an .eml file (no SMTP server configured)."""
    notification = services.get_notification(actor(), notification_id)
    return Response(read_kept(notification), mimetype="message/rfc822", headers={
        "Content-Disposition": f'attachment; filename="notification-{notification.id}.eml"'})


@outbox_bp.post("/<int:notification_id>/resend")
@outbox_bp.response(200, NotificationSchema)
def resend_notification(notification_id):
    """Queue a failed or cancelled notification again."""
    notification = services.resend(actor(), services.get_notification(actor(), notification_id),
                                   now=utcnow())
    db.session.commit()
    return notification


@my_bp.get("/notifications")
@my_bp.arguments(MyNotificationQueryArgsSchema, location="query")
@my_bp.response(200, page_of(MyNotificationSchema))
def list_my_notifications(args):
    """My in-app notifications, newest first (`?unread=true` for the unread ones)."""
    return paginate(services.my_notifications_query(actor(), unread=args.get("unread")), args)


@my_bp.patch("/notifications/<int:notification_id>")
@my_bp.arguments(ReadSchema)
@my_bp.response(200, MyNotificationSchema)
def mark_my_notification(data, notification_id):
    """Mark one of my notifications read or unread."""
    notification = services.mark_read(actor(), notification_id, data["read"], now=utcnow())
    db.session.commit()
    return notification


@my_bp.get("/notification-preferences")
@my_bp.response(200, PreferencesSchema)
def get_preferences():
    """The optional reminders, and whether I receive each."""
    return services.preferences(actor())


@my_bp.put("/notification-preferences")
@my_bp.arguments(PreferencesSchema)
@my_bp.response(200, PreferencesSchema)
def put_preferences(data):
    """Opt out of optional reminders, or back in."""
    choices = {entry["kind"]: entry["subscribed"] for entry in data["kinds"]}
    result = services.set_preferences(actor(), choices, now=utcnow())
    db.session.commit()
    return result


def _link(token: str) -> tuple[int, str]:
    found = read_unsubscribe_token(token)
    if found is None:
        raise NotFound(gettext("This link is no longer valid."), type="invalid-unsubscribe-link")
    return found


def _answer(user_id: int, kind: str, *, done: bool):
    subscribed = services.is_subscribed(user_id, kind)
    if request.accept_mimetypes.best_match(["application/json", "text/html"]) == "text/html":
        language = services.language_of(user_id)
        with force_locale(language):
            page = render_template("mail/unsubscribe.html", kind=kind, done=done,
                                   language=language, rtl=language in RTL_LANGUAGES,
                                   subscribed=subscribed)
        return Response(page, mimetype="text/html")
    return {"kind": kind, "subscribed": subscribed}


@public_bp.get("/<token>")
@public_bp.doc(security=[])
@public_bp.response(200, UnsubscribeSchema)
def show_unsubscribe(token):
    """What an unsubscribe link stops (a page with a button for a browser)."""
    user_id, kind = _link(token)
    return _answer(user_id, kind, done=False)


@public_bp.post("/<token>")
@public_bp.doc(security=[])
@public_bp.response(200, UnsubscribeSchema)
def confirm_unsubscribe(token):
    """Stop the reminders a link was signed for (also the one-click POST of mail clients)."""
    user_id, kind = _link(token)
    services.unsubscribe(user_id, kind, now=utcnow())
    db.session.commit()
    return _answer(user_id, kind, done=True)


BLUEPRINTS = (rules_bp, country_bp, outbox_bp, my_bp, public_bp)
