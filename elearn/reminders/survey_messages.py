"""What surveys send: the invitation to answer (once per person asked, queued for a whole
audience in one INSERT … SELECT) and a reminder before the survey closes to those who have not
answered yet, which stops as soon as they answer."""

from __future__ import annotations

from datetime import datetime

from babel.dates import format_date
from flask_babel import gettext
from sqlalchemy import String, cast, literal, null, select, true

from ..accounts.models import Country, User
from ..extensions import db
from ..i18n import N_
from ..surveys.models import Campaign, Recipient
from ..timeutils import UTCDateTime
from .models import Notification, Status
from .outbox import both_channels, insert_rows, switched_on_countries
from .rules import approaching, register, register_event, within
from .timing import send_time_expr

INVITATION, REMINDER = "survey-invitation", "survey-reminder"
KINDS = frozenset({INVITATION, REMINDER})
SUBJECT = "recipient"
SUBJECT_MODELS = {SUBJECT: Recipient}
TEXTS = {INVITATION: (N_("Your opinion is asked: %(survey)s"),
                      N_("Please answer \"%(survey)s\" by %(date)s. It takes a few minutes.")),
         REMINDER: (N_("Still time to answer: %(survey)s"),
                    N_("\"%(survey)s\" closes on %(date)s and your answers are still "
                       "missing."))}
ANONYMOUS = N_("Your answers are anonymous: nobody can see who gave them.")
ACTION = N_("Answer the survey")


def _unanswered(ids: list[int], now: datetime):
    return (select(Notification.id).join(Recipient, Recipient.id == Notification.subject_id)
            .join(Campaign, Campaign.id == Recipient.campaign_id)
            .where(Notification.id.in_(ids), Recipient.answered.is_(False),
                   Campaign.closed_at.is_(None), Campaign.closes_on >= now.date()))


register_event(INVITATION, subject=SUBJECT, optional=False, relevant=_unanswered)


@register(REMINDER, subject=SUBJECT, optional=True, offsets=(3,), relevant=_unanswered)
def survey_reminder(now, offsets):
    """Those asked who have not answered, a few days before the survey closes."""
    band = approaching(now.date(), offsets)
    return (select(Recipient.user_id.label("user_id"), Recipient.id.label("subject_id"),
                   band.c.offset_days)
            .join(Campaign, Campaign.id == Recipient.campaign_id)
            .join(band.table, within(Campaign.closes_on, band))
            .where(Recipient.answered.is_(False), Campaign.closed_at.is_(None)))


def queue_invitations(recipient_ids: list[int], *, now: datetime) -> int:
    """One invitation per recipient (both channels), where the kind is on in their country."""
    countries = switched_on_countries(INVITATION)
    channels = both_channels()
    key = (literal(f"{INVITATION}:{SUBJECT}:") + cast(Recipient.id, String)
           + channels.c.suffix)
    rows = (select(Recipient.user_id, User.country_code, literal(INVITATION), key,
                   channels.c.channel, literal(SUBJECT), Recipient.id, null(),
                   send_time_expr(now, working_days_only=False, scheduled=False),
                   literal(Status.PENDING.value), literal(0), literal(now, UTCDateTime()))
            .select_from(Recipient).join(User, User.id == Recipient.user_id)
            .join(Country, Country.code == User.country_code).join(channels, true())
            .where(Recipient.id.in_(recipient_ids), User.active,
                   User.country_code.in_(countries)))
    return db.session.execute(insert_rows(rows)).rowcount


def item_texts(notification: Notification, recipient: Recipient,
               language: str) -> tuple[str, str]:
    campaign = db.session.get(Campaign, recipient.campaign_id)
    params = {"survey": campaign.name,
              "date": format_date(campaign.closes_on, "medium", locale=language)}
    subject, body = TEXTS[notification.kind]
    body = gettext(body, **params)
    if campaign.anonymous:
        body = f"{body} {gettext(ANONYMOUS)}"
    return gettext(subject, **params), body


def actions(items: list[Notification], subjects: dict, base_url: str) -> list[tuple[str, str]]:
    found = []
    for item in items:
        recipient = subjects.get((item.subject_type, item.subject_id))
        if item.kind in KINDS and recipient is not None:
            found.append((gettext(ACTION), f"{base_url}/surveys/{recipient.campaign_id}"))
    return found
