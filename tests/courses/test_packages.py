"""Course packages: import, export, round trip, and errors that name file and line."""

from pathlib import Path

import pytest
from sqlalchemy import func, select

from elearn.courses.models import Course
from elearn.courses.package_io import export_package
from elearn.courses.packages import read_package
from elearn.extensions import db

SHIPPED = sorted(path.parent for path in (Path(__file__).parents[2] / "courses").glob(
    "*/course.yaml"))

MANIFEST = """\
code: PKG-1
category: skills
default_language: en
languages: [en, ar]
title: {en: Report writing, ar: كتابة التقارير}
modules:
  - title: {en: Basics}
    lessons:
      - key: intro
        kind: text
        title: {en: Introduction}
      - key: check
        kind: quiz
        title: {en: Check}
        quiz:
          pass_mark: 60
          questions:
            - kind: true_false
              text: {en: A report states facts.}
              choices:
                - {key: "true", text: {en: "True"}, correct: true}
                - {key: "false", text: {en: "False"}}
"""


def write_package(folder: Path, manifest=MANIFEST, lessons=None) -> Path:
    (folder / "lessons").mkdir(parents=True)
    (folder / "course.yaml").write_text(manifest, encoding="utf-8")
    for name, text in (lessons or {"intro.en.md": "# Intro\n", "intro.ar.md": "# مقدمة\n"}).items():
        (folder / "lessons" / name).write_text(text, encoding="utf-8")
    return folder


def courses_count(app):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Course))


def test_import_then_export_round_trips(app, runner, tmp_path):
    source = write_package(tmp_path / "src")
    result = runner.invoke(args=["courses", "import", str(source), "--publish"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(args=["courses", "export", "PKG-1", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert read_package(tmp_path / "out") == read_package(source)


@pytest.mark.parametrize("folder", SHIPPED, ids=[folder.name for folder in SHIPPED])
def test_every_shipped_package_round_trips(app, tmp_path, folder):
    from elearn.courses.package_io import import_package
    from elearn.timeutils import utcnow

    with app.app_context():
        data = read_package(folder)
        for code in data["prerequisites"]:  # stand-ins for courses shipped beside it
            db.session.add(Course(code=code, category="x", default_language="en",
                                  languages=["en"], title={"en": code}))
        course = import_package(folder, now=utcnow(), publish_it=True)
        db.session.commit()
        assert course.status == "published"
        export_package(course, tmp_path / "out")
        assert read_package(tmp_path / "out") == data


def test_yaml_error_names_the_line(app, runner, tmp_path):
    broken = MANIFEST.replace("languages: [en, ar]", "languages: [en, ar")
    result = runner.invoke(args=["courses", "import", str(write_package(tmp_path, broken))])
    assert result.exit_code != 0
    assert "course.yaml:" in result.output
    assert courses_count(app) == 0


def test_unknown_language_names_the_field_and_line(app, runner, tmp_path):
    bad = MANIFEST.replace("title: {en: Introduction}", "title: {en: Introduction, xx: Nope}")
    result = runner.invoke(args=["courses", "import", str(write_package(tmp_path, bad))])
    assert result.exit_code != 0
    assert "course.yaml:11: modules.0.lessons.0.title" in result.output
    assert courses_count(app) == 0


def test_quiz_without_correct_answer_is_refused(app, runner, tmp_path):
    bad = MANIFEST.replace(", correct: true}", "}")
    result = runner.invoke(args=["courses", "import", str(write_package(tmp_path, bad))])
    assert result.exit_code != 0
    assert "correct" in result.output
    assert courses_count(app) == 0


def test_missing_lesson_text_names_the_file(app, runner, tmp_path):
    folder = write_package(tmp_path, lessons={"intro.ar.md": "# مقدمة\n", "stray.en.md": "x"})
    result = runner.invoke(args=["courses", "import", str(folder)])
    assert "lessons/intro.en.md" in result.output
    assert "lessons/stray.en.md" in result.output
    assert courses_count(app) == 0


def test_importing_the_same_version_twice_is_refused(app, runner, tmp_path):
    source = write_package(tmp_path)
    assert runner.invoke(args=["courses", "import", str(source)]).exit_code == 0
    again = runner.invoke(args=["courses", "import", str(source)])
    assert again.exit_code != 0
    assert courses_count(app) == 1


def test_demo_imports_the_shipped_packages(app, runner):
    result = runner.invoke(args=["demo", "--no-serve"])
    assert result.exit_code == 0, result.output
    assert "LEAD-301 v1 published" in result.output


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("languages: [en, ar]", "languages: [en, ar, xx]", "languages.2"),
    ("category: skills", "category: skills\nowner_country: XX", "owner_country"),
    ("category: skills", "category: skills\nprerequisites: [NOPE-1]", "NOPE-1"),
    ("category: skills", "category: skills\nsurprise: 1", "surprise: Unknown field"),
])
def test_bad_manifest_fields_are_refused_with_the_reason(app, runner, tmp_path, old, new,
                                                         expected):
    result = runner.invoke(args=["courses", "import",
                                 str(write_package(tmp_path, MANIFEST.replace(old, new)))])
    assert result.exit_code != 0
    assert expected in result.output
    assert courses_count(app) == 0
