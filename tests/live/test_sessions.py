"""Sessions: planned within their offering, no trainer in two places, moves that keep the
register, calendars written and parsed back, feeds that renew."""

from __future__ import annotations

from datetime import timedelta

from icalendar import Calendar

from .conftest import START


def test_sessions_are_planned_in_order(client, blended, plan, fiji_admin):
    offering = blended["offering"]
    for day in (7, 0, 14):
        assert plan(offering["id"], day).status_code == 201
    listed = client.get(f"/api/v1/offerings/{offering['id']}/sessions",
                        headers=fiji_admin).get_json()
    assert [s["title"] for s in listed["items"]] == ["Workshop 0", "Workshop 7", "Workshop 14"]
    assert listed["items"][0]["people"][0]["name"] == "Sione Vea"


def test_a_session_that_ends_before_it_starts_is_refused(blended, plan):
    answer = plan(blended["offering"]["id"], 1, hours=-1)
    assert answer.status_code == 422 and "ends_at" in answer.get_json()["errors"]


def test_a_session_outside_its_offering_is_refused(blended, plan):
    answer = plan(blended["offering"]["id"], 40)
    assert answer.status_code == 422 and "starts_at" in answer.get_json()["errors"]


def test_a_trainer_cannot_be_in_two_sessions_at_once(blended, plan):
    assert plan(blended["offering"]["id"], 2).status_code == 201
    clash = plan(blended["offering"]["id"], 2, title="Another")
    assert clash.status_code == 422 and "trainers" in clash.get_json()["errors"]


def test_the_session_file_parses_back(client, blended, plan, fiji_admin):
    session = plan(blended["offering"]["id"], 3).get_json()
    answer = client.get(f"/api/v1/sessions/{session['id']}.ics", headers=fiji_admin)
    assert answer.mimetype == "text/calendar"
    (event,) = Calendar.from_ical(answer.data).walk("VEVENT")
    assert str(event["summary"]) == "Workshop 3"
    assert event.decoded("dtstart") == START + timedelta(days=3, hours=1)


def test_moving_a_session_with_attendance_asks_for_confirmation_and_keeps_it(
        client, blended, plan, fiji_admin, enroll, as_user):
    learner = as_user("trainee", country="FJ")
    enrollment = enroll(blended["offering"]["id"], learner).get_json()
    session = plan(blended["offering"]["id"], 1).get_json()
    client.put(f"/api/v1/sessions/{session['id']}/attendance", headers=blended["trainer"],
               json={"marks": [{"enrollment_id": enrollment["id"], "status": "present"}]})
    later = (START + timedelta(days=1, hours=2)).isoformat()
    ends = (START + timedelta(days=1, hours=4)).isoformat()
    refused = client.patch(f"/api/v1/sessions/{session['id']}", headers=fiji_admin,
                           json={"starts_at": later, "ends_at": ends})
    assert refused.status_code == 409 and refused.get_json()["type"] == "confirm-move"
    moved = client.patch(f"/api/v1/sessions/{session['id']}", headers=fiji_admin,
                         json={"starts_at": later, "ends_at": ends, "confirm": True})
    assert moved.status_code == 200 and moved.get_json()["sequence"] == 1
    register = client.get(f"/api/v1/sessions/{session['id']}/attendance",
                          headers=blended["trainer"]).get_json()
    assert register[0]["status"] == "present"


