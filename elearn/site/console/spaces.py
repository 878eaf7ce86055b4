"""Regional networks in the console: the spaces an admin oversees, opening a space (its name
and rule in each language, its main language and audience), changing it, and naming its
moderators and invited members by e-mail address."""

from __future__ import annotations

import marshmallow as ma
from flask import flash, redirect, request, url_for
from flask_babel import gettext
from sqlalchemy import select

from ...accounts.models import Country, Role
from ...accounts.permissions import is_programme_admin
from ...errors import ElearnError
from ...extensions import db
from ...i18n import LANGUAGES
from ...mentoring.models import Programme
from ...networks import spaces
from ...networks.audience import admin_moderates, get_space, my_spaces
from ...networks.models import Audience, MemberRole, SpaceMember
from ...networks.schemas import SpaceCreateSchema, SpaceUpdateSchema, shown_text
from ...timeutils import utcnow
from ..pages import admin_only, bp, me, problems_of, render
from .lookup import person_by_email
from .texts import texts_from, texts_typed

TEXTS = ("name", "description", "rule")


def _space_data(form) -> dict:
    data = {name: texts_from(form, name) for name in TEXTS}
    for name in ("language", "audience"):
        if form.get(name):
            data[name] = form[name]
    if form.get("programme_id"):
        data["programme_id"] = form["programme_id"]
    data["roles"] = form.getlist("roles")
    if is_programme_admin(me()):
        data["countries"] = form.getlist("countries")
    return data


def _choices() -> dict:
    return {"languages": LANGUAGES, "audiences": [a.value for a in Audience],
            "roles": [r.value for r in Role],
            "programmes": db.session.execute(select(Programme.id, Programme.name)
                                             .order_by(Programme.name)).all(),
            "countries": db.session.execute(select(Country.code, Country.name)
                                            .order_by(Country.name)).all(),
            "all_countries": is_programme_admin(me())}


@bp.get("/console/spaces")
@admin_only
def console_spaces_page():
    """The spaces I oversee, with their audience and whether I administer them."""
    places = my_spaces(me(), now=utcnow())
    return render("site/console/spaces.html", places=places, shown_text=shown_text,
                  administers=lambda space: admin_moderates(me(), space))


def _form_page(*, space_id: int | None = None, status: int = 200, typed=None, problems=None):
    place = get_space(me(), space_id, now=utcnow()) if space_id else None
    named = []
    if place is not None:
        named = db.session.scalars(select(SpaceMember).where(
            SpaceMember.space_id == space_id).order_by(SpaceMember.role.desc())).all()
    return render("site/console/space_form.html", status=status, place=place, named=named,
                  typed=typed or {"language": "en", "audience": "countries"},
                  problems=problems or {}, **_choices())


@bp.get("/console/spaces/new")
@admin_only
def new_space_page():
    return _form_page()


@bp.post("/console/spaces/new")
@admin_only
def create_space_page():
    """Open the space; a refused form comes back with what was typed and why."""
    try:
        data = SpaceCreateSchema().load(_space_data(request.form))
        space = spaces.create_space(me(), data, now=utcnow())
    except (ma.ValidationError, ElearnError) as error:
        db.session.rollback()
        return _form_page(status=getattr(error, "status", 422), typed=_typed(request.form),
                          problems=problems_of(error))
    db.session.commit()
    flash(gettext("The space is open."), "done")
    return redirect(url_for("site.console_space_page", space_id=space.id))


def _typed(form) -> dict:
    typed = {key: form.get(key) for key in form}
    typed["roles"], typed["countries"] = form.getlist("roles"), form.getlist("countries")
    return typed


def _typed_space(space) -> dict:
    typed = {"language": space.language, "audience": space.audience,
             "programme_id": str(space.programme_id or ""), "roles": space.roles or [],
             "countries": space.countries}
    for name in TEXTS:
        typed |= texts_typed(getattr(space, name), name)
    return typed


@bp.get("/console/spaces/<int:space_id>")
@admin_only
def console_space_page(space_id):
    place = get_space(me(), space_id, now=utcnow())
    return _form_page(space_id=space_id, typed=_typed_space(place.space))


@bp.post("/console/spaces/<int:space_id>")
@admin_only
def update_space_page(space_id):
    try:
        data = SpaceUpdateSchema().load(_space_data(request.form))
        spaces.update_space(me(), get_space(me(), space_id, now=utcnow()), data, now=utcnow())
    except (ma.ValidationError, ElearnError) as error:
        db.session.rollback()
        return _form_page(space_id=space_id, status=getattr(error, "status", 422),
                          typed=_typed(request.form), problems=problems_of(error))
    db.session.commit()
    flash(gettext("The space is saved."), "done")
    return redirect(url_for("site.console_space_page", space_id=space_id))


@bp.post("/console/spaces/<int:space_id>/members")
@admin_only
def name_space_member_page(space_id):
    """Name a moderator or invite a member by e-mail; or take the name off (`remove`)."""
    place = get_space(me(), space_id, now=utcnow())
    problems: dict = {}
    try:
        if request.form.get("remove"):
            spaces.unname_member(me(), place, request.form.get("remove", type=int) or 0,
                                 now=utcnow())
        else:
            person = person_by_email(request.form, "email", problems)
            if person is None:
                raise ma.ValidationError(problems)
            role = request.form.get("role")
            spaces.name_member(me(), place, person.id, role if role in list(MemberRole)
                               else MemberRole.MEMBER.value, now=utcnow())
    except (ma.ValidationError, ElearnError) as error:
        db.session.rollback()
        return _form_page(space_id=space_id, status=getattr(error, "status", 422),
                          typed=_typed_space(place.space) | {"email": request.form.get(
                              "email", "")}, problems=problems_of(error))
    db.session.commit()
    flash(gettext("The space's members are saved."), "done")
    return redirect(url_for("site.console_space_page", space_id=space_id))
