"""Courses in the console: the catalogue of my countries with drafts, a new national course,
and one course's page: its details, modules and lessons, and its life (publish, archive, a
new version, delete a draft), each destructive step said in numbers before it is taken."""

from __future__ import annotations

import marshmallow as ma
from flask import flash, redirect, request, url_for
from flask_babel import gettext, ngettext
from sqlalchemy import func, select

from ...accounts.permissions import is_programme_admin
from ...courses import services
from ...courses.access import course_visibility, get_course
from ...courses.catalogue import catalogue_query
from ...courses.content import authoring
from ...courses.content.schemas import LessonCreateSchema, ModuleCreateSchema
from ...courses.models import CourseStatus, LessonKind, Level
from ...courses.schemas import CourseCreateSchema, CourseUpdateSchema
from ...courses.texts import current_language, localize
from ...enrollments.models import Enrollment, EnrollmentStatus, Offering
from ...errors import ElearnError, NotFound
from ...extensions import db
from ...i18n import LANGUAGES
from ...timeutils import utcnow
from ...web.pagination import paginate
from ..pages import (
    CSV_ROWS,
    admin_only,
    bp,
    csv_download,
    me,
    page_args,
    problems_of,
    reasons_of,
    render,
    wants_csv,
)
from .texts import texts_from, texts_typed

FIELDS = ("category", "level", "estimated_minutes", "certificate_validity_months")


@bp.get("/console/courses")
@admin_only
def courses_page():
    """The courses I may see in one state (drafts first), searched in any language."""
    status = request.args.get("status") if request.args.get("status") in {
        item.value for item in CourseStatus} else CourseStatus.DRAFT.value
    wanted = {"status": status} | ({"q": request.args["q"].strip()[:100]}
                                   if (request.args.get("q") or "").strip() else {})
    found = catalogue_query(course_visibility(me()), wanted | {"sort": "code"},
                            language=current_language())
    if wants_csv():
        return csv_download("courses", (
            "code", "title", "version", "state", "country", "category", "level", "languages",
            "updated"), ((course.code, localize(course.title, course.default_language),
                          course.version, course.status, course.owner_country_code or "",
                          course.category or "", course.level or "",
                          " ".join(course.languages), course.updated_at.date().isoformat())
                         for course in db.session.scalars(found.limit(CSV_ROWS))))
    page = paginate(found, page_args(25))
    return render("site/console/courses.html", page=page, wanted=wanted,
                  statuses=[item.value for item in CourseStatus], localize=localize)


def _course_data(form: dict, *, new: bool) -> dict:
    """The course form as the API's schema takes it."""
    languages = [language for language in LANGUAGES if form.get(f"language-{language}")]
    data = {"title": texts_from(form, "title"), "description": texts_from(form, "description"),
            "languages": languages, "default_language": form.get("default_language"),
            "prerequisites": [code.strip().upper() for code in
                              (form.get("prerequisites") or "").split(",") if code.strip()]}
    for name in FIELDS:
        value = (form.get(name) or "").strip()
        if value or not new:
            data[name] = value or None
    if new:
        data["code"] = (form.get("code") or "").strip().upper()
        data["country"] = ((form.get("country") or "").strip().upper() or None
                           if is_programme_admin(me()) else me().country_code)
    return data


def _typed_from(course) -> dict:
    typed = texts_typed(course.title, "title") | texts_typed(course.description, "description")
    typed |= {f"language-{language}": "on" for language in course.languages}
    typed |= {name: "" if getattr(course, name) is None else str(getattr(course, name))
              for name in FIELDS}
    typed |= {"default_language": course.default_language,
              "prerequisites": ", ".join(course.prerequisite_codes)}
    return typed


def _new_page(*, status: int = 200, typed: dict | None = None, problems: dict | None = None):
    return render("site/console/course_new.html", status=status,
                  typed=typed or {"language-en": "on", "default_language": "en"},
                  problems=problems or {}, levels=[level.value for level in Level],
                  languages=LANGUAGES, any_country=is_programme_admin(me()))


@bp.get("/console/courses/new")
@admin_only
def new_course_page():
    return _new_page()


@bp.post("/console/courses/new")
@admin_only
def create_course_page():
    """Create the course as a draft, then fill it in."""
    typed = dict(request.form)
    try:
        course = services.create_course(me(), CourseCreateSchema().load(
            _course_data(typed, new=True)), now=utcnow())
    except (ma.ValidationError, ElearnError) as error:
        db.session.rollback()
        return _new_page(status=getattr(error, "status", 422), typed=typed,
                         problems=problems_of(error))
    db.session.commit()
    flash(gettext("The draft is created: add its modules and lessons."), "done")
    return redirect(url_for("site.console_course_page", course_id=course.id))


