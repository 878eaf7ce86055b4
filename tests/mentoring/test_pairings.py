"""Mentor proposals, pairing within capacity, confirmation, the pairing's life and history."""

from tests.mentoring.conftest import PROGRAMMES
from tests.test_conventions import assert_problem


def test_proposals_rank_language_then_expertise_then_free_places(
        client, admin, make_programme, selected, mentor, user_id):
    programme = make_programme()
    _, mentee = selected(programme["id"], "JO", languages=["ar", "en"],
                         area_of_work="cybercrime")
    english = mentor(programme["id"], languages=["en"], expertise=["cybercrime"])
    arabic = mentor(programme["id"], languages=["ar", "en"], expertise=["forensics"])
    roomy = mentor(programme["id"], languages=["en"], expertise=["cybercrime"], max_mentees=5)
    response = client.get(
        f"{PROGRAMMES}/{programme['id']}/applications/{mentee['id']}/mentor-proposals",
        headers=admin)
    ranked = [item["mentor_id"] for item in response.get_json()]
    assert ranked == [user_id(arabic), user_id(roomy), user_id(english)]
    assert response.get_json()[0]["shared_languages"] == ["ar", "en"]


def test_pairing_a_mentor_at_capacity_is_409(client, admin, make_programme, selected, mentor,
                                             user_id):
    programme = make_programme()
    busy = mentor(programme["id"], max_mentees=1)
    _, first = selected(programme["id"], "FJ")
    _, second = selected(programme["id"], "FJ")
    url = f"{PROGRAMMES}/{programme['id']}/pairings"
    assert client.post(url, headers=admin, json={"application_id": first["id"],
                                                  "mentor_id": user_id(busy)}).status_code == 201
    response = client.post(url, headers=admin, json={"application_id": second["id"],
                                                     "mentor_id": user_id(busy)})
    assert_problem(response, 409, "mentor-at-capacity")


def test_a_mentor_at_capacity_is_not_proposed(client, admin, make_programme, selected, mentor,
                                              pair):
    programme = make_programme()
    busy = mentor(programme["id"], max_mentees=1)
    mentee_headers, first = selected(programme["id"], "FJ")
    pair(programme["id"], first["id"], busy, mentee_headers)
    _, second = selected(programme["id"], "FJ")
    response = client.get(
        f"{PROGRAMMES}/{programme['id']}/applications/{second['id']}/mentor-proposals",
        headers=admin)
    assert response.get_json() == []


def test_only_selected_participants_are_paired(client, admin, make_programme, applicant, apply,
                                               mentor, user_id):
    programme = make_programme()
    application = apply(programme["id"], applicant("FJ")).get_json()
    response = client.post(f"{PROGRAMMES}/{programme['id']}/pairings", headers=admin, json={
        "application_id": application["id"], "mentor_id": user_id(mentor(programme["id"]))})
    assert_problem(response, 409, "not-selected")


def test_confirmation_waits_for_the_code_of_conduct(client, admin, make_programme, selected,
                                                    mentor, user_id):
    programme = make_programme()
    mentee_headers, mentee = selected(programme["id"], "FJ")
    mentor_headers = mentor(programme["id"])
    pairing = client.post(f"{PROGRAMMES}/{programme['id']}/pairings", headers=admin, json={
        "application_id": mentee["id"], "mentor_id": user_id(mentor_headers)}).get_json()
    confirm = f"/api/v1/pairings/{pairing['id']}/confirm"
    client.post(f"/api/v1/pairings/{pairing['id']}/conduct", headers=mentor_headers)
    assert_problem(client.post(confirm, headers=admin), 409, "conduct-not-acknowledged")
    client.post(f"/api/v1/pairings/{pairing['id']}/conduct", headers=mentee_headers)
    response = client.post(confirm, headers=admin)
    assert response.get_json()["status"] == "active"
    assert response.get_json()["started_at"]


def test_confirming_generates_the_milestones_from_the_template(client, active_pairing):
    pairing = active_pairing()
    detail = client.get(pairing["url"], headers=pairing["mentee"]).get_json()
    due = {m["key"]: m["due_on"] for m in detail["milestones"]}
    assert due["onboarding"] == "2027-04-01"
    assert due["mid_programme_review"] == "2028-03-01"
    assert due["final_review"] == "2029-03-01"
    assert {m["status"] for m in detail["milestones"]} == {"not_started"}


