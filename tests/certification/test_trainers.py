"""Trainer certification: eligibility, four eyes, and only certified trainers lead."""

import pytest

REQUESTS = "/api/v1/trainer-certifications"


@pytest.fixture
def candidate(certified, make_course, make_offering, user_id):
    """A Fijian trainer holding the TOT certificate who co-facilitated course SAFE-1 twice."""
    holder = certified(code="TOT-401", country="FJ", roles=("trainer",), name="Sione Fifita")
    course = make_course(code="SAFE-1")
    person = user_id(holder["headers"])
    for _ in range(2):
        make_offering(course["id"], trainers=[{"user_id": person}])
    return holder | {"id": person, "course_id": course["id"]}


def test_second_admin_approves_and_the_trainer_certificate_is_issued(client, candidate,
                                                                     as_user):
    asked = client.post(REQUESTS, headers=candidate["headers"], json={"course_code": "SAFE-1"})
    assert asked.status_code == 201 and asked.get_json()["status"] == "pending"
    decided = client.post(f"{REQUESTS}/{asked.get_json()['id']}/decision",
                          headers=as_user("programme_admin"), json={"approve": True})
    assert decided.get_json()["status"] == "approved"
    mine = client.get("/api/v1/me/certificates", headers=candidate["headers"]).get_json()
    assert {(c["kind"], c["course_code"]) for c in mine["items"]} == {
        ("course", "TOT-401"), ("trainer", "SAFE-1")}


def test_requester_cannot_decide_their_own_request(client, candidate, as_user):
    admin = as_user("programme_admin")
    asked = client.post(REQUESTS, headers=admin,
                        json={"course_code": "SAFE-1", "candidate_id": candidate["id"]})
    response = client.post(f"{REQUESTS}/{asked.get_json()['id']}/decision", headers=admin,
                           json={"approve": True})
    assert response.status_code == 403
    assert response.get_json()["type"] == "four-eyes"


def test_co_trainer_of_the_candidate_cannot_decide(client, candidate, make_user, login,
                                                   make_offering):
    colleague = make_user("colleague@example.org", roles=("programme_admin", "trainer"))
    make_offering(candidate["course_id"], trainers=[{"user_id": candidate["id"]},
                                                    {"user_id": colleague}])
    asked = client.post(REQUESTS, headers=candidate["headers"], json={"course_code": "SAFE-1"})
    response = client.post(f"{REQUESTS}/{asked.get_json()['id']}/decision",
                           headers={"Authorization": f"Bearer {login('colleague@example.org')}"},
                           json={"approve": True})
    assert response.status_code == 403


def test_without_enough_co_facilitation_the_request_is_409(client, certified, make_course):
    holder = certified(code="TOT-401", roles=("trainer",))
    make_course(code="SAFE-1")
    response = client.post(REQUESTS, headers=holder["headers"], json={"course_code": "SAFE-1"})
    assert response.status_code == 409
    assert response.get_json()["type"] == "trainer-requirements-missing"
    assert len(response.get_json()["missing"]) == 1


def test_only_a_certified_trainer_may_lead(client, candidate, as_user):
    admin = as_user("programme_admin")
    offering = {"course_id": candidate["course_id"], "starts_at": "2026-12-01T00:00:00Z",
                "trainers": [{"user_id": candidate["id"], "role": "lead"}]}
    refused = client.post("/api/v1/offerings", headers=admin, json=offering)
    assert refused.status_code == 422
    assert refused.get_json()["type"] == "lead-trainer-not-certified"
    asked = client.post(REQUESTS, headers=candidate["headers"], json={"course_code": "SAFE-1"})
    client.post(f"{REQUESTS}/{asked.get_json()['id']}/decision", headers=admin,
                json={"approve": True})
    assert client.post("/api/v1/offerings", headers=admin, json=offering).status_code == 201
