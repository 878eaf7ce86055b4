"""Keeping a space non-operational: members report posts; moderators hide (and show again),
remove with a reason, lock threads and move them to another space they moderate. Nothing
is deleted: a removed post keeps its text for the moderators. Every action is audited."""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from ..accounts.models import User
from ..audit.services import record
from ..errors import Conflict, Forbidden, RuleViolation
from ..extensions import db
from .audience import Access
from .models import Post, PostReport, State, Thread

POST_ACTIONS = ("hide", "show", "remove")
THREAD_ACTIONS = ("hide", "show", "remove", "lock", "unlock", "move")
STATE_OF = {"hide": State.HIDDEN, "show": State.VISIBLE, "remove": State.REMOVED}


def _audit(actor: User, action: str, object_type: str, object_id: int, place: Access,
           details: dict, now: datetime) -> None:
    countries = place.space.countries
    record(actor, f"{object_type}.{action}", object_type, object_id,
           country_code=countries[0] if len(countries) == 1 else None,
           details={"space": place.space.id, **details}, now=now)


def report_post(actor: User, place: Access, post: Post, reason: str, *,
                now: datetime) -> PostReport:
    """A member reports a post to the moderators (once per post)."""
    place.require_write()
    if post.author_id == actor.id:
        raise Conflict(_l("You cannot report your own post."), type="own-post")
    if db.session.scalar(select(PostReport.id).where(PostReport.post_id == post.id,
                                                     PostReport.reporter_id == actor.id)):
        raise Conflict(_l("You have reported this post already."), type="reported-already")
    report = PostReport(post_id=post.id, space_id=post.space_id, reporter_id=actor.id,
                        reason=reason, created_at=now)
    db.session.add(report)
    db.session.flush()
    return report


def _change_state(item, action: str, reason: str | None, actor: User, now: datetime) -> None:
    target = STATE_OF[action]
    if item.state == target:
        raise Conflict(_l("Nothing to do: it is in that state already."),
                       type="state-unchanged")
    if item.state == State.REMOVED:
        raise Conflict(_l("A removed item stays removed."), type="removed")
    if action == "remove" and not reason:
        raise RuleViolation(errors={"reason": [_l("Give the reason.")]})
    item.state = target.value
    item.moderation_reason = reason if action != "show" else None
    if isinstance(item, Post):
        item.moderated_at, item.moderated_by_id = now, actor.id


def _resolve_reports(post_ids, actor: User, now: datetime) -> None:
    db.session.execute(update(PostReport).where(
        PostReport.post_id.in_(post_ids), PostReport.resolved_at.is_(None))
        .values(resolved_at=now, resolved_by_id=actor.id))


def moderate_post(actor: User, place: Access, post: Post, action: str, reason: str | None, *,
                  now: datetime) -> Post:
    place.require_moderator()
    _change_state(post, action, reason, actor, now)
    _resolve_reports([post.id], actor, now)
    db.session.flush()
    _audit(actor, action, "post", post.id, place, {"reason": reason}, now)
    return post


def dismiss_reports(actor: User, place: Access, post: Post, *, now: datetime) -> None:
    """The moderators looked and the post stays."""
    place.require_moderator()
    _resolve_reports([post.id], actor, now)
    db.session.flush()
    _audit(actor, "reports-dismissed", "post", post.id, place, {}, now)


def moderate_thread(actor: User, place: Access, thread: Thread, action: str,
                    reason: str | None, *, now: datetime, target: Access | None = None
                    ) -> Thread:
    place.require_moderator()
    details: dict = {"reason": reason}
    if action in ("lock", "unlock"):
        locked = action == "lock"
        if (thread.locked_at is not None) == locked:
            raise Conflict(_l("Nothing to do: the thread is locked already.") if locked
                           else _l("Nothing to do: the thread is not locked."),
                           type="state-unchanged")
        thread.locked_at = now if locked else None
    elif action == "move":
        if target is None or not target.moderator:
            raise Forbidden(_l("Threads move only to another space you moderate."))
        if target.space.id == thread.space_id:
            raise Conflict(_l("The thread is in that space already."), type="state-unchanged")
        details["to"] = target.space.id
        thread.space_id = target.space.id
        posts = select(Post.id).where(Post.thread_id == thread.id)
        db.session.execute(update(Post).where(Post.thread_id == thread.id)
                           .values(space_id=target.space.id))
        db.session.execute(update(PostReport).where(PostReport.post_id.in_(posts))
                           .values(space_id=target.space.id))
    else:
        _change_state(thread, action, reason, actor, now)
        if action != "show":
            _resolve_reports(select(Post.id).where(Post.thread_id == thread.id), actor, now)
    db.session.flush()
    _audit(actor, action, "thread", thread.id, place, details, now)
    return thread


def open_reports_query(place: Access):
    """The posts reported and not yet acted on, oldest report first."""
    place.require_moderator()
    return (select(PostReport).where(PostReport.space_id == place.space.id,
                                     PostReport.resolved_at.is_(None))
            .order_by(PostReport.created_at, PostReport.id))
