"""Courses in the console: a national course made from nothing to published — details,
modules, lessons with a Markdown preview, a quiz with its answer key — then archived after
saying so in numbers; packages checked before they are imported, and exported again."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from tests.site.conftest import text

PACKAGE = Path(__file__).parents[2] / "courses" / "human-rights-gender"


def _zip(folder: Path = PACKAGE, *, drop: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in folder.rglob("*"):
            if path.is_file() and path.name != drop:
                archive.write(path, path.relative_to(folder).as_posix())
    return buffer.getvalue()


def _located(answer, pattern: str) -> int:
    return int(re.search(pattern, answer.headers["Location"]).group(1))


@pytest.fixture
def draft(jordan_admin):
    """A Jordanian draft course made from the console; returns its id."""
    jordan_admin.get("/console/courses/new")
    answer = jordan_admin.post("/console/courses/new", {
        "code": "jo-cyber-1", "title-en": "Cybercrime basics",
        "title-ar": "أساسيات الجرائم الإلكترونية",
        "language-en": "on", "language-ar": "on", "default_language": "en",
        "category": "cybercrime", "level": "beginner", "certificate_validity_months": "24"})
    assert answer.status_code == 302, text(answer)[:2000]
    return _located(answer, r"/console/courses/(\d+)$")


def _module_and_lesson(page, course_id, kind="text", key="intro"):
    page.get(f"/console/courses/{course_id}")
    page.post(f"/console/courses/{course_id}/modules",
              {"module-title-en": "Basics", "module-title-ar": "الأساسيات"})
    module = int(re.search(rf'/console/courses/{course_id}/modules/(\d+)/lessons',
                           text(page.get(f"/console/courses/{course_id}"))).group(1))
    answer = page.post(f"/console/courses/{course_id}/modules/{module}/lessons", {
        "key": key, "kind": kind, "lesson-title-en": "Introduction",
        "lesson-title-ar": "مقدمة", "lesson-body-en": "First words"})
    assert answer.status_code == 302, text(answer)[:2000]
    return _located(answer, r"/lessons/(\d+)$")


def test_a_national_admin_creates_a_draft_of_their_country(draft, jordan_admin, client,
                                                            as_user):
    course = client.get(f"/api/v1/courses/{draft}",
                        headers=as_user("programme_admin")).get_json()
    assert (course["code"], course["country"], course["status"]) == (
        "JO-CYBER-1", "JO", "draft")
    assert "Drafts" in text(jordan_admin.get("/console/courses"))
    assert "JO-CYBER-1" in text(jordan_admin.get("/console/courses?status=draft"))


def test_a_course_without_a_title_comes_back_with_what_was_typed(jordan_admin):
    jordan_admin.get("/console/courses/new")
    answer = jordan_admin.post("/console/courses/new", {
        "code": "JO-2", "language-en": "on", "default_language": "en", "category": "x-y"})
    assert answer.status_code == 422 and 'value="JO-2"' in text(answer)


def test_the_preview_renders_markdown_cleaned_and_saves_nothing(draft, jordan_admin, client,
                                                                as_user):
    lesson = _module_and_lesson(jordan_admin, draft)
    page = f"/console/courses/{draft}/lessons/{lesson}"
    jordan_admin.get(page)
    preview = jordan_admin.post(page, {
        "title-en": "Introduction", "title-ar": "مقدمة", "required": "on",
        "body-en": "# Evidence\n\n**Chain** of custody <script>alert(1)</script>",
        "preview": "1"})
    shown = text(preview)
    assert "<h1>Evidence</h1>" in shown and "<strong>Chain</strong>" in shown
    assert "<script>alert(1)</script>" not in shown
    detail = client.get(f"/api/v1/courses/{draft}?translations=all",
                        headers=as_user("programme_admin")).get_json()
    assert detail["modules"][0]["lessons"][0]["body_translations"] == {"en": "First words"}


def test_a_lesson_is_saved_in_each_language(draft, jordan_admin, client, as_user):
    lesson = _module_and_lesson(jordan_admin, draft)
    page = f"/console/courses/{draft}/lessons/{lesson}"
    jordan_admin.get(page)
    saved = jordan_admin.post(page, {"title-en": "Introduction", "title-ar": "مقدمة",
                                     "body-en": "Text", "body-ar": "نص", "required": "on",
                                     "duration_minutes": "15"})
    assert saved.status_code == 302
    detail = client.get(f"/api/v1/courses/{draft}?translations=all",
                        headers=as_user("programme_admin")).get_json()
    assert detail["modules"][0]["lessons"][0]["body_translations"] == {"en": "Text",
                                                                       "ar": "نص"}


def test_the_answer_key_shows_on_the_editor_page_only(draft, jordan_admin, trainee):
    lesson = _module_and_lesson(jordan_admin, draft, kind="quiz", key="check")
    page = f"/console/courses/{draft}/lessons/{lesson}"
    jordan_admin.get(page)
    added = jordan_admin.post(f"{page}/questions", {
        "kind": "single_choice", "question-en": "Who keeps the evidence log?",
        "choice-0-en": "The officer in charge", "correct-0": "on",
        "choice-1-en": "Anyone", "points": "2"})
    assert added.status_code == 302
    editor = text(jordan_admin.get(page))
    assert "✓ <bdi>The officer in charge</bdi>" in editor
    learner, _user, _email = trainee
    assert learner.get(page).status_code == 404


def test_a_question_without_a_right_answer_is_refused(draft, jordan_admin):
    lesson = _module_and_lesson(jordan_admin, draft, kind="quiz", key="check")
    page = f"/console/courses/{draft}/lessons/{lesson}"
    jordan_admin.get(page)
    refused = jordan_admin.post(f"{page}/questions", {
        "kind": "single_choice", "question-en": "Which?", "choice-0-en": "One",
        "choice-1-en": "Two"})
    assert refused.status_code == 422
    assert "Mark exactly one choice as correct." in text(refused) or \
        "Mark at least one choice as correct." in text(refused)
    assert 'value="Which?"' in text(refused)


def test_an_incomplete_course_is_not_published_and_says_why(draft, jordan_admin):
    jordan_admin.get(f"/console/courses/{draft}")
    refused = jordan_admin.post(f"/console/courses/{draft}/publish")
    assert refused.status_code == 422 and "The course is not complete." in text(refused)


def test_a_complete_course_is_published_then_archived_after_saying_so(draft, jordan_admin,
                                                                      client, as_user):
    lesson = _module_and_lesson(jordan_admin, draft)
    page = f"/console/courses/{draft}/lessons/{lesson}"
    jordan_admin.get(page)
    jordan_admin.post(page, {"title-en": "Introduction", "title-ar": "مقدمة", "body-en": "Text",
                             "body-ar": "نص", "required": "on"})
    jordan_admin.get(f"/console/courses/{draft}")
    published = jordan_admin.post(f"/console/courses/{draft}/publish")
    assert published.status_code == 302, text(published)[:3000]
    jordan_admin.get(f"/console/courses/{draft}")
    asked = jordan_admin.post(f"/console/courses/{draft}/archive")
    assert asked.status_code == 200 and "0 offerings stay open" in text(asked)
    assert client.get(f"/api/v1/courses/{draft}",
                      headers=as_user("programme_admin")).get_json()["status"] == "published"
    done = jordan_admin.post(f"/console/courses/{draft}/archive", {"confirmed": "yes"})
    assert done.status_code == 302
    assert client.get(f"/api/v1/courses/{draft}",
                      headers=as_user("programme_admin")).get_json()["status"] == "archived"


@pytest.fixture
def programme_admin(make_user, browser):
    make_user("mere@example.org", country="FJ", roles=("programme_admin",), language="en")
    return browser("mere@example.org")


def test_a_package_is_checked_first_then_imported_as_a_draft(programme_admin, client,
                                                             as_user):
    jordan_admin = programme_admin  # the shipped packages are regional: theirs to import
    jordan_admin.get("/console/courses/import")
    checked = jordan_admin.post("/console/courses/import", {
        "file": (io.BytesIO(_zip()), "package.zip")}, content_type="multipart/form-data")
    assert checked.status_code == 200, text(checked)[:3000]
    assert "What the import would create" in text(checked)
    admin = as_user("programme_admin")
    assert client.get("/api/v1/courses?status=draft", headers=admin).get_json()["total"] == 0
    token = re.search(r'name="token" value="([^"]+)"', text(checked)).group(1)
    imported = jordan_admin.post("/console/courses/import/confirm", {"token": token})
    assert imported.status_code == 302
    assert client.get("/api/v1/courses?status=draft", headers=admin).get_json()["total"] == 1


def test_a_broken_package_says_why_and_imports_nothing(programme_admin):
    programme_admin.get("/console/courses/import")
    refused = programme_admin.post("/console/courses/import", {
        "file": (io.BytesIO(_zip(drop="course.yaml")), "package.zip")},
        content_type="multipart/form-data")
    assert refused.status_code == 422
    assert "The package cannot be imported" in text(refused)
    assert 'name="token"' not in text(refused)


def test_an_exported_course_imports_again(draft, jordan_admin):
    _module_and_lesson(jordan_admin, draft)
    exported = jordan_admin.get(f"/console/courses/{draft}/package.zip")
    assert exported.status_code == 200 and exported.mimetype == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(exported.get_data())).namelist()
    assert "course.yaml" in names


def test_another_countrys_draft_is_the_not_found_page(jordan_admin, make_course):
    tongan = make_course(country="TO", status="draft")
    for path in (f"/console/courses/{tongan['id']}",
                 f"/console/courses/{tongan['id']}/package.zip"):
        assert jordan_admin.get(path).status_code == 404


def test_a_lesson_is_deleted_after_saying_so_once(draft, jordan_admin, client, as_user):
    lesson = _module_and_lesson(jordan_admin, draft)
    page = f"/console/courses/{draft}/lessons/{lesson}"
    jordan_admin.get(page)
    asked = jordan_admin.post(f"{page}/delete")
    assert asked.status_code == 200 and "Delete the lesson Introduction?" in text(asked)
    detail = client.get(f"/api/v1/courses/{draft}", headers=as_user("programme_admin"))
    assert len(detail.get_json()["modules"][0]["lessons"]) == 1
    done = jordan_admin.post(f"{page}/delete", {"confirmed": "yes"})
    assert done.status_code == 302
    detail = client.get(f"/api/v1/courses/{draft}", headers=as_user("programme_admin"))
    assert detail.get_json()["modules"][0]["lessons"] == []


def test_a_module_is_deleted_with_its_lessons_after_saying_how_many(draft, jordan_admin,
                                                                    client, as_user):
    _module_and_lesson(jordan_admin, draft)
    course = text(jordan_admin.get(f"/console/courses/{draft}"))
    module = re.search(rf"/console/courses/{draft}/modules/(\d+)/delete", course).group(1)
    asked = jordan_admin.post(f"/console/courses/{draft}/modules/{module}/delete")
    assert "with its 1 lesson." in text(asked)
    jordan_admin.post(f"/console/courses/{draft}/modules/{module}/delete", {"confirmed": "yes"})
    detail = client.get(f"/api/v1/courses/{draft}", headers=as_user("programme_admin"))
    assert detail.get_json()["modules"] == []


def test_lessons_and_modules_move_one_place_up_or_down(draft, jordan_admin, client, as_user):
    _module_and_lesson(jordan_admin, draft, key="intro")
    module = int(re.search(rf'/console/courses/{draft}/modules/(\d+)/lessons',
                           text(jordan_admin.get(f"/console/courses/{draft}"))).group(1))
    jordan_admin.post(f"/console/courses/{draft}/modules/{module}/lessons", {
        "key": "law", "kind": "text", "lesson-title-en": "The law",
        "lesson-title-ar": "القانون", "lesson-body-en": "Articles"})
    jordan_admin.post(f"/console/courses/{draft}/modules",
                      {"module-title-en": "Practice", "module-title-ar": "التطبيق"})
    page = text(jordan_admin.get(f"/console/courses/{draft}"))
    second = int(re.findall(rf"/console/courses/{draft}/modules/{module}/lessons/(\d+)/move",
                            page)[-1])
    moved = jordan_admin.post(
        f"/console/courses/{draft}/modules/{module}/lessons/{second}/move", {"to": "1"})
    assert moved.status_code == 302
    practice = int(re.findall(rf"/console/courses/{draft}/modules/(\d+)/move", page)[-1])
    jordan_admin.post(f"/console/courses/{draft}/modules/{practice}/move", {"to": "1"})
    detail = client.get(f"/api/v1/courses/{draft}",
                        headers=as_user("programme_admin")).get_json()
    assert [m["title"] for m in detail["modules"]] == ["Practice", "Basics"]
    assert [lesson["key"] for lesson in detail["modules"][1]["lessons"]] == ["law", "intro"]
    refused = jordan_admin.post(f"/console/courses/{draft}/modules/{practice}/move",
                                {"to": "first"})
    assert refused.status_code == 302
    assert "Say where to move it." in text(jordan_admin.get(f"/console/courses/{draft}"))


def test_another_countrys_admin_cannot_move_a_module(draft, jordan_admin, make_user, browser):
    _module_and_lesson(jordan_admin, draft)
    page = text(jordan_admin.get(f"/console/courses/{draft}"))
    module = int(re.search(rf"/console/courses/{draft}/modules/(\d+)/lessons", page).group(1))
    make_user("admin.ma@example.org", country="MA", roles=("national_admin",))
    other = browser("admin.ma@example.org")
    assert other.post(f"/console/courses/{draft}/modules/{module}/move",
                      {"to": "1"}).status_code == 404


def test_the_course_list_downloads_as_csv_with_its_filters(draft, jordan_admin, make_course):
    make_course(code="FJ-ONLY", country="FJ", status="draft")
    page = text(jordan_admin.get("/console/courses?status=draft"))
    assert "status=draft&amp;format=csv" in page
    answer = jordan_admin.get("/console/courses?status=draft&format=csv")
    assert answer.status_code == 200 and answer.mimetype == "text/csv"
    body = answer.get_data(as_text=True)
    assert body.startswith("\ufeff") and "JO-CYBER-1,Cybercrime basics" in body
    assert "FJ-ONLY" not in body
    published = jordan_admin.get("/console/courses?status=published&format=csv")
    assert "JO-CYBER-1" not in published.get_data(as_text=True)
