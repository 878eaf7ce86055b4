"""Course packages into the database and out of it.

Importing checks the package against the database too (owner country, other versions'
owner, prerequisites) and names the manifest line of each problem; it writes only once all is
well, in the caller's transaction, so a bad package changes nothing.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

import yaml
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ...accounts.models import Country, User
from ...accounts.permissions import is_national_admin, is_programme_admin
from ...audit.services import record
from ...errors import Conflict, Forbidden, RuleViolation
from ...extensions import db
from ..content.authoring import build_lesson
from ..models import Course, CourseStatus, Module
from ..requirements import check_prerequisites, set_prerequisites
from ..services import load_tree, publish
from ..texts import search_text
from .folders import LESSONS, MANIFEST, PackageError, problem, read_package, read_package_with_lines

logger = logging.getLogger(__name__)


def _require_importer(actor: User | None, data: dict) -> None:
    """Programme admins import any package, national admins their own country's;
    `actor=None` is the command line."""
    if actor is None or is_programme_admin(actor):
        return
    if not is_national_admin(actor) or data["owner_country"] != actor.country_code:
        raise Forbidden(_l("You can only import courses of your own country."))


def _database_problems(data: dict, lines: dict) -> list[str]:
    problems = []
    country = data["owner_country"]
    if country is not None and db.session.get(Country, country) is None:
        problems.append(problem(lines, ("owner_country",),
                                _l("Unknown country.")))
    owners = set(db.session.scalars(select(Course.owner_country_code)
                                    .where(Course.code == data["code"]).distinct()))
    if owners and owners != {country}:
        problems.append(problem(lines, ("owner_country",), _l(
            "Other versions of this course belong to %(owner)s.",
            owner=", ".join(sorted(owner or "regional" for owner in owners)))))
    try:
        check_prerequisites(data["code"], data["prerequisites"])
    except RuleViolation as error:
        problems.extend(problem(lines, ("prerequisites",), message)
                        for message in error.errors["prerequisites"])
    return problems


def _build(data: dict, actor: User | None, now: datetime) -> Course:
    course = Course(
        code=data["code"], version=data["version"], status=CourseStatus.DRAFT,
        owner_country_code=data["owner_country"], category=data["category"],
        level=data["level"], default_language=data["default_language"],
        languages=data["languages"], title=data["title"], description=data["description"],
        estimated_minutes=data["estimated_minutes"],
        certificate_validity_months=data["certificate_validity_months"],
        search_text=search_text(data["title"], data["description"]),
        created_by_id=actor.id if actor else None, created_at=now, updated_at=now,
    )
    for m, module_data in enumerate(data["modules"], start=1):
        module = Module(position=m, title=module_data["title"])
        course.modules.append(module)
        for n, lesson_data in enumerate(module_data["lessons"], start=1):
            lesson = build_lesson(course, lesson_data)
            lesson.position = n
            module.lessons.append(lesson)
    return course


def import_package(folder: str | Path, *, now: datetime, actor: User | None = None,
                   publish_it: bool = False, skip_existing: bool = False) -> Course | None:
    """Create the course of the package in `folder` as a draft (or published).

    Returns None when that code and version exist and `skip_existing`; otherwise that is
    a Conflict (`course-exists`). Raises PackageError (every problem, with file and line),
    Forbidden (a national admin importing another country's course), and what `publish`
    raises. Nothing is written unless all is well.
    """
    data, lines = read_package_with_lines(folder)
    _require_importer(actor, data)
    if db.session.scalar(select(Course.id).where(Course.code == data["code"],
                                                 Course.version == data["version"])):
        if skip_existing:
            return None
        raise Conflict(_l("This version of the course exists already."), type="course-exists")
    if problems := _database_problems(data, lines):
        raise PackageError(problems)
    course = _build(data, actor, now)
    db.session.add(course)
    db.session.flush()
    set_prerequisites(course, data["prerequisites"])
    record(actor, "course.import", "course", course.id, country_code=course.owner_country_code,
           details={"code": course.code, "version": course.version}, now=now)
    if publish_it:
        course = publish(actor, course, now=now)
    return course


def import_order(folders) -> list[Path]:
    """Package folders ordered so that prerequisites shipped beside them come first."""
    pending = {Path(folder): read_package(folder) for folder in folders}
    done = set(db.session.scalars(select(Course.code)))
    ordered = []
    while pending:
        ready = sorted(folder for folder, data in pending.items()
                       if set(data["prerequisites"]) <= done)
        if not ready:  # the rest wait for courses nobody ships: let their import say so
            ready = sorted(pending)
        for folder in ready:
            ordered.append(folder)
            done.add(pending.pop(folder)["code"])
    return ordered


# Export -------------------------------------------------------------------------------------


def _question_out(question) -> dict:
    return {"kind": question.kind, "points": question.points, "text": dict(question.text),
            "explanation": dict(question.explanation or {}),
            "choices": [{"key": c["key"], "text": dict(c["text"]),
                         "correct": bool(c.get("correct"))} for c in question.choices]}


def _lesson_out(lesson) -> dict:
    item = {"key": lesson.key, "kind": lesson.kind, "title": dict(lesson.title),
            "required": lesson.required}
    if lesson.duration_minutes is not None:
        item["duration_minutes"] = lesson.duration_minutes
    if lesson.url:
        item["url"] = dict(lesson.url)
    if lesson.quiz is not None:
        item["quiz"] = {"pass_mark": lesson.quiz.pass_mark,
                        "max_attempts": lesson.quiz.max_attempts,
                        "questions": [_question_out(q) for q in lesson.quiz.questions]}
    return item


def export_package(course: Course, folder: str | Path) -> Path:
    """Write `course` as a package folder (made if need be) and return it. Markdown files
    in its lessons/ that the course does not have are removed: they would not import."""
    folder = Path(folder)
    (folder / LESSONS).mkdir(parents=True, exist_ok=True)
    course = load_tree(course.id)
    written = set()
    for module in course.modules:
        for lesson in module.lessons:
            for language, text in (lesson.body or {}).items():
                path = folder / LESSONS / f"{lesson.key}.{language}.md"
                path.write_text(text, encoding="utf-8")
                written.add(path.name)
    for stale in (folder / LESSONS).glob("*.md"):
        if stale.name not in written:
            stale.unlink()
    manifest = {
        "code": course.code, "version": course.version, "category": course.category,
        "level": course.level, "default_language": course.default_language,
        "languages": list(course.languages), "owner_country": course.owner_country_code,
        "estimated_minutes": course.estimated_minutes,
        "certificate_validity_months": course.certificate_validity_months,
        "prerequisites": course.prerequisite_codes,
        "title": dict(course.title), "description": dict(course.description or {}),
        "modules": [{"title": dict(module.title),
                     "lessons": [_lesson_out(lesson) for lesson in module.lessons]}
                    for module in course.modules],
    }
    (folder / MANIFEST).write_text(
        yaml.safe_dump(manifest, allow_unicode=True, sort_keys=False, width=100),
        encoding="utf-8")
    return folder
