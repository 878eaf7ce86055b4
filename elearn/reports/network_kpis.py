"""The regional networks' block of the KPI report (`networks`).

Per space the reader oversees: its members and active members by country and gender, for
the report's countries, hidden when small as every other cell of the report (and the cells
that would give them away). A member is active who posted in the space, or read one of its
threads, during the period (without one: in the last 90 days). Per month: threads started,
replies and downloads by the report countries' officers, in those spaces.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import case, exists, func, select

from ..accounts.models import User
from ..accounts.permissions import is_programme_admin
from ..cells import GENDERS, between, hide_small, month_of, sum_cells
from ..extensions import db
from ..networks.audience import admin_sees, member_ids
from ..networks.models import Post, Resource, ResourceDownload, Space, Thread, ThreadRead
from ..networks.schemas import shown_text

COUNTS = ("members", "active_members")
ACTIVE_WINDOW = timedelta(days=90)


def _spaces(actor: User, filters: dict) -> list[Space]:
    stmt = select(Space).order_by(Space.id)
    if "programme" in filters:
        stmt = stmt.where(Space.programme_id == filters["programme"])
    return [space for space in db.session.scalars(stmt)
            if is_programme_admin(actor) or admin_sees(actor, space)]


def _active(space: Space, filters: dict, now: datetime):
    """SQL: the member (a User row) was active in the space in the period."""
    start = filters.get("from", now - ACTIVE_WINDOW)
    end = filters.get("to", now)
    posted = exists().where(Post.space_id == space.id, Post.author_id == User.id,
                            Post.created_at >= start, Post.created_at < end)
    read = exists().where(ThreadRead.user_id == User.id, ThreadRead.read_at >= start,
                          ThreadRead.read_at < end,
                          ThreadRead.thread_id.in_(select(Thread.id).where(
                              Thread.space_id == space.id)))
    return posted | read


def _space_figures(space: Space, codes: list[str], filters: dict, now: datetime) -> dict:
    members = member_ids(space, now=now).subquery("members")
    active = _active(space, filters, now)
    found = {(country, gender): (count, busy) for country, gender, count, busy in
             db.session.execute(
                 select(User.country_code, User.gender, func.count(),
                        func.sum(case((active, 1), else_=0)))
                 .join(members, members.c.id == User.id)
                 .where(User.country_code.in_(codes))
                 .group_by(User.country_code, User.gender))}
    countries = [code for code in codes if not space.countries or code in space.countries]
    cells = []
    for country in countries:
        for gender in GENDERS:
            count, busy = found.get((country, gender), (0, 0))
            cells.append({"country": country, "gender": gender, "members": int(count),
                          "active_members": int(busy or 0)})
    return {"space_id": space.id, "name": shown_text(space.name, space.language),
            "cells": cells, **sum_cells(cells, COUNTS)}


def _monthly(spaces: list[Space], codes: list[str], filters: dict) -> list[dict]:
    ids = [space.id for space in spaces]
    months: dict[str, dict] = {}

    def add(column, figure, stmt):
        month = month_of(column)
        period = between(column, filters)
        stmt = stmt.add_columns(month, func.count()).group_by(month)
        if period is not None:
            stmt = stmt.where(period)
        for key, count in db.session.execute(stmt).all():
            entry = months.setdefault(key, {"month": key, "threads": 0, "posts": 0,
                                            "downloads": 0})
            entry[figure] = count

    by_officers = User.country_code.in_(codes)
    add(Thread.created_at, "threads", select().select_from(Thread).join(
        User, User.id == Thread.author_id).where(Thread.space_id.in_(ids), by_officers))
    add(Post.created_at, "posts", select().select_from(Post).join(
        User, User.id == Post.author_id).where(Post.space_id.in_(ids), by_officers))
    add(ResourceDownload.created_at, "downloads", select().select_from(ResourceDownload).join(
        Resource, Resource.id == ResourceDownload.resource_id).where(
        Resource.space_id.in_(ids), ResourceDownload.country_code.in_(codes)))
    rows = []
    for key in sorted(months):
        entry = months.pop(key)
        # a thread's first post is written with it: the rest are replies
        entry["replies"] = entry.pop("posts") - entry["threads"]
        rows.append(entry)
    return rows


def network_figures(actor: User, codes: list[str], filters: dict, *, now: datetime) -> dict:
    spaces = _spaces(actor, filters)
    return {"spaces": [_space_figures(space, codes, filters, now) for space in spaces],
            "months": _monthly(spaces, codes, filters)}


def suppress(block: dict, threshold: int) -> dict:
    """Each space's small member counts hidden, as the report's own cells."""
    return block | {"spaces": [space | hide_small(space, COUNTS, threshold)
                               for space in block["spaces"]]}
