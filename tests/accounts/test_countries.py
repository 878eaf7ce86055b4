"""Countries' settings: programme admins change them; nobody else does."""

from __future__ import annotations

from tests.test_conventions import assert_problem


def test_a_programme_admin_changes_a_countrys_time_zone_and_it_is_audited(client, as_user):
    admin = as_user("programme_admin")
    answer = client.patch("/api/v1/countries/TO", headers=admin,
                          json={"timezone": "Pacific/Tongatapu", "weekend": "7,6,7"})
    assert answer.status_code == 200
    assert (answer.get_json()["timezone"], answer.get_json()["weekend"]) == (
        "Pacific/Tongatapu", "6,7")
    events = client.get("/api/v1/audit-events?action=country.update",
                        headers=admin).get_json()["items"]
    assert events[0]["object_id"] == "TO"


def test_a_national_admin_cannot_change_a_country(client, as_user):
    answer = client.patch("/api/v1/countries/JO", headers=as_user("national_admin", country="JO"),
                          json={"name": "Jordan"})
    assert_problem(answer, 403)


def test_an_unknown_time_zone_is_refused(client, as_user):
    answer = client.patch("/api/v1/countries/TO", headers=as_user("programme_admin"),
                          json={"timezone": "Pacific/Atlantis"})
    assert_problem(answer, 422)


def test_the_name_of_another_country_is_refused(client, as_user):
    answer = client.patch("/api/v1/countries/TO", headers=as_user("programme_admin"),
                          json={"name": "Fiji"})
    assert_problem(answer, 409, "country-exists")


def test_an_unknown_country_is_404(client, as_user):
    answer = client.patch("/api/v1/countries/ZZ", headers=as_user("programme_admin"),
                          json={"name": "Nowhere"})
    assert_problem(answer, 404)
