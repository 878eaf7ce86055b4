"""Confidential concerns, closure reviews and the code of conduct."""

import pytest

from tests.test_conventions import assert_problem


@pytest.fixture
def pairing(active_pairing):
    return active_pairing()


def test_a_concern_is_read_only_by_programme_admins(client, admin, as_user, pairing):
    response = client.post(f"{pairing['url']}/concerns", headers=pairing["mentee"],
                           json={"text": "Meetings feel unsafe"})
    assert response.status_code == 201
    listed = client.get("/api/v1/concerns", headers=admin).get_json()
    assert [c["text"] for c in listed["items"]] == ["Meetings feel unsafe"]
    for headers in (pairing["mentor"], pairing["mentee"], as_user("national_admin")):
        assert_problem(client.get("/api/v1/concerns", headers=headers), 403)
    assert "concerns" not in client.get(pairing["url"], headers=admin).get_json()


def test_a_programme_admin_acts_on_a_concern_once(client, admin, pairing):
    concern = client.post(f"{pairing['url']}/concerns", headers=pairing["mentor"],
                          json={"text": "Mentee is overloaded"}).get_json()
    url = f"/api/v1/concerns/{concern['id']}"
    acted = client.patch(url, headers=admin, json={"action": "Spoke to the supervisor"})
    assert acted.get_json()["status"] == "acted" and acted.get_json()["acted_at"]
    assert_problem(client.patch(url, headers=admin, json={"action": "Again"}), 409,
                   "concern-closed")
    open_only = client.get("/api/v1/concerns", headers=admin, query_string={"status": "open"})
    assert open_only.get_json()["total"] == 0


def test_only_the_pair_raises_concerns_on_a_pairing(client, admin, pairing):
    response = client.post(f"{pairing['url']}/concerns", headers=admin, json={"text": "x"})
    assert_problem(response, 403)


def test_both_sides_write_a_closure_review_once_the_pairing_ended(client, admin, pairing):
    review = f"{pairing['url']}/review"
    assert_problem(client.post(review, headers=pairing["mentor"], json={"text": "Early"}),
                   409, "pairing-not-ended")
    client.patch(pairing["url"], headers=admin, json={"action": "close", "reason": "Finished"})
    client.post(review, headers=pairing["mentor"], json={"text": "A committed mentee."})
    done = client.post(review, headers=pairing["mentee"], json={"text": "Very helpful."})
    body = done.get_json()
    assert body["mentor_review"] == "A committed mentee."
    assert body["mentee_review"] == "Very helpful." and body["mentee_reviewed_at"]
    assert_problem(client.post(review, headers=pairing["mentee"], json={"text": "Again"}),
                   409, "already-reviewed")


def test_acknowledging_the_code_of_conduct_is_for_the_pair_only(client, as_user, pairing):
    response = client.post(f"{pairing['url']}/conduct", headers=as_user("mentor"))
    assert_problem(response, 404)
