"""Countries in the console, for programme admins: each partner country's language, time zone,
region and weekend (its people's dates and reminders follow them), with how many people it
has; adding a country. National admins do not see this page."""

from __future__ import annotations

import marshmallow as ma
from flask import flash, redirect, request, url_for
from flask_babel import gettext
from sqlalchemy import func, select

from ...accounts import services
from ...accounts.models import Country, Region, User
from ...accounts.permissions import is_programme_admin
from ...accounts.schemas import CountryCreateSchema, CountryUpdateSchema
from ...errors import ElearnError, NotFound
from ...extensions import db
from ...i18n import LANGUAGES
from ...timeutils import utcnow
from ..pages import admin_only, bp, me, problems_of, render

SETTINGS = ("name", "default_language", "timezone", "region", "weekend")


def _programme_admin() -> None:
    if not is_programme_admin(me()):
        raise NotFound()


def _page(*, status: int = 200, typed: dict | None = None, problems: dict | None = None,
          editing: str | None = None):
    people = dict(db.session.execute(select(User.country_code, func.count(User.id))
                                     .group_by(User.country_code)).all())
    return render("site/console/countries.html", status=status,
                  countries=list(db.session.scalars(select(Country).order_by(Country.name))),
                  people=people, typed=typed or {}, problems=problems or {}, editing=editing,
                  languages=LANGUAGES, regions=[region.value for region in Region])


@bp.get("/console/countries")
@admin_only
def countries_page():
    _programme_admin()
    return _page()


def _typed() -> dict:
    return {name: request.form.get(name, "").strip() for name in ("code", *SETTINGS)}


@bp.post("/console/countries")
@admin_only
def add_country_page():
    _programme_admin()
    typed = _typed()
    try:
        services.create_country(me(), CountryCreateSchema().load(
            {name: value for name, value in typed.items() if value}
            | {"code": typed["code"].upper()}), now=utcnow())
    except (ma.ValidationError, ElearnError) as error:
        db.session.rollback()
        return _page(status=getattr(error, "status", 422), typed=typed,
                     problems=problems_of(error))
    db.session.commit()
    flash(gettext("The country is added."), "done")
    return redirect(url_for("site.countries_page"))


@bp.post("/console/countries/<code>")
@admin_only
def save_country_page(code):
    """Change a country's settings; nothing changes if one is refused."""
    _programme_admin()
    typed = _typed()
    try:
        services.update_country(me(), code, CountryUpdateSchema().load(
            {name: typed[name] for name in SETTINGS if typed[name]}), now=utcnow())
    except (ma.ValidationError, ElearnError) as error:
        db.session.rollback()
        return _page(status=getattr(error, "status", 422), typed=typed, editing=code.upper(),
                     problems=problems_of(error))
    db.session.commit()
    flash(gettext("The country is saved."), "done")
    return redirect(url_for("site.countries_page"))
