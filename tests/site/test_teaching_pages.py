"""A trainer's pages: offerings facilitated, their roster, live-session attendance."""

from __future__ import annotations

import pytest

from elearn.courses.models import Lesson, Module
from elearn.extensions import db
from tests.site.conftest import text


@pytest.fixture
def taught(app, make_user, make_course, make_offering, browser, as_user, enroll, user_id,
           client):
    """An offering with a live session, facilitated by a trainer with one learner enrolled."""
    trainer = make_user("trainer@example.org", roles=("trainer",), name="Tevita Trainer")
    course = make_course(lessons=1, quiz=False)
    with app.app_context():
        module = db.session.get(Lesson, course["lessons"][0]).module_id
        live = Lesson(module_id=module, course_id=course["id"], key="live-1", position=2,
                      kind="live_session", required=True, title={"en": "Live session 1"})
        db.session.add(live)
        db.session.commit()
        live_id = live.id
        assert db.session.get(Module, module) is not None
    offering = make_offering(course["id"], trainers=[{"user_id": trainer}])
    learner = as_user(name="Losa Learner")
    enrollment = enroll(offering["id"], learner).get_json()["id"]
    return {"offering": offering["id"], "live": live_id, "enrollment": enrollment,
            "learner": learner, "page": browser("trainer@example.org")}


def test_a_trainer_sees_the_offerings_they_facilitate_and_the_roster(taught):
    page = taught["page"]
    assert f"/teaching/offerings/{taught['offering']}" in text(page.get("/teaching"))
    roster = text(page.get(f"/teaching/offerings/{taught['offering']}"))
    assert "Losa Learner" in roster and "Live session 1" in roster


def test_marking_attendance_completes_the_live_session_for_the_learner(taught, client):
    page = taught["page"]
    page.get(f"/teaching/offerings/{taught['offering']}")
    answer = page.post(
        f"/teaching/offerings/{taught['offering']}/lessons/{taught['live']}/attendance",
        {"enrollment": [str(taught["enrollment"])]})
    assert answer.status_code == 302
    lessons = client.get(f"/api/v1/enrollments/{taught['enrollment']}/lessons",
                         headers=taught["learner"]).get_json()
    assert [lesson["completed_at"] is not None for lesson in lessons
            if lesson["lesson_id"] == taught["live"]] == [True]


def test_someone_who_does_not_facilitate_the_offering_gets_the_not_found_page(
        taught, make_user, browser):
    make_user("other.trainer@example.org", roles=("trainer",))
    other = browser("other.trainer@example.org")
    assert other.get(f"/teaching/offerings/{taught['offering']}").status_code == 404
    assert other.post(
        f"/teaching/offerings/{taught['offering']}/lessons/{taught['live']}/attendance",
        {"enrollment": [str(taught["enrollment"])]}).status_code == 404


def test_the_offerings_page_takes_the_same_statements_for_one_offering_or_many(
        taught, make_course, make_offering, app, count_queries):
    from elearn.accounts.models import User

    with app.app_context():
        trainer = db.session.scalar(db.select(User.id).where(
            User.email == "trainer@example.org"))
    counts = []
    for _round in range(2):
        for _offering in range(3):
            make_offering(make_course(quiz=False)["id"], trainers=[{"user_id": trainer}])
        with count_queries() as statements:
            assert taught["page"].get("/teaching").status_code == 200
        counts.append(len(statements))
    assert counts[0] == counts[1] <= 6
