"""Progress, quiz attempts and completion exactly once."""

import pytest

from tests.learning_fixtures import answers


@pytest.fixture
def learner(as_user, make_course, make_offering, enroll):
    """A trainee enrolled in a course of 2 text lessons and a quiz (2 attempts)."""
    course = make_course(lessons=2, max_attempts=2)
    offering = make_offering(course["id"])
    headers = as_user("trainee", country="TO")
    enrollment = enroll(offering["id"], headers).get_json()
    return {"headers": headers, "course": course, "enrollment": enrollment["id"],
            "offering": offering["id"]}


def progress(client, learner, lesson_id, kind="completed", **extra):
    return client.post(f"/api/v1/enrollments/{learner['enrollment']}/progress",
                       headers=learner["headers"],
                       json={"lesson_id": lesson_id, "kind": kind} | extra)


def attempt(client, learner, right=True, **extra):
    return client.post(f"/api/v1/quizzes/{learner['course']['quiz']}/attempts",
                       headers=learner["headers"],
                       json={"answers": answers(learner["course"]["questions"], right)} | extra)


def test_completed_lesson_moves_progress(client, learner):
    response = progress(client, learner, learner["course"]["lessons"][0])
    assert response.status_code == 201
    assert response.get_json()["status"] == "accepted"
    assert response.get_json()["enrollment"]["progress_percent"] == 33


def test_lesson_of_another_course_is_422(client, learner, make_course):
    other = make_course()
    response = progress(client, learner, other["lessons"][0])
    assert response.status_code == 422
    assert response.get_json()["type"] == "lesson-not-in-course"


def test_same_client_event_id_counts_once(client, learner):
    lesson = learner["course"]["lessons"][0]
    progress(client, learner, lesson, client_event_id="evt-1")
    again = progress(client, learner, lesson, client_event_id="evt-1")
    assert again.get_json()["status"] == "duplicate"


def test_quiz_is_scored_on_the_server(client, learner):
    right = attempt(client, learner).get_json()
    assert (right["points"], right["max_points"], right["percent"], right["passed"]) == (
        2, 2, 100, True)
    assert "correct" not in str(right)


def test_quiz_attempt_limit_is_409(client, learner):
    attempt(client, learner, right=False)
    attempt(client, learner, right=False)
    response = attempt(client, learner, right=False)
    assert response.status_code == 409
    assert response.get_json()["type"] == "attempt-limit-reached"


def test_running_out_of_attempts_fails_the_enrolment(client, learner):
    attempt(client, learner, right=False)
    last = attempt(client, learner, right=False).get_json()
    assert last["attempts_left"] == 0
    assert last["enrollment"]["status"] == "failed"


def test_meeting_the_rule_completes_the_enrolment(client, learner):
    for lesson in learner["course"]["lessons"]:
        progress(client, learner, lesson)
    done = attempt(client, learner).get_json()["enrollment"]
    assert done["status"] == "completed"
    assert done["progress_percent"] == 100
    assert done["completed_at"] is not None


def test_completion_fires_exactly_once(client, learner, as_user):
    for lesson in learner["course"]["lessons"]:
        progress(client, learner, lesson)
    attempt(client, learner)
    progress(client, learner, learner["course"]["lessons"][0], kind="viewed")
    attempt(client, learner)
    events = client.get("/api/v1/audit-events", headers=as_user("programme_admin"),
                        query_string={"action": "enrollment.completed"}).get_json()["items"]
    assert [event["object_id"] for event in events] == [str(learner["enrollment"])]


def test_quiz_cannot_be_completed_without_an_attempt(client, learner):
    course = learner["course"]
    lesson_ids = client.get(f"/api/v1/enrollments/{learner['enrollment']}/lessons",
                            headers=learner["headers"]).get_json()
    quiz_lesson = next(row["lesson_id"] for row in lesson_ids if row["kind"] == "quiz")
    assert quiz_lesson not in course["lessons"]
    assert progress(client, learner, quiz_lesson).status_code == 422


def test_another_learner_cannot_record_progress(client, learner, as_user):
    response = client.post(f"/api/v1/enrollments/{learner['enrollment']}/progress",
                           headers=as_user("trainee", country="TO"),
                           json={"lesson_id": learner["course"]["lessons"][0],
                                 "kind": "completed"})
    assert response.status_code == 404


def test_withdrawn_enrolment_takes_no_progress(client, learner):
    client.patch(f"/api/v1/enrollments/{learner['enrollment']}", headers=learner["headers"],
                 json={"status": "withdrawn"})
    response = progress(client, learner, learner["course"]["lessons"][0])
    assert response.status_code == 409
    assert response.get_json()["type"] == "enrollment-not-active"


TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK")


def sql(statements):
    """The statements that read or write, without SQLite's BEGIN and COMMIT."""
    return [s for s in statements if not s.lstrip().upper().startswith(TRANSACTION_CONTROL)]


def test_a_progress_post_runs_five_statements(client, learner, count_queries):
    first, second = learner["course"]["lessons"]
    progress(client, learner, first, kind="viewed")
    for lesson, kind in ((first, "completed"), (second, "viewed")):
        with count_queries() as statements:
            assert progress(client, learner, lesson, kind=kind).status_code == 201
        # the caller; the enrolment with the lesson; the event, the lesson state, the
        # enrolment with its percentage by the completion rule
        assert len(sql(statements)) == 5, statements


