"""Spaces, their members, discussions, moderation, announcements and search over HTTP."""

from __future__ import annotations

from flask_smorest import Blueprint

from ..accounts.auth import actor
from ..extensions import db
from ..timeutils import utcnow
from ..web.pagination import PaginationArgsSchema, page_of, paginate
from . import announcements, discussions, moderation, spaces
from .audience import Access, get_space, my_spaces
from .models import Post, Thread
from .schemas import (
    AnnouncementCreateSchema,
    AnnouncementSchema,
    FollowSchema,
    MemberNameSchema,
    MemberSchema,
    MySpaceSchema,
    PostEditSchema,
    PostModerationSchema,
    PostReportSchema,
    PostSchema,
    ReasonSchema,
    ReplySchema,
    SearchArgsSchema,
    SearchHitSchema,
    SpaceCreateSchema,
    SpaceSchema,
    SpaceUpdateSchema,
    ThreadCreateSchema,
    ThreadModerationSchema,
    ThreadSchema,
)
from .search import search

bp = Blueprint("spaces", __name__, url_prefix="/api/v1/spaces",
               description="Regional networks: spaces, members, threads, announcements")
threads_bp = Blueprint("threads", __name__, url_prefix="/api/v1/threads",
                       description="A space's threads and their posts")
posts_bp = Blueprint("posts", __name__, url_prefix="/api/v1/posts",
                     description="Posts: edit, report, moderate")


def place_of(space_id: int) -> Access:
    return get_space(actor(), space_id, now=utcnow())


def thread_place(thread_id: int) -> tuple[Access, Thread]:
    return discussions.thread_access(actor(), thread_id, now=utcnow())


def post_place(post_id: int) -> tuple[Access, Post]:
    return discussions.post_access(actor(), post_id, now=utcnow())


@bp.get("")
@bp.arguments(PaginationArgsSchema, location="query")
@bp.response(200, page_of(MySpaceSchema))
def list_spaces(args):
    """The spaces I belong to (and, for admins, those open to the officers they oversee)."""
    places = my_spaces(actor(), now=utcnow())
    start = (args["page"] - 1) * args["per_page"]
    return {"items": places[start:start + args["per_page"]], "page": args["page"],
            "per_page": args["per_page"], "total": len(places)}


@bp.post("")
@bp.arguments(SpaceCreateSchema)
@bp.response(201, SpaceSchema)
def create_space(data):
    """Open a space (programme admins: any; national admins: one of their own country)."""
    space = spaces.create_space(actor(), data, now=utcnow())
    db.session.commit()
    return space


@bp.get("/<int:space_id>")
@bp.response(200, MySpaceSchema)
def get_space_detail(space_id):
    """A space, its rule, and my place in it."""
    return place_of(space_id)


@bp.patch("/<int:space_id>")
@bp.arguments(SpaceUpdateSchema)
@bp.response(200, SpaceSchema)
def update_space(data, space_id):
    """Change a space's texts or audience (its administrators)."""
    space = spaces.update_space(actor(), place_of(space_id), data, now=utcnow())
    db.session.commit()
    return space


@bp.get("/<int:space_id>/members")
@bp.arguments(PaginationArgsSchema, location="query")
@bp.response(200, page_of(MemberSchema))
def list_members(args, space_id):
    """The members, by name."""
    place = place_of(space_id)
    page = paginate(spaces.members_query(place.space, now=utcnow()), args)
    page["items"] = [_member(row, place) for row in page["items"]]
    return page


def _member(row, place: Access) -> dict:
    user, named = row["User"], row["SpaceMember"]
    see_reason = place.moderator
    return {"id": user.id, "name": user.name, "country": user.country_code,
            "role": named.role if named else None,
            "suspended_at": named.suspended_at if named else None,
            "suspended_reason": named.suspended_reason if named and see_reason else None}


@bp.put("/<int:space_id>/members/<int:user_id>")
@bp.arguments(MemberNameSchema)
@bp.response(200, MemberSchema)
def name_member(data, space_id, user_id):
    """Invite a person to the space, or make them a moderator (its administrators)."""
    place = place_of(space_id)
    row = spaces.name_member(actor(), place, user_id, data["role"], now=utcnow())
    db.session.commit()
    return _member({"User": row.user, "SpaceMember": row}, place)


