"""Mandatory courses in the console: programme admins set them, national admins excuse
people of their own country with a reason and withdraw the exemption."""

from __future__ import annotations

import pytest

from tests.site.conftest import text


@pytest.fixture
def rule(client, as_user, make_course):
    make_course(code="HR-100", category="ethics")
    client.post("/api/v1/mandatory-rules", headers=as_user("programme_admin"),
                json={"required_code": "HR-100", "category": "investigation"})
    return "HR-100"


def test_a_programme_admin_requires_a_course_before_a_category(make_user, browser, make_course,
                                                              client, as_user):
    make_course(code="HR-100")
    make_user("mere@example.org", country="FJ", roles=("programme_admin",), language="en")
    admin = browser("mere@example.org")
    admin.get("/console/mandatory")
    answer = admin.post("/console/mandatory", {"required_code": "hr-100",
                                              "category": "Investigation"})
    assert answer.status_code == 302
    rules = client.get("/api/v1/mandatory-rules", headers=as_user()).get_json()
    assert [(r["required_code"], r["category"]) for r in rules] == [("HR-100",
                                                                     "investigation")]


def test_a_national_admin_sees_the_rules_but_cannot_set_them(jordan_admin, rule):
    page = text(jordan_admin.get("/console/mandatory"))
    assert "HR-100" in page and 'action="/console/mandatory"' not in page
    answer = jordan_admin.post("/console/mandatory", {"required_code": "HR-100",
                                                      "category": "traffic"})
    assert answer.status_code == 403


def test_a_national_admin_excuses_a_person_of_their_country_and_withdraws_it(
        jordan_admin, rule, make_user, client, as_user):
    lina = make_user("lina@example.org", name="Lina Khalil", country="JO")
    jordan_admin.get(f"/console/mandatory/{rule}/exemptions")
    answer = jordan_admin.post(f"/console/mandatory/{rule}/exemptions", {
        "email": "lina@example.org", "reason": "Completed it in 2025 at the academy"})
    assert answer.status_code == 302
    page = text(jordan_admin.get(answer.headers["Location"]))
    assert "Lina Khalil" in page and "Completed it in 2025" in page
    jordan_admin.post(f"/console/mandatory/{rule}/exemptions/{lina}/delete")
    listed = client.get(f"/api/v1/mandatory-rules/{rule}/exemptions",
                        headers=as_user("programme_admin")).get_json()
    assert listed["total"] == 0


def test_an_exemption_without_a_reason_is_refused_beside_the_field(jordan_admin, rule,
                                                                    make_user):
    make_user("lina@example.org", country="JO")
    jordan_admin.get(f"/console/mandatory/{rule}/exemptions")
    answer = jordan_admin.post(f"/console/mandatory/{rule}/exemptions",
                               {"email": "lina@example.org", "reason": ""})
    assert answer.status_code == 422 and 'id="reason-error"' in text(answer)


def test_someone_of_another_country_cannot_be_excused(jordan_admin, rule, make_user):
    make_user("mele@example.org", country="TO")
    jordan_admin.get(f"/console/mandatory/{rule}/exemptions")
    answer = jordan_admin.post(f"/console/mandatory/{rule}/exemptions",
                               {"email": "mele@example.org", "reason": "Elsewhere"})
    assert answer.status_code == 422 and "Nobody you manage" in text(answer)
