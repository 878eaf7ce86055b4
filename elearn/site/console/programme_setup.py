"""Setting up a mentoring programme in the console, for programme admins: a new programme
(dates, seats per country, pathway courses, who may apply) and its mentor pool (each mentor's
places, languages and expertise, with how many mentees they have now)."""

from __future__ import annotations

import marshmallow as ma
from flask import flash, redirect, request, url_for
from flask_babel import gettext
from sqlalchemy import select

from ...courses.models import Course, CourseStatus
from ...errors import ElearnError
from ...extensions import db
from ...mentoring import programmes
from ...mentoring.pairings import lifecycle
from ...mentoring.schemas import MentorSchema, ProgrammeCreateSchema
from ...mentoring.scoping import get_programme, require_programme_admin
from ...timeutils import utcnow
from ..pages import admin_only, bp, me, problems_of, render
from .lookup import person_by_email

FIELDS = ("name", "starts_on", "applications_open_on", "applications_close_on",
          "total_seats", "countries", "pathway", "eligible_gender")


def _words(text: str) -> list[str]:
    return [word.strip() for word in (text or "").split(",") if word.strip()]


def _programme_data(typed: dict, problems: dict) -> dict:
    """The form as the API takes it: 'FJ:2, TO:1' as seats per country, course codes as the
    ids of their newest published versions."""
    data = {name: typed[name] for name in ("name", "starts_on", "applications_open_on",
                                           "applications_close_on") if typed.get(name)}
    if typed.get("total_seats"):
        data["total_seats"] = typed["total_seats"]
    data["eligible_gender"] = typed.get("eligible_gender") or None
    countries = []
    for item in _words(typed.get("countries", "")):
        code, _, seats = item.partition(":")
        if not seats.strip().isdigit():
            problems["countries"] = [gettext("Write each country as CODE:seats, e.g. FJ:2.")]
            break
        countries.append({"country": code.strip().upper(), "seats": int(seats)})
    data["countries"] = countries
    codes = [code.upper() for code in _words(typed.get("pathway", ""))]
    found = dict(db.session.execute(select(Course.code, Course.id).where(
        Course.code.in_(codes), Course.status == CourseStatus.PUBLISHED)).all())
    if set(codes) - set(found):
        problems["pathway"] = [gettext("No published course: %(codes)s.",
                                       codes=", ".join(sorted(set(codes) - set(found))))]
    data["pathway_course_ids"] = [found[code] for code in codes if code in found]
    return data


def _new_page(*, status: int = 200, typed: dict | None = None, problems: dict | None = None):
    require_programme_admin(me())
    return render("site/console/programme_new.html", status=status,
                  typed=typed or {"eligible_gender": "female"}, problems=problems or {})


@bp.get("/console/programmes/new")
@admin_only
def new_programme_page():
    return _new_page()


@bp.post("/console/programmes/new")
@admin_only
def create_programme_page():
    """Create the programme; a refused form comes back with what was typed."""
    require_programme_admin(me())
    typed = {name: request.form.get(name, "").strip() for name in FIELDS}
    problems: dict = {}
    data = _programme_data(typed, problems)
    try:
        if problems:
            raise ma.ValidationError(problems)
        programme = programmes.create_programme(me(), ProgrammeCreateSchema().load(data),
                                                now=utcnow())
    except (ma.ValidationError, ElearnError) as error:
        db.session.rollback()
        return _new_page(status=getattr(error, "status", 422), typed=typed,
                         problems=problems_of(error))
    db.session.commit()
    flash(gettext("The programme is created; applications open on its date."), "done")
    return redirect(url_for("site.programme_page", programme_id=programme.id))


def _pool_page(programme_id: int, *, status: int = 200, typed: dict | None = None,
               problems: dict | None = None):
    require_programme_admin(me())
    programme = get_programme(programme_id)
    return render("site/console/mentor_pool.html", status=status, programme=programme,
                  pool=lifecycle.mentor_pool(programme), loads=lifecycle.mentor_loads(programme.id),
                  typed=typed or {"max_mentees": "3"}, problems=problems or {})


@bp.get("/console/programmes/<int:programme_id>/mentors")
@admin_only
def mentor_pool_page(programme_id):
    return _pool_page(programme_id)


@bp.post("/console/programmes/<int:programme_id>/mentors")
@admin_only
def add_mentor_page(programme_id):
    """Add a mentor to the pool, or change their places, languages and expertise."""
    require_programme_admin(me())
    programme = get_programme(programme_id)
    typed = {name: request.form.get(name, "").strip()
             for name in ("email", "max_mentees", "languages", "expertise")}
    problems: dict = {}
    mentor = person_by_email(typed, "email", problems)
    try:
        if problems:
            raise ma.ValidationError(problems)
        data = MentorSchema().load({"mentor_id": mentor.id,
                                    "max_mentees": typed["max_mentees"] or 3,
                                    "languages": _words(typed["languages"]),
                                    "expertise": _words(typed["expertise"])})
        data.pop("mentor_id")
        lifecycle.add_mentor(me(), programme, mentor, data, now=utcnow())
    except (ma.ValidationError, ElearnError) as error:
        db.session.rollback()
        return _pool_page(programme_id, status=getattr(error, "status", 422), typed=typed,
                          problems=problems_of(error))
    db.session.commit()
    flash(gettext("%(name)s is in the mentor pool.", name=mentor.name), "done")
    return redirect(url_for("site.mentor_pool_page", programme_id=programme_id))
