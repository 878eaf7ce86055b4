"""The learner's dashboard, a roster and per-lesson progress: scoped, fixed query counts."""

import gzip
import json
from datetime import timedelta

from elearn.timeutils import utcnow


def test_my_enrolments_show_progress_and_next_lesson(client, as_user, make_course,
                                                     make_offering, enroll):
    course = make_course(lessons=2)
    offering = make_offering(course["id"])
    headers = as_user("trainee", country="TO")
    enrollment = enroll(offering["id"], headers).get_json()
    client.post(f"/api/v1/enrollments/{enrollment['id']}/progress", headers=headers,
                json={"lesson_id": course["lessons"][0], "kind": "completed"})
    body = client.get("/api/v1/me/enrollments", headers=headers).get_json()
    item = body["items"][0]
    assert (item["lessons_completed"], item["lessons_total"]) == (1, 3)
    assert item["next_lesson"]["id"] == course["lessons"][1]
    assert item["course_title"] == "Community policing"
    assert body["synced_at"]


def test_each_enrolment_counts_its_own_lessons_and_skips_only_completed_ones(
    client, as_user, make_course, make_offering, enroll
):
    headers = as_user("trainee", language="ar")
    short, long = make_course(lessons=2), make_course(lessons=4)
    done = {short["id"]: [short["lessons"][1]], long["id"]: long["lessons"][:2]}
    for course in (short, long):
        enrollment = enroll(make_offering(course["id"])["id"], headers).get_json()
        url = f"/api/v1/enrollments/{enrollment['id']}/progress"
        for lesson in done[course["id"]]:
            client.post(url, headers=headers, json={"lesson_id": lesson, "kind": "completed"})
    client.post(url, headers=headers, json={"lesson_id": long["lessons"][2], "kind": "viewed"})
    items = {item["course_id"]: item for item in
             client.get("/api/v1/me/enrollments", headers=headers).get_json()["items"]}
    assert (items[short["id"]]["lessons_completed"], items[short["id"]]["lessons_total"]) == (1, 3)
    assert items[short["id"]]["next_lesson"] == {
        "id": short["lessons"][0], "key": "lesson-1", "kind": "text", "title": "الدرس 1"}
    assert (items[long["id"]]["lessons_completed"], items[long["id"]]["lessons_total"]) == (2, 5)
    assert items[long["id"]]["next_lesson"]["id"] == long["lessons"][2]


def test_a_finished_enrolment_has_no_next_lesson(client, as_user, make_course, make_offering,
                                                 enroll):
    course = make_course(lessons=1, quiz=False)
    headers = as_user("trainee")
    enrollment = enroll(make_offering(course["id"])["id"], headers).get_json()
    client.post(f"/api/v1/enrollments/{enrollment['id']}/progress", headers=headers,
                json={"lesson_id": course["lessons"][0], "kind": "completed"})
    item = client.get("/api/v1/me/enrollments", headers=headers).get_json()["items"][0]
    assert (item["lessons_completed"], item["lessons_total"], item["next_lesson"]) == (1, 1, None)


def test_course_title_follows_the_callers_language(client, as_user, make_course,
                                                   make_offering, enroll):
    offering = make_offering(make_course()["id"])
    headers = as_user("trainee", country="JO", language="ar")
    enroll(offering["id"], headers)
    item = client.get("/api/v1/me/enrollments", headers=headers).get_json()["items"][0]
    assert item["course_title"] == "الشرطة المجتمعية"


def test_since_returns_only_what_changed(client, as_user, make_course, make_offering, enroll):
    course = make_course()
    headers = as_user("trainee")
    first = enroll(make_offering(course["id"])["id"], headers).get_json()
    second = enroll(make_offering(course["id"])["id"], headers).get_json()
    synced_at = client.get("/api/v1/me/enrollments", headers=headers).get_json()["synced_at"]
    client.post(f"/api/v1/enrollments/{second['id']}/progress", headers=headers,
                json={"lesson_id": course["lessons"][0], "kind": "viewed"})
    body = client.get("/api/v1/me/enrollments", headers=headers,
                      query_string={"since": synced_at}).get_json()
    assert [item["id"] for item in body["items"]] == [second["id"]]
    assert first["id"] != second["id"]


