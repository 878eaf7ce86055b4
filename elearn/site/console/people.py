"""People: search and filter the users in my scope, and create one (invited by mail to
choose a password)."""

from __future__ import annotations

import marshmallow as ma
from flask import flash, redirect, request, url_for
from flask_babel import gettext

from ...accounts.permissions import is_programme_admin
from ...accounts.schemas import GENDERS, ROLES, UserCreateSchema, UserQueryArgsSchema
from ...accounts.services import create_user, users_query
from ...errors import ElearnError
from ...extensions import db
from ...i18n import LANGUAGES
from ...timeutils import utcnow
from ...web.pagination import paginate
from ..pages import admin_only, bp, me, problems_of, render

FILTERS = ("q", "role", "gender", "active", "country")


class PeopleArgsSchema(UserQueryArgsSchema):
    class Meta:
        unknown = ma.EXCLUDE


@bp.get("/console/people")
@admin_only
def people_page():
    """The users I may see, filtered in the address bar; the CSV has exactly these."""
    wanted = {name: value for name, value in request.args.items() if value}
    try:
        args = PeopleArgsSchema().load(wanted)
    except ma.ValidationError as error:
        return render("site/console/people.html", status=422, page=None, wanted=wanted,
                      problems=problems_of(error), roles=ROLES, genders=GENDERS)
    page = paginate(users_query(me(), args), args)
    export = {name: value for name, value in wanted.items() if name in FILTERS}
    return render("site/console/people.html", page=page, wanted=wanted, problems={},
                  roles=ROLES, genders=GENDERS,
                  export=url_for("users.list_users", format="csv", **export))


def _new_person_page(*, status: int = 200, typed: dict | None = None,
                     problems: dict | None = None):
    return render("site/console/person_new.html", status=status, typed=typed or {},
                  problems=problems or {}, roles=ROLES, genders=GENDERS, languages=LANGUAGES,
                  any_country=is_programme_admin(me()))


@bp.get("/console/people/new")
@admin_only
def new_person_page():
    return _new_person_page()


@bp.post("/console/people/new")
@admin_only
def create_person():
    """Create a user; without a password they are invited by mail."""
    typed = {name: request.form.get(name, "").strip() for name in (
        "email", "name", "gender", "language", "country", "agency", "rank")}
    data = {name: value for name, value in typed.items() if value}
    data["roles"] = request.form.getlist("roles") or ["trainee"]
    if not is_programme_admin(me()):
        data["country"] = me().country_code
    try:
        user = create_user(me(), UserCreateSchema().load(data), now=utcnow())
    except (ma.ValidationError, ElearnError) as error:
        db.session.rollback()
        return _new_person_page(status=getattr(error, "status", 422),
                                typed=typed | {"roles": data["roles"]},
                                problems=problems_of(error))
    db.session.commit()
    flash(gettext("%(name)s was created and invited by mail to choose a password.",
                  name=user.name), "done")
    return redirect(url_for("site.people_page", q=user.email))
