"""Course packages: a course as a folder of plain files (see courses/README.md).

Reading validates the whole package without the database and reports every problem as
`file:line: message`; `package_import` adds the checks against the database and writes.
"""

from __future__ import annotations

from pathlib import Path

import marshmallow as ma
import yaml
from flask_babel import lazy_gettext as _l

from ...errors import RuleViolation
from ...i18n import LANGUAGES
from ...web.validation import choice, country_code
from ..content.schemas import LessonCreateSchema
from ..models import LessonKind, Level
from ..schemas import CODE, SLUG, CourseFieldsSchema, Texts
from ..texts import lesson_texts, texts_problems

MANIFEST = "course.yaml"
LESSONS = "lessons"


class PackageError(RuleViolation):
    """A package that cannot be imported; `problems` are `file:line: message` lines."""

    type = "invalid-package"
    title = _l("The course package is not valid")

    def __init__(self, problems: list[str]):
        super().__init__(_l("The course package is not valid"), errors={"package": problems})
        self.problems = problems


class _LessonSchema(LessonCreateSchema):
    class Meta:
        exclude = ("body", "position")  # bodies come from lessons/<key>.<language>.md


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
                               validate=ma.validate.Length(min=1, max=len(LANGUAGES)))
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


# Reading -----------------------------------------------------------------------------------


def _node_lines(node, path=(), lines=None, problems=None, line=None) -> dict[tuple, int]:
    """The line of every value by its path: a mapping entry's key line, a sequence item's
    own line. A key given twice in one mapping is a problem (YAML would keep the last)."""
    lines[path] = line or node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen = set()
        for key, value in node.value:
            if key.value in seen:
                problems.append(f"{MANIFEST}:{key.start_mark.line + 1}: "
                                f"{_l('This key is given twice: %(key)s.', key=key.value)}")
            seen.add(key.value)
            _node_lines(value, (*path, key.value), lines, problems, key.start_mark.line + 1)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _node_lines(item, (*path, index), lines, problems)
    return lines


def _flatten(messages, path=()):
    """(path, message) pairs of marshmallow's nested error dictionary."""
    if isinstance(messages, dict):
        for key, value in messages.items():
            yield from _flatten(value, path if key == "_schema" else (*path, key))
    else:
        for message in messages if isinstance(messages, list) else [messages]:
            yield path, str(message)


def line_of(lines: dict, path: tuple) -> int:
    """The line of `path` in the manifest, or of its nearest ancestor that is there."""
    while path and path not in lines:
        path = path[:-1]
    return lines.get(path, 1)


def problem(lines: dict, path: tuple, message) -> str:
    """`course.yaml:12: modules.0.title: message`."""
    where = ".".join(map(str, path))
    return f"{MANIFEST}:{line_of(lines, path)}: {where + ': ' if where else ''}{message}"


MAX_DEPTH = 40  # a manifest needs about eight levels


class _ManifestLoader(yaml.SafeLoader):
    """PyYAML's safe loader without anchors and aliases, and with bounded nesting.

    A few hundred bytes of nested aliases expand to gigabytes, a self-referencing alias to a
    cycle, and thousands of nested brackets exhaust the stack: all are refused while the
    document is composed, before anything walks it. Manifests never need either.
    """

    depth = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise yaml.composer.ComposerError(
                None, None, str(_l("Anchors and aliases (&name, *name) are not allowed.")),
                event.start_mark)
        if self.depth >= MAX_DEPTH:
            raise yaml.composer.ComposerError(
                None, None, str(_l("The manifest is nested more than %(num)d levels deep.",
                                   num=MAX_DEPTH)), event.start_mark)
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _load_manifest(folder: Path) -> tuple[dict, dict]:
    manifest = folder / MANIFEST
    if not manifest.is_file():
        raise PackageError([f"{MANIFEST}: {_l('The manifest is missing.')}"])
    try:
        loader = _ManifestLoader(manifest.read_text(encoding="utf-8"))
        try:
            node = loader.get_single_node()
            raw = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except UnicodeDecodeError:
        raise PackageError([f"{MANIFEST}: {_l('The file is not UTF-8 text.')}"]) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise PackageError([f"{MANIFEST}:{mark.line + 1 if mark else 1}: "
                            f"{getattr(error, 'problem', None) or error}"]) from None
    if not isinstance(raw, dict):
        raise PackageError([f"{MANIFEST}:1: {_l('The manifest must be a mapping.')}"])
    problems: list[str] = []
    lines = _node_lines(node, lines={}, problems=problems)
    if problems:
        raise PackageError(problems)
    return raw, lines


