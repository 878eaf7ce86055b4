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
