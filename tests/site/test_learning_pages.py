"""The trainee's pages: home, catalogue, a course and enrolling, over the test client."""

from __future__ import annotations

from datetime import timedelta

from elearn.enrollments.models import Enrollment
from elearn.extensions import db
from elearn.timeutils import utcnow
from tests.site.conftest import text


def test_home_lists_my_courses_with_progress_and_the_next_lesson(
        trainee, make_course, make_offering, enroll, login):
    page, _user, email = trainee
    course = make_course()
    offering = make_offering(course["id"])
    enroll(offering["id"], {"Authorization": f"Bearer {login(email)}"})
    home = text(page.get("/"))
    assert "Community policing" in home and "Lesson 1" in home
    assert 'value="0"' in home  # the progress bar


def test_home_shows_an_overdue_course_first(trainee, make_course, make_offering, enroll, login,
                                            app):
    page, _user, email = trainee
    offering = make_offering(make_course()["id"], due_days=1)
    response = enroll(offering["id"], {"Authorization": f"Bearer {login(email)}"})
    with app.app_context():
        db.session.get(Enrollment, response.get_json()["id"]).due_at = (
            utcnow() - timedelta(days=2))
        db.session.commit()
    home = text(page.get("/"))
    assert home.index("overdue-heading") < home.index("My courses")


def test_home_takes_the_same_statements_for_one_course_or_many(
        trainee, make_course, make_offering, enroll, login, count_queries):
    page, _user, email = trainee
    headers = {"Authorization": f"Bearer {login(email)}"}
    counts = []
    for _round in range(2):
        for _course in range(3):
            enroll(make_offering(make_course()["id"])["id"], headers)
        with count_queries() as statements:
            assert page.get("/").status_code == 200
        counts.append(len(statements))
    assert counts[0] == counts[1] <= 6


def test_the_catalogue_finds_a_course_by_an_arabic_word(trainee, make_course):
    page, _user, _email = trainee
    make_course(code="CP-101")
    found = text(page.get("/catalogue?q=المجتمعية"))
    assert "CP-101" in found
    assert "CP-101" not in text(page.get("/catalogue?q=cybercrime"))


def test_the_catalogue_says_what_is_wrong_with_a_filter(trainee):
    page, _user, _email = trainee
    answer = page.get("/catalogue?q=" + "x" * 101)
    assert answer.status_code == 422
    assert 'aria-invalid="true" aria-describedby="q-error"' in text(answer)


def test_the_catalogue_takes_the_same_statements_for_any_page_size(
        trainee, make_course, count_queries):
    page, _user, _email = trainee
    counts = []
    for _round in range(2):
        for _course in range(4):
            make_course()
        with count_queries() as statements:
            page.get("/catalogue")
        counts.append(len(statements))
    assert counts[0] == counts[1] <= 5


def test_a_course_page_says_which_prerequisite_is_missing(trainee, make_course, make_offering,
                                                          client, as_user):
    page, _user, _email = trainee
    first = make_course(code="BASICS-1")
    second = make_course(code="NEXT-2")
    admin = as_user("programme_admin")
    assert client.patch(f"/api/v1/courses/{second['id']}", headers=admin,
                        json={"prerequisites": ["BASICS-1"]}).status_code == 200
    make_offering(second["id"])
    course = text(page.get(f"/courses/{second['id']}"))
    assert "BASICS-1" in course and "not completed yet" in course
    assert first["code"] != second["code"]


def test_enrolling_says_i_am_enrolled(trainee, make_course, make_offering):
    page, _user, _email = trainee
    course = make_course()
    offering = make_offering(course["id"])
    page.get(f"/courses/{course['id']}")
    answer = page.post(f"/offerings/{offering['id']}/enrol")
    assert answer.status_code == 302
    assert "You are enrolled." in text(page.get(answer.headers["Location"]))


def test_enrolling_in_a_full_offering_gives_my_place_on_the_waiting_list(
        trainee, make_course, make_offering, as_user, enroll):
    page, _user, _email = trainee
    course = make_course()
    offering = make_offering(course["id"], capacity=1, waitlist_enabled=True)
    assert enroll(offering["id"], as_user()).status_code == 201
    page.get(f"/courses/{course['id']}")
    answer = page.post(f"/offerings/{offering['id']}/enrol")
    assert "number 1 on the waiting list" in text(page.get(answer.headers["Location"]))


def test_enrolling_twice_says_why_not_in_my_language(trainee, make_course, make_offering):
    page, _user, _email = trainee
    course = make_course()
    offering = make_offering(course["id"])
    page.get(f"/courses/{course['id']}")
    page.post(f"/offerings/{offering['id']}/enrol")
    page.get(f"/courses/{course['id']}")
    page.post("/language", {"language": "fr", "next": f"/courses/{course['id']}"})
    page.get(f"/courses/{course['id']}")
    again = page.post(f"/offerings/{offering['id']}/enrol")
    assert again.status_code == 409 and 'role="alert"' in text(again)
    assert 'lang="fr"' in text(again)


def test_a_course_of_another_country_is_the_not_found_page(trainee, make_course):
    page, _user, _email = trainee
    tongan = make_course(country="TO", status="draft")
    answer = page.get(f"/courses/{tongan['id']}")
    assert answer.status_code == 404 and answer.mimetype == "text/html"


def test_an_offering_of_another_country_cannot_be_joined(trainee, make_course, client,
                                                         as_user):
    page, _user, _email = trainee
    course = make_course(country="TO")
    tongan_admin = as_user("national_admin", country="TO")
    offering = client.post("/api/v1/offerings", headers=tongan_admin, json={
        "course_id": course["id"], "country": "TO",
        "starts_at": utcnow().isoformat()}).get_json()
    page.get("/")
    assert page.post(f"/offerings/{offering['id']}/enrol").status_code == 404


def test_the_catalogue_pages_keep_the_search(trainee, make_course):
    page, _user, _email = trainee
    for _course in range(21):
        make_course()
    first = text(page.get("/catalogue?q=community"))
    assert "Page 1 of 2" in first and "/catalogue?q=community&amp;page=2" in first
    assert "Page 2 of 2" in text(page.get("/catalogue?q=community&page=2"))
