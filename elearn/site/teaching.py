"""Trainers' pages: the offerings they facilitate, each roster with its progress, and the
attendance of live sessions."""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_babel import gettext, ngettext
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ..courses.texts import localize
from ..enrollments import progress, read_models
from ..enrollments.models import Enrollment, EnrollmentStatus, Offering, ProgressKind
from ..enrollments.scoping import get_offering, is_trainer_of, taught_offerings_query
from ..errors import ElearnError, NotFound
from ..extensions import db
from ..timeutils import utcnow
from ..web.pagination import paginate
from .pages import bp, me, page_args, render, signed_in


@bp.get("/teaching")
@signed_in
def teaching_page():
    """The offerings I facilitate, the latest first, a page at a time."""
    page = paginate(taught_offerings_query(me()).options(joinedload(Offering.course)),
                    page_args(25))
    return render("site/teaching.html", page=page,
                  localize=lambda offering: localize(offering.course.title,
                                                     offering.course.default_language))


def _taught(offering_id: int):
    offering = get_offering(me(), offering_id)
    if not is_trainer_of(me(), offering):
        raise NotFound(gettext("No such offering."))
    return offering


@bp.get("/teaching/offerings/<int:offering_id>")
@signed_in
def roster_page(offering_id):
    """The learners of an offering I facilitate, their progress, and live-session attendance."""
    offering = _taught(offering_id)
    roster = read_models.roster(me(), offering.id, {"page": 1, "per_page": 100})
    lessons, attended = read_models.attendance(offering)
    course = offering.course
    return render("site/roster.html", offering=offering, roster=roster, lessons=lessons,
                  attended=attended, title=localize(course.title, course.default_language),
                  localize=lambda texts: localize(texts, course.default_language))


@bp.post("/teaching/offerings/<int:offering_id>/lessons/<int:lesson_id>/attendance")
@signed_in
def record_attendance(offering_id, lesson_id):
    """Mark a live session attended for the learners ticked; ticking twice counts once."""
    offering = _taught(offering_id)
    chosen = {int(value) for value in request.form.getlist("enrollment") if value.isdigit()}
    enrollments = db.session.scalars(select(Enrollment).where(
        Enrollment.offering_id == offering.id, Enrollment.id.in_(chosen),
        Enrollment.status == EnrollmentStatus.ENROLLED)).all()
    try:
        for enrollment in enrollments:
            progress.record_progress(me(), enrollment, lesson_id=lesson_id,
                                     kind=ProgressKind.COMPLETED, now=utcnow(),
                                     client_event_id=f"attendance-{lesson_id}-{enrollment.id}")
    except ElearnError as error:
        db.session.rollback()
        flash(str(error.detail or error.title), "problem")
        return redirect(url_for("site.roster_page", offering_id=offering.id))
    db.session.commit()
    flash(ngettext("Attendance recorded for %(num)d person.",
                   "Attendance recorded for %(num)d people.", len(enrollments)), "done")
    return redirect(url_for("site.roster_page", offering_id=offering.id))
