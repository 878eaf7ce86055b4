"""The console's first pages: at a glance and people, for each role, scoped by country."""

from __future__ import annotations

import pytest

from tests.site.conftest import text


@pytest.fixture
def jordan_admin(make_user, browser):
    make_user("rania@example.org", name="Rania Haddad", country="JO",
              roles=("national_admin",))
    return browser("rania@example.org")


def test_a_trainee_gets_the_not_found_page_for_the_console(trainee):
    page, _user, _email = trainee
    for path in ("/console", "/console/people", "/console/people/new"):
        answer = page.get(path)
        assert answer.status_code == 404 and answer.mimetype == "text/html"


def test_the_glance_counts_what_waits_in_my_country_only(jordan_admin, make_course,
                                                          make_offering, as_user, enroll):
    course = make_course()
    offering = make_offering(course["id"], approval_required=True)
    enroll(offering["id"], as_user(country="JO"))
    enroll(offering["id"], as_user(country="FJ"))
    glance = text(jordan_admin.get("/console"))
    assert "1 enrolment awaits approval" in glance


def test_people_lists_my_country_only_and_filters_in_the_address(jordan_admin, make_user):
    make_user("lina@example.org", name="Lina Khalil", country="JO")
    make_user("mele@example.org", name="Mele Taufa", country="TO")
    listing = text(jordan_admin.get("/console/people"))
    assert "Lina Khalil" in listing and "Mele Taufa" not in listing
    found = text(jordan_admin.get("/console/people?q=lina"))
    assert "Lina Khalil" in found and "Rania Haddad" not in found
    assert "/api/v1/users?format=csv&amp;q=lina" in found


def test_the_people_list_takes_the_same_statements_for_ten_or_thirty(jordan_admin, make_user,
                                                                     count_queries):
    counts = []
    for batch in (10, 20):
        for number in range(batch):
            make_user(f"p{batch}-{number}@example.org", country="JO")
        with count_queries() as statements:
            jordan_admin.get("/console/people")
        counts.append(len(statements))
    assert counts[0] == counts[1]


def test_an_admin_adds_a_person_of_their_own_country_who_is_invited(jordan_admin, client,
                                                                    as_user):
    jordan_admin.get("/console/people/new")
    answer = jordan_admin.post("/console/people/new", {
        "email": "new.officer@example.org", "name": "New Officer", "gender": "female",
        "roles": ["trainee"], "country": "FJ"})
    assert answer.status_code == 302
    admin = as_user("programme_admin")
    found = client.get("/api/v1/users?q=new.officer", headers=admin).get_json()["items"]
    assert [(user["country"], user["name"]) for user in found] == [("JO", "New Officer")]


def test_a_refused_person_keeps_what_was_typed_with_the_reason_beside_the_field(jordan_admin):
    jordan_admin.get("/console/people/new")
    answer = jordan_admin.post("/console/people/new", {"email": "not-an-address",
                                                       "name": "Someone"})
    assert answer.status_code == 422
    page = text(answer)
    assert 'id="email-error"' in page and 'value="Someone"' in page
