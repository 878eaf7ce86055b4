"""Offline sync: idempotent, order-independent, one bad event never spoils the batch."""

from datetime import timedelta

import pytest

from elearn.timeutils import utcnow
from tests.learning_fixtures import answers


@pytest.fixture
def learner(as_user, make_course, make_offering, enroll):
    course = make_course(lessons=3, max_attempts=3)
    offering = make_offering(course["id"])
    headers = as_user("trainee", country="KI")
    enrollment = enroll(offering["id"], headers).get_json()["id"]
    return {"headers": headers, "course": course, "enrollment": enrollment,
            "start": utcnow() - timedelta(days=2)}


def batch(learner):
    start = learner["start"]
    course, enrollment = learner["course"], learner["enrollment"]
    events = []
    for number, lesson in enumerate(course["lessons"]):
        for offset, kind in ((0, "viewed"), (10, "completed")):
            events.append({
                "id": f"ev-{lesson}-{kind}", "type": "progress", "enrollment_id": enrollment,
                "lesson_id": lesson, "kind": kind,
                "occurred_at": (start + timedelta(hours=number, minutes=offset)).isoformat()})
    events.append({"id": "try-1", "type": "quiz_attempt", "enrollment_id": enrollment,
                   "quiz_id": course["quiz"], "answers": answers(course["questions"], False),
                   "occurred_at": (start + timedelta(hours=5)).isoformat()})
    events.append({"id": "try-2", "type": "quiz_attempt", "enrollment_id": enrollment,
                   "quiz_id": course["quiz"], "answers": answers(course["questions"], True),
                   "occurred_at": (start + timedelta(hours=6)).isoformat()})
    return events


def send(client, learner, events):
    response = client.post("/api/v1/sync", headers=learner["headers"], json={"events": events})
    assert response.status_code == 200, response.get_json()
    return response.get_json()["results"]


def state(client, learner):
    enrollment = client.get(f"/api/v1/enrollments/{learner['enrollment']}",
                            headers=learner["headers"]).get_json()
    lessons = client.get(f"/api/v1/enrollments/{learner['enrollment']}/lessons",
                         headers=learner["headers"]).get_json()
    enrollment.pop("updated_at")
    return enrollment, lessons


def test_batch_is_applied_and_completes(client, learner):
    results = send(client, learner, batch(learner))
    assert {result["status"] for result in results} == {"accepted"}
    enrollment, lessons = state(client, learner)
    assert enrollment["status"] == "completed"
    assert all(row["completed_at"] for row in lessons)


def test_replayed_batch_is_all_duplicates_and_changes_nothing(client, learner):
    events = batch(learner)
    send(client, learner, events)
    before = state(client, learner)
    results = send(client, learner, events)
    assert {result["status"] for result in results} == {"duplicate"}
    assert state(client, learner) == before


def test_reordered_batches_give_the_same_state(client, learner, app, as_user, make_course,
                                               make_offering, enroll):
    events = batch(learner)
    send(client, learner, events[4:])
    send(client, learner, events[:4])
    reordered = state(client, learner)

    twin = dict(learner, headers=as_user("trainee", country="KI"))
    offering = client.get(f"/api/v1/enrollments/{learner['enrollment']}",
                          headers=learner["headers"]).get_json()["offering_id"]
    twin["enrollment"] = enroll(offering, twin["headers"]).get_json()["id"]
    send(client, twin, batch(twin))
    in_order = state(client, twin)
    for enrollment, _ in (reordered, in_order):
        for field in ("id", "user_id", "user_name", "enrolled_at"):
            enrollment.pop(field)
    assert reordered == in_order


def test_bad_events_are_rejected_alone(client, learner, make_course):
    other = make_course()
    events = batch(learner)[:2] + [
        {"id": "bad-1", "type": "progress", "enrollment_id": learner["enrollment"],
         "lesson_id": other["lessons"][0], "kind": "completed",
         "occurred_at": utcnow().isoformat()},
        {"id": "bad-2", "type": "teleport", "enrollment_id": learner["enrollment"],
         "occurred_at": "yesterday"},
        "not an object",
    ]
    results = send(client, learner, events)
    assert [result["status"] for result in results] == [
        "accepted", "accepted", "rejected", "rejected", "rejected"]
    assert results[2]["reason"]["type"] == "lesson-not-in-course"
    assert set(results[3]["reason"]["errors"]) == {"type", "occurred_at"}
    _, lessons = state(client, learner)
    assert lessons[0]["completed_at"] is not None