def _dashboard_queries(client, count_queries, headers):
    with count_queries() as queries:
        assert client.get("/api/v1/me/enrollments", headers=headers).status_code == 200
    return len(queries)


def test_dashboard_query_count_is_fixed(client, as_user, make_course, make_offering, enroll,
                                        count_queries):
    headers = as_user("trainee")
    enroll(make_offering(make_course(lessons=2)["id"])["id"], headers)
    few = _dashboard_queries(client, count_queries, headers)
    for _ in range(5):
        enroll(make_offering(make_course(lessons=8)["id"])["id"], headers)
    assert _dashboard_queries(client, count_queries, headers) == few


def test_roster_query_count_is_fixed(client, as_user, make_course, make_offering, enroll,
                                     count_queries):
    offering = make_offering(make_course()["id"])
    admin = as_user("programme_admin")
    url = f"/api/v1/offerings/{offering['id']}/enrollments"
    enroll(offering["id"], as_user("trainee"))
    with count_queries() as few:
        client.get(url, headers=admin)
    for _ in range(6):
        enroll(offering["id"], as_user("trainee"))
    with count_queries() as many:
        body = client.get(url, headers=admin).get_json()
    assert body["total"] == 7
    assert len(many) == len(few)


def test_lesson_progress_query_count_is_fixed(client, as_user, make_course, make_offering,
                                              enroll, count_queries):
    counts = []
    for lessons in (2, 12):
        offering = make_offering(make_course(lessons=lessons)["id"])
        headers = as_user("trainee")
        enrollment = enroll(offering["id"], headers).get_json()
        with count_queries() as queries:
            rows = client.get(f"/api/v1/enrollments/{enrollment['id']}/lessons",
                              headers=headers).get_json()
        assert len(rows) == lessons + 1
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_national_admin_sees_only_own_people_in_a_regional_roster(
    client, as_user, make_course, make_offering, enroll
):
    offering = make_offering(make_course()["id"])
    enroll(offering["id"], as_user("trainee", country="FJ", email="fj@example.org"))
    enroll(offering["id"], as_user("trainee", country="TO", email="to@example.org"))
    body = client.get(f"/api/v1/offerings/{offering['id']}/enrollments",
                      headers=as_user("national_admin", country="TO")).get_json()
    assert [item["user_name"] for item in body["items"]] == ["to@example.org"]


def test_trainer_sees_the_roster_of_their_offering(client, as_user, make_course, make_user,
                                                   login, make_offering, enroll):
    trainer = make_user("trainer@example.org", roles=("trainer",), country="WS")
    offering = make_offering(make_course()["id"], trainers=[{"user_id": trainer}],
                             starts_at=(utcnow() - timedelta(days=1)).isoformat())
    enroll(offering["id"], as_user("trainee", country="WS"))
    headers = {"Authorization": f"Bearer {login('trainer@example.org')}"}
    body = client.get(f"/api/v1/offerings/{offering['id']}/enrollments", headers=headers)
    assert body.get_json()["total"] == 1


