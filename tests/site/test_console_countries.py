"""Countries in the console: programme admins change their settings and add them; national
admins do not see the page."""

from __future__ import annotations

import pytest

from tests.site.conftest import text


@pytest.fixture
def programme_admin(make_user, browser):
    make_user("mere@example.org", country="FJ", roles=("programme_admin",), language="en")
    return browser("mere@example.org")


def test_a_national_admin_gets_the_not_found_page_for_countries(jordan_admin):
    assert jordan_admin.get("/console/countries").status_code == 404
    assert "/console/countries" not in text(jordan_admin.get("/console"))


def test_a_programme_admin_changes_a_countrys_time_zone(programme_admin, client, as_user):
    page = text(programme_admin.get("/console/countries"))
    assert "Tonga" in page and "Jordan" in page
    answer = programme_admin.post("/console/countries/TO", {
        "name": "Tonga", "default_language": "en", "timezone": "Pacific/Tongatapu",
        "region": "pacific", "weekend": "7"})
    assert answer.status_code == 302
    tonga = next(c for c in client.get("/api/v1/countries").get_json() if c["code"] == "TO")
    assert (tonga["timezone"], tonga["weekend"]) == ("Pacific/Tongatapu", "7")


def test_a_wrong_time_zone_is_refused_beside_it_and_nothing_changes(programme_admin, client):
    before = next(c for c in client.get("/api/v1/countries").get_json() if c["code"] == "TO")
    programme_admin.get("/console/countries")
    answer = programme_admin.post("/console/countries/TO", {
        "name": "Tonga", "default_language": "en", "timezone": "Pacific/Atlantis",
        "region": "pacific", "weekend": "6,7"})
    assert answer.status_code == 422
    assert 'id="timezone-error"' in text(answer) and 'value="Pacific/Atlantis"' in text(answer)
    after = next(c for c in client.get("/api/v1/countries").get_json() if c["code"] == "TO")
    assert after == before


def test_a_programme_admin_adds_a_country(programme_admin, client):
    programme_admin.get("/console/countries")
    answer = programme_admin.post("/console/countries", {
        "code": "tv", "name": "Tuvalu", "default_language": "en",
        "timezone": "Pacific/Funafuti", "region": "pacific", "weekend": "6,7"})
    assert answer.status_code == 302
    assert "TV" in {c["code"] for c in client.get("/api/v1/countries").get_json()}
