"""Offerings, their rosters and enrolments."""

from __future__ import annotations

from flask_smorest import Blueprint

from ..accounts.auth import actor
from ..accounts.permissions import get_user
from ..extensions import db
from ..timeutils import utcnow
from ..web.csvfiles import CsvUploadSchema, ImportArgsSchema, uploaded_bytes
from ..web.pagination import page_of, paginate
from . import imports, read_models, services
from .schemas import (
    EnrollmentCreateSchema,
    EnrollmentImportReportSchema,
    EnrollmentPageSchema,
    EnrollmentSchema,
    EnrollmentUpdateSchema,
    LessonProgressSchema,
    OfferingCreateSchema,
    OfferingQueryArgsSchema,
    OfferingSchema,
    OfferingUpdateSchema,
    RosterQueryArgsSchema,
)
from .scoping import get_enrollment, get_offering, offerings_query, visible_offering_id

offerings_bp = Blueprint("offerings", __name__, url_prefix="/api/v1/offerings",
                         description="Runs of a course, and who is enrolled in them")
enrollments_bp = Blueprint("enrollments", __name__, url_prefix="/api/v1/enrollments",
                           description="One person's enrolment in an offering")


@offerings_bp.get("")
@offerings_bp.arguments(OfferingQueryArgsSchema, location="query")
@offerings_bp.response(200, page_of(OfferingSchema))
def list_offerings(args):
    """Offerings the caller may see, soonest first."""
    return paginate(offerings_query(actor(), args, now=utcnow()), args)


@offerings_bp.post("")
@offerings_bp.arguments(OfferingCreateSchema)
@offerings_bp.response(201, OfferingSchema)
def create_offering(data):
    """Open a run of a published course (admins)."""
    offering = services.create_offering(actor(), data, now=utcnow())
    db.session.commit()
    return offering


@offerings_bp.get("/<int:offering_id>")
@offerings_bp.response(200, OfferingSchema)
def get_offering_detail(offering_id):
    """One offering."""
    return get_offering(actor(), offering_id)


@offerings_bp.patch("/<int:offering_id>")
@offerings_bp.arguments(OfferingUpdateSchema)
@offerings_bp.response(200, OfferingSchema)
def update_offering(data, offering_id):
    """Change an offering; a larger capacity promotes people from the waitlist."""
    offering = services.update_offering(actor(), get_offering(actor(), offering_id), data,
                                        now=utcnow())
    db.session.commit()
    return offering


@offerings_bp.get("/<int:offering_id>/enrollments")
@offerings_bp.arguments(RosterQueryArgsSchema, location="query")
@offerings_bp.response(200, EnrollmentPageSchema)
def list_roster(args, offering_id):
    """The roster: learners of the offering the caller may see, with progress."""
    return read_models.roster(actor(), visible_offering_id(actor(), offering_id), args)


@offerings_bp.post("/<int:offering_id>/enrollments")
@offerings_bp.arguments(EnrollmentCreateSchema)
@offerings_bp.response(201, EnrollmentSchema)
def create_enrollment(data, offering_id):
    """Enrol the caller, or (admins) someone they manage."""
    user = get_user(actor(), data["user_id"]) if "user_id" in data else actor()
    enrollment = services.enroll(actor(), get_offering(actor(), offering_id), user, now=utcnow())
    db.session.commit()
    return enrollment


@offerings_bp.post("/<int:offering_id>/enrollments/import")
@offerings_bp.arguments(ImportArgsSchema, location="query")
@offerings_bp.arguments(CsvUploadSchema, location="files")
@offerings_bp.response(200, EnrollmentImportReportSchema)
def import_enrollments(args, files, offering_id):
    """Enrol people from a CSV or .xlsx of e-mails, all or nothing; `dry_run=true` writes none."""
    report = imports.import_enrollments(actor(), get_offering(actor(), offering_id),
                                        uploaded_bytes(files), dry_run=args["dry_run"],
                                        now=utcnow())
    db.session.commit()
    return report


@enrollments_bp.get("/<int:enrollment_id>")
@enrollments_bp.response(200, EnrollmentSchema)
def get_enrollment_detail(enrollment_id):
    """One enrolment."""
    return get_enrollment(actor(), enrollment_id)


@enrollments_bp.patch("/<int:enrollment_id>")
@enrollments_bp.arguments(EnrollmentUpdateSchema)
@enrollments_bp.response(200, EnrollmentSchema)
def update_enrollment(data, enrollment_id):
    """Withdraw (`withdrawn`), or admit (`enrolled`) a pending enrolment or, ahead of its
    turn, a waitlisted one when a place is free (else 409 `offering-full`)."""
    enrollment = services.change_status(actor(), get_enrollment(actor(), enrollment_id),
                                        data["status"], now=utcnow())
    db.session.commit()
    return enrollment


@enrollments_bp.get("/<int:enrollment_id>/lessons")
@enrollments_bp.response(200, LessonProgressSchema(many=True))
def list_lesson_progress(enrollment_id):
    """Every lesson of the course, in order, with this enrolment's progress."""
    return read_models.lesson_progress(get_enrollment(actor(), enrollment_id))


BLUEPRINTS = (offerings_bp, enrollments_bp)
