"""Reading lessons, marking them complete and passing the quiz through the pages."""

from __future__ import annotations

import re

import pytest

from elearn.courses.models import Lesson
from elearn.extensions import db
from tests.site.conftest import text


@pytest.fixture
def enrolled(trainee, make_course, make_offering, enroll, login):
    """The trainee enrolled in a course of two lessons and a quiz: (browser, course, id)."""
    page, _user, email = trainee
    course = make_course(lessons=2)
    offering = make_offering(course["id"])
    enrollment = enroll(offering["id"], {"Authorization": f"Bearer {login(email)}"}).get_json()
    return page, course, enrollment["id"]


def _form_value(page, name) -> str:
    return re.search(rf'name="{name}" value="([^"]+)"', text(page)).group(1)


def test_a_lesson_is_markdown_made_safe(enrolled, app):
    page, course, enrollment = enrolled
    with app.app_context():
        db.session.get(Lesson, course["lessons"][0]).body = {
            "en": "# Duty of care\n\n**Always** <script>alert(1)</script> "
                  "[see](javascript:alert(2)) [guide](https://example.org/guide)"}
        db.session.commit()
    lesson = text(page.get(f"/learn/{enrollment}/lessons/{course['lessons'][0]}"))
    assert "<h1>Duty of care</h1>" in lesson and "<strong>Always</strong>" in lesson
    assert "<script>" not in lesson.split("</article>")[0] and 'href="javascript' not in lesson
    assert 'href="https://example.org/guide"' in lesson


def test_a_lesson_not_in_my_language_says_so(enrolled):
    page, course, enrollment = enrolled
    page.post("/language", {"language": "fr", "next": "/"})
    lesson = text(page.get(f"/learn/{enrollment}/lessons/{course['lessons'][0]}"))
    assert 'class="notice warn"' in lesson
    assert '<article class="card lesson-text" lang="en"' in lesson


def test_marking_complete_goes_to_the_next_lesson_and_counts_once(enrolled, client, app):
    page, course, enrollment = enrolled
    first, second = course["lessons"]
    lesson = page.get(f"/learn/{enrollment}/lessons/{first}")
    form = {"event_id": _form_value(lesson, "event_id"), "next": str(second)}
    answer = page.post(f"/learn/{enrollment}/lessons/{first}/complete", form)
    assert answer.headers["Location"] == f"/learn/{enrollment}/lessons/{second}"
    page.post(f"/learn/{enrollment}/lessons/{first}/complete", form)  # sent again
    with app.app_context():
        from elearn.enrollments.models import ProgressEvent
        assert db.session.query(ProgressEvent).count() == 1
    assert "You completed this lesson." in text(page.get(f"/learn/{enrollment}/lessons/{first}"))


def test_passing_the_quiz_completes_the_course_and_the_certificate_appears(enrolled):
    page, course, enrollment = enrolled
    for lesson in course["lessons"]:
        page.get(f"/learn/{enrollment}/lessons/{lesson}")
        page.post(f"/learn/{enrollment}/lessons/{lesson}/complete")
    quiz_page = page.get(f"/learn/{enrollment}/lessons/{course['required'][-1]}")
    first, second = course["questions"]
    form = {"attempt_id": _form_value(quiz_page, "attempt_id"),
            f"question-{first}": "a", f"question-{second}": "b"}
    result = page.post(f"/learn/{enrollment}/quizzes/{course['quiz']}", form)
    assert result.status_code == 200 and "Passed" in text(result)
    again = page.post(f"/learn/{enrollment}/quizzes/{course['quiz']}", form)
    assert "counted once" in text(again) and "2 attempts left." in text(again)
    certificates = text(page.get("/certificates"))
    assert course["code"] in certificates and "/verify/" in certificates
    assert 'src="data:image/svg+xml' in certificates and "/pdf" in certificates


def test_a_failed_quiz_shows_what_was_not_right_and_the_attempts_left(enrolled):
    page, course, enrollment = enrolled
    quiz_page = page.get(f"/learn/{enrollment}/lessons/{course['required'][-1]}")
    first, second = course["questions"]
    result = text(page.post(f"/learn/{enrollment}/quizzes/{course['quiz']}", {
        "attempt_id": _form_value(quiz_page, "attempt_id"),
        f"question-{first}": "c", f"question-{second}": "c"}))
    assert "Not passed" in result and "not right" in result and "2 attempts left." in result


def test_another_persons_enrolment_is_the_not_found_page(enrolled, make_user, browser):
    _page, course, enrollment = enrolled
    make_user("other@example.org")
    other = browser("other@example.org")
    answer = other.get(f"/learn/{enrollment}/lessons/{course['lessons'][0]}")
    assert answer.status_code == 404 and answer.mimetype == "text/html"
    other.get("/")
    assert other.post(f"/learn/{enrollment}/lessons/{course['lessons'][0]}/complete"
                      ).status_code == 404


def test_a_lesson_of_another_course_is_the_not_found_page(enrolled, make_course):
    page, _course, enrollment = enrolled
    elsewhere = make_course()
    assert page.get(f"/learn/{enrollment}/lessons/{elsewhere['lessons'][0]}").status_code == 404