@bp.delete("/<int:space_id>/members/<int:user_id>")
@bp.response(204)
def unname_member(space_id, user_id):
    """End an invitation or a moderator's role (the audience may still admit them)."""
    spaces.unname_member(actor(), place_of(space_id), user_id, now=utcnow())
    db.session.commit()


@bp.put("/<int:space_id>/members/<int:user_id>/suspension")
@bp.arguments(ReasonSchema)
@bp.response(200, MemberSchema)
def suspend_member(data, space_id, user_id):
    """Suspend a member from the space, with the reason (moderators)."""
    place = place_of(space_id)
    row = spaces.suspend(actor(), place, user_id, data["reason"], now=utcnow())
    db.session.commit()
    return _member({"User": row.user, "SpaceMember": row}, place)


@bp.delete("/<int:space_id>/members/<int:user_id>/suspension")
@bp.response(204)
def lift_suspension(space_id, user_id):
    """Lift a member's suspension (moderators)."""
    spaces.suspend(actor(), place_of(space_id), user_id, None, now=utcnow(), lift=True)
    db.session.commit()


@bp.get("/<int:space_id>/threads")
@bp.arguments(PaginationArgsSchema, location="query")
@bp.response(200, page_of(ThreadSchema))
def list_threads(args, space_id):
    """The threads, latest activity first, with how many posts I have not read."""
    return discussions.threads_page(actor(), place_of(space_id), args)


@bp.post("/<int:space_id>/threads")
@bp.arguments(ThreadCreateSchema)
@bp.response(201, ThreadSchema)
def start_thread(data, space_id):
    """Start a thread with its first post (Markdown), mentioning members if need be."""
    thread = discussions.start_thread(actor(), place_of(space_id), data, now=utcnow())
    db.session.commit()
    return _thread_row(thread, following=True)


def _thread_row(thread: Thread, *, following: bool, unread: int = 0) -> dict:
    return {"id": thread.id, "space_id": thread.space_id, "title": thread.title,
            "author_id": thread.author_id,
            "author_name": thread.author.name if thread.author else None,
            "created_at": thread.created_at, "last_post_at": thread.last_post_at,
            "replies": thread.replies, "locked": thread.locked_at is not None,
            "state": thread.state, "unread": unread, "following": following}


@bp.get("/<int:space_id>/reports")
@bp.arguments(PaginationArgsSchema, location="query")
@bp.response(200, page_of(PostReportSchema))
def list_reports(args, space_id):
    """Posts reported and not yet acted on (moderators)."""
    return paginate(moderation.open_reports_query(place_of(space_id)), args)


@bp.get("/<int:space_id>/announcements")
@bp.arguments(PaginationArgsSchema, location="query")
@bp.response(200, page_of(AnnouncementSchema))
def list_announcements(args, space_id):
    """The space's announcements, newest first: its newsletter archive."""
    return paginate(announcements.announcements_query(place_of(space_id)), args)


@bp.post("/<int:space_id>/announcements")
@bp.arguments(AnnouncementCreateSchema)
@bp.response(201, AnnouncementSchema)
def announce(data, space_id):
    """Send an announcement to every member, by their preferences (moderators)."""
    announcement = announcements.announce(actor(), place_of(space_id), data, now=utcnow())
    db.session.commit()
    return announcement


@bp.get("/search")
@bp.arguments(SearchArgsSchema, location="query")
@bp.response(200, page_of(SearchHitSchema))
def search_spaces(args):
    """Threads and resources matching every word, in the spaces I may see (Arabic and Latin
    scripts, case and accents folded)."""
    return search(actor(), args, now=utcnow())


@threads_bp.get("/<int:thread_id>")
@threads_bp.response(200, ThreadSchema)
def get_thread(thread_id):
    """A thread's summary."""
    place, thread = thread_place(thread_id)
    return discussions.threads_page(actor(), place, {"page": 1, "per_page": 1},
                                    only=thread.id)["items"][0]


