"""A thread in the web app: its posts (read up to the last one by opening it), replying with
a quote or mentions, editing my post in the edit window, following, reporting a post, and
the moderators' actions on posts and on the thread."""

from __future__ import annotations

import marshmallow as ma
from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext

from ..errors import ElearnError, NotFound
from ..extensions import db
from ..networks import discussions, moderation
from ..networks.audience import my_spaces
from ..networks.models import Thread
from ..networks.schemas import (
    PostEditSchema,
    ReasonSchema,
    ReplySchema,
    ThreadModerationSchema,
    shown_text,
)
from ..timeutils import utcnow
from .pages import bp, form_fields, me, page_args, problems_of, reasons_of, render, signed_in
from .spaces import place, space_view

PER_PAGE = 30


def _thread(thread_id: int):
    return discussions.thread_access(me(), thread_id, now=utcnow())


def _post(post_id: int):
    return discussions.post_access(me(), post_id, now=utcnow())


def _last_page(thread: Thread) -> int:
    return max(1, (thread.replies + PER_PAGE) // PER_PAGE)


def _thread_page(thread_id: int, *, status: int = 200, typed=None, problems=None):
    access, thread = _thread(thread_id)
    args = page_args(PER_PAGE)
    if "page" not in request.args:
        args["page"] = _last_page(thread)
    posts = discussions.posts_page(access, thread, args)
    names = discussions.mention_names({i for post in posts["items"] for i in post["mentions"]})
    discussions.mark_read(me(), thread, now=utcnow())
    db.session.commit()
    quote = request.args.get("quote", type=int)
    targets = [(p.space.id, shown_text(p.space.name, p.space.language))
               for p in my_spaces(me(), now=utcnow())
               if p.moderator and p.space.id != thread.space_id] if access.moderator else []
    following = discussions.is_following(me(), thread)
    return render("site/thread.html", status=status, space=space_view(access), thread=thread,
                  posts=posts, names=names, me_id=me().id,
                  edit_until=discussions.edit_deadline, now=utcnow(), following=following,
                  typed=typed or {"quote_id": quote} if quote else typed or {},
                  problems=problems or {}, targets=targets, can_write=access.can_write,
                  members=discussions.people_to_mention(me(), access, thread)
                  if access.can_write else [])


@bp.get("/threads/<int:thread_id>")
@signed_in
def thread_page(thread_id):
    """The thread, at its latest page unless another is asked for."""
    return _thread_page(thread_id)


@bp.post("/threads/<int:thread_id>/posts")
@signed_in
def reply_page(thread_id):
    schema = ReplySchema()
    try:
        data = schema.load(form_fields(schema))
        access, thread = _thread(thread_id)
        discussions.reply(me(), access, thread, data, now=utcnow())
    except (ma.ValidationError, ElearnError) as error:
        db.session.rollback()
        return _thread_page(thread_id, status=getattr(error, "status", 422),
                            typed=request.form.to_dict(), problems=problems_of(error))
    db.session.commit()
    flash(gettext("Your reply is posted."), "done")
    return redirect(url_for("site.thread_page", thread_id=thread_id) + "#last")


@bp.post("/threads/<int:thread_id>/follow")
@signed_in
def follow_page(thread_id):
    access, thread = _thread(thread_id)
    following = request.form.get("following") == "1"
    discussions.follow(me(), access, thread, following, now=utcnow())
    db.session.commit()
    flash(gettext("You follow this thread: replies are sent to you.") if following else
          gettext("You no longer follow this thread."), "done")
    return redirect(url_for("site.thread_page", thread_id=thread_id))


def _done_or_refused(thread_id: int, action, done_message: str):
    try:
        action()
    except (ma.ValidationError, ElearnError) as error:
        db.session.rollback()
        flash(gettext("Not done: %(reason)s", reason=" ".join(reasons_of(error))), "problem")
        return redirect(url_for("site.thread_page", thread_id=thread_id))
    db.session.commit()
    flash(done_message, "done")
    return redirect(url_for("site.thread_page", thread_id=thread_id))


@bp.post("/posts/<int:post_id>/report")
@signed_in
def report_post_page(post_id):
    access, post = _post(post_id)

    def report():
        data = ReasonSchema().load(form_fields(ReasonSchema()))
        moderation.report_post(me(), access, post, data["reason"], now=utcnow())

    return _done_or_refused(post.thread_id, report,
                            gettext("Thank you: the moderators will look at this post."))


@bp.post("/posts/<int:post_id>/moderation")
@signed_in
def moderate_post_page(post_id):
    access, post = _post(post_id)
    action = request.form.get("action", "")
    if action not in ("hide", "show", "remove", "dismiss"):
        abort(400)

    def act():
        reason = request.form.get("reason", "").strip() or None
        if action == "dismiss":
            moderation.dismiss_reports(me(), access, post, now=utcnow())
        else:
            moderation.moderate_post(me(), access, post, action, reason, now=utcnow())

    return _done_or_refused(post.thread_id, act, gettext("Done."))


@bp.post("/threads/<int:thread_id>/moderation")
@signed_in
def moderate_thread_page(thread_id):
    access, thread = _thread(thread_id)

    def act():
        data = ThreadModerationSchema().load(form_fields(ThreadModerationSchema()))
        target = place(data["space_id"]) if data["action"] == "move" and data.get(
            "space_id") else None
        moderation.moderate_thread(me(), access, thread, data["action"], data.get("reason"),
                                   now=utcnow(), target=target)

    return _done_or_refused(thread_id, act, gettext("Done."))


def _edit_page(post_id: int, *, status: int = 200, typed=None, problems=None):
    access, post = _post(post_id)
    if post.author_id != me().id:
        raise NotFound()
    return render("site/post_edit.html", status=status, space=space_view(access), post=post,
                  typed=typed or {"body": post.body}, problems=problems or {})


@bp.get("/posts/<int:post_id>/edit")
@signed_in
def edit_post_page(post_id):
    """Edit my post, within the edit window."""
    return _edit_page(post_id)


@bp.post("/posts/<int:post_id>/edit")
@signed_in
def save_post_page(post_id):
    schema = PostEditSchema()
    try:
        data = schema.load(form_fields(schema))
        access, post = _post(post_id)
        discussions.edit_post(me(), access, post, data["body"], now=utcnow())
    except (ma.ValidationError, ElearnError) as error:
        db.session.rollback()
        return _edit_page(post_id, status=getattr(error, "status", 422),
                          typed=request.form.to_dict(), problems=problems_of(error))
    db.session.commit()
    flash(gettext("Your post is changed."), "done")
    return redirect(url_for("site.thread_page", thread_id=post.thread_id))

