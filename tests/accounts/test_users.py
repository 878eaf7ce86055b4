"""Every role's view of users across two countries, and user management."""

import pytest

USERS = "/api/v1/users"


@pytest.fixture
def people(make_user):
    """A trainee in Fiji and one in Tonga."""
    return {
        "fj": make_user("ratu@example.org", country="FJ", name="Josefa Ratu", gender="male"),
        "to": make_user("ana@example.org", country="TO", name="Ana Taufa", gender="female"),
    }


@pytest.mark.parametrize(
    ("roles", "country", "sees_fj", "sees_to"),
    [
        (("programme_admin",), "FJ", True, True),
        (("national_admin",), "FJ", True, False),
        (("national_admin",), "TO", False, True),
        (("trainee",), "FJ", False, False),
        (("trainer",), "FJ", False, False),
        (("mentor",), "TO", False, False),
    ],
)
def test_user_detail_is_scoped_by_role_and_country(
    client, people, as_user, roles, country, sees_fj, sees_to
):
    headers = as_user(*roles, country=country)
    for key, visible in (("fj", sees_fj), ("to", sees_to)):
        response = client.get(f"{USERS}/{people[key]}", headers=headers)
        assert response.status_code == (200 if visible else 404), (key, response.get_json())
        if not visible:
            assert response.mimetype == "application/problem+json"
            assert "email" not in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("roles", "country", "expected"),
    [
        (("programme_admin",), "FJ", {"ratu@example.org", "ana@example.org"}),
        (("national_admin",), "FJ", {"ratu@example.org"}),
        (("national_admin",), "TO", {"ana@example.org"}),
        (("trainee",), "TO", set()),
    ],
)
def test_user_list_is_scoped(client, people, as_user, roles, country, expected):
    headers = as_user(*roles, country=country, email=f"caller-{country.lower()}@example.org")
    body = client.get(USERS, headers=headers).get_json()
    emails = {item["email"] for item in body["items"]} - {f"caller-{country.lower()}@example.org"}
    assert emails == expected


def test_trainee_sees_only_themselves(client, people, as_user):
    headers = as_user("trainee", country="FJ", email="me@example.org")
    body = client.get(USERS, headers=headers).get_json()
    assert [item["email"] for item in body["items"]] == ["me@example.org"]
    assert body["total"] == 1


def test_national_admin_asking_for_another_country_gets_nothing(client, people, as_user):
    headers = as_user("national_admin", country="FJ")
    body = client.get(USERS, query_string={"country": "TO"}, headers=headers).get_json()
    assert body["items"] == [] and body["total"] == 0


def test_list_is_paginated_and_filtered(client, make_user, as_user):
    for number in range(7):
        make_user(f"officer{number}@example.org", country="WS",
                  gender="female" if number % 2 else "male")
    headers = as_user("programme_admin")
    page = client.get(USERS, headers=headers, query_string={
        "country": "WS", "per_page": 3, "page": 2}).get_json()
    assert (page["page"], page["per_page"], page["total"], len(page["items"])) == (2, 3, 7, 3)
    women = client.get(USERS, headers=headers, query_string={
        "country": "WS", "gender": "female"}).get_json()
    assert women["total"] == 3
    found = client.get(USERS, headers=headers, query_string={"q": "OFFICER3"}).get_json()
    assert [item["email"] for item in found["items"]] == ["officer3@example.org"]


def test_per_page_above_100_is_422(client, as_user):
    response = client.get(USERS, headers=as_user("programme_admin"),
                          query_string={"per_page": 500})
    assert response.status_code == 422
    assert "per_page" in response.get_json()["errors"]


def test_national_admin_creates_user_in_own_country_by_default(client, as_user):
    response = client.post(USERS, headers=as_user("national_admin", country="JO"), json={
        "email": "Lina@Example.org", "name": "لينا خليل", "gender": "female"})
    assert response.status_code == 201
    body = response.get_json()
    assert (body["email"], body["country"], body["roles"]) == (
        "lina@example.org", "JO", ["trainee"])
    assert body["name"] == "لينا خليل"


def test_national_admin_cannot_create_user_in_another_country(client, as_user):
    response = client.post(USERS, headers=as_user("national_admin", country="JO"), json={
        "email": "x@example.org", "name": "X", "country": "FJ"})
    assert response.status_code == 403


def test_national_admin_cannot_grant_programme_admin(client, as_user):
    response = client.post(USERS, headers=as_user("national_admin", country="JO"), json={
        "email": "x@example.org", "name": "X", "roles": ["programme_admin"]})
    assert response.status_code == 403


def test_trainee_cannot_create_users(client, as_user):
    response = client.post(USERS, headers=as_user("trainee"), json={
        "email": "x@example.org", "name": "X"})
    assert response.status_code == 403


def test_duplicate_email_is_409_case_insensitively(client, people, as_user):
    response = client.post(USERS, headers=as_user("programme_admin"), json={
        "email": "RATU@example.org", "name": "Another", "country": "FJ"})
    assert response.status_code == 409
    assert response.get_json()["type"] == "email-taken"