@threads_bp.get("/<int:thread_id>/posts")
@threads_bp.arguments(PaginationArgsSchema, location="query")
@threads_bp.response(200, page_of(PostSchema))
def list_posts(args, thread_id):
    """The thread's posts, oldest first."""
    place, thread = thread_place(thread_id)
    return discussions.posts_page(place, thread, args)


@threads_bp.post("/<int:thread_id>/posts")
@threads_bp.arguments(ReplySchema)
@threads_bp.response(201, PostSchema)
def reply(data, thread_id):
    """Reply, quoting a post of the thread or mentioning members if need be."""
    place, thread = thread_place(thread_id)
    post = discussions.reply(actor(), place, thread, data, now=utcnow())
    db.session.commit()
    return _post_row(post)


def _post_row(post: Post) -> dict:
    return {"id": post.id, "thread_id": post.thread_id, "author_id": post.author_id,
            "author_name": post.author.name if post.author else None, "body": post.body,
            "body_html": post.body_html,
            "created_at": post.created_at, "edited_at": post.edited_at, "state": post.state,
            "moderation_reason": post.moderation_reason, "mentions": post.mentions,
            "quote_id": post.quote_id, "quote_author": None, "quote_text": None}


@threads_bp.post("/<int:thread_id>/read")
@threads_bp.response(204)
def mark_read(thread_id):
    """I have read the thread up to its last post."""
    _place, thread = thread_place(thread_id)
    discussions.mark_read(actor(), thread, now=utcnow())
    db.session.commit()


@threads_bp.put("/<int:thread_id>/follow")
@threads_bp.arguments(FollowSchema)
@threads_bp.response(200, FollowSchema)
def follow(data, thread_id):
    """Follow a thread (I am told of its replies) or stop."""
    place, thread = thread_place(thread_id)
    following = discussions.follow(actor(), place, thread, data["following"], now=utcnow())
    db.session.commit()
    return {"following": following}


@threads_bp.post("/<int:thread_id>/moderation")
@threads_bp.arguments(ThreadModerationSchema)
@threads_bp.response(200, ThreadSchema)
def moderate_thread(data, thread_id):
    """Hide, show, remove (with a reason), lock, unlock, or move to another space I moderate."""
    place, thread = thread_place(thread_id)
    target = place_of(data["space_id"]) if data["action"] == "move" and data.get(
        "space_id") else None
    moderation.moderate_thread(actor(), place, thread, data["action"], data.get("reason"),
                               now=utcnow(), target=target)
    db.session.commit()
    return _thread_row(thread, following=False)


@posts_bp.patch("/<int:post_id>")
@posts_bp.arguments(PostEditSchema)
@posts_bp.response(200, PostSchema)
def edit_post(data, post_id):
    """Edit my post within the edit window; what it said before is kept for moderators."""
    place, post = post_place(post_id)
    discussions.edit_post(actor(), place, post, data["body"], now=utcnow())
    db.session.commit()
    return _post_row(post)


@posts_bp.post("/<int:post_id>/reports")
@posts_bp.arguments(ReasonSchema)
@posts_bp.response(201, PostReportSchema)
def report_post(data, post_id):
    """Report a post that breaks the space's rule to its moderators."""
    place, post = post_place(post_id)
    report = moderation.report_post(actor(), place, post, data["reason"], now=utcnow())
    db.session.commit()
    return report


@posts_bp.post("/<int:post_id>/moderation")
@posts_bp.arguments(PostModerationSchema)
@posts_bp.response(200, PostSchema)
def moderate_post(data, post_id):
    """Hide, show or remove a post (with a reason), or dismiss its reports (moderators)."""
    place, post = post_place(post_id)
    if data["action"] == "dismiss":
        moderation.dismiss_reports(actor(), place, post, now=utcnow())
    else:
        moderation.moderate_post(actor(), place, post, data["action"], data.get("reason"),
                                 now=utcnow())
    db.session.commit()
    return _post_row(post)


BLUEPRINTS = (bp, threads_bp, posts_bp)
