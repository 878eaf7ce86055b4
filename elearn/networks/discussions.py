"""Threads and their posts: start, reply (quoting, mentioning members), edit within the edit
window, follow, and how far each person has read.

A page of threads or of a thread's posts is one statement (two when a page lies past the
end), whatever the number of replies. Members see hidden and removed posts as a mark in
their place; moderators see their text too. Mentions and replies are announced with the
`post_published` signal: reminders notify the people mentioned and the thread's followers.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, case, delete, func, select, update
from sqlalchemy.orm import aliased

from .. import signals
from ..accounts.models import User
from ..courses.texts import fold
from ..database import begin_writing, dialect_insert
from ..errors import Conflict, Forbidden, NotFound, RuleViolation
from ..extensions import db
from ..web.markdown import safe_html
from ..web.pagination import paginate
from .audience import Access, get_space, member_ids
from .models import Post, SpaceMember, State, Thread, ThreadFollow, ThreadRead

QUOTE_LENGTH = 300  # characters of a quoted post shown above a reply


def _check_mentions(place: Access, mentions: list[int], *, now: datetime) -> list[int]:
    wanted = sorted(set(mentions))
    if not wanted:
        return []
    members = member_ids(place.space, now=now).subquery("members")
    found = set(db.session.scalars(select(members.c.id).where(members.c.id.in_(wanted))))
    if set(wanted) - found:
        raise RuleViolation(errors={"mentions": [
            _l("Only members of the space can be mentioned.")]})
    return wanted


def _follow(user_id: int, thread_id: int, now: datetime) -> None:
    """Follow the thread (a second follow, even at the same moment, changes nothing)."""
    db.session.execute(dialect_insert()(ThreadFollow).values(
        thread_id=thread_id, user_id=user_id, created_at=now).on_conflict_do_nothing(
        index_elements=["thread_id", "user_id"]))


def _add_post(actor: User, thread: Thread, body: str, mentions: list[int], quote_id,
              now: datetime) -> Post:
    post = Post(thread_id=thread.id, space_id=thread.space_id, author_id=actor.id, body=body,
                body_html=str(safe_html(body)), quote_id=quote_id, mentions=mentions,
                created_at=now, search_text=fold(body))
    db.session.add(post)
    db.session.flush()
    thread.last_post_at, thread.last_post_id = now, post.id
    _mark_read(actor.id, thread, now)
    _follow(actor.id, thread.id, now)
    return post


def start_thread(actor: User, place: Access, data: dict, *, now: datetime) -> Thread:
    place.require_write()
    mentions = _check_mentions(place, data.get("mentions", []), now=now)
    thread = Thread(space_id=place.space.id, title=data["title"], author_id=actor.id,
                    created_at=now, last_post_at=now, search_text=fold(data["title"]))
    db.session.add(thread)
    db.session.flush()
    post = _add_post(actor, thread, data["body"], mentions, None, now)
    signals.post_published.send(post, now=now, mentioned=mentions, followers=False)
    return thread


def visible_thread(place: Access, thread_id: int) -> Thread:
    """A thread of the space as the reader may see it (hidden and removed ones, and those
    started after a suspension, exist for moderators only)."""
    thread = db.session.get(Thread, thread_id)
    if thread is None or thread.space_id != place.space.id or (
            not place.moderator and thread.state != State.VISIBLE) or (
            place.seen_until() is not None and thread.created_at > place.seen_until()):
        raise NotFound(_l("No such thread."))
    return thread


def thread_access(actor: User, thread_id: int, *, now: datetime) -> tuple[Access, Thread]:
    """A thread and the actor's access to its space (404 for what they may not see)."""
    thread = db.session.get(Thread, thread_id)
    if thread is None:
        raise NotFound(_l("No such thread."))
    place = get_space(actor, thread.space_id, now=now)
    return place, visible_thread(place, thread_id)


def post_access(actor: User, post_id: int, *, now: datetime) -> tuple[Access, Post]:
    """A post and the actor's access to its space (404 for what they may not see)."""
    post = db.session.get(Post, post_id)
    if post is None:
        raise NotFound(_l("No such post."))
    place = get_space(actor, post.space_id, now=now)
    return place, post_of(place, post_id)