def _course_page(course_id: int, *, status: int = 200, typed: dict | None = None,
                 problems: dict | None = None, adding: dict | None = None):
    course = services.course_detail(me(), course_id, translations=True)
    return render("site/console/course.html", status=status, course=course,
                  typed=typed or _typed_from(course), problems=problems or {},
                  adding=adding or {}, levels=[level.value for level in Level],
                  languages=LANGUAGES, kinds=[kind.value for kind in LessonKind
                                              if kind != LessonKind.QUIZ],
                  localize=localize, draft=course.status == CourseStatus.DRAFT)


@bp.get("/console/courses/<int:course_id>")
@admin_only
def console_course_page(course_id):
    """The course: details, modules and lessons, and what can be done with it next."""
    return _course_page(course_id)


@bp.post("/console/courses/<int:course_id>")
@admin_only
def save_course_page(course_id):
    """Save the details (of a published course, only its texts and time)."""
    course = get_course(me(), course_id)
    typed = dict(request.form)
    data = _course_data(typed, new=False)
    if course.status != CourseStatus.DRAFT:
        data = {name: data[name] for name in ("title", "description", "estimated_minutes")}
    try:
        services.update_course(me(), course, CourseUpdateSchema().load(data), now=utcnow())
    except (ma.ValidationError, ElearnError) as error:
        db.session.rollback()
        return _course_page(course_id, status=getattr(error, "status", 422), typed=typed,
                            problems=problems_of(error))
    db.session.commit()
    flash(gettext("The course is saved."), "done")
    return redirect(url_for("site.console_course_page", course_id=course_id))


@bp.post("/console/courses/<int:course_id>/modules")
@admin_only
def add_module_page(course_id):
    course = get_course(me(), course_id)
    typed = dict(request.form)
    try:
        authoring.add_module(me(), course, ModuleCreateSchema().load(
            {"title": texts_from(typed, "module-title")}), now=utcnow())
    except (ma.ValidationError, ElearnError) as error:
        db.session.rollback()
        return _course_page(course_id, status=getattr(error, "status", 422), adding=typed,
                            problems={f"module-{key}": texts for key, texts in
                                      problems_of(error).items()})
    db.session.commit()
    flash(gettext("The module is added."), "done")
    return redirect(url_for("site.console_course_page", course_id=course_id))


@bp.post("/console/courses/<int:course_id>/modules/<int:module_id>/lessons")
@admin_only
def add_lesson_page(course_id, module_id):
    """Add a lesson (a quiz lesson starts with one question to edit)."""
    course = get_course(me(), course_id)
    typed = dict(request.form)
    data = {"key": (typed.get("key") or "").strip().lower(), "kind": typed.get("kind"),
            "title": texts_from(typed, "lesson-title")}
    if data["kind"] in (LessonKind.TEXT, LessonKind.LIVE_SESSION):
        data["body"] = texts_from(typed, "lesson-body")
    elif data["kind"] in (LessonKind.VIDEO, LessonKind.DOCUMENT):
        data["url"] = texts_from(typed, "lesson-url")
    if data["kind"] == LessonKind.QUIZ:
        data["quiz"] = {"questions": [{
            "kind": "true_false", "text": {course.default_language: gettext("Replace me")},
            "choices": [{"key": "true", "text": {course.default_language: gettext("True")},
                         "correct": True},
                        {"key": "false", "text": {course.default_language: gettext("False")}}]}]}
    try:
        lesson = authoring.add_lesson(me(), course, module_id, LessonCreateSchema().load(data),
                                      now=utcnow())
    except (ma.ValidationError, ElearnError) as error:
        db.session.rollback()
        return _course_page(course_id, status=getattr(error, "status", 422),
                            adding=typed | {"module": str(module_id)},
                            problems={f"lesson-{key}": texts for key, texts in
                                      problems_of(error).items()})
    db.session.commit()
    return redirect(url_for("site.lesson_editor_page", course_id=course_id,
                            lesson_id=lesson.id))


def reasons(error: ElearnError) -> list[str]:
    """Why a step was refused, as sentences: the summary, then each problem it lists."""
    return [str(error.detail or error.title)] + (reasons_of(error) if error.errors else [])


