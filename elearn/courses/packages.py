"""Course packages: a course as a folder of plain files (see courses/README.md).

Reading validates everything and reports each problem with its file and line; importing is
one transaction, so a bad package changes nothing.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import marshmallow as ma
import yaml
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..accounts.models import Country
from ..errors import Conflict, RuleViolation
from ..extensions import db
from ..i18n import LANGUAGES
from ..web.validation import choice, country_code
from .models import Course, CourseStatus, LessonKind, Level, Module
from .schemas import CODE, SLUG, CourseFieldsSchema, LessonCreateSchema, Texts
from .services import (
    build_lesson,
    check_texts,
    load_tree,
    prerequisite_codes,
    publish,
    set_prerequisites,
)
from .texts import search_text

MANIFEST = "course.yaml"


class PackageError(RuleViolation):
    type = "invalid-package"
    title = _l("The course package is not valid")

    def __init__(self, problems: list[str]):
        super().__init__(_l("The course package is not valid"), errors={"package": problems})
        self.problems = problems


class _LessonSchema(LessonCreateSchema):
    class Meta:
        exclude = ("body",)


class _ModuleSchema(ma.Schema):
    title = Texts(required=True, allow_empty=False)
    lessons = ma.fields.List(ma.fields.Nested(_LessonSchema), required=True,
                             validate=ma.validate.Length(min=1))


class PackageSchema(CourseFieldsSchema):
    code = ma.fields.String(required=True, validate=CODE)
    version = ma.fields.Integer(load_default=1, validate=ma.validate.Range(min=1))
    category = ma.fields.String(required=True, validate=SLUG)
    level = ma.fields.String(load_default="beginner", validate=choice(Level))
    default_language = ma.fields.String(required=True, validate=choice(LANGUAGES))
    languages = ma.fields.List(ma.fields.String(validate=choice(LANGUAGES)), required=True,
                               validate=ma.validate.Length(min=1))
    owner_country = ma.fields.String(load_default=None, allow_none=True, validate=country_code)
    title = Texts(required=True, allow_empty=False)
    description = Texts(load_default=dict)
    prerequisites = ma.fields.List(ma.fields.String(validate=CODE), load_default=list)
    estimated_minutes = ma.fields.Integer(load_default=None, allow_none=True,
                                          validate=ma.validate.Range(min=1, max=100_000))
    certificate_validity_months = ma.fields.Integer(load_default=None, allow_none=True,
                                                    validate=ma.validate.Range(min=1, max=600))
    modules = ma.fields.List(ma.fields.Nested(_ModuleSchema), required=True,
                             validate=ma.validate.Length(min=1))


def _node_lines(node, path=(), lines=None) -> dict[tuple, int]:
    """The line of every mapping value and sequence item, keyed by its path."""
    lines = {} if lines is None else lines
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            _node_lines(value, (*path, key.value), lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _node_lines(item, (*path, index), lines)
    return lines


def _flatten(messages, path=()):
    """(path, message) pairs of marshmallow's nested error dictionary."""
    if isinstance(messages, dict):
        for key, value in messages.items():
            yield from _flatten(value, (*path, key))
    else:
        for message in messages if isinstance(messages, list) else [messages]:
            yield path, str(message)


def _where(lines: dict, path: tuple) -> int:
    while path and path not in lines:
        path = path[:-1]
    return lines.get(path, 1)


def _load_manifest(folder: Path) -> tuple[dict, dict]:
    manifest = folder / MANIFEST
    if not manifest.is_file():
        raise PackageError([f"{MANIFEST}: {_l('The manifest is missing.')}"])
    try:
        loader = yaml.SafeLoader(manifest.read_text(encoding="utf-8"))
        try:
            node = loader.get_single_node()
            raw = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except UnicodeDecodeError:
        raise PackageError([f"{MANIFEST}: {_l('The file is not UTF-8 text.')}"]) from None
    except yaml.YAMLError as error:
        line = error.problem_mark.line + 1 if getattr(error, "problem_mark", None) else 1
        raise PackageError([f"{MANIFEST}:{line}: {error.problem or error}"]) from None
    if not isinstance(raw, dict):
        raise PackageError([f"{MANIFEST}:1: {_l('The manifest must be a mapping.')}"])
    return raw, _node_lines(node)


