"""The plan: goals, milestones, check-ins, overdue flags and the mentor's view."""

import pytest

from tests.test_conventions import assert_problem


@pytest.fixture
def pairing(clock, active_pairing):
    """An active pairing in a programme that started on 1 March 2027; the clock at 20 March."""
    pairing = active_pairing(checkin_cadence_days=30)
    clock.move_to("2027-03-20T09:00Z")
    return pairing


def checkin(client, pairing, headers=None, **fields):
    return client.post(f"{pairing['url']}/checkins", headers=headers or pairing["mentor"],
                       json={"held_on": "2027-03-18", "minutes": 60,
                             "topics": "Development plan", "next_steps": "Draft goals"} | fields)


def test_the_pair_adds_a_goal_and_marks_it_done(client, pairing):
    response = client.post(f"{pairing['url']}/goals", headers=pairing["mentee"], json={
        "title": "Lead a unit", "measurable_outcome": "Acting OIC for 3 months"})
    assert response.status_code == 201
    goal = response.get_json()
    assert goal["status"] == "not_started"
    done = client.patch(f"{pairing['url']}/goals/{goal['id']}", headers=pairing["mentor"],
                        json={"status": "done"}).get_json()
    assert done["status"] == "done" and done["completed_at"]


def test_a_programme_admin_stepping_into_the_plan_is_audited(client, admin, pairing):
    client.post(f"{pairing['url']}/goals", headers=pairing["mentee"],
                json={"title": "Own goal", "measurable_outcome": "Written by the mentee"})
    client.post(f"{pairing['url']}/goals", headers=admin,
                json={"title": "Added goal", "measurable_outcome": "Set by the programme"})
    events = client.get("/api/v1/audit-events", headers=admin,
                        query_string={"action": "goal.create"}).get_json()
    assert events["total"] == 1


def test_a_national_admin_cannot_edit_the_plan(client, as_user, pairing):
    response = client.post(f"{pairing['url']}/goals", headers=as_user("national_admin"),
                           json={"title": "X", "measurable_outcome": "Y"})
    assert_problem(response, 403)


def test_the_pair_moves_a_milestone_and_sets_its_status(client, pairing):
    milestones = client.get(pairing["url"], headers=pairing["mentor"]).get_json()["milestones"]
    onboarding = next(m for m in milestones if m["key"] == "onboarding")
    response = client.patch(f"{pairing['url']}/milestones/{onboarding['id']}",
                            headers=pairing["mentee"],
                            json={"due_on": "2027-04-15", "status": "on_track"})
    assert response.get_json()["due_on"] == "2027-04-15"
    assert response.get_json()["status"] == "on_track"


def test_a_milestone_outside_the_programme_is_422(client, pairing):
    response = client.post(f"{pairing['url']}/milestones", headers=pairing["mentor"],
                           json={"key": "field_visit", "title": "Field visit",
                                 "due_on": "2031-01-01"})
    assert "due_on" in assert_problem(response, 422)["errors"]
    response = client.post(f"{pairing['url']}/milestones", headers=pairing["mentor"],
                           json={"key": "field_visit", "title": "Field visit",
                                 "due_on": "2027-06-01"})
    assert response.status_code == 201


def test_a_check_in_is_logged_by_either_side(client, pairing):
    response = checkin(client, pairing, private_notes="Confidence is growing")
    assert response.status_code == 201
    assert response.get_json()["private_notes"] == "Confidence is growing"
    assert checkin(client, pairing, pairing["mentee"], held_on="2027-03-19").status_code == 201


def test_a_check_in_dated_in_the_future_is_422(client, pairing):
    assert_problem(checkin(client, pairing, held_on="2027-03-22"), 422, "checkin-in-future")


def test_a_check_in_before_the_programme_is_422(client, pairing):
    assert_problem(checkin(client, pairing, held_on="2027-02-27"), 422,
                   "checkin-before-programme")


def test_a_check_in_on_the_mentors_local_date_is_not_in_the_future(client, clock, pairing):
    # 11:00 UTC on 20 March is already 21 March in Samoa (UTC+13), where the mentor lives.
    clock.move_to("2027-03-20T11:00Z")
    assert checkin(client, pairing, held_on="2027-03-21").status_code == 201


def test_an_overdue_check_in_and_milestone_are_flagged(client, clock, pairing):
    checkin(client, pairing, held_on="2027-03-18")
    clock.move_to("2027-04-25T09:00Z")
    detail = client.get(pairing["url"], headers=pairing["mentor"]).get_json()
    assert detail["last_checkin_on"] == "2027-03-18"
    assert detail["next_checkin_due_on"] == "2027-04-17"
    assert detail["checkin_overdue"] is True
    onboarding = next(m for m in detail["milestones"] if m["key"] == "onboarding")
    assert onboarding["overdue"] is True
    assert detail["overdue_milestones"] == [onboarding["id"]]
    assert detail["plan_status"] == "at_risk"


def test_a_recent_check_in_is_not_overdue(client, clock, pairing):
    checkin(client, pairing, held_on="2027-03-18")
    clock.move_to("2027-04-10T09:00Z")
    assert client.get(pairing["url"], headers=pairing["mentor"]).get_json()[
        "checkin_overdue"] is False


def test_a_paused_pairing_is_not_flagged_for_check_ins(client, clock, admin, pairing):
    client.patch(pairing["url"], headers=admin, json={"action": "pause", "reason": "Leave"})
    clock.move_to("2027-06-01T09:00Z")
    assert client.get(pairing["url"], headers=admin).get_json()["checkin_overdue"] is False


def test_a_check_in_on_an_ended_pairing_is_409(client, admin, pairing):
    client.patch(pairing["url"], headers=admin, json={"action": "end", "reason": "Moved"})
    assert_problem(checkin(client, pairing), 409, "pairing-not-active")


def test_pathway_progress_comes_from_the_mentees_enrolments(
        client, clock, make_course, make_offering, enroll, make_programme, selected, mentor,
        pair):
    courses = [make_course(), make_course()]
    programme = make_programme(pathway_course_ids=[c["id"] for c in courses])
    mentee_headers, mentee = selected(programme["id"], "FJ")
    mentor_headers = mentor(programme["id"])
    pairing = pair(programme["id"], mentee["id"], mentor_headers, mentee_headers)
    offering = make_offering(courses[0]["id"])
    enrolment = enroll(offering["id"], mentee_headers).get_json()
    client.post(f"/api/v1/enrollments/{enrolment['id']}/progress", headers=mentee_headers,
                json={"lesson_id": courses[0]["lessons"][0], "kind": "completed"})
    detail = client.get(f"/api/v1/pairings/{pairing['id']}", headers=mentor_headers).get_json()
    first, second = detail["pathway"]
    assert (first["course_code"], first["status"]) == (courses[0]["code"], "enrolled")
    assert first["progress_percent"] > 0
    assert (second["status"], second["progress_percent"]) == (None, 0)
    assert detail["pathway_completed"] is False
