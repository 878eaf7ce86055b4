"""Opening and changing an offering from the console: a published course, its mode and dates
(days in the admin's own time zone), deadline, capacity, waiting list, approval, due time and
trainers. A refused form comes back with what was typed and why, and nothing is saved."""

from __future__ import annotations

import marshmallow as ma
from flask import flash, redirect, request, url_for
from flask_babel import gettext
from sqlalchemy import select

from ...accounts.models import Role, User
from ...accounts.permissions import is_programme_admin
from ...accounts.services import users_query
from ...courses.access import course_visibility, visible_courses
from ...courses.models import Course, CourseStatus
from ...courses.texts import localize
from ...enrollments.models import Mode, Offering, TrainerRole
from ...enrollments.schemas import OfferingCreateSchema, OfferingUpdateSchema
from ...enrollments.scoping import get_offering
from ...enrollments.services import create_offering, update_offering
from ...errors import ElearnError
from ...extensions import db
from ...timeutils import utcnow, zone
from ..pages import admin_only, bp, me, problems_of, render
from .days import day_start

DAYS = ("starts_at", "ends_at", "enrollment_deadline")
NUMBERS = ("capacity", "due_days")
SWITCHES = ("waitlist_enabled", "approval_required", "self_enrollment")
TRAINER_ROWS = 4  # trainer lines on the form; an offering has a lead and a few co-facilitators
MAX_TRAINERS = 300  # the trainers offered to choose from


def _courses() -> list[tuple[int, str]]:
    rows = db.session.execute(visible_courses(
        select(Course.id, Course.code, Course.title, Course.default_language)
        .where(Course.status == CourseStatus.PUBLISHED), *course_visibility(me()))
        .order_by(Course.code).limit(500))
    return [(row.id, f"{row.code} — {localize(row.title, row.default_language)}")
            for row in rows]


def _trainers() -> list[tuple[int, str]]:
    rows = db.session.execute(users_query(me(), {"role": Role.TRAINER.value, "active": True})
                              .with_only_columns(User.id, User.name, User.country_code)
                              .limit(MAX_TRAINERS))
    return [(row.id, f"{row.name} ({row.country_code})") for row in rows]


def _typed_from(offering: Offering) -> dict:
    """An offering as its form shows it: days in the admin's time zone."""
    here = zone(me().effective_timezone)
    typed = {name: getattr(offering, name).astimezone(here).date().isoformat()
             for name in DAYS if getattr(offering, name) is not None}
    typed |= {name: str(getattr(offering, name)) for name in NUMBERS
              if getattr(offering, name) is not None}
    typed |= {name: "on" for name in SWITCHES if getattr(offering, name)}
    typed |= {"title": offering.title or "", "mode": offering.mode}
    for number, trainer in enumerate(offering.trainers):
        typed[f"trainer-{number}"], typed[f"role-{number}"] = str(trainer.user_id), trainer.role
    return typed


def _form_page(*, offering: Offering | None = None, status: int = 200,
               typed: dict | None = None, problems: dict | None = None):
    if typed is None:
        typed = _typed_from(offering) if offering else {"self_enrollment": "on"}
    return render("site/console/offering_form.html", status=status, offering=offering,
                  courses=_courses() if offering is None else [],
                  trainers=_trainers(), trainer_rows=TRAINER_ROWS,
                  roles=[role.value for role in TrainerRole],
                  modes=[mode.value for mode in Mode], typed=typed, problems=problems or {},
                  any_country=is_programme_admin(me()))


def _offering_data(typed: dict, problems: dict, *, new: bool) -> dict:
    """The form as the API's schema takes it: days become the start of that day in the
    admin's time zone; an emptied day or number is taken away."""
    data = {"mode": typed.get("mode"), "title": typed.get("title") or None}
    for name in DAYS:
        day = day_start(typed, name, problems)
        if day is not None or not new and name != "starts_at":
            data[name] = day.isoformat() if day else None
    for name in NUMBERS:
        if typed.get(name) or not new:
            data[name] = typed.get(name) or None
    for name in SWITCHES:
        data[name] = typed.get(name) == "on"
    data["trainers"] = [
        {"user_id": typed[f"trainer-{number}"], "role": typed.get(f"role-{number}")}
        for number in range(TRAINER_ROWS) if typed.get(f"trainer-{number}")]
    if new:
        data["course_id"] = typed.get("course_id")
        data["country"] = ((typed.get("country") or "").upper() or None
                           if is_programme_admin(me()) else me().country_code)
    return data


def _typed() -> dict:
    return {name: value.strip() for name, value in request.form.items()
            if name != "csrf_token"}


@bp.get("/console/offerings/new")
@admin_only
def new_offering_page():
    return _form_page()


@bp.post("/console/offerings/new")
@admin_only
def create_offering_page():
    """Open the offering; a refused form comes back with what was typed."""
    typed, problems = _typed(), {}
    data = _offering_data(typed, problems, new=True)
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


@bp.get("/console/offerings/<int:offering_id>/edit")
@admin_only
def edit_offering_page(offering_id):
    return _form_page(offering=get_offering(me(), offering_id))


@bp.post("/console/offerings/<int:offering_id>/edit")
@admin_only
def update_offering_page(offering_id):
    """Save the changes; more seats move the waiting list up in order."""
    offering = get_offering(me(), offering_id)
    typed, problems = _typed(), {}
    data = _offering_data(typed, problems, new=False)
    if problems:
        return _form_page(offering=offering, status=422, typed=typed, problems=problems)
    try:
        update_offering(me(), offering, OfferingUpdateSchema().load(data), now=utcnow())
    except (ma.ValidationError, ElearnError) as error:
        db.session.rollback()
        return _form_page(offering=get_offering(me(), offering_id),
                          status=getattr(error, "status", 422), typed=typed,
                          problems=problems_of(error))
    db.session.commit()
    flash(gettext("The offering is saved."), "done")
    return redirect(url_for("site.console_roster_page", offering_id=offering.id))