def _reach(course) -> dict[str, int]:
    """What a change of the course's state touches: open offerings, people learning."""
    offerings = select(Offering.id).where(Offering.course_id == course.id,
                                          Offering.cancelled_at.is_(None))
    return {"offerings": db.session.scalar(select(func.count()).select_from(
                offerings.subquery())) or 0,
            "learning": db.session.scalar(select(func.count(Enrollment.id)).where(
                Enrollment.offering_id.in_(offerings),
                Enrollment.status.in_((EnrollmentStatus.ENROLLED, EnrollmentStatus.PENDING,
                                       EnrollmentStatus.WAITLISTED)))) or 0}


STEPS = {"publish": services.publish, "archive": services.archive,
         "version": services.new_version, "delete": services.delete_course}
ASKED_FIRST = {"archive", "delete"}  # destructive: said in numbers, confirmed once


@bp.post("/console/courses/<int:course_id>/<any(publish, archive, version, delete):step>")
@admin_only
def course_step_page(course_id, step):
    """Publish, archive, start a new version or delete a draft; archiving and deleting are
    first said in numbers and confirmed."""
    course = get_course(me(), course_id)
    if step in ASKED_FIRST and request.form.get("confirmed") != "yes":
        return render("site/console/course_step.html", course=course, step=step,
                      reach=_reach(course), localize=localize)
    try:
        result = STEPS[step](me(), course, now=utcnow())
    except ElearnError as error:
        db.session.rollback()
        return _course_page(course_id, status=error.status, problems={"step": reasons(error)})
    db.session.commit()
    flash({"publish": gettext("The course is published."),
           "archive": gettext("The course is archived: it leaves the catalogue."),
           "version": gettext("A new draft version is started."),
           "delete": gettext("The draft is deleted.")}[step], "done")
    if step == "delete":
        return redirect(url_for("site.courses_page"))
    return redirect(url_for("site.console_course_page",
                            course_id=result.id if step == "version" else course_id))


@bp.post("/console/courses/<int:course_id>/modules/<int:module_id>/delete")
@admin_only
def delete_module_page(course_id, module_id):
    """Delete a module of a draft with its lessons, after saying how many."""
    course = services.course_detail(me(), course_id, translations=True)
    module = next((item for item in course.modules if item.id == module_id), None)
    if module is None:
        raise NotFound(gettext("No such module."))
    if request.form.get("confirmed") != "yes":
        return render("site/console/confirm.html", title=gettext(
            "Delete the module %(title)s?", title=localize(module.title, course.default_language)),
            message=ngettext("It is deleted for good, with its %(num)d lesson.",
                             "It is deleted for good, with its %(num)d lessons.",
                             len(module.lessons)),
            action=request.path, back=url_for("site.console_course_page", course_id=course_id))
    try:
        authoring.delete_module(me(), course, module_id, now=utcnow())
    except ElearnError as error:
        db.session.rollback()
        return _course_page(course_id, status=error.status, problems={"step": reasons(error)})
    db.session.commit()
    flash(gettext("The module is deleted."), "done")
    return redirect(url_for("site.console_course_page", course_id=course_id))


def _moved_to() -> int:
    """The place asked for (1 for first); a made-up one is a 400, never a 500."""
    position = request.form.get("to", type=int)
    if position is None or not 1 <= position <= 1000:
        raise ElearnError(gettext("Say where to move it."))
    return position


@bp.post("/console/courses/<int:course_id>/modules/<int:module_id>/move")
@admin_only
def move_module_page(course_id, module_id):
    """A module of a draft one place up or down."""
    course = services.course_detail(me(), course_id, translations=True)
    _moved(lambda: authoring.update_module(me(), course, module_id, {"position": _moved_to()},
                                           now=utcnow()), course_id)
    return redirect(url_for("site.console_course_page", course_id=course_id,
                            _anchor=f"module-{module_id}"))


@bp.post("/console/courses/<int:course_id>/modules/<int:module_id>/lessons/<int:lesson_id>/move")
@admin_only
def move_lesson_page(course_id, module_id, lesson_id):
    """A lesson of a draft one place up or down in its module."""
    course = services.course_detail(me(), course_id, translations=True)
    _moved(lambda: authoring.update_lesson(me(), course, module_id, lesson_id,
                                           {"position": _moved_to()}, now=utcnow()), course_id)
    return redirect(url_for("site.console_course_page", course_id=course_id,
                            _anchor=f"module-{module_id}"))


def _moved(move, course_id: int) -> None:
    try:
        move()
    except ElearnError as error:
        db.session.rollback()
        flash(gettext("Not done: %(reason)s", reason=" ".join(reasons(error))), "problem")
    else:
        db.session.commit()
        flash(gettext("The order is changed."), "done")
