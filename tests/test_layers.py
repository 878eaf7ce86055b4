"""Dependencies between the domain packages point one way: a domain imports only those
below it, and reacts to those above through signals (`elearn/signals.py`)."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "elearn"
# Lower first. Shared infrastructure (web, errors, extensions, …) sits below them all.
LAYERS = [{"web"}, {"accounts", "audit"}, {"courses"}, {"enrollments"}, {"certification"},
          {"mentoring"}, {"networks", "live"},
          {"surveys"}, {"reminders", "reports"}]


def _layer(package: str) -> int | None:
    return next((number for number, names in enumerate(LAYERS) if package in names), None)


def _imported_package(path: Path, node: ast.ImportFrom) -> str | None:
    """The top-level package of `elearn` an import names, relative or absolute."""
    if node.level:
        here = path.relative_to(PACKAGE).parent.parts
        parts = [*here[: len(here) - node.level + 1], *(node.module or "").split(".")]
    elif (node.module or "").startswith("elearn."):
        parts = node.module.split(".")[1:]
    else:
        return None
    return parts[0] if parts and parts[0] else None


def _upward_imports() -> set[tuple[str, str]]:
    found = set()
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE).parts
        if len(parts) < 2 or _layer(parts[0]) is None:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                target = _imported_package(path, node)
                if _layer(target) is not None and _layer(target) > _layer(parts[0]):
                    found.add((parts[0], target))
    return found


def test_no_domain_imports_a_higher_one():
    assert _upward_imports() == set()


def test_the_graph_sees_relative_imports_from_sub_packages_and_absolute_ones():
    path = PACKAGE / "mentoring" / "pairings" / "routes.py"
    relative, absolute, local = (ast.parse(text).body[0] for text in (
        "from ...reports import kpis", "from elearn.reminders.outbox import notify",
        "from ..models import Pairing"))
    assert _imported_package(path, relative) == "reports"
    assert _imported_package(path, absolute) == "reminders"
    assert _imported_package(path, local) == "mentoring"