def test_a_duplicate_progress_post_runs_three_statements(client, learner, count_queries):
    lesson = learner["course"]["lessons"][0]
    progress(client, learner, lesson, client_event_id="evt-1")
    with count_queries() as statements:
        assert progress(client, learner, lesson, client_event_id="evt-1").status_code == 201
    # the caller; the enrolment with the lesson; the event, skipped
    assert len(sql(statements)) == 3, statements


@pytest.fixture
def reader(as_user, make_course, make_offering, enroll):
    """A trainee enrolled in a course of 2 required text lessons, one optional, no quiz."""
    course = make_course(lessons=2, quiz=False, optional_lessons=1)
    headers = as_user("trainee", country="TO")
    enrollment = enroll(make_offering(course["id"])["id"], headers).get_json()
    return {"headers": headers, "course": course, "enrollment": enrollment["id"]}


def test_the_completing_post_answers_the_completed_enrolment(client, reader, count_queries,
                                                             as_user):
    first, second, optional = reader["course"]["lessons"]
    progress(client, reader, second, occurred_at="2026-03-02T10:00:00+00:00")
    half = progress(client, reader, optional).get_json()["enrollment"]
    assert (half["status"], half["progress_percent"]) == ("enrolled", 50)
    with count_queries() as statements:
        done = progress(client, reader, first, occurred_at="2026-03-01T10:00:00+00:00")
    assert done.status_code == 201
    answer = done.get_json()["enrollment"]
    assert (answer["status"], answer["progress_percent"]) == ("completed", 100)
    assert answer["completed_at"].startswith("2026-03-02T10:00:00")  # the last required one
    assert answer == client.get(f"/api/v1/enrollments/{reader['enrollment']}",
                                headers=reader["headers"]).get_json()
    # the enrolment: its percentage, then the conditional completion
    assert len([s for s in sql(statements) if s.lstrip().upper().startswith("UPDATE")]) == 2
    again = progress(client, reader, first, kind="viewed").get_json()["enrollment"]
    assert (again["status"], again["completed_at"]) == ("completed", answer["completed_at"])
    events = client.get("/api/v1/audit-events", headers=as_user("programme_admin"),
                        query_string={"action": "enrollment.completed"}).get_json()["items"]
    assert [event["object_id"] for event in events] == [str(reader["enrollment"])]


def test_a_course_without_required_lessons_counts_them_all(client, as_user, make_course,
                                                           make_offering, enroll):
    course = make_course(lessons=0, quiz=False, optional_lessons=2)
    learner = {"headers": as_user("trainee", country="TO")}
    learner["enrollment"] = enroll(make_offering(course["id"])["id"],
                                   learner["headers"]).get_json()["id"]
    first, second = course["lessons"]
    assert progress(client, learner, first).get_json()["enrollment"]["progress_percent"] == 50
    done = progress(client, learner, second).get_json()["enrollment"]
    assert (done["status"], done["progress_percent"]) == ("completed", 100)


def test_a_progress_post_takes_the_write_lock_after_its_checks(client, learner, app,
                                                               count_queries):
    with app.app_context():
        from elearn.extensions import db
        if db.engine.dialect.name != "sqlite":
            pytest.skip("SQLite's database-wide write lock")
    with count_queries() as statements:
        progress(client, learner, learner["course"]["lessons"][0])
    words = [s.split()[0].upper() + (" IMMEDIATE" if "IMMEDIATE" in s.upper() else "")
             for s in statements]
    locked = words.index("BEGIN IMMEDIATE")
    assert words[0] == "BEGIN" and words[locked - 1] == "COMMIT"
    assert set(words[1:locked - 1]) == {"SELECT"}
    assert "SELECT" not in words[locked + 1:locked + 3]  # the event and the lesson state


def test_a_duplicate_changes_nothing(client, learner):
    lesson = learner["course"]["lessons"][0]
    first = progress(client, learner, lesson, client_event_id="evt-1").get_json()
    again = progress(client, learner, lesson, kind="viewed", client_event_id="evt-1").get_json()
    assert again["status"] == "duplicate"
    assert again["enrollment"] == first["enrollment"]


def test_an_earlier_event_moves_the_lesson_times_back(client, learner):
    lesson = learner["course"]["lessons"][0]
    progress(client, learner, lesson, occurred_at="2026-03-02T10:00:00+00:00")
    progress(client, learner, lesson, kind="viewed", occurred_at="2026-03-01T10:00:00+00:00")
    progress(client, learner, lesson, occurred_at="2026-03-03T10:00:00+00:00")
    rows = client.get(f"/api/v1/enrollments/{learner['enrollment']}/lessons",
                      headers=learner["headers"]).get_json()
    row = next(row for row in rows if row["lesson_id"] == lesson)
    assert row["first_viewed_at"].startswith("2026-03-01T10:00:00")
    assert row["completed_at"].startswith("2026-03-02T10:00:00")


def test_progress_with_an_idempotency_key_is_replayed(client, learner):
    headers = learner["headers"] | {"Idempotency-Key": "lesson-1-done"}
    body = {"lesson_id": learner["course"]["lessons"][0], "kind": "completed"}
    url = f"/api/v1/enrollments/{learner['enrollment']}/progress"
    first = client.post(url, headers=headers, json=body)
    again = client.post(url, headers=headers, json=body)
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.get_json() == first.get_json()
