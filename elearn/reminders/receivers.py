"""How reminders and mail react to the other domains."""

from __future__ import annotations

from sqlalchemy import select

from .. import signals
from ..accounts.models import User
from ..networks.models import ThreadFollow
from . import account_messages, live_messages, network_messages, survey_messages
from .outbox import notify, notify_people, occurrence


def _tell_the_admitted(enrollment, *, now, how: str) -> None:
    notify(how, enrollment.user, enrollment.id, now=now, variant=occurrence(now))


def _mail_invitations(_sender, *, where, now) -> int:
    return account_messages.queue(*where, now=now)


def _invitation_mail_on(country_code: str) -> bool:
    return account_messages.switched_on(country_code)


def _tell_of_post(post, *, now, mentioned: list[int], followers: bool) -> None:
    """The members a post mentions; for a reply, the thread's other followers too."""
    if mentioned:
        notify_people(network_messages.MENTION, post.id,
                                   select(User.id).where(User.id.in_(mentioned),
                                                         User.id != post.author_id), now=now)
    if followers:
        notify_people(
            network_messages.REPLY, post.id,
            select(ThreadFollow.user_id).where(ThreadFollow.thread_id == post.thread_id,
                                               ThreadFollow.user_id != post.author_id,
                                               ThreadFollow.user_id.not_in(mentioned)),
            now=now)


def _send_announcement(announcement, *, members, now) -> int:
    return notify_people(network_messages.ANNOUNCEMENT, announcement.id, members,
                                      now=now)


def _invite_to_survey(campaign, *, recipient_ids, now) -> int:
    return survey_messages.queue_invitations(recipient_ids, now=now)


def _tell_of_session(session, *, change, now) -> int:
    return live_messages.tell(session, change, now=now)


def connect() -> None:
    signals.enrollment_admitted.connect(_tell_the_admitted)
    signals.users_invited.connect(_mail_invitations)
    signals.invitation_mail_wanted.connect(_invitation_mail_on)
    signals.post_published.connect(_tell_of_post)
    signals.announcement_published.connect(_send_announcement)
    signals.survey_invited.connect(_invite_to_survey)
    signals.session_changed.connect(_tell_of_session)
