"""The console's events: announcing a national event, nominating an officer by e-mail."""

from __future__ import annotations

from .conftest import text


def test_a_national_admin_announces_an_event_and_nominates(jordan_admin, make_user):
    make_user("lina@example.org", name="Lina Khalil", country="JO")
    page = jordan_admin
    page.get("/console/events")
    answer = page.post("/console/events", {
        "kind": "workshop", "title": "Interviewing victims", "place": "Amman",
        "starts_on": "2027-04-01", "ends_on": "2027-04-02"})
    assert answer.status_code == 302, text(answer)[:2000]
    event_url = answer.headers["Location"]
    page.get(event_url)
    nominated = page.post(event_url + "/nominations", {"email": "lina@example.org"})
    assert nominated.status_code == 302
    assert "Lina Khalil" in text(page.get(event_url))


def test_an_event_that_ends_before_it_starts_comes_back(jordan_admin):
    page = jordan_admin
    page.get("/console/events")
    answer = page.post("/console/events", {
        "kind": "workshop", "title": "Backwards", "place": "Amman",
        "starts_on": "2027-04-05", "ends_on": "2027-04-01"})
    assert answer.status_code == 422 and "Backwards" in text(answer)
