"""Opening an offering from the console: a published course, its mode and dates (days in
the admin's own time zone), deadline, capacity, waiting list, approval and due time."""

from __future__ import annotations

import marshmallow as ma
from flask import flash, redirect, request, url_for
from flask_babel import gettext
from sqlalchemy import select

from ...accounts.permissions import is_programme_admin
from ...courses.access import course_visibility, visible_courses
from ...courses.models import Course, CourseStatus
from ...courses.texts import localize
from ...enrollments.models import Mode
from ...enrollments.schemas import OfferingCreateSchema
from ...enrollments.services import create_offering
from ...errors import ElearnError
from ...extensions import db
from ...timeutils import utcnow
from ..pages import admin_only, bp, me, problems_of, render
from .days import day_start

DAYS = ("starts_at", "ends_at", "enrollment_deadline")
NUMBERS = ("capacity", "due_days")
SWITCHES = ("waitlist_enabled", "approval_required", "self_enrollment")


def _courses() -> list[tuple[int, str]]:
    rows = db.session.execute(visible_courses(
        select(Course.id, Course.code, Course.title, Course.default_language)
        .where(Course.status == CourseStatus.PUBLISHED), *course_visibility(me()))
        .order_by(Course.code).limit(500))
    return [(row.id, f"{row.code} — {localize(row.title, row.default_language)}")
            for row in rows]


def _form_page(*, status: int = 200, typed: dict | None = None, problems: dict | None = None):
    return render("site/console/offering_new.html", status=status, courses=_courses(),
                  modes=[mode.value for mode in Mode], typed=typed or {"self_enrollment": "on"},
                  problems=problems or {}, any_country=is_programme_admin(me()))


@bp.get("/console/offerings/new")
@admin_only
def new_offering_page():
    return _form_page()


def _offering_data(typed: dict, problems: dict) -> dict:
    """The form as the API's schema takes it: days become the start of that day in the
    admin's time zone."""
    data = {"course_id": typed.get("course_id"), "mode": typed.get("mode"),
            "title": typed.get("title") or None}
    for name in DAYS:
        if (day := day_start(typed, name, problems)) is not None:
            data[name] = day.isoformat()
    for name in NUMBERS:
        if typed.get(name):
            data[name] = typed[name]
    for name in SWITCHES:
        data[name] = typed.get(name) == "on"
    if is_programme_admin(me()):
        data["country"] = (typed.get("country") or "").upper() or None
    else:
        data["country"] = me().country_code
    return data


@bp.post("/console/offerings/new")
@admin_only
def create_offering_page():
    """Open the offering; a refused form comes back with what was typed."""
    typed = {name: value.strip() for name, value in request.form.items()
             if name != "csrf_token"}
    problems: dict = {}
    data = _offering_data(typed, problems)
    if problems:
        return _form_page(status=422, typed=typed, problems=problems)
    try:
        offering = create_offering(me(), OfferingCreateSchema().load(data), now=utcnow())
    except (ma.ValidationError, ElearnError) as error:
        db.session.rollback()
        return _form_page(status=getattr(error, "status", 422), typed=typed,
                          problems=problems_of(error))
    db.session.commit()
    flash(gettext("The offering is open."), "done")
    return redirect(url_for("site.console_roster_page", offering_id=offering.id))
