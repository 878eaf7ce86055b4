"""Course packages: import, export, round trip, and errors that name file and line."""

import io
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import func, select

from elearn.courses.models import Course
from elearn.courses.packages.folders import read_package
from elearn.courses.packages.transfer import export_package
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
    from elearn.courses.packages.transfer import import_package
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


def test_demo_imports_the_shipped_packages_once(app, runner):
    result = runner.invoke(args=["demo", "--no-serve"])
    assert result.exit_code == 0, result.output
    assert "LEAD-301 v1 published" in result.output
    assert courses_count(app) == len(SHIPPED)
    again = runner.invoke(args=["demo", "--no-serve"])
    assert again.exit_code == 0, again.output
    assert again.output.count("already there") == len(SHIPPED)
    assert courses_count(app) == len(SHIPPED)


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


def test_unknown_prerequisite_names_the_line(app, runner, tmp_path):
    bad = MANIFEST.replace("category: skills", "category: skills\nprerequisites: [NOPE-1]")
    result = runner.invoke(args=["courses", "import", str(write_package(tmp_path, bad))])
    assert "course.yaml:3: prerequisites: Unknown course: NOPE-1." in result.output


def test_a_key_given_twice_names_the_line(app, runner, tmp_path):
    bad = MANIFEST.replace("category: skills", "category: skills\ncategory: other")
    result = runner.invoke(args=["courses", "import", str(write_package(tmp_path, bad))])
    assert result.exit_code != 0
    assert "course.yaml:3: This key is given twice: category." in result.output
    assert courses_count(app) == 0


def test_an_older_version_cannot_be_published_over_a_newer_one(app, runner, tmp_path):
    newer = write_package(tmp_path / "v2", MANIFEST.replace("code: PKG-1", "code: PKG-1\n"
                                                                            "version: 2"))
    assert runner.invoke(args=["courses", "import", str(newer), "--publish"]).exit_code == 0
    older = runner.invoke(args=["courses", "import", str(write_package(tmp_path / "v1")),
                                "--publish"])
    assert older.exit_code != 0
    assert "newer version" in older.output
    assert courses_count(app) == 1


def test_export_leaves_no_stale_lesson_files(app, runner, tmp_path):
    runner.invoke(args=["courses", "import", str(write_package(tmp_path / "src"))])
    out = write_package(tmp_path / "out", lessons={"gone.en.md": "old"})
    result = runner.invoke(args=["courses", "export", "pkg-1", str(out), "--version", "1"])
    assert result.exit_code == 0, result.output
    assert sorted(path.name for path in (out / "lessons").iterdir()) == [
        "intro.ar.md", "intro.en.md"]
    assert runner.invoke(args=["courses", "export", "PKG-1", str(out), "--version", "7"]
                         ).exit_code != 0


def _zipped(folder: Path, inside="pkg/") -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in folder.rglob("*"):
            if path.is_file():
                archive.write(path, inside + path.relative_to(folder).as_posix())
    buffer.seek(0)
    return buffer


def _upload(client, headers, data: io.BytesIO):
    return client.post("/api/v1/courses/import", headers=headers,
                       data={"file": (data, "package.zip")}, content_type="multipart/form-data")


def test_a_zipped_package_uploads_as_a_draft(app, client, as_user, tmp_path):
    manifest = MANIFEST.replace("category: skills", "category: skills\nowner_country: JO")
    response = _upload(client, as_user("national_admin", country="JO"),
                       _zipped(write_package(tmp_path, manifest)))
    assert response.status_code == 201, response.get_json()
    assert (response.get_json()["code"], response.get_json()["status"]) == ("PKG-1", "draft")


def test_another_countrys_package_upload_is_403(app, client, as_user, tmp_path):
    manifest = MANIFEST.replace("category: skills", "category: skills\nowner_country: JO")
    response = _upload(client, as_user("national_admin", country="FJ"),
                       _zipped(write_package(tmp_path, manifest)))
    assert response.status_code == 403
    assert courses_count(app) == 0


def test_a_bad_upload_is_422_with_file_and_line(app, client, as_user, tmp_path):
    admin = as_user("programme_admin")
    bad = MANIFEST.replace(", correct: true}", "}")
    response = _upload(client, admin, _zipped(write_package(tmp_path / "a", bad), inside=""))
    assert (response.status_code, response.get_json()["type"]) == (422, "invalid-package")
    assert response.get_json()["errors"]["package"][0].startswith("course.yaml:20: ")
    not_a_zip = _upload(client, admin, io.BytesIO(b"course.yaml"))
    assert not_a_zip.status_code == 422
    assert courses_count(app) == 0


ALIAS_BOMB = "\n".join(["a: &a [x, x, x, x, x, x, x, x, x, x]"] + [
    f"{chr(98 + level)}: &{chr(98 + level)} [{', '.join([f'*{chr(97 + level)}'] * 10)}]"
    for level in range(8)]) + "\n"


@pytest.mark.parametrize(("manifest", "reason"), [
    (ALIAS_BOMB, "aliases"),
    ("a: &loop [*loop]\n", "aliases"),
    ("a: " + "[" * 20000 + "]" * 20000 + "\n", "levels deep"),
])
def test_a_hostile_manifest_is_refused_before_it_is_expanded(app, client, as_user, tmp_path,
                                                             manifest, reason):
    response = _upload(client, as_user("programme_admin"),
                       _zipped(write_package(tmp_path, manifest), inside=""))
    assert (response.status_code, response.get_json()["type"]) == (422, "invalid-package")
    [message] = response.get_json()["errors"]["package"]
    assert message.startswith("course.yaml:") and reason in message
    assert courses_count(app) == 0