def _visible_post(place: Access, thread: Thread, post_id: int) -> Post:
    post = db.session.get(Post, post_id)
    if post is None or post.thread_id != thread.id or (
            not place.moderator and post.state != State.VISIBLE):
        raise NotFound(_l("No such post."))
    return post


def reply(actor: User, place: Access, thread: Thread, data: dict, *, now: datetime) -> Post:
    place.require_write()
    if thread.locked_at is not None:
        raise Conflict(_l("This thread is locked: it takes no more replies."),
                       type="thread-locked")
    quote_id = data.get("quote_id")
    if quote_id is not None:
        _visible_post(place, thread, quote_id)
    mentions = _check_mentions(place, data.get("mentions", []), now=now)
    # Counted in the database: two replies at once both count.
    db.session.execute(update(Thread).where(Thread.id == thread.id)
                       .values(replies=Thread.replies + 1))
    db.session.refresh(thread, ["replies"])
    post = _add_post(actor, thread, data["body"], mentions, quote_id, now)
    signals.post_published.send(post, now=now, mentioned=mentions, followers=True)
    return post


def post_of(place: Access, post_id: int) -> Post:
    post = db.session.get(Post, post_id)
    if post is None or post.space_id != place.space.id:
        raise NotFound(_l("No such post."))
    thread = visible_thread(place, post.thread_id)
    return _visible_post(place, thread, post.id)


def edit_deadline(created_at: datetime) -> datetime:
    """Until when a post written at `created_at` may be edited."""
    return created_at + timedelta(minutes=current_app.config["NETWORK_EDIT_MINUTES"])


def edit_post(actor: User, place: Access, post: Post, body: str, *, now: datetime) -> Post:
    """The author changes their post within the edit window; the replaced text is kept."""
    place.require_write()
    if post.author_id != actor.id:
        raise Forbidden(_l("Only the author may edit a post."))
    if post.state != State.VISIBLE:
        raise Conflict(_l("A moderated post cannot be edited."), type="post-moderated")
    if now > edit_deadline(post.created_at):
        raise Conflict(_l("Posts can be edited for %(minutes)d minutes after they are sent.",
                          minutes=current_app.config["NETWORK_EDIT_MINUTES"]),
                       type="edit-window-closed")
    if body != post.body:
        post.revisions = [*post.revisions, {"body": post.body, "until": now.isoformat()}]
        post.body, post.edited_at, post.search_text = body, now, fold(body)
        post.body_html = str(safe_html(body))
        db.session.flush()
    return post


def is_following(actor: User, thread: Thread) -> bool:
    return db.session.get(ThreadFollow, (thread.id, actor.id)) is not None


def follow(actor: User, place: Access, thread: Thread, following: bool, *,
           now: datetime) -> bool:
    if following:
        _follow(actor.id, thread.id, now)
    else:
        db.session.execute(delete(ThreadFollow).where(ThreadFollow.thread_id == thread.id,
                                                      ThreadFollow.user_id == actor.id))
    return following


def _mark_read(user_id: int, thread: Thread, now: datetime) -> None:
    """Read up to the thread's last post: one upsert, so two pages open at once both
    succeed."""
    last = thread.last_post_id or 0
    db.session.execute(dialect_insert()(ThreadRead).values(
        thread_id=thread.id, user_id=user_id, last_post_id=last, read_at=now)
        .on_conflict_do_update(index_elements=["thread_id", "user_id"],
                               set_={"last_post_id": last, "read_at": now}))


def mark_read(actor: User, thread: Thread, *, now: datetime) -> None:
    """The reader has seen the thread up to its last post (also when a page is read: on
    SQLite the write lock is taken here, after the reading)."""
    begin_writing()
    _mark_read(actor.id, thread, now)
    db.session.flush()


