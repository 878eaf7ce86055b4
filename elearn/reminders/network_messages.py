"""What the regional networks send: a mention, a reply in a followed thread, an announcement
(each once per person, through the outbox, by their preferences), and the weekly digest of
what is new in the spaces a person belongs to (once per week, at their local hour).

Replies and announcements reach many people at once: their rows are written with one
INSERT … SELECT, a dedupe key per person, so sending twice queues nothing twice.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask_babel import gettext
from sqlalchemy import (
    Integer,
    and_,
    exists,
    false,
    func,
    literal,
    select,
    union,
)

from ..accounts.models import User
from ..extensions import db
from ..i18n import N_
from ..networks.audience import member_ids, my_spaces
from ..networks.models import Announcement, Post, SpaceMember, State, Thread
from ..networks.models import Space as NetworkSpace
from ..networks.schemas import shown_text
from .models import Notification
from .rules import register, register_event

MENTION, REPLY, ANNOUNCEMENT, DIGEST = ("network-mention", "network-reply",
                                         "network-announcement", "network-digest")
KINDS = frozenset({MENTION, REPLY, ANNOUNCEMENT, DIGEST})
SUBJECT_MODELS = {"post": Post, "announcement": Announcement}

TEXTS = {
    MENTION: (N_("%(person)s mentioned you in %(thread)s"),
              N_("%(person)s mentioned you in the thread \"%(thread)s\" of %(space)s.")),
    REPLY: (N_("New reply in %(thread)s"),
            N_("%(person)s replied in the thread \"%(thread)s\" of %(space)s, which you "
               "follow.")),
    ANNOUNCEMENT: (N_("%(space)s: %(subject)s"), None),
    DIGEST: (N_("What is new in your spaces"), N_("New this week: %(items)s.")),
}
DIGEST_ITEM = N_("%(space)s, \"%(thread)s\" (%(num)d new)")
ACTION = N_("Open your spaces")


def _visible_post(ids: list[int], now: datetime):
    return (select(Notification.id).join(Post, Post.id == Notification.subject_id)
            .join(Thread, Thread.id == Post.thread_id)
            .where(Notification.id.in_(ids), Post.state == State.VISIBLE,
                   Thread.state == State.VISIBLE))


def _always(ids: list[int], now: datetime):
    return select(Notification.id).where(Notification.id.in_(ids))


def _active_user(ids: list[int], now: datetime):
    return (select(Notification.id).join(User, User.id == Notification.subject_id)
            .where(Notification.id.in_(ids), User.active))


register_event(MENTION, subject="post", optional=True, relevant=_visible_post)
register_event(REPLY, subject="post", optional=True, relevant=_visible_post)
register_event(ANNOUNCEMENT, subject="announcement", optional=True, relevant=_always)


def week_of(now: datetime) -> int:
    """The ISO week `now` falls in (UTC), as 202649: one digest per person per week."""
    year, week, _day = now.isocalendar()
    return year * 100 + week


@register(DIGEST, subject="user", optional=True, offsets=(7,), relevant=_active_user)
def network_digest(now, offsets):
    """Members of a space with visible posts by others in the last `offset` days (not
    suspended members), once per week."""
    since = now - timedelta(days=max(offsets))
    spaces = list(db.session.scalars(select(NetworkSpace).where(NetworkSpace.id.in_(
        select(Post.space_id).where(Post.created_at > since, Post.state == State.VISIBLE)))))
    if not spaces:
        return select(literal(0).label("user_id"), literal(0).label("subject_id"),
                      literal(0).label("offset_days"), literal(0).label("variant")).where(
            false())
    per_space = []
    for space in spaces:
        members = member_ids(space, now=now).subquery(f"members_{space.id}")
        per_space.append(select(members.c.id.label("user_id")).where(
            exists().where(Post.space_id == space.id, Post.created_at > since,
                           Post.state == State.VISIBLE, Post.author_id != members.c.id),
            ~exists().where(SpaceMember.space_id == space.id,
                            SpaceMember.user_id == members.c.id,
                            SpaceMember.suspended_at.is_not(None))))
    found = union(*per_space).subquery("digest_members")
    return select(found.c.user_id, found.c.user_id.label("subject_id"),
                  literal(max(offsets), Integer()).label("offset_days"),
                  literal(week_of(now), Integer()).label("variant"))


def _post_params(post: Post) -> dict:
    thread = db.session.get(Thread, post.thread_id)
    space = db.session.get(NetworkSpace, post.space_id)
    return {"person": post.author.name if post.author else "", "thread": thread.title,
            "space": shown_text(space.name, space.language)}


def _digest(notification: Notification, user: User) -> tuple[str, str]:
    since = notification.created_at - timedelta(days=notification.offset_days or 7)
    names = {place.space.id: shown_text(place.space.name, place.space.language)
             for place in my_spaces(user, now=notification.created_at)
             if place.member and place.suspended_at is None}
    rows = db.session.execute(
        select(Thread.space_id, Thread.title, func.count(Post.id))
        .join(Post, Post.thread_id == Thread.id)
        .where(Thread.space_id.in_(names), Thread.state == State.VISIBLE,
               Post.state == State.VISIBLE, Post.created_at > since,
               Post.created_at <= notification.created_at,
               and_(Post.author_id.is_not(None), Post.author_id != user.id))
        .group_by(Thread.id, Thread.space_id, Thread.title)
        .order_by(func.max(Post.created_at).desc()).limit(20)).all()
    items = "; ".join(gettext(DIGEST_ITEM, space=names[space_id], thread=title, num=count)
                      for space_id, title, count in rows)
    return gettext(TEXTS[DIGEST][0]), gettext(TEXTS[DIGEST][1], items=items or "—")


def item_texts(notification: Notification, subject, language: str) -> tuple[str, str]:
    """The translated subject and body of a network notification (inside force_locale)."""
    if notification.kind == DIGEST:
        return _digest(notification, notification.user)
    if notification.kind == ANNOUNCEMENT:
        space = db.session.get(NetworkSpace, subject.space_id)
        title = gettext(TEXTS[ANNOUNCEMENT][0], space=shown_text(space.name, space.language),
                        subject=subject.subject)
        return title, subject.body
    params = _post_params(subject)
    subject_text, body = TEXTS[notification.kind]
    return gettext(subject_text, **params), gettext(body, **params)


def actions(items: list[Notification], base_url: str) -> list[tuple[str, str]]:
    """A mail that speaks of the networks links to them."""
    if any(item.kind in KINDS for item in items):
        return [(gettext(ACTION), f"{base_url}/spaces")]
    return []

