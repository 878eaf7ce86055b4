"""MkDocs hooks: pages that are built from the project itself, so they cannot drift from it.

- `<!-- openapi-reference -->`: every operation of the OpenAPI document the app serves.
- `<!-- latest-benchmark-figures -->`: the newest full-scale results in benchmarks/results/.
- `<!-- benchmark-notes -->`: benchmarks/NOTES.md, once.
- `<!-- include: PATH -->`: a Markdown file of the project (its title left out), such as the
  course package format that lives beside the packages.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
METHODS = ("get", "post", "put", "patch", "delete")


def on_page_markdown(markdown: str, page, config, files) -> str:
    if "<!-- openapi-reference -->" in markdown:
        markdown = markdown.replace("<!-- openapi-reference -->", _api_reference())
    if "<!-- latest-benchmark-figures -->" in markdown:
        markdown = markdown.replace("<!-- latest-benchmark-figures -->", _latest_figures())
    if "<!-- benchmark-notes -->" in markdown:
        notes = (ROOT / "benchmarks" / "NOTES.md").read_text(encoding="utf-8")
        markdown = markdown.replace("<!-- benchmark-notes -->", notes)
    return INCLUDE.sub(_include, markdown)


INCLUDE = re.compile(r"<!-- include: (\S+) -->")


def _include(match: re.Match) -> str:
    text = (ROOT / match.group(1)).read_text(encoding="utf-8")
    return re.sub(r"\A# .*\n", "", text).strip()


def _spec() -> dict:
    from elearn import create_app
    from elearn.config import TestConfig

    return create_app(TestConfig).test_client().get("/api/v1/openapi.json").get_json()


def _api_reference() -> str:
    spec = _spec()
    tags = {tag["name"]: tag.get("description", "") for tag in spec.get("tags", [])}
    by_tag: dict[str, list] = {name: [] for name in tags}
    for path, item in spec["paths"].items():
        for method in METHODS:
            if method in item:
                operation = item[method]
                for tag in operation.get("tags", ["other"]):
                    by_tag.setdefault(tag, []).append((path, method, operation))
    out = [f"{len([1 for ops in by_tag.values() for _ in ops])} operations, "
           f"OpenAPI {spec['openapi']}, served at `/api/v1/openapi.json`.\n"]
    for tag, operations in by_tag.items():
        if not operations:
            continue
        out.append(f"## {tag.replace('_', ' ').capitalize()}\n")
        if tags.get(tag):
            out.append(f"{tags[tag]}\n")
        for path, method, operation in operations:
            public = " · public" if operation.get("security") == [] else ""
            statuses = ", ".join(sorted(str(status) for status in operation["responses"]))
            out.append(f"### `{method.upper()} {path}`\n")
            out.append(f"{operation.get('summary', '')}\n")
            if operation.get("description"):
                out.append(f"{operation['description']}\n")
            out.append(f"*Answers: {statuses}{public}*\n")
    return "\n".join(out)


def _latest_figures() -> str:
    parts = []
    for path in sorted(RESULTS.glob("latest-*-full.md")):
        text = path.read_text(encoding="utf-8")
        text = text.split("\n## Notes", 1)[0]  # the notes come once, below
        parts.append(re.sub(r"^# ", "### ", text, flags=re.MULTILINE).strip())
    return "\n\n".join(parts) or "No full-scale run is recorded yet."
