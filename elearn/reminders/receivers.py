"""How reminders and mail react to the other domains."""

from __future__ import annotations

from .. import signals
from . import account_messages
from .outbox import notify, occurrence


def _tell_the_admitted(enrollment, *, now, how: str) -> None:
    notify(how, enrollment.user, enrollment.id, now=now, variant=occurrence(now))


def _mail_invitations(_sender, *, where, now) -> int:
    return account_messages.queue(*where, now=now)


def _invitation_mail_on(country_code: str) -> bool:
    return account_messages.switched_on(country_code)


def connect() -> None:
    signals.enrollment_admitted.connect(_tell_the_admitted)
    signals.users_invited.connect(_mail_invitations)
    signals.invitation_mail_wanted.connect(_invitation_mail_on)
