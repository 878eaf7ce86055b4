"""Capacity holds when many people enrol at the same moment."""

import contextlib
import threading
from concurrent.futures import ThreadPoolExecutor


def test_fifty_concurrent_enrolments_into_ten_places(app, as_user, make_course, make_offering):
    offering = make_offering(make_course()["id"], capacity=10)
    people = [as_user("trainee", country="FJ") for _ in range(50)]
    start = threading.Barrier(10)

    def enrol(headers):
        with contextlib.suppress(threading.BrokenBarrierError):
            start.wait(timeout=5)
        return app.test_client().post(f"/api/v1/offerings/{offering['id']}/enrollments",
                                      headers=headers, json={})

    with ThreadPoolExecutor(max_workers=10) as pool:
        answers = list(pool.map(enrol, people))
    assert {answer.status_code for answer in answers} == {201}
    statuses = [answer.get_json()["status"] for answer in answers]
    assert statuses.count("enrolled") == 10
    assert statuses.count("waitlisted") == 40
    detail = app.test_client().get(f"/api/v1/offerings/{offering['id']}",
                                   headers=as_user("programme_admin")).get_json()
    assert detail["seats_taken"] == 10


def _together(app, count, request):
    """Run ``request(client, n)`` for n in range(count) on 8 threads released together."""
    start = threading.Barrier(8)

    def run(number):
        if number < 8:
            with contextlib.suppress(threading.BrokenBarrierError):
                start.wait(timeout=5)
        return request(app.test_client(), number)

    with ThreadPoolExecutor(max_workers=8) as pool:
        return list(pool.map(run, range(count)))


def test_eight_learners_writing_at_once_all_get_answers(app, as_user, make_course,
                                                        make_offering, enroll):
    course = make_course(lessons=3)
    offering = make_offering(course["id"])
    learners = []
    for _ in range(8):
        headers = as_user("trainee", country="FJ")
        learners.append((headers, enroll(offering["id"], headers).get_json()["id"]))

    def write(client, number):
        headers, enrollment = learners[number % 8]
        lesson = course["lessons"][number % 3]
        if number % 4:
            return client.post(f"/api/v1/enrollments/{enrollment}/progress", headers=headers,
                               json={"lesson_id": lesson, "kind": "viewed"})
        return client.post("/api/v1/sync", headers=headers, json={"events": [
            {"id": f"{number}-{k}", "type": "progress", "enrollment_id": enrollment,
             "lesson_id": lesson, "kind": "viewed", "occurred_at": "2026-01-05T10:00:00Z"}
            for k in range(50)]})

    answers = _together(app, 64, write)
    assert {answer.status_code for answer in answers} == {200, 201}


def test_the_same_event_sent_twice_at_once_counts_once(app, as_user, make_course,
                                                       make_offering, enroll):
    course = make_course(lessons=2)
    headers = as_user("trainee", country="FJ")
    enrollment = enroll(make_offering(course["id"])["id"], headers).get_json()["id"]

    def send(client, number):
        return client.post(f"/api/v1/enrollments/{enrollment}/progress", headers=headers,
                           json={"lesson_id": course["lessons"][0], "kind": "completed",
                                 "client_event_id": "tapped-twice"})

    statuses = sorted(answer.get_json()["status"] for answer in _together(app, 8, send))
    assert statuses == ["accepted"] + ["duplicate"] * 7


def _seats(app, offering_id):
    from sqlalchemy import func, select

    from elearn.enrollments.models import Enrollment, Offering
    from elearn.extensions import db

    with app.app_context():
        taken = db.session.get(Offering, offering_id).seats_taken
        enrolled = db.session.scalar(select(func.count()).select_from(Enrollment).where(
            Enrollment.offering_id == offering_id, Enrollment.status == "enrolled"))
        return taken, enrolled


def test_withdrawing_the_same_people_at_once_never_overbooks(app, as_user, make_course,
                                                             make_offering, enroll):
    offering = make_offering(make_course()["id"], capacity=3, waitlist_enabled=True)
    people = [as_user("trainee", country="FJ") for _ in range(8)]
    ids = [enroll(offering["id"], headers).get_json()["id"] for headers in people]
    admin = as_user("programme_admin")

    def withdraw(client, number):
        return client.patch(f"/api/v1/enrollments/{ids[number % 3]}", headers=admin,
                            json={"status": "withdrawn"})

    answers = _together(app, 12, withdraw)
    assert sorted(answer.status_code for answer in answers) == [200] * 3 + [409] * 9
    assert _seats(app, offering["id"]) == (3, 3)


def test_approving_one_enrolment_at_once_takes_one_place(app, as_user, make_course,
                                                         make_offering, enroll):
    offering = make_offering(make_course()["id"], capacity=3, approval_required=True)
    enrolment = enroll(offering["id"], as_user("trainee", country="FJ")).get_json()
    assert enrolment["status"] == "pending"
    admin = as_user("programme_admin")

    def approve(client, number):
        return client.patch(f"/api/v1/enrollments/{enrolment['id']}", headers=admin,
                            json={"status": "enrolled"})

    answers = _together(app, 8, approve)
    assert sorted(answer.status_code for answer in answers) == [200] + [409] * 7
    assert _seats(app, offering["id"]) == (1, 1)
