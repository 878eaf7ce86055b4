"""The regional networks in the web app: my spaces, a space with its rule and threads,
starting a thread, announcements and search. Every page calls the networks' services with
the reader as actor, as the API does."""

from __future__ import annotations

import marshmallow as ma
from flask import flash, redirect, request, url_for
from flask_babel import gettext

from ..errors import ElearnError
from ..extensions import db
from ..networks import announcements, discussions
from ..networks.audience import Access, get_space, my_spaces
from ..networks.schemas import (
    AnnouncementCreateSchema,
    SearchArgsSchema,
    ThreadCreateSchema,
    shown_text,
    space_rule,
)
from ..networks.search import search
from ..timeutils import utcnow
from ..web.markdown import safe_html
from ..web.pagination import paginate
from .pages import bp, form_fields, me, page_args, problems_of, render, signed_in


def place(space_id: int) -> Access:
    return get_space(me(), space_id, now=utcnow())


def space_view(access: Access) -> dict:
    """What every page of a space shows of it: its name, rule and direction."""
    space = access.space
    return {"id": space.id, "name": shown_text(space.name, space.language),
            "description": shown_text(space.description, space.language),
            "rule": space_rule(space), "language": space.language,
            "rtl": space.language == "ar", "moderator": access.moderator,
            "member": access.member, "suspended": access.suspended_at is not None}


@bp.get("/spaces")
@signed_in
def spaces_page():
    """The spaces I belong to, and those an admin oversees."""
    places = my_spaces(me(), now=utcnow())
    return render("site/spaces.html", spaces=[space_view(p) for p in places],
                  q=request.args.get("q", ""))


def _space_page(space_id: int, *, status: int = 200, typed=None, problems=None):
    access = place(space_id)
    threads = discussions.threads_page(me(), access, page_args(20))
    return render("site/space.html", status=status, space=space_view(access),
                  threads=threads, typed=typed or {}, problems=problems or {},
                  members=discussions.people_to_mention(me(), access)
                  if access.can_write else [])


@bp.get("/spaces/<int:space_id>")
@signed_in
def space_page(space_id):
    """A space: its rule, its threads (what I have not read marked), a new thread."""
    return _space_page(space_id)


@bp.post("/spaces/<int:space_id>/threads")
@signed_in
def start_thread(space_id):
    schema = ThreadCreateSchema()
    try:
        data = schema.load(form_fields(schema))
        thread = discussions.start_thread(me(), place(space_id), data, now=utcnow())
    except (ma.ValidationError, ElearnError) as error:
        db.session.rollback()
        return _space_page(space_id, status=getattr(error, "status", 422),
                           typed=request.form.to_dict(), problems=problems_of(error))
    db.session.commit()
    flash(gettext("Your thread is posted."), "done")
    return redirect(url_for("site.thread_page", thread_id=thread.id))


def _announcements_page(space_id: int, *, status: int = 200, typed=None, problems=None):
    access = place(space_id)
    page = paginate(announcements.announcements_query(access), page_args(10))
    return render("site/announcements.html", status=status, space=space_view(access),
                  page=page, typed=typed or {}, problems=problems or {}, html=safe_html)


@bp.get("/spaces/<int:space_id>/announcements")
@signed_in
def announcements_page(space_id):
    """The space's announcements, newest first; moderators send a new one."""
    return _announcements_page(space_id)


@bp.post("/spaces/<int:space_id>/announcements")
@signed_in
def send_announcement(space_id):
    schema = AnnouncementCreateSchema()
    try:
        data = schema.load(form_fields(schema))
        sent = announcements.announce(me(), place(space_id), data, now=utcnow())
    except (ma.ValidationError, ElearnError) as error:
        db.session.rollback()
        return _announcements_page(space_id, status=getattr(error, "status", 422),
                                   typed=request.form.to_dict(), problems=problems_of(error))
    db.session.commit()
    flash(gettext("The announcement is on its way to %(num)d members.", num=sent.recipients),
          "done")
    return redirect(url_for("site.announcements_page", space_id=space_id))


@bp.get("/spaces/search")
@signed_in
def space_search_page():
    """Threads and resources of my spaces that hold every word asked for."""
    args = {"q": request.args.get("q", "")} | page_args(20)
    try:
        found = SearchArgsSchema().load(args)
    except ma.ValidationError:
        return render("site/space_search.html", q="", page=None)
    page = search(me(), found, now=utcnow())
    names = {p.space.id: shown_text(p.space.name, p.space.language)
             for p in my_spaces(me(), now=utcnow())}
    return render("site/space_search.html", q=found["q"], page=page, names=names)