def test_course_bundle_has_every_language_and_no_key(client, as_user, make_course):
    course = make_course()
    headers = as_user("trainee", country="FJ") | {"Accept-Encoding": "gzip"}
    response = client.get(f"/api/v1/courses/{course['id']}/bundle", headers=headers)
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "gzip"
    bundle = json.loads(gzip.decompress(response.get_data()))
    lesson = bundle["modules"][0]["lessons"][0]
    assert lesson["title"] == {"en": "Lesson 1", "ar": "الدرس 1"}
    assert "correct" not in json.dumps(bundle)
    again = client.get(f"/api/v1/courses/{course['id']}/bundle",
                       headers=headers | {"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304


def test_draft_course_bundle_is_404_for_learners(client, as_user, make_course):
    course = make_course(status="draft")
    response = client.get(f"/api/v1/courses/{course['id']}/bundle", headers=as_user("trainee"))
    assert response.status_code == 404


def test_dashboard_reads_neither_trainers_nor_lesson_bodies(client, as_user, make_course,
                                                            make_offering, enroll,
                                                            count_queries):
    headers = as_user("trainee")
    enroll(make_offering(make_course(lessons=2)["id"])["id"], headers)
    with count_queries() as queries:
        assert client.get("/api/v1/me/enrollments", headers=headers).status_code == 200
    assert not [sql for sql in queries if "offering_trainers" in sql]
    assert not [sql for sql in queries if "lessons.body" in sql]
    # the session with its user and roles; the page with its total, lesson counts and next
    assert len([sql for sql in queries if sql.lstrip().startswith("SELECT")]) == 2


def test_roster_reads_the_offering_and_a_page_with_its_total(client, as_user, make_course,
                                                             make_offering, enroll,
                                                             count_queries):
    offering = make_offering(make_course()["id"])
    for _ in range(3):
        enroll(offering["id"], as_user("trainee"))
    admin = as_user("programme_admin")
    with count_queries() as queries:
        body = client.get(f"/api/v1/offerings/{offering['id']}/enrollments",
                          headers=admin).get_json()
    assert body["total"] == 3
    # the session with its user and roles, the offering in scope, the page with its total
    assert len([sql for sql in queries if sql.lstrip().startswith("SELECT")]) == 3
    assert not [sql for sql in queries if "offering_trainers" in sql]


def test_roster_pages_keep_order_and_total_past_the_last_page(client, as_user, make_course,
                                                              make_offering, enroll):
    offering = make_offering(make_course()["id"])
    for name in ("carol", "alice", "bob"):
        enroll(offering["id"], as_user("trainee", email=f"{name}@example.org"))
    admin, url = as_user("programme_admin"), f"/api/v1/offerings/{offering['id']}/enrollments"
    pages = [client.get(url, headers=admin, query_string={"per_page": 2, "page": page})
             .get_json() for page in (1, 2, 3)]
    assert [[item["user_name"] for item in page["items"]] for page in pages] == [
        ["alice@example.org", "bob@example.org"], ["carol@example.org"], []]
    assert [(page["page"], page["per_page"], page["total"]) for page in pages] == [
        (1, 2, 3), (2, 2, 3), (3, 2, 3)]


def test_roster_item_is_the_enrolment_as_its_own_page_shows_it(client, as_user, make_course,
                                                               make_offering, enroll):
    offering = make_offering(make_course()["id"])
    enrollment = enroll(offering["id"], as_user("trainee", country="FJ")).get_json()
    roster = client.get(f"/api/v1/offerings/{offering['id']}/enrollments",
                        headers=as_user("national_admin", country="FJ")).get_json()
    assert roster["items"] == [enrollment]


def test_roster_of_an_offering_out_of_scope_is_404(client, as_user, make_course,
                                                   make_offering):
    offering = make_offering(make_course(country="FJ")["id"], country="FJ")
    response = client.get(f"/api/v1/offerings/{offering['id']}/enrollments",
                          headers=as_user("trainee", country="TO"))
    assert response.status_code == 404


def test_roster_does_not_read_the_offerings_trainers(client, as_user, make_course,
                                                     make_offering, enroll, count_queries):
    offering = make_offering(make_course()["id"])
    enroll(offering["id"], as_user("trainee"))
    admin = as_user("programme_admin")
    with count_queries() as queries:
        body = client.get(f"/api/v1/offerings/{offering['id']}/enrollments",
                          headers=admin).get_json()
    assert body["total"] == 1
    assert len([sql for sql in queries if "offering_trainers" in sql]) <= 1
