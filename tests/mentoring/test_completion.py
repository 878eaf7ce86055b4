"""Completion into alumni with programme certificates, and opportunities with nominations."""

import pytest

from tests.mentoring.conftest import PROGRAMMES
from tests.test_conventions import assert_problem


@pytest.fixture
def two_mentees(client, clock, make_programme, selected, mentor, pair):
    """Two active mentees in a programme without pathway courses, and its completion url."""
    programme = make_programme()
    people = []
    for country in ("FJ", "JO"):
        headers, mentee = selected(programme["id"], country)
        pairing = pair(programme["id"], mentee["id"], mentor(programme["id"]), headers)
        people.append({"headers": headers, "application": mentee, "pairing": pairing})
    return programme, people


def finish_final_review(client, person):
    url = f"/api/v1/pairings/{person['pairing']['id']}"
    detail = client.get(url, headers=person["headers"]).get_json()
    final = next(m for m in detail["milestones"] if m["key"] == "final_review")
    response = client.patch(f"{url}/milestones/{final['id']}", headers=person["headers"],
                            json={"status": "done"})
    assert response.status_code == 200


def complete(client, admin, clock, programme):
    """Move to the day after the programme's end and complete it."""
    clock.move_to("2029-03-02T09:00Z")
    return client.post(f"{PROGRAMMES}/{programme['id']}/completion", headers=admin)


def test_completion_waits_for_the_programmes_end(client, admin, two_mentees):
    programme, _ = two_mentees
    response = client.post(f"{PROGRAMMES}/{programme['id']}/completion", headers=admin)
    assert_problem(response, 409, "programme-not-ended")


def test_completion_makes_alumni_with_a_certificate_and_records_the_others(
        client, admin, clock, two_mentees):
    programme, (done, not_done) = two_mentees
    finish_final_review(client, done)
    response = complete(client, admin, clock, programme)
    outcomes = {item["id"]: item for item in response.get_json()}
    alumna = outcomes[done["application"]["id"]]
    assert alumna["outcome"] == "alumni" and alumna["certificate_id"]
    other = outcomes[not_done["application"]["id"]]
    assert other["outcome"] == "not_completed"
    assert other["outcome_reason"] == "final_review_not_done"
    certificates = client.get("/api/v1/me/certificates", headers=done["headers"]).get_json()
    assert [(c["kind"], c["title"]["en"]) for c in certificates["items"]] == [
        ("programme", programme["name"])]
    assert client.get("/api/v1/me/certificates", headers=not_done["headers"]).get_json()[
        "total"] == 0
    pairing = client.get(f"/api/v1/pairings/{done['pairing']['id']}", headers=admin).get_json()
    assert pairing["pairing"]["status"] == "closed"


def test_completing_twice_issues_no_second_certificate(client, admin, clock, two_mentees):
    programme, (done, _) = two_mentees
    finish_final_review(client, done)
    complete(client, admin, clock, programme)
    assert complete(client, admin, clock, programme).get_json() == []
    certificates = client.get("/api/v1/certificates", headers=admin,
                              query_string={"kind": "programme"}).get_json()
    assert certificates["total"] == 1


def test_an_unfinished_pathway_blocks_completion(client, admin, clock, make_course,
                                                 make_programme, selected, mentor, pair):
    programme = make_programme(pathway_course_ids=[make_course()["id"]])
    headers, mentee = selected(programme["id"], "TO")
    person = {"headers": headers, "application": mentee,
              "pairing": pair(programme["id"], mentee["id"], mentor(programme["id"]), headers)}
    finish_final_review(client, person)
    outcome = complete(client, admin, clock, programme).get_json()[0]
    assert outcome["outcome_reason"] == "pathway_not_completed"


def test_only_programme_admins_complete_a_programme(client, as_user, make_programme):
    programme = make_programme()
    assert_problem(client.post(f"{PROGRAMMES}/{programme['id']}/completion",
                               headers=as_user("national_admin")), 403)


def opportunity(client, admin, programme, **fields):
    response = client.post(f"{PROGRAMMES}/{programme['id']}/opportunities", headers=admin,
                           json={"kind": "field_exercise", "title": "Joint field exercise",
                                 "place": "Suva", "starts_on": "2029-05-01",
                                 "ends_on": "2029-05-05", "audience": "alumni"} | fields)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def test_alumni_are_nominated_confirmed_and_attend(client, admin, clock, two_mentees):
    programme, (done, not_done) = two_mentees
    finish_final_review(client, done)
    complete(client, admin, clock, programme)
    exercise = opportunity(client, admin, programme, seats=1)
    url = f"/api/v1/opportunities/{exercise['id']}/nominations"
    body = assert_problem(client.post(url, headers=admin, json={
        "application_id": not_done["application"]["id"]}), 422, "not-eligible")
    assert body["rule"] == "audience"
    nomination = client.post(url, headers=admin, json={
        "application_id": done["application"]["id"]}).get_json()
    assert nomination["status"] == "nominated"
    for status in ("confirmed", "attended"):
        response = client.patch(f"{url}/{nomination['id']}", headers=admin,
                                json={"status": status})
        assert response.get_json()["status"] == status
    assert_problem(client.patch(f"{url}/{nomination['id']}", headers=admin,
                                json={"status": "declined"}), 409, "nomination-state")


def test_an_opportunity_ending_before_it_starts_is_422(client, admin, make_programme):
    programme = make_programme()
    response = client.post(f"{PROGRAMMES}/{programme['id']}/opportunities", headers=admin,
                           json={"kind": "conference", "title": "Conference", "place": "Amman",
                                 "starts_on": "2028-05-05", "ends_on": "2028-05-01"})
    assert "ends_on" in assert_problem(response, 422)["errors"]


def test_a_full_opportunity_takes_no_more_nominations(client, admin, two_mentees):
    programme, (first, second) = two_mentees
    conference = opportunity(client, admin, programme, kind="conference", audience="mentees",
                             seats=1)
    url = f"/api/v1/opportunities/{conference['id']}/nominations"
    client.post(url, headers=admin, json={"application_id": first["application"]["id"]})
    response = client.post(url, headers=admin,
                           json={"application_id": second["application"]["id"]})
    assert_problem(response, 409, "seats-full")
