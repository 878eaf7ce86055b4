"""The account invitation: a mail with a one-time link to choose a password.

It is not optional (no opt-out: without it the account cannot be used) and goes by e-mail
only: an in-app copy would wait behind the very sign-in it is for. It is always sent on its
own, never merged into a digest or held back by the daily cap, since it carries a link.
The link's token is derived when the mail is written (``accounts.tokens``): the outbox row
names the invitation, never the token.
"""

from __future__ import annotations

from datetime import datetime

from babel.dates import format_datetime
from flask import current_app
from flask_babel import gettext
from sqlalchemy import insert, select

from ..accounts.models import Invitation
from ..accounts.tokens import invitation_token
from ..extensions import db
from ..timeutils import zone
from .models import Channel, Notification, Status
from .rules import register_event

KIND = "account-invitation"
SUBJECT = "invitation"
KINDS = frozenset({KIND})


def N_(text: str) -> str:
    """Mark a message for extraction; it is translated when a mail is rendered."""
    return text


TEXTS = (N_("Choose your password for %(site)s"),
         N_("An account on %(site)s was created for you (%(email)s). Choose your password "
            "with the link below. The link works once, until %(date)s."))
ACTION = N_("Choose your password")


def _still_open(ids: list[int], now: datetime):
    return (select(Notification.id)
            .join(Invitation, Invitation.id == Notification.subject_id)
            .where(Notification.id.in_(ids), Invitation.used_at.is_(None),
                   Invitation.superseded_at.is_(None), Invitation.expires_at > now))


register_event(KIND, subject=SUBJECT, optional=False, relevant=_still_open)


def queue(invitations: list[tuple[int, int, str]], *, now: datetime) -> None:
    """Put one mail per ``(invitation id, user id, country code)`` in the outbox, in one
    INSERT. They are due at once; delivery holds each until the recipient's local hours."""
    if not invitations:
        return
    db.session.execute(insert(Notification), [
        {"user_id": user_id, "country_code": country_code, "kind": KIND,
         "dedupe_key": f"{KIND}:{SUBJECT}:{invitation_id}", "channel": Channel.EMAIL.value,
         "subject_type": SUBJECT, "subject_id": invitation_id, "offset_days": None,
         "scheduled_for": now, "status": Status.PENDING.value, "attempts": 0,
         "created_at": now}
        for invitation_id, user_id, country_code in invitations])


def link(invitation: Invitation, base_url: str) -> str:
    return f"{base_url}/password-setup/{invitation_token(invitation.nonce)}"


def item_texts(notification: Notification, invitation: Invitation,
               language: str) -> tuple[str, str]:
    """The translated subject and body (inside ``force_locale``)."""
    expires = format_datetime(invitation.expires_at, "medium",
                              tzinfo=zone(notification.user.effective_timezone),
                              locale=language)
    params = {"site": current_app.config["ISSUER_NAME"], "email": notification.user.email,
              "date": expires}
    return gettext(TEXTS[0], **params), gettext(TEXTS[1], **params)


def actions(items: list[Notification], subjects: dict, base_url: str) -> list[tuple[str, str]]:
    """The buttons of a mail: the set-password link of each invitation it carries."""
    return [(gettext(ACTION), link(subjects[(n.subject_type, n.subject_id)], base_url))
            for n in items
            if n.kind in KINDS and (n.subject_type, n.subject_id) in subjects]
