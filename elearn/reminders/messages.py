"""What each kind of notification says, rendered in the recipient's language and time zone."""

from __future__ import annotations

from dataclasses import dataclass

from babel.dates import format_datetime
from flask import current_app, render_template
from flask_babel import force_locale, gettext
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import select

from ..accounts.models import Invitation
from ..certification.models import Certificate
from ..enrollments.models import Enrollment
from ..extensions import db
from ..i18n import N_, RTL_LANGUAGES, user_locale
from ..timeutils import zone
from ..web.links import public_base
from . import (
    account_messages,
    live_messages,
    mentoring_messages,
    network_messages,
    survey_messages,
)
from .models import Notification

# kind → (subject, body); %(course)s, %(date)s and %(days)d are filled in per notification.
TEXTS = {
    "enrolment-deadline": (
        N_("Enrolment for %(course)s closes on %(date)s"),
        N_("Your enrolment request for %(course)s is still waiting for approval. "
           "Enrolment closes on %(date)s.")),
    "offering-start": (
        N_("%(course)s starts on %(date)s"),
        N_("You are enrolled in %(course)s, which starts on %(date)s.")),
    "no-progress": (
        N_("Pick up %(course)s again"),
        N_("Nothing has been recorded in %(course)s for %(days)d days. "
           "A few minutes today keep you on track.")),
    "due-soon": (
        N_("%(course)s is due on %(date)s"),
        N_("Please complete %(course)s by %(date)s.")),
    "overdue": (
        N_("%(course)s is overdue"),
        N_("%(course)s was due on %(date)s. Please complete it as soon as you can.")),
    "certificate-expiring": (
        N_("Your certificate for %(course)s expires on %(date)s"),
        N_("Your certificate for %(course)s expires on %(date)s. "
           "Renew it in time to stay certified.")),
    "certificate-expired": (
        N_("Your certificate for %(course)s has expired"),
        N_("Your certificate for %(course)s expired on %(date)s.")),
    "enrolment-approved": (
        N_("You are enrolled in %(course)s"),
        N_("Your enrolment in %(course)s was approved. The course starts on %(date)s.")),
    "waitlist-promoted": (
        N_("A place opened for you in %(course)s"),
        N_("You moved up from the waitlist and are now enrolled in %(course)s, "
           "starting on %(date)s.")),
}

# Which date a kind speaks of.
DATES = {
    "enrolment-deadline": lambda e: e.offering.enrollment_deadline,
    "offering-start": lambda e: e.offering.starts_at,
    "due-soon": lambda e: e.due_at,
    "overdue": lambda e: e.due_at,
    "enrolment-approved": lambda e: e.offering.starts_at,
    "waitlist-promoted": lambda e: e.offering.starts_at,
    "certificate-expiring": lambda c: c.expires_at,
    "certificate-expired": lambda c: c.expires_at,
}

SUBJECT_MODELS = {"enrollment": Enrollment, "certificate": Certificate,
                  account_messages.SUBJECT: Invitation, **mentoring_messages.SUBJECT_MODELS,
                  **network_messages.SUBJECT_MODELS, **survey_messages.SUBJECT_MODELS,
                  **live_messages.SUBJECT_MODELS}


@dataclass
class Rendered:
    subject: str
    text: str
    html: str


def load_subjects(notifications: list[Notification]) -> dict[tuple[str, int], object]:
    """The enrolments and certificates a batch speaks of: one query per subject type."""
    wanted: dict[str, set[int]] = {}
    for notification in notifications:
        wanted.setdefault(notification.subject_type, set()).add(notification.subject_id)
    found = {}
    for subject_type, ids in wanted.items():
        model = SUBJECT_MODELS.get(subject_type)
        if model is not None:
            for row in db.session.scalars(select(model).where(model.id.in_(ids))):
                found[(subject_type, row.id)] = row
    return found


def _title(texts: dict | None, language: str) -> str:
    texts = texts or {}
    return texts.get(language) or texts.get("en") or next(iter(texts.values()), "")


def _params(notification: Notification, subject, language: str) -> dict:
    if isinstance(subject, Enrollment):
        course = _title(subject.offering.course.title, language)
    else:
        course = _title(getattr(subject, "title", None), language)
    when = DATES.get(notification.kind, lambda s: None)(subject) if subject else None
    date = (format_datetime(when, "medium", tzinfo=zone(notification.user.effective_timezone),
                            locale=language) if when else "")
    return {"course": course, "date": date, "days": notification.offset_days or 0}


def item_texts(notification: Notification, subject, language: str) -> tuple[str, str]:
    """The translated subject and body of one notification (inside `force_locale`)."""
    if notification.kind in live_messages.KINDS and subject is not None:
        return live_messages.item_texts(notification, subject, language)
    if notification.kind in survey_messages.KINDS and subject is not None:
        return survey_messages.item_texts(notification, subject, language)
    if notification.kind in network_messages.KINDS:
        return network_messages.item_texts(notification, subject, language)
    if notification.kind in mentoring_messages.KINDS and subject is not None:
        return mentoring_messages.item_texts(notification, subject, language)
    if notification.kind in account_messages.KINDS:
        return account_messages.item_texts(notification, subject, language)
    subject_text, body = TEXTS[notification.kind]
    params = _params(notification, subject, language)
    return gettext(subject_text, **params), gettext(body, **params)


def unsubscribe_token(user_id: int, kind: str) -> str:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="unsubscribe").dumps(
        {"user": user_id, "kind": kind})


def read_unsubscribe_token(token: str) -> tuple[int, str] | None:
    """The (user id, kind) a link was signed for, or None when forged or damaged."""
    try:
        data = URLSafeSerializer(current_app.config["SECRET_KEY"], salt="unsubscribe").loads(
            token)
        return int(data["user"]), str(data["kind"])
    except (BadSignature, KeyError, TypeError, ValueError):
        return None


def render(items: list[Notification], subjects: dict, *, optional_kinds: set[str]) -> Rendered:
    """One mail for `items` (several: a digest), in the recipient's language."""
    user = items[0].user
    language = user_locale(user)
    with force_locale(language):
        lines = [item_texts(n, subjects.get((n.subject_type, n.subject_id)), language)
                 for n in items]
        subject = lines[0][0] if len(lines) == 1 else gettext(
            "Your reminders (%(num)d)", num=len(lines))
        base = public_base()
        links = [(gettext("Stop these reminders"),
                  f"{base}/unsubscribe/{unsubscribe_token(user.id, kind)}")
                 for kind in sorted({n.kind for n in items} & optional_kinds)]
        context = {"language": language, "rtl": language in RTL_LANGUAGES, "name": user.name,
                   "subject": subject, "lines": lines, "links": links,
                   "actions": account_messages.actions(items, subjects, base)
                   + network_messages.actions(items, base)
                   + survey_messages.actions(items, subjects, base),
                   "greeting": gettext("Hello %(name)s,", name=user.name),
                   "digest_intro": gettext("Here is what needs your attention:")
                   if len(lines) > 1 else None}
        return Rendered(subject, render_template("mail/reminder.txt", **context),
                        render_template("mail/reminder.html", **context))


def subject_line(notification: Notification, subject) -> str:
    """The one-line title of an in-app notification, in the recipient's language."""
    language = user_locale(notification.user)
    with force_locale(language):
        return item_texts(notification, subject, language)[0]
