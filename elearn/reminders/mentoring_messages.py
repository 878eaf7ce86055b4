"""What the mentoring notifications say: the decision with its reason, the overdue check-in
with the other side's name, the milestone with its title and due date."""

from __future__ import annotations

from datetime import date

from babel.dates import format_date
from flask_babel import gettext

from ..accounts.models import User
from ..extensions import db
from ..i18n import N_
from ..mentoring.models import Application, ApplicationStatus, Pairing
from ..mentoring.pairings.mentees import checkin_flags, last_checkins
from ..mentoring.plans.models import Milestone
from ..mentoring.plans.tracking import local_today
from ..mentoring.texts import milestone_title
from .models import Notification

SELECTED = (N_("You are selected for %(programme)s"),
            N_("Your application to %(programme)s was successful: you are selected as a "
               "participant."))
REJECTED = (N_("Your application to %(programme)s"),
            N_("Your application to %(programme)s was not successful this time."))
REASON = N_("Reason given: %(reason)s")
CHECKIN = (N_("Your mentoring check-in with %(person)s is overdue"),
           N_("Your next check-in with %(person)s in %(programme)s was due on %(date)s. "
              "Please meet and log it."))
MILESTONE = (N_("Milestone due on %(date)s: %(milestone)s"),
             N_("The milestone \"%(milestone)s\" in the mentoring plan of %(mentee)s is due "
                "on %(date)s."))
MILESTONE_PAST = (N_("Milestone overdue since %(date)s: %(milestone)s"),
                  N_("The milestone \"%(milestone)s\" in the mentoring plan of %(mentee)s "
                     "was due on %(date)s and is not done yet."))

KINDS = frozenset({"application-decision", "checkin-overdue", "milestone-due"})
SUBJECT_MODELS = {"application": Application, "pairing": Pairing, "milestone": Milestone}


def _day(value: date | None, language: str) -> str:
    return format_date(value, "medium", locale=language) if value else ""


def _decision(application: Application, language: str) -> tuple[str, str]:
    subject, body = (SELECTED if application.status == ApplicationStatus.SELECTED
                     else REJECTED)
    params = {"programme": application.programme.name}
    body = gettext(body, **params)
    if application.reason:
        body = f"{body} {gettext(REASON, reason=application.reason)}"
    return gettext(subject, **params), body


def _recipients_today(notification: Notification):
    """The recipient's calendar day when the notification is due to go out."""
    return local_today(db.session.get(User, notification.user_id), notification.scheduled_for)


def _checkin(notification: Notification, pairing: Pairing, language: str) -> tuple[str, str]:
    other = pairing.mentee if notification.user_id == pairing.mentor_id else pairing.mentor
    programme = pairing.application.programme
    today = _recipients_today(notification)
    due = checkin_flags(pairing, programme, last_checkins([pairing.id]).get(pairing.id),
                        today)["next_checkin_due_on"]
    params = {"person": other.name, "programme": programme.name, "date": _day(due, language)}
    return gettext(CHECKIN[0], **params), gettext(CHECKIN[1], **params)


def _milestone(notification: Notification, milestone: Milestone,
               language: str) -> tuple[str, str]:
    application = db.session.get(Application, milestone.application_id)
    params = {"milestone": milestone_title(milestone), "mentee": application.applicant.name,
              "date": _day(milestone.due_on, language)}
    texts = MILESTONE_PAST if milestone.due_on < _recipients_today(notification) else MILESTONE
    return gettext(texts[0], **params), gettext(texts[1], **params)


def item_texts(notification: Notification, subject, language: str) -> tuple[str, str]:
    """The translated subject and body of a mentoring notification (inside force_locale)."""
    if isinstance(subject, Application):
        return _decision(subject, language)
    if isinstance(subject, Pairing):
        return _checkin(notification, subject, language)
    return _milestone(notification, subject, language)