def test_unknown_country_is_422(client, as_user):
    response = client.post(USERS, headers=as_user("programme_admin"), json={
        "email": "x@example.org", "name": "X", "country": "ZZ"})
    assert response.status_code == 422
    assert response.get_json()["errors"] == {"country": ["Unknown country."]}


def test_national_admin_cannot_edit_other_countries_user(client, people, as_user):
    response = client.patch(f"{USERS}/{people['to']}", headers=as_user("national_admin"),
                            json={"name": "Changed"})
    assert response.status_code == 404


def test_trainee_edits_own_name_but_not_roles(client, make_user, login):
    user_id = make_user("ana@example.org", country="TO")
    headers = {"Authorization": f"Bearer {login('ana@example.org')}"}
    assert client.patch(f"{USERS}/{user_id}", headers=headers,
                        json={"name": "Ana T.", "language": "fr"}).status_code == 200
    response = client.patch(f"{USERS}/{user_id}", headers=headers,
                            json={"roles": ["national_admin"]})
    assert response.status_code == 403


def test_admin_changes_roles(client, people, as_user):
    response = client.patch(f"{USERS}/{people['fj']}", headers=as_user("national_admin"),
                            json={"roles": ["trainee", "trainer"]})
    assert response.status_code == 200
    assert response.get_json()["roles"] == ["trainee", "trainer"]


def test_countries_are_seeded_with_zones_and_languages(client):
    countries = {c["code"]: c for c in client.get("/api/v1/countries").get_json()}
    assert len(countries) == 18
    assert countries["TO"]["timezone"] == "Pacific/Tongatapu"
    assert countries["JO"]["default_language"] == "ar"
    assert countries["JO"]["weekend"] == "5,6"


def test_programme_admin_adds_a_country(client, as_user):
    response = client.post("/api/v1/countries", headers=as_user("programme_admin"), json={
        "code": "TV", "name": "Tuvalu", "default_language": "en",
        "timezone": "Pacific/Funafuti", "region": "pacific"})
    assert response.status_code == 201
    again = client.post("/api/v1/countries", headers=as_user("programme_admin"), json={
        "code": "TV", "name": "Tuvalu", "default_language": "en",
        "timezone": "Pacific/Funafuti"})
    assert again.status_code == 409


def test_national_admin_cannot_add_a_country(client, as_user):
    response = client.post("/api/v1/countries", headers=as_user("national_admin"), json={
        "code": "TV", "name": "Tuvalu", "default_language": "en",
        "timezone": "Pacific/Funafuti"})
    assert response.status_code == 403


def test_unknown_time_zone_is_422(client, as_user):
    response = client.post("/api/v1/countries", headers=as_user("programme_admin"), json={
        "code": "TV", "name": "Tuvalu", "default_language": "en", "timezone": "Mars/Olympus"})
    assert response.status_code == 422
    assert "timezone" in response.get_json()["errors"]


def test_national_admin_cannot_take_over_a_programme_admin_of_their_country(
    client, make_user, as_user, login
):
    boss = make_user("boss@example.org", country="FJ", roles=("programme_admin",))
    admin = as_user("national_admin", country="FJ")
    for change in ({"password": "a brand new passphrase"}, {"active": False},
                   {"email": "mine@example.org"}):
        response = client.patch(f"{USERS}/{boss}", headers=admin, json=change)
        assert response.status_code == 403, change
    assert login("boss@example.org")


def test_address_held_in_another_country_is_not_disclosed_to_a_national_admin(
        client, people, as_user):
    response = client.post(USERS, headers=as_user("national_admin", country="FJ"), json={
        "email": "ana@example.org", "name": "Somebody"})
    assert response.status_code == 409
    body = response.get_json()
    assert body["type"] == "email-unavailable"
    assert "exists" not in body["detail"] and "Tonga" not in body["detail"]


def test_address_held_in_another_country_cannot_be_taken_by_an_edit(
        client, people, as_user):
    response = client.patch(f"{USERS}/{people['fj']}",
                            headers=as_user("national_admin", country="FJ"),
                            json={"email": "ANA@example.org"})
    assert response.status_code == 409
    assert response.get_json()["type"] == "email-unavailable"


def test_a_weekend_names_each_day_once_and_fits_its_column(client, as_user):
    response = client.post("/api/v1/countries", headers=as_user("programme_admin"), json={
        "code": "AI", "name": "Anguilla", "default_language": "en",
        "timezone": "America/Anguilla", "weekend": "7,6,6,7,6,7,6,7"})
    assert response.status_code == 422  # longer than any real weekend
    response = client.post("/api/v1/countries", headers=as_user("programme_admin"), json={
        "code": "AI", "name": "Anguilla", "default_language": "en",
        "timezone": "America/Anguilla", "weekend": "7,6,6"})
    assert response.status_code == 201 and response.get_json()["weekend"] == "6,7"
