"""Issue on completion, expiry, renewal, revocation and scoping."""

from datetime import timedelta

import pytest
import time_machine

from elearn.timeutils import utcnow

CERTS = "/api/v1/certificates"


def test_completion_issues_one_certificate(client, certified, complete):
    holder = certified()
    cert = holder["certificate"]
    assert (cert["status"], cert["holder_name"], cert["kind"]) == ("valid", "Ana Taufa", "course")
    assert cert["expires_at"] is not None
    assert len(cert["code"]) == 11 and len(cert["verification_code"]) == 26
    # More activity after completion issues nothing more.
    complete(holder["headers"], holder["enrollment"], holder["course"])
    mine = client.get("/api/v1/me/certificates", headers=holder["headers"]).get_json()
    assert mine["total"] == 1


def test_expiry_states_follow_the_clock(client, certified):
    holder = certified(validity=12)
    url = f"/verify/{holder['certificate']['code']}"
    for days, status in ((200, "valid"), (300, "expiring_soon"), (400, "expired")):
        with time_machine.travel(utcnow() + timedelta(days=days)):
            assert client.get(url).get_json()["status"] == status, days


def test_course_without_validity_never_expires(certified):
    assert certified(validity=None)["certificate"]["expires_at"] is None


def test_completing_again_renews_and_keeps_the_chain(client, certified, make_offering, enroll,
                                                     complete):
    holder = certified()
    offering = make_offering(holder["course"]["id"])
    enrollment = enroll(offering["id"], holder["headers"]).get_json()
    complete(holder["headers"], enrollment["id"], holder["course"])
    items = client.get("/api/v1/me/certificates", headers=holder["headers"]).get_json()["items"]
    assert len(items) == 2
    assert items[0]["previous_id"] == holder["certificate"]["id"]


def test_revocation_with_reason_and_twice_is_409(client, certified, as_user):
    holder = certified()
    admin = as_user("national_admin", country="TO")
    url = f"{CERTS}/{holder['certificate']['id']}/revoke"
    response = client.post(url, headers=admin, json={"reason": "Issued in error"})
    assert response.get_json()["status"] == "revoked"
    again = client.post(url, headers=admin, json={"reason": "Issued in error"})
    assert again.status_code == 409
    assert again.get_json()["type"] == "already-revoked"
    events = client.get("/api/v1/audit-events", headers=admin,
                        query_string={"action": "certificate.revoke"}).get_json()["items"]
    assert events[0]["details"] == {"reason": "Issued in error"}


def test_other_countrys_certificate_is_404(client, certified, as_user):
    holder = certified(country="TO")
    response = client.get(f"{CERTS}/{holder['certificate']['id']}",
                          headers=as_user("national_admin", country="JO"))
    assert response.status_code == 404
    listed = client.get(CERTS, headers=as_user("national_admin", country="JO")).get_json()
    assert listed["total"] == 0


def test_issue_by_hand_for_incomplete_enrolment_is_409(client, as_user, make_course,
                                                       make_offering, enroll, user_id):
    course = make_course()
    headers = as_user("trainee", country="FJ")
    enrollment = enroll(make_offering(course["id"])["id"], headers).get_json()
    response = client.post(CERTS, headers=as_user("national_admin", country="FJ"), json={
        "holder_id": user_id(headers), "enrollment_id": enrollment["id"]})
    assert response.status_code == 409
    assert response.get_json()["type"] == "enrollment-not-completed"


def test_admin_issues_by_hand_for_training_done_elsewhere(client, as_user, make_course,
                                                          user_id):
    course = make_course(code="HQ-1")
    headers = as_user("trainee", country="FJ")
    response = client.post(CERTS, headers=as_user("national_admin", country="FJ"), json={
        "holder_id": user_id(headers), "course_code": "HQ-1", "reason": "Regional academy"})
    assert response.status_code == 201
    assert response.get_json()["course_code"] == course["code"]


@pytest.fixture
def year_long_sessions(app):
    """Sign-ins that outlive the year this test travels through."""
    app.config["TOKEN_TTL_HOURS"] = 24 * 800


def test_renewal_inside_the_window_continues_from_the_old_expiry(
    year_long_sessions, client, certified, make_offering, complete
):
    holder = certified(validity=12)
    old = holder["certificate"]
    with time_machine.travel(utcnow() + timedelta(days=330)):
        headers = holder["headers"]
        offering = make_offering(holder["course"]["id"])
        enrollment = client.post(f"/api/v1/offerings/{offering['id']}/enrollments",
                                 headers=headers, json={})
        complete(headers, enrollment.get_json()["id"], holder["course"])
        renewed = client.get("/api/v1/me/certificates", headers=headers).get_json()["items"][0]
    assert renewed["previous_id"] == old["id"]
    assert renewed["expires_at"][:10] > old["expires_at"][:10]
    assert renewed["expires_at"][:4] == str(int(old["expires_at"][:4]) + 1)