def test_a_mentor_reading_another_mentors_pairing_gets_404(client, active_pairing, mentor):
    pairing = active_pairing()
    other = mentor(pairing["programme"]["id"])
    assert_problem(client.get(pairing["url"], headers=other), 404)


def test_national_admins_see_their_participants_without_private_notes(
        client, as_user, clock, active_pairing):
    pairing = active_pairing()
    clock.move_to("2027-03-20T09:00Z")
    client.post(f"{pairing['url']}/checkins", headers=pairing["mentor"], json={
        "held_on": "2027-03-15", "minutes": 45, "topics": "Goals",
        "private_notes": "Worried about workload"})
    fiji = client.get(pairing["url"], headers=as_user("national_admin", country="FJ"))
    assert fiji.get_json()["checkins"][0]["topics"] == "Goals"
    assert fiji.get_json()["checkins"][0]["private_notes"] is None
    assert client.get(pairing["url"], headers=pairing["mentee"]).get_json()[
        "checkins"][0]["private_notes"] == "Worried about workload"
    assert_problem(client.get(pairing["url"], headers=as_user("national_admin", country="TO")),
                   404)


def test_replacing_a_mentor_keeps_the_old_pairing_and_the_plan(client, admin, clock,
                                                               active_pairing, mentor, user_id):
    old = active_pairing()
    programme = old["programme"]
    clock.move_to("2027-03-20T09:00Z")
    client.post(f"{old['url']}/checkins", headers=old["mentor"], json={
        "held_on": "2027-03-15", "minutes": 30, "topics": "Start"})
    second_mentor = mentor(programme["id"])
    response = client.post(f"{old['url']}/replacement", headers=admin,
                           json={"mentor_id": user_id(second_mentor), "reason": "Relocated"})
    assert response.status_code == 201
    new = response.get_json()
    assert new["replaces_id"] == old["id"] and new["status"] == "proposed"
    ended = client.get(old["url"], headers=admin).get_json()
    assert ended["pairing"]["status"] == "ended"
    assert ended["pairing"]["status_reason"] == "Relocated"
    assert len(ended["checkins"]) == 1
    client.post(f"/api/v1/pairings/{new['id']}/conduct", headers=second_mentor)
    assert client.post(f"/api/v1/pairings/{new['id']}/confirm", headers=admin).status_code == 200
    detail = client.get(f"/api/v1/pairings/{new['id']}", headers=second_mentor).get_json()
    assert len(detail["milestones"]) == len(programme["milestone_template"])
    listed = client.get(f"{PROGRAMMES}/{programme['id']}/pairings", headers=admin).get_json()
    assert [p["status"] for p in listed["items"]] == ["ended", "active"]


def test_a_mentee_with_an_open_pairing_is_not_paired_twice(client, admin, active_pairing,
                                                           mentor, user_id):
    pairing = active_pairing()
    programme_id = pairing["programme"]["id"]
    response = client.post(f"{PROGRAMMES}/{programme_id}/pairings", headers=admin, json={
        "application_id": pairing["application"]["id"],
        "mentor_id": user_id(mentor(programme_id))})
    assert_problem(response, 409, "already-paired")


def test_pause_resume_extend_and_close_need_reasons(client, admin, active_pairing):
    url = active_pairing()["url"]
    assert "reason" in assert_problem(client.patch(url, headers=admin, json={
        "action": "pause"}), 422)["errors"]
    paused = client.patch(url, headers=admin, json={"action": "pause", "reason": "Leave"})
    assert paused.get_json()["status"] == "paused"
    assert client.patch(url, headers=admin, json={"action": "resume"}).get_json()[
        "status"] == "active"
    extended = client.patch(url, headers=admin, json={
        "action": "extend", "reason": "Parental leave", "ends_on": "2029-06-01"}).get_json()
    assert extended["ends_on"] == "2029-06-01"
    closed = client.patch(url, headers=admin, json={"action": "close", "reason": "Moved"})
    assert closed.get_json()["status"] == "closed" and closed.get_json()["ended_at"]
    assert_problem(client.patch(url, headers=admin, json={"action": "pause", "reason": "x"}),
                   409, "pairing-state")


def test_mentors_cannot_change_a_pairings_state(client, active_pairing):
    pairing = active_pairing()
    response = client.patch(pairing["url"], headers=pairing["mentor"],
                            json={"action": "close", "reason": "Done"})
    assert_problem(response, 403)
