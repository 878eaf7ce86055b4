"""Importing people: upload, a preview of exactly what would happen row by row with each
error beside its row, then confirm (the file waits in between, see `uploads`)."""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_babel import gettext

from ...accounts.imports import import_users
from ...errors import ElearnError
from ...extensions import db
from ...timeutils import utcnow
from ..pages import admin_only, bp, me, problems_of, render
from .uploads import stash, stashed


@bp.get("/console/people/import")
@admin_only
def people_import_page():
    return render("site/console/people_import.html", report=None, problems={})


@bp.post("/console/people/import")
@admin_only
def preview_people_import():
    """Check every row without writing anything and show what would happen."""
    upload = request.files.get("file")
    data = upload.read() if upload else b""
    try:
        report = import_users(me(), data, dry_run=True, now=utcnow())
    except ElearnError as error:
        db.session.rollback()
        return render("site/console/people_import.html", status=error.status, report=None,
                      problems=problems_of(error))
    db.session.rollback()  # a preview writes nothing
    token = stash(data) if report["valid"] else None
    errors = {row["line"]: row for row in report["row_errors"]}
    return render("site/console/people_import.html", report=report, errors=errors,
                  token=token, problems={})


@bp.post("/console/people/import/confirm")
@admin_only
def confirm_people_import():
    """Import the file previewed: all rows or none."""
    path = stashed(request.form.get("token", ""))
    try:
        report = import_users(me(), path.read_bytes(), dry_run=False, now=utcnow())
    except ElearnError as error:
        db.session.rollback()
        return render("site/console/people_import.html", status=error.status, report=None,
                      problems=problems_of(error))
    db.session.commit()
    path.unlink(missing_ok=True)
    flash(gettext("Imported: %(created)d created, %(updated)d updated, %(unchanged)d "
                  "unchanged.", created=report["created"], updated=report["updated"],
                  unchanged=report["unchanged"]), "done")
    return redirect(url_for("site.people_page"))
