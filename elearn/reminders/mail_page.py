"""Mail kept as files (no SMTP server configured): a page where programme admins read what a
demo or a fresh install has sent, and each message as it would have gone out."""

from __future__ import annotations

from email import message_from_bytes, policy
from pathlib import Path

from flask import Response, current_app, render_template
from flask_babel import format_datetime, get_locale
from flask_babel import lazy_gettext as _l
from flask_smorest import Blueprint

from ..accounts.auth import actor
from ..accounts.permissions import is_programme_admin
from ..errors import Forbidden, NotFound
from ..extensions import db
from ..i18n import RTL_LANGUAGES
from ..web.pagination import PaginationArgsSchema, paginate
from .mailer import mail_folder
from .models import Notification
from .services import kept_mail_query

page_bp = Blueprint("mail_page", __name__, url_prefix="/mail",
                    description="Mail kept as files when no SMTP server is configured (HTML)")
PAGE_SIZE = 50


def read_kept(notification: Notification) -> bytes:
    """The bytes of the .eml file a notification was kept in; NotFound without one."""
    if not notification.mail_file:
        raise NotFound(_l("This notification was not kept as a file."))
    folder = mail_folder(current_app.config, current_app.instance_path)
    path = Path(notification.mail_file).resolve()
    if folder not in path.parents or not path.is_file():
        raise NotFound(_l("This notification was not kept as a file."))
    return path.read_bytes()


def _programme_admin():
    caller = actor()
    if not is_programme_admin(caller):
        raise Forbidden(_l("Only programme admins can read the mail kept by this server."))
    return caller


def _html(template: str, **context) -> Response:
    language = str(get_locale())
    html = render_template(template, language=language, rtl=language in RTL_LANGUAGES,
                           **context)
    return Response(html, mimetype="text/html", headers={"Cache-Control": "no-store"})


@page_bp.get("")
@page_bp.arguments(PaginationArgsSchema, location="query")
@page_bp.alt_response(200, description="The list (HTML)", content_type="text/html",
                      success=True)
def list_mail(args):
    """The mail this server kept as files, newest first (programme admins)."""
    _programme_admin()
    page = paginate(kept_mail_query(), {"page": args["page"], "per_page": PAGE_SIZE})
    return _html("mail_files.html", rows=page["items"], page=page["page"],
                 more=page["page"] * PAGE_SIZE < page["total"],
                 when=lambda moment: format_datetime(moment))


@page_bp.get("/<int:notification_id>")
@page_bp.alt_response(200, description="One message (HTML)", content_type="text/html",
                      success=True)
def show_mail(notification_id):
    """One kept message: its headers and its text."""
    _programme_admin()
    notification = db.session.get(Notification, notification_id)
    if notification is None:
        raise NotFound(_l("This notification was not kept as a file."))
    message = message_from_bytes(read_kept(notification), policy=policy.default)
    body = message.get_body(preferencelist=("plain",))
    return _html("mail_message.html", notification=notification, message=message,
                 text=body.get_content() if body is not None else "")


BLUEPRINTS = (page_bp,)
