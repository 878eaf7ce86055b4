"""Course packages in the console: a zipped package checked first (what it would create, or
each problem with its line), then imported as a draft; and any course exported as one."""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

from flask import Response, flash, redirect, request, url_for
from flask_babel import gettext
from werkzeug.datastructures import FileStorage

from ...courses.access import get_course, require_editor
from ...courses.packages.transfer import export_package
from ...courses.packages.uploads import import_upload
from ...courses.texts import localize
from ...errors import ElearnError
from ...extensions import db
from ...timeutils import utcnow
from ..pages import admin_only, bp, me, render
from .courses import reasons
from .uploads import stash, stashed


def _imported(data: bytes):
    return import_upload(me(), {"file": FileStorage(io.BytesIO(data), "package.zip")},
                         now=utcnow())


def _summary(course) -> dict:
    lessons = [lesson for module in course.modules for lesson in module.lessons]
    return {"code": course.code, "version": course.version,
            "title": localize(course.title, course.default_language),
            "languages": list(course.languages), "modules": len(course.modules),
            "lessons": len(lessons),
            "questions": sum(len(lesson.quiz.questions) for lesson in lessons if lesson.quiz)}


@bp.get("/console/courses/import")
@admin_only
def package_import_page():
    return render("site/console/package_import.html", summary=None, token=None, problems=[])


@bp.post("/console/courses/import")
@admin_only
def check_package_page():
    """Import the package in a transaction that is then rolled back: what it would create,
    or why it cannot be imported, and nothing written."""
    upload = request.files.get("file")
    data = upload.read() if upload else b""
    try:
        summary = _summary(_imported(data))
    except ElearnError as error:
        db.session.rollback()
        return render("site/console/package_import.html", status=error.status, summary=None,
                      token=None, problems=reasons(error))
    db.session.rollback()  # the check writes nothing
    return render("site/console/package_import.html", summary=summary, token=stash(data),
                  problems=[])


@bp.post("/console/courses/import/confirm")
@admin_only
def import_package_page():
    """Import the package checked, as a draft."""
    path = stashed(request.form.get("token", ""))
    try:
        course = _imported(path.read_bytes())
    except ElearnError as error:
        db.session.rollback()
        return render("site/console/package_import.html", status=error.status, summary=None,
                      token=None, problems=reasons(error))
    db.session.commit()
    path.unlink(missing_ok=True)
    flash(gettext("The package is imported as a draft."), "done")
    return redirect(url_for("site.console_course_page", course_id=course.id))


@bp.get("/console/courses/<int:course_id>/package.zip")
@admin_only
def package_export_page(course_id):
    """The course as a package that imports again: course.yaml and lessons/ in a .zip."""
    course = get_course(me(), course_id)
    require_editor(me(), course)
    with tempfile.TemporaryDirectory(prefix="elearn-export-") as folder:
        root = export_package(course, Path(folder) / course.code)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(root.rglob("*")):
                if path.is_file():
                    archive.write(path, path.relative_to(root).as_posix())
    name = f"{course.code}-v{course.version}.zip"
    return Response(buffer.getvalue(), mimetype="application/zip",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
