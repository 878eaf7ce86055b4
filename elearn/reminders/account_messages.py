"""The account invitation: a mail with a one-time link to choose a password.

It is not optional (no opt-out: without it the account cannot be used) and goes by e-mail
only: an in-app copy would wait behind the very sign-in it is for. It is always sent on its
own, never merged into a digest or held back by the daily cap, since it carries a link.
The link's token is derived when the mail is written (`accounts.tokens`): the outbox row
names the invitation, never the token.
"""

from __future__ import annotations

from datetime import datetime

from babel.dates import format_datetime
from flask import current_app
from flask_babel import gettext
from sqlalchemy import String, cast, literal, null, select

from ..accounts.models import Invitation, User
from ..accounts.tokens import invitation_token
from ..extensions import db
from ..i18n import N_
from ..timeutils import UTCDateTime, zone
from .models import Channel, Notification, Status
from .outbox import effective_settings, insert_rows, switched_on_countries
from .rules import RULES, register_event

KIND = "account-invitation"
SUBJECT = "invitation"
KINDS = frozenset({KIND})

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


def switched_on(country_code: str) -> bool:
    """Whether the country's admins left invitation mail on (it is, unless they say not)."""
    return effective_settings(RULES[KIND])[country_code][0]


def queue(*where, now: datetime) -> int:
    """Put one mail per invitation matching `where` in the outbox, in one INSERT … SELECT
    (an invitation mailed already is skipped by its dedupe key), except in countries where
    the kind is switched off. They are due at once; delivery holds each until the
    recipient's local hours."""
    countries = switched_on_countries(KIND)
    key = literal(f"{KIND}:{SUBJECT}:") + cast(Invitation.id, String)
    rows = (select(Invitation.user_id, User.country_code, literal(KIND), key,
                   literal(Channel.EMAIL.value), literal(SUBJECT), Invitation.id,
                   null(), literal(now, UTCDateTime()), literal(Status.PENDING.value),
                   literal(0), literal(now, UTCDateTime()))
            .join(User, User.id == Invitation.user_id)
            .where(User.country_code.in_(countries), *where))
    return db.session.execute(insert_rows(rows)).rowcount


def link(invitation: Invitation, base_url: str) -> str:
    return f"{base_url}/password-setup/{invitation_token(invitation.nonce)}"


def item_texts(notification: Notification, invitation: Invitation,
               language: str) -> tuple[str, str]:
    """The translated subject and body (inside `force_locale`)."""
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