def read_package_with_lines(folder: str | Path) -> tuple[dict, dict]:
    """The validated contents of a package folder (lesson bodies included), and the manifest
    line of every value by its path. Raises PackageError listing every problem."""
    folder = Path(folder)
    raw, lines = _load_manifest(folder)
    try:
        data = PackageSchema().load(raw)
    except ma.ValidationError as error:
        raise PackageError([problem(lines, path, message)
                            for path, message in _flatten(error.messages)]) from None
    problems = _check_texts(data, lines) + _attach_bodies(folder, data)
    if problems:
        raise PackageError(problems)
    return data, lines


def read_package(folder: str | Path) -> dict:
    """The validated contents of a package folder, lesson bodies included."""
    return read_package_with_lines(folder)[0]


def _package_texts(data: dict):
    yield ("title",), data["title"], True
    yield ("description",), data["description"], False
    for m, module in enumerate(data["modules"]):
        yield ("modules", m, "title"), module["title"], True
        for n, lesson in enumerate(module["lessons"]):
            # Bodies are files, checked by _attach_bodies.
            yield from (text for text in lesson_texts(lesson, ("modules", m, "lessons", n))
                        if text[0][-1] != "body")


def _check_texts(data: dict, lines: dict) -> list[str]:
    languages, default = data["languages"], data["default_language"]
    problems = []
    if default not in languages:
        problems.append(problem(lines, ("languages",),
                                _l("The languages must include the default language.")))
    for dotted, messages in texts_problems(languages, default, _package_texts(data)).items():
        path = tuple(int(part) if part.isdigit() else part for part in dotted.split("."))
        problems.extend(problem(lines, path, message) for message in messages)
    keys: set[str] = set()
    for m, module in enumerate(data["modules"]):
        for n, lesson in enumerate(module["lessons"]):
            if lesson["key"] in keys:
                problems.append(problem(lines, ("modules", m, "lessons", n, "key"),
                                        _l("This lesson key is used twice.")))
            keys.add(lesson["key"])
    return problems


def _attach_bodies(folder: Path, data: dict) -> list[str]:
    """Read each lesson's `lessons/<key>.<language>.md`; a text lesson needs the default
    language's; a file of no lesson or language of the course is a mistake worth naming."""
    problems, expected = [], set()
    for module in data["modules"]:
        for lesson in module["lessons"]:
            lesson["body"] = {}
            for language in data["languages"]:
                name = f"{LESSONS}/{lesson['key']}.{language}.md"
                expected.add(name)
                if (folder / name).is_file():
                    try:
                        lesson["body"][language] = (folder / name).read_text(encoding="utf-8")
                    except UnicodeDecodeError:
                        problems.append(f"{name}: {_l('The file is not UTF-8 text.')}")
            if lesson["kind"] == LessonKind.TEXT and data["default_language"] not in lesson["body"]:
                problems.append(f"{LESSONS}/{lesson['key']}.{data['default_language']}.md: "
                                f"{_l('The text of this lesson is missing.')}")
    if (folder / LESSONS).is_dir():
        for path in sorted((folder / LESSONS).glob("*.md")):
            if f"{LESSONS}/{path.name}" not in expected:
                problems.append(f"{LESSONS}/{path.name}: "
                                f"{_l('No lesson or language of the course.')}")
    return problems