def read_package(folder: str | Path) -> dict:
    """The validated contents of a package folder, lesson bodies included.

    Raises PackageError listing every problem as ``file:line: message``.
    """
    folder = Path(folder)
    raw, lines = _load_manifest(folder)
    try:
        data = PackageSchema().load(raw)
    except ma.ValidationError as error:
        raise PackageError([f"{MANIFEST}:{_where(lines, path)}: {'.'.join(map(str, path))}: "
                            f"{message}" for path, message in _flatten(error.messages)]) from None
    problems = _check_languages(data, lines)
    problems += _attach_bodies(folder, data)
    if problems:
        raise PackageError(problems)
    return data


def _check_languages(data: dict, lines: dict) -> list[str]:
    languages, default = data["languages"], data["default_language"]
    problems = []
    if default not in languages:
        problems.append(f"{MANIFEST}:{_where(lines, ('languages',))}: "
                        f"{_l('The languages must include the default language.')}")

    def texts(path, value, required=True):
        try:
            check_texts(languages, default, value or {}, field=path[-1], required=required)
        except RuleViolation as error:
            problems.extend(f"{MANIFEST}:{_where(lines, path)}: {'.'.join(map(str, path))}: "
                            f"{message}" for message in error.errors[path[-1]])

    texts(("title",), data["title"])
    texts(("description",), data["description"])
    keys = set()
    for m, module in enumerate(data["modules"]):
        texts(("modules", m, "title"), module["title"])
        for n, lesson in enumerate(module["lessons"]):
            path = ("modules", m, "lessons", n)
            texts((*path, "title"), lesson["title"])
            texts((*path, "url"), lesson.get("url"), required=False)
            if lesson["key"] in keys:
                problems.append(f"{MANIFEST}:{_where(lines, (*path, 'key'))}: "
                                f"{_l('This lesson key is used twice.')}")
            keys.add(lesson["key"])
            for q, question in enumerate((lesson.get("quiz") or {}).get("questions", [])):
                texts((*path, "quiz", "questions", q, "text"), question["text"])
    return problems


def _attach_bodies(folder: Path, data: dict) -> list[str]:
    problems, expected = [], set()
    for module in data["modules"]:
        for lesson in module["lessons"]:
            lesson["body"] = {}
            for language in data["languages"]:
                name = f"lessons/{lesson['key']}.{language}.md"
                expected.add(name)
                path = folder / name
                if path.is_file():
                    try:
                        lesson["body"][language] = path.read_text(encoding="utf-8")
                    except UnicodeDecodeError:
                        problems.append(f"{name}: {_l('The file is not UTF-8 text.')}")
            if lesson["kind"] == LessonKind.TEXT and data["default_language"] not in lesson["body"]:
                problems.append(f"lessons/{lesson['key']}.{data['default_language']}.md: "
                                f"{_l('The text of this lesson is missing.')}")
    for path in sorted((folder / "lessons").glob("*.md")) if (folder / "lessons").is_dir() else []:
        if f"lessons/{path.name}" not in expected:
            problems.append(f"lessons/{path.name}: {_l('No lesson or language of the course.')}")
    return problems


def import_order(folders) -> list[Path]:
    """Package folders ordered so that prerequisites are imported first."""
    pending = {Path(folder): set(read_package(folder)["prerequisites"]) for folder in folders}
    codes = {folder: read_package(folder)["code"] for folder in pending}
    ordered, done = [], set(db.session.scalars(select(Course.code)))
    while pending:
        ready = sorted(folder for folder, needs in pending.items() if needs <= done)
        if not ready:  # the rest waits for courses nobody ships: let the import say so
            ready = sorted(pending)
        for folder in ready:
            ordered.append(folder)
            done.add(codes[folder])
            del pending[folder]
    return ordered


