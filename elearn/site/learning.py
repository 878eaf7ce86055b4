"""The trainee's pages: the dashboard, the catalogue, a course and enrolling in it."""

from __future__ import annotations

import marshmallow as ma
from flask import flash, redirect, request, url_for
from flask_babel import gettext
from sqlalchemy import select

from ..courses import catalogue
from ..courses.access import get_course
from ..courses.content.schemas import CourseDetailSchema
from ..courses.models import Level
from ..courses.schemas import CourseQueryArgsSchema, CourseSchema
from ..enrollments import read_models, services
from ..enrollments.models import Enrollment, EnrollmentStatus, Offering
from ..enrollments.scoping import get_offering, offerings_query
from ..errors import ElearnError, translate_messages
from ..extensions import db
from ..i18n import LANGUAGES
from ..mentoring.pairings import mentees
from ..reminders.services import my_notifications_query
from ..timeutils import utcnow
from ..web.pagination import count_of
from .pages import bp, language, me, render, signed_in

PER_PAGE = 20


@bp.get("/")
@signed_in
def dashboard():
    """My enrolments with progress, due dates and the next lesson; what is overdue."""
    now = utcnow()
    page = read_models.my_enrollments(me(), {"page": 1, "per_page": 100}, now=now)
    overdue = [item for item in page["items"] if item["status"] == EnrollmentStatus.ENROLLED
               and item["due_at"] and item["due_at"] < now]
    return render("site/dashboard.html", enrollments=page["items"], overdue=overdue,
                  unread=count_of(my_notifications_query(me(), unread=True)),
                  mentoring=mentees.my_mentoring_next(me(), now=now))


class CatalogueArgsSchema(CourseQueryArgsSchema):
    class Meta:
        unknown = ma.EXCLUDE


@bp.get("/catalogue")
@signed_in
def catalogue_page():
    """Search the catalogue in any language; filter by category, level and language."""
    wanted = {name: value for name, value in request.args.items() if value}
    try:
        args = CatalogueArgsSchema().load(wanted | {"per_page": PER_PAGE})
    except ma.ValidationError as error:
        return render("site/catalogue.html", status=422, page=None, wanted=wanted,
                      problems=translate_messages(error.messages), **_filters())
    page = catalogue.catalogue(me(), args, language=language())
    page["items"] = CourseSchema(many=True).dump(page["items"])
    return render("site/catalogue.html", page=page, wanted=wanted, problems={}, **_filters())


def _filters() -> dict:
    return {"categories": catalogue.categories(me()), "levels": [level.value for level in Level],
            "languages": LANGUAGES}


def _mine(course_id: int) -> list[Enrollment]:
    return list(db.session.scalars(
        select(Enrollment).join(Offering, Enrollment.offering_id == Offering.id)
        .where(Enrollment.user_id == me().id, Offering.course_id == course_id)
        .order_by(Enrollment.id.desc())))


def _course_page(course_id: int, *, status: int = 200, problem: str | None = None):
    now = utcnow()
    course = get_course(me(), course_id, tree=True)
    offerings = list(db.session.scalars(
        offerings_query(me(), {"course_id": course.id, "open": True}, now=now).limit(20)))
    return render("site/course.html", status=status, course=CourseDetailSchema().dump(course),
                  missing=services.missing_prerequisites(me(), course), offerings=offerings,
                  mine=_mine(course.id), problem=problem)


@bp.get("/courses/<int:course_id>")
@signed_in
def course_page(course_id):
    """A course: description, modules and lessons, prerequisites, the runs open to enrol."""
    return _course_page(course_id)


OUTCOMES = {
    EnrollmentStatus.ENROLLED: lambda _e: gettext("You are enrolled."),
    EnrollmentStatus.PENDING: lambda _e: gettext(
        "Your enrolment awaits an administrator's approval."),
    EnrollmentStatus.WAITLISTED: lambda enrollment: gettext(
        "The course is full: you are number %(num)d on the waiting list.",
        num=read_models.waitlist_position(enrollment)),
}


@bp.post("/offerings/<int:offering_id>/enrol")
@signed_in
def enrol(offering_id):
    """Enrol in an offering and say what came of it: enrolled, waitlisted, pending, or why
    not."""
    offering = get_offering(me(), offering_id)
    try:
        enrollment = services.enroll(me(), offering, me(), now=utcnow())
    except ElearnError as error:
        db.session.rollback()
        return _course_page(offering.course_id, status=error.status,
                            problem=str(error.detail or error.title))
    db.session.commit()
    flash(OUTCOMES[enrollment.status](enrollment), "done")
    return redirect(url_for("site.course_page", course_id=offering.course_id))