def test_completion_waits_for_the_required_attendance(client, blended, plan, enroll, as_user,
                                                      complete):
    learner = as_user("trainee", country="FJ")
    enrollment = enroll(blended["offering"]["id"], learner).get_json()
    first = plan(blended["offering"]["id"], 1).get_json()
    second = plan(blended["offering"]["id"], 8).get_json()
    mine = client.get(f"/api/v1/enrollments/{enrollment['id']}", headers=learner)
    for lesson in blended["course"]["lessons"]:
        client.post(f"/api/v1/enrollments/{enrollment['id']}/progress", headers=learner,
                    json={"lesson_id": lesson, "kind": "completed"})
    from tests.learning_fixtures import answers

    client.post(f"/api/v1/quizzes/{blended['course']['quiz']}/attempts", headers=learner,
                json={"answers": answers(blended["course"]["questions"]),
                      "enrollment_id": enrollment["id"]})
    mine = client.get(f"/api/v1/enrollments/{enrollment['id']}", headers=learner).get_json()
    assert mine["status"] == "enrolled"  # lessons done, attendance missing
    for session in (first, second):
        client.put(f"/api/v1/sessions/{session['id']}/attendance", headers=blended["trainer"],
                   json={"marks": [{"enrollment_id": enrollment["id"], "status": "present"}]})
    mine = client.get(f"/api/v1/enrollments/{enrollment['id']}", headers=learner).get_json()
    assert mine["status"] == "completed"
    assert client.get("/api/v1/me/certificates", headers=learner).get_json()["total"] == 1


def test_only_trainers_and_admins_keep_the_register(client, blended, plan, as_user, enroll):
    learner = as_user("trainee", country="FJ")
    enrollment = enroll(blended["offering"]["id"], learner).get_json()
    session = plan(blended["offering"]["id"], 1).get_json()
    answer = client.put(f"/api/v1/sessions/{session['id']}/attendance", headers=learner,
                        json={"marks": [{"enrollment_id": enrollment["id"],
                                         "status": "present"}]})
    assert answer.status_code == 403


def test_a_feed_lists_my_sessions_and_a_renewed_address_answers_404(client, blended, plan,
                                                                   enroll, as_user):
    learner = as_user("trainee", country="FJ")
    enroll(blended["offering"]["id"], learner)
    plan(blended["offering"]["id"], 1)
    first = client.post("/api/v1/me/calendar", headers=learner).get_json()["url"]
    path = "/" + first.split("/", 3)[3]
    feed = client.get(path)
    assert feed.status_code == 200
    events = Calendar.from_ical(feed.data).walk("VEVENT")
    assert [str(e["summary"]) for e in events] == ["Workshop 1"]
    client.post("/api/v1/me/calendar", headers=learner)
    assert client.get(path).status_code == 404


def test_a_cancelled_session_is_cancelled_in_the_feed(client, blended, plan, enroll, as_user,
                                                      fiji_admin):
    learner = as_user("trainee", country="FJ")
    enroll(blended["offering"]["id"], learner)
    session = plan(blended["offering"]["id"], 1).get_json()
    client.delete(f"/api/v1/sessions/{session['id']}", headers=fiji_admin)
    url = client.post("/api/v1/me/calendar", headers=learner).get_json()["url"]
    (event,) = Calendar.from_ical(client.get("/" + url.split("/", 3)[3]).data).walk("VEVENT")
    assert str(event["status"]) == "CANCELLED" and int(event["sequence"]) == 1


def test_the_kpi_report_counts_the_workshop_and_attendance_by_gender(client, blended, plan,
                                                                     enroll, as_user, app):
    import time_machine

    women = [as_user("trainee", country="FJ", gender="female") for _ in range(5)]
    enrolments = [enroll(blended["offering"]["id"], h).get_json()["id"] for h in women]
    session = plan(blended["offering"]["id"], 0).get_json()
    client.put(f"/api/v1/sessions/{session['id']}/attendance", headers=blended["trainer"],
               json={"marks": [{"enrollment_id": e, "status": "present" if n else "absent"}
                               for n, e in enumerate(enrolments)]})
    boss = as_user("programme_admin", country="FJ")
    with time_machine.travel(START + timedelta(days=2)):
        report = client.get("/api/v1/reports/kpis", headers=boss).get_json()["live"]
    assert (report["sessions"], report["workshops"]) == (1, 1)
    female = next(row for row in report["by_gender"] if row["gender"] == "female")
    assert (female["participants"], female["attended"], female["attendance_rate"]) == (
        5, 4, 80.0)
    assert report["facilitators_by_gender"]["male"] == 1
