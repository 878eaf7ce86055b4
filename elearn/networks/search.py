"""Search across the threads and resources of the spaces a person may see, in Arabic and
Latin scripts alike: the words are folded as the catalogue folds them (case, accents,
Arabic letter variants and tatweel) and every word must appear."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, and_, exists, literal, or_, select, union_all

from ..accounts.models import User
from ..courses.texts import fold
from ..web.pagination import paginate
from .audience import my_spaces
from .models import Post, Resource, State, Thread


def _like(column, words):
    return and_(*(column.contains(word, autoescape=True) for word in words))


def search(actor: User, args: dict, *, now: datetime) -> dict:
    """A page of threads and resources matching `q`, latest first."""
    words = fold(args["q"]).split()
    places = my_spaces(actor, now=now)
    if not words or not places:
        return {"items": [], "page": args["page"], "per_page": args["per_page"], "total": 0}
    threads, resources = [], []
    for place in places:
        thread_where = [Thread.space_id == place.space.id]
        resource_where = [Resource.space_id == place.space.id]
        post_where = [Post.thread_id == Thread.id]
        if not place.moderator:
            thread_where.append(Thread.state == State.VISIBLE)
            resource_where.append(Resource.state == State.VISIBLE)
            post_where.append(Post.state == State.VISIBLE)
        if place.seen_until() is not None:
            thread_where.append(Thread.created_at <= place.seen_until())
            resource_where.append(Resource.created_at <= place.seen_until())
            post_where.append(Post.created_at <= place.seen_until())
        # every word in the title or in one of the posts
        threads.append(and_(*thread_where, *(or_(
            Thread.search_text.contains(word, autoescape=True),
            exists().where(*post_where, Post.search_text.contains(word, autoescape=True)))
            for word in words)))
        resources.append(and_(*resource_where, _like(Resource.search_text, words)))
    found = union_all(
        select(literal("thread", String).label("kind"), Thread.id, Thread.space_id,
               Thread.title, Thread.last_post_at.label("at")).where(or_(*threads)),
        select(literal("resource", String).label("kind"), Resource.id, Resource.space_id,
               Resource.title, Resource.updated_at.label("at")).where(or_(*resources)),
    ).subquery("found")
    return paginate(select(found).order_by(found.c.at.desc(), found.c.kind, found.c.id), args)