def import_package(folder: str | Path, *, now: datetime, publish_it: bool = False,
                   skip_existing: bool = False) -> Course | None:
    """Create the course of a package (a draft, or published). Returns None when the same
    code and version exist and ``skip_existing``; otherwise that is a Conflict."""
    data = read_package(folder)
    if data["owner_country"] and db.session.get(Country, data["owner_country"]) is None:
        raise PackageError([f"{MANIFEST}: owner_country: {_l('Unknown country.')}"])
    if db.session.scalar(select(Course.id).where(Course.code == data["code"],
                                                 Course.version == data["version"])):
        if skip_existing:
            return None
        raise Conflict(_l("This version of the course exists already."), type="course-exists")
    course = Course(
        code=data["code"], version=data["version"], status=CourseStatus.DRAFT,
        owner_country_code=data["owner_country"], category=data["category"],
        level=data["level"], default_language=data["default_language"],
        languages=data["languages"], title=data["title"], description=data["description"],
        estimated_minutes=data.get("estimated_minutes"),
        certificate_validity_months=data.get("certificate_validity_months"),
        search_text=search_text(data["title"], data["description"]),
        created_at=now, updated_at=now,
    )
    for m, module_data in enumerate(data["modules"], start=1):
        module = Module(position=m, title=module_data["title"])
        course.modules.append(module)
        for n, lesson_data in enumerate(module_data["lessons"], start=1):
            lesson = build_lesson(course, lesson_data)
            lesson.position = n
            module.lessons.append(lesson)
    db.session.add(course)
    db.session.flush()
    set_prerequisites(course, data["prerequisites"])
    if publish_it:
        publish(None, course, now=now)
    return course


def _texts_out(texts: dict | None) -> dict:
    return dict(texts or {})


def export_package(course: Course, folder: str | Path) -> Path:
    """Write the course as a package folder; returns the folder."""
    folder = Path(folder)
    (folder / "lessons").mkdir(parents=True, exist_ok=True)
    course = load_tree(course.id)
    prerequisite_codes([course])
    modules = []
    for module in course.modules:
        lessons = []
        for lesson in module.lessons:
            item = {"key": lesson.key, "kind": lesson.kind, "title": _texts_out(lesson.title),
                    "required": lesson.required}
            if lesson.duration_minutes is not None:
                item["duration_minutes"] = lesson.duration_minutes
            if lesson.url:
                item["url"] = _texts_out(lesson.url)
            if lesson.quiz is not None:
                item["quiz"] = {"pass_mark": lesson.quiz.pass_mark,
                                "max_attempts": lesson.quiz.max_attempts,
                                "questions": [_question_out(q) for q in lesson.quiz.questions]}
            for language, text in (lesson.body or {}).items():
                (folder / "lessons" / f"{lesson.key}.{language}.md").write_text(
                    text, encoding="utf-8")
            lessons.append(item)
        modules.append({"title": _texts_out(module.title), "lessons": lessons})
    manifest = {
        "code": course.code, "version": course.version, "category": course.category,
        "level": course.level, "default_language": course.default_language,
        "languages": list(course.languages), "owner_country": course.owner_country_code,
        "estimated_minutes": course.estimated_minutes,
        "certificate_validity_months": course.certificate_validity_months,
        "prerequisites": sorted(course.prerequisite_codes),
        "title": _texts_out(course.title), "description": _texts_out(course.description),
        "modules": modules,
    }
    manifest = {key: value for key, value in manifest.items()
                if value is not None or key == "owner_country"}
    (folder / MANIFEST).write_text(
        yaml.safe_dump(manifest, allow_unicode=True, sort_keys=False, width=100),
        encoding="utf-8")
    return folder


def _question_out(question) -> dict:
    return {"kind": question.kind, "points": question.points, "text": _texts_out(question.text),
            "explanation": _texts_out(question.explanation),
            "choices": [{"key": c["key"], "text": _texts_out(c["text"]),
                         "correct": bool(c.get("correct"))} for c in question.choices]}