def threads_page(actor: User, place: Access, args: dict, *, only: int | None = None):
    """A page of the space's threads (or the one thread `only`), latest activity first, with
    what the reader has not read and whether they follow it: one statement."""
    read = aliased(ThreadRead)
    followed = aliased(ThreadFollow)
    unread = (select(func.count(Post.id)).where(
        Post.thread_id == Thread.id, Post.id > func.coalesce(read.last_post_id, 0),
        Post.author_id != actor.id).correlate(Thread, read).scalar_subquery())
    stmt = (select(Thread.id, Thread.space_id, Thread.title, Thread.author_id,
                   User.name.label("author_name"), Thread.created_at, Thread.last_post_at,
                   Thread.replies, (Thread.locked_at.is_not(None)).label("locked"),
                   Thread.state, unread.label("unread"),
                   (followed.user_id.is_not(None)).label("following"))
            .outerjoin(User, User.id == Thread.author_id)
            .outerjoin(read, and_(read.thread_id == Thread.id, read.user_id == actor.id))
            .outerjoin(followed, and_(followed.thread_id == Thread.id,
                                      followed.user_id == actor.id))
            .where(Thread.space_id == place.space.id)
            .order_by(Thread.last_post_at.desc(), Thread.id.desc()))
    if only is not None:
        stmt = stmt.where(Thread.id == only)
    if not place.moderator:
        stmt = stmt.where(Thread.state == State.VISIBLE)
    if place.seen_until() is not None:
        stmt = stmt.where(Thread.created_at <= place.seen_until())
    return paginate(stmt, args)


def posts_page(place: Access, thread: Thread, args: dict):
    """A page of the thread's posts, oldest first, each with its author and the start of
    the post it quotes: one statement, whatever the thread's length."""
    quoted = aliased(Post)
    quoted_author = aliased(User)
    shown = place.moderator
    stmt = (select(Post.id, Post.thread_id, Post.author_id, User.name.label("author_name"),
                   Post.body, Post.body_html, Post.created_at, Post.edited_at, Post.state,
                   Post.moderation_reason, Post.mentions, Post.quote_id,
                   quoted_author.name.label("quote_author"),
                   case((quoted.state == State.VISIBLE, func.substr(quoted.body, 1,
                                                                     QUOTE_LENGTH)),
                        else_=None).label("quote_text"))
            .outerjoin(User, User.id == Post.author_id)
            .outerjoin(quoted, quoted.id == Post.quote_id)
            .outerjoin(quoted_author, quoted_author.id == quoted.author_id)
            .where(Post.thread_id == thread.id).order_by(Post.id))
    if place.seen_until() is not None:
        stmt = stmt.where(Post.created_at <= place.seen_until())
    page = paginate(stmt, args)
    for item in page["items"]:
        if item["state"] != State.VISIBLE and not shown:
            item["body"] = item["body_html"] = None
            item["moderation_reason"] = None
    return page


def people_to_mention(actor: User, place: Access, thread: Thread | None = None, *,
                      limit: int = 100) -> list[tuple[int, str]]:
    """Whom a new post is likely to mention: those who wrote in the thread (else recently in
    the space) and the people named on the space, by name — one statement, whatever the
    size of the audience."""
    recent = select(Post.author_id).where(Post.space_id == place.space.id,
                                          Post.author_id.is_not(None))
    recent = (recent.where(Post.thread_id == thread.id) if thread is not None
              else recent.order_by(Post.id.desc()).limit(500))
    named = select(SpaceMember.user_id).where(SpaceMember.space_id == place.space.id,
                                              SpaceMember.suspended_at.is_(None))
    return [tuple(row) for row in db.session.execute(
        select(User.id, User.name).where(
            User.active, User.id != actor.id,
            User.id.in_(select(recent.subquery().c.author_id)) | User.id.in_(named))
        .order_by(User.name, User.id).limit(limit))]


def mention_names(user_ids: set[int]) -> dict[int, str]:
    """The names of the people a page of posts mentions: one statement."""
    if not user_ids:
        return {}
    return dict(db.session.execute(select(User.id, User.name).where(User.id.in_(user_ids))))
