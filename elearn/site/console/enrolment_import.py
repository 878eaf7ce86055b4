"""Enrolling many people in an offering from a file of e-mail addresses: upload, a preview
of what would happen to each row (enrolled, waiting list, awaiting approval, or the error
beside it), then confirm; all rows or none."""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_babel import gettext

from ...enrollments.imports import import_enrollments
from ...enrollments.scoping import get_offering
from ...errors import ElearnError
from ...extensions import db
from ...timeutils import utcnow
from ..pages import admin_only, bp, me, problems_of, render
from .uploads import stash, stashed


def _page(offering, *, status: int = 200, report=None, token=None, problems=None):
    errors = {row["line"]: row for row in (report or {}).get("row_errors", [])}
    return render("site/console/enrolment_import.html", status=status, offering=offering,
                  report=report, errors=errors, token=token, problems=problems or {})


@bp.get("/console/offerings/<int:offering_id>/import")
@admin_only
def enrolment_import_page(offering_id):
    return _page(get_offering(me(), offering_id))


@bp.post("/console/offerings/<int:offering_id>/import")
@admin_only
def preview_enrolment_import(offering_id):
    """Check every row against the offering's rules without writing anything."""
    offering = get_offering(me(), offering_id)
    upload = request.files.get("file")
    data = upload.read() if upload else b""
    try:
        report = import_enrollments(me(), offering, data, dry_run=True, now=utcnow())
    except ElearnError as error:
        db.session.rollback()
        return _page(offering, status=error.status, problems=problems_of(error))
    db.session.rollback()  # a preview writes nothing
    return _page(offering, report=report, token=stash(data) if report["valid"] else None)


@bp.post("/console/offerings/<int:offering_id>/import/confirm")
@admin_only
def confirm_enrolment_import(offering_id):
    """Enrol everyone previewed, or nobody if a row can no longer be enrolled."""
    offering = get_offering(me(), offering_id)
    path = stashed(request.form.get("token", ""))
    try:
        report = import_enrollments(me(), offering, path.read_bytes(), dry_run=False,
                                    now=utcnow())
    except ElearnError as error:
        db.session.rollback()
        return _page(offering, status=error.status, report=error.extra and {
            "rows": [], "row_errors": error.extra.get("row_errors", []), "valid": False,
            "enrolled": 0, "waitlisted": 0}, problems=problems_of(error))
    db.session.commit()
    path.unlink(missing_ok=True)
    flash(gettext("Imported: %(enrolled)d enrolled, %(waitlisted)d on the waiting list, "
                  "%(pending)d awaiting approval.", enrolled=report["enrolled"],
                  waitlisted=report["waitlisted"],
                  pending=sum(1 for row in report["rows"] if row["status"] == "pending")),
          "done")
    return redirect(url_for("site.console_roster_page", offering_id=offering.id))