def test_another_users_enrolment_in_a_batch_is_rejected(client, learner, as_user):
    event = batch(learner)[0]
    results = send(client, dict(learner, headers=as_user("trainee", country="KI")), [event])
    assert results[0]["status"] == "rejected"
    assert results[0]["reason"]["type"] == "not-found"


def test_oversized_batch_is_422(client, learner):
    events = [{"id": str(n)} for n in range(501)]
    response = client.post("/api/v1/sync", headers=learner["headers"], json={"events": events})
    assert response.status_code == 422


def _views(learner, count, tag):
    start, lesson = learner["start"], learner["course"]["lessons"][0]
    return [{"id": f"{tag}-{n}", "type": "progress", "enrollment_id": learner["enrollment"],
             "lesson_id": lesson, "kind": "viewed",
             "occurred_at": (start + timedelta(minutes=n)).isoformat()} for n in range(count)]


def test_a_batch_reads_the_same_number_of_times_whatever_its_size(client, learner,
                                                                  count_queries):
    send(client, learner, _views(learner, 1, "warm-up"))
    selects = []
    for count, tag in ((5, "small"), (40, "large")):
        with count_queries() as statements:
            send(client, learner, _views(learner, count, tag))
        selects.append(sum(1 for s in statements if s.lstrip().upper().startswith("SELECT")))
    assert selects[0] == selects[1]


def _sql(statements):
    return [s for s in statements
            if not s.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK"))]


def test_a_batch_runs_nine_statements_whatever_its_size(client, learner, count_queries):
    send(client, learner, _views(learner, 1, "warm-up"))
    for count, tag in ((5, "small"), (200, "large")):
        with count_queries() as statements:
            results = send(client, learner, _views(learner, count, tag))
        assert {result["status"] for result in results} == {"accepted"}
        # the caller, the enrolment, the lessons, the stored events; one savepoint around
        # the events and their lesson states; the enrolment with its percentage by the
        # completion rule
        assert len(_sql(statements)) == 9, statements


def test_duplicates_within_a_batch_and_against_stored_events_count_once(client, learner):
    views = _views(learner, 3, "dup")
    send(client, learner, views[:1])
    results = send(client, learner, views + views[1:2])
    assert [result["status"] for result in results] == [
        "duplicate", "accepted", "accepted", "duplicate"]


def test_a_lesson_deleted_while_the_batch_is_checked_rejects_only_its_events(
        client, learner, make_course, monkeypatch):
    """Checked, then gone before the write: the batch falls back to one event at a time."""
    from sqlalchemy import delete

    from elearn.courses.models import Lesson
    from elearn.enrollments import sync
    from elearn.extensions import db

    kept, doomed = learner["course"]["lessons"][:2]
    begin_writing = sync.begin_writing

    def deleted_meanwhile():
        begin_writing()
        db.session.execute(delete(Lesson).where(Lesson.id == doomed))

    monkeypatch.setattr(sync, "begin_writing", deleted_meanwhile)
    events = [{"id": f"ev-{lesson}", "type": "progress", "enrollment_id": learner["enrollment"],
               "lesson_id": lesson, "kind": "completed",
               "occurred_at": learner["start"].isoformat()} for lesson in (kept, doomed)]
    results = send(client, learner, events)
    assert [result["status"] for result in results] == ["accepted", "rejected"]
    assert results[1]["reason"]["type"] == "conflict"
    _, lessons = state(client, learner)
    assert next(row for row in lessons if row["lesson_id"] == kept)["completed_at"]
    assert doomed not in {row["lesson_id"] for row in lessons}


@pytest.mark.parametrize("bad", [{"id": "nul\x00id"}, {"lesson_id": 1, "kind": "vie\x00wed"},
                                 {"occurred_at": "0001-01-01T00:00:00+14:00"}])
def test_one_unstorable_event_is_rejected_alone(client, learner, bad):
    good, second = batch(learner)[:2]
    results = send(client, learner, [good | bad, second])
    assert results[0]["status"] == "rejected"
    assert results[0]["id"] == (None if "id" in bad else good["id"])
    assert results[1] == {"id": second["id"], "status": "accepted", "reason": None} or (
        results[1]["status"] == "accepted")
