"""Certificates issued by hand and trainer certification from the console: asking, the
four-eyes decision, and what is still missing; scoped by country."""

from __future__ import annotations

import pytest

from tests.site.conftest import text


@pytest.fixture
def candidate(certified, make_course, make_offering, client):
    """A Jordanian trainer holding the TOT certificate who co-facilitated the Jordanian course
    JO-SAFE twice: {"id", "email", ...}."""
    holder = certified(code="TOT-401", country="JO", roles=("trainer",), name="Omar Haddad")
    me = client.get("/api/v1/me", headers=holder["headers"]).get_json()
    course = make_course(code="JO-SAFE", country="JO")
    for _ in range(2):
        make_offering(course["id"], country="JO", trainers=[{"user_id": me["id"]}])
    return holder | {"id": me["id"], "email": me["email"]}


@pytest.fixture
def second_admin(make_user, browser):
    make_user("khaled@example.org", name="Khaled Amin", country="JO",
              roles=("national_admin",), language="en")
    return browser("khaled@example.org")


def _ask(admin, email, code="JO-SAFE"):
    admin.get("/console/trainer-requests")
    return admin.post("/console/trainer-requests", {"email": email, "course_code": code})


def test_an_admin_asks_and_a_second_admin_approves_issuing_the_certificate(
        jordan_admin, second_admin, candidate, client):
    assert _ask(jordan_admin, candidate["email"]).status_code == 302
    listing = text(second_admin.get("/console/trainer-requests?status=pending"))
    assert "Omar Haddad" in listing and "JO-SAFE" in listing
    request_id = client.get("/api/v1/trainer-certifications",
                            headers=candidate["headers"]).get_json()["items"][0]["id"]
    answer = second_admin.post(f"/console/trainer-requests/{request_id}/decision",
                               {"decision": "approve", "reason": "Observed twice"})
    assert answer.status_code == 302
    mine = client.get("/api/v1/me/certificates", headers=candidate["headers"]).get_json()
    assert ("trainer", "JO-SAFE") in {(c["kind"], c["course_code"]) for c in mine["items"]}
    assert "Trainer certificate" in text(second_admin.get("/console/trainer-requests"))


def test_the_admin_who_asked_cannot_decide_and_is_told_why(jordan_admin, candidate, client):
    _ask(jordan_admin, candidate["email"])
    request_id = client.get("/api/v1/trainer-certifications",
                            headers=candidate["headers"]).get_json()["items"][0]["id"]
    jordan_admin.get("/console/trainer-requests")
    answer = jordan_admin.post(f"/console/trainer-requests/{request_id}/decision",
                               {"decision": "approve"})
    assert answer.status_code == 403
    assert "A second person must decide" in text(answer)
    assert client.get("/api/v1/trainer-certifications", headers=candidate["headers"]).get_json()[
        "items"][0]["status"] == "pending"


def test_asking_for_someone_not_yet_eligible_lists_what_is_missing(jordan_admin, make_user,
                                                                  make_course):
    make_course(code="JO-SAFE", country="JO")
    make_user("new.trainer@example.org", country="JO", roles=("trainer",))
    answer = _ask(jordan_admin, "new.trainer@example.org")
    assert answer.status_code == 409
    assert "A valid certificate of the course" in text(answer)
    assert 'value="new.trainer@example.org"' in text(answer)


def test_someone_of_another_country_is_nobody_here(jordan_admin, make_user, make_course):
    make_course(code="JO-SAFE", country="JO")
    make_user("tevita@example.org", country="TO", roles=("trainer",))
    answer = _ask(jordan_admin, "tevita@example.org")
    assert answer.status_code == 422 and "Nobody you manage" in text(answer)


def test_an_admin_issues_a_certificate_by_hand_with_the_reason_audited(jordan_admin,
                                                                       make_user, make_course,
                                                                       client, as_user):
    make_course(code="CP-101")
    holder = make_user("lina@example.org", name="Lina Khalil", country="JO")
    jordan_admin.get("/console/certificates/new")
    answer = jordan_admin.post("/console/certificates/new", {
        "email": "lina@example.org", "course_code": "cp-101",
        "reason": "Completed the classroom course in Amman"})
    assert answer.status_code == 302
    assert "Lina Khalil" in text(jordan_admin.get(answer.headers["Location"]))
    issued = client.get(f"/api/v1/certificates?holder_id={holder}",
                        headers=as_user("programme_admin")).get_json()
    assert [c["course_code"] for c in issued["items"]] == ["CP-101"]
    audit = client.get("/api/v1/audit-events?action=certificate.issue",
                       headers=as_user("programme_admin")).get_json()["items"]
    assert audit[0]["details"]["reason"] == "Completed the classroom course in Amman"


def test_an_unknown_course_is_named_beside_its_field_and_nothing_issued(jordan_admin,
                                                                        make_user, client,
                                                                        as_user):
    make_user("lina@example.org", country="JO")
    jordan_admin.get("/console/certificates/new")
    answer = jordan_admin.post("/console/certificates/new", {
        "email": "lina@example.org", "course_code": "NOPE-1"})
    assert answer.status_code == 422 and 'id="course_code-error"' in text(answer)
    assert client.get("/api/v1/certificates", headers=as_user("programme_admin")).get_json()[
        "total"] == 0


def test_a_trainee_gets_the_not_found_page_for_trainer_certification(trainee):
    page, _user, _email = trainee
    for path in ("/console/trainer-requests", "/console/certificates/new"):
        assert page.get(path).status_code == 404


def test_trainer_requests_download_as_csv_with_the_state_shown(jordan_admin, candidate,
                                                              make_user, browser):
    assert _ask(jordan_admin, candidate["email"]).status_code == 302
    page = text(jordan_admin.get("/console/trainer-requests?status=pending"))
    assert "status=pending&amp;format=csv" in page
    answer = jordan_admin.get("/console/trainer-requests?status=pending&format=csv")
    assert answer.status_code == 200 and answer.mimetype == "text/csv"
    lines = answer.get_data(as_text=True).lstrip("\ufeff").splitlines()
    assert lines[0].startswith("candidate,email,country,course")
    assert len(lines) == 2 and "Omar Haddad" in lines[1] and "JO-SAFE" in lines[1]
    assert len(jordan_admin.get("/console/trainer-requests?status=approved&format=csv")
               .get_data(as_text=True).splitlines()) == 1
    make_user("admin.to@example.org", country="TO", roles=("national_admin",))
    tonga = browser("admin.to@example.org").get("/console/trainer-requests?format=csv")
    assert "Omar Haddad" not in tonga.get_data(as_text=True)
