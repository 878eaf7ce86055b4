"""Importing people: upload, a preview of exactly what would happen row by row with each
error beside its row, then confirm. The file waits between the two in the instance folder,
named for the admin who sent it."""

from __future__ import annotations

import secrets
import time
from pathlib import Path

from flask import current_app, flash, redirect, request, url_for
from flask_babel import gettext

from ...accounts.imports import import_users
from ...errors import ElearnError, NotFound
from ...extensions import db
from ...timeutils import utcnow
from ..pages import admin_only, bp, me, problems_of, render

KEPT_FOR = 24 * 3600  # seconds an unconfirmed upload waits


def _folder() -> Path:
    folder = Path(current_app.instance_path) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _stash(data: bytes) -> str:
    """Keep the upload for the confirmation; forget those left unconfirmed for a day."""
    folder = _folder()
    for old in folder.glob("*.upload"):
        if old.stat().st_mtime < time.time() - KEPT_FOR:
            old.unlink(missing_ok=True)
    token = secrets.token_urlsafe(16)
    (folder / f"{me().id}-{token}.upload").write_bytes(data)
    return token


def _stashed(token: str) -> Path:
    path = _folder() / f"{me().id}-{token}.upload"
    if not token.replace("-", "").replace("_", "").isalnum() or not path.is_file():
        raise NotFound(gettext("This import is no longer waiting; upload the file again."))
    return path


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
    token = _stash(data) if report["valid"] else None
    errors = {row["line"]: row for row in report["row_errors"]}
    return render("site/console/people_import.html", report=report, errors=errors,
                  token=token, problems={})


@bp.post("/console/people/import/confirm")
@admin_only
def confirm_people_import():
    """Import the file previewed: all rows or none."""
    path = _stashed(request.form.get("token", ""))
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
