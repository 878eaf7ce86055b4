"""Spaces and who sees them: the audience, the countries, the admins of each country."""

from __future__ import annotations

from .conftest import MENA, SPACES


def test_an_officer_of_the_spaces_countries_sees_it(client, make_space, as_user):
    space = make_space()
    tongan = as_user("trainee", country="TO")
    listed = client.get(SPACES, headers=tongan).get_json()
    assert [item["space"]["id"] for item in listed["items"]] == [space["id"]]
    assert client.get(f"{SPACES}/{space['id']}", headers=tongan).status_code == 200


def test_an_officer_of_another_country_gets_404(client, make_space, as_user):
    space = make_space()
    jordanian = as_user("trainee", country="JO")
    assert client.get(SPACES, headers=jordanian).get_json()["total"] == 0
    answer = client.get(f"{SPACES}/{space['id']}", headers=jordanian)
    assert answer.status_code == 404
    assert client.get(f"{SPACES}/{space['id']}/threads", headers=jordanian).status_code == 404


def test_a_national_admin_sees_the_spaces_open_to_their_country_only(client, make_space,
                                                                     as_user):
    pacific = make_space()
    mena = make_space(name={"ar": "فضاء المساواة"}, language="ar", countries=MENA)
    jordan_admin = as_user("national_admin", country="JO")
    fiji_admin = as_user("national_admin", country="FJ")
    assert client.get(f"{SPACES}/{mena['id']}", headers=jordan_admin).status_code == 200
    assert client.get(f"{SPACES}/{pacific['id']}", headers=jordan_admin).status_code == 404
    assert client.get(f"{SPACES}/{mena['id']}", headers=fiji_admin).status_code == 404
    seen = client.get(f"{SPACES}/{pacific['id']}", headers=fiji_admin).get_json()
    assert seen["moderator"] is False  # a regional space: not theirs to moderate


def test_an_admin_outside_the_audience_oversees_without_being_a_member(client, make_space,
                                                                      as_user):
    space = make_space(audience="roles", roles=["mentor"], countries=["FJ"])
    fiji_admin = as_user("national_admin", country="FJ")
    seen = client.get(f"{SPACES}/{space['id']}", headers=fiji_admin).get_json()
    assert seen["member"] is False and seen["moderator"] is True


def test_an_arabic_space_reads_right_to_left(client, make_space):
    space = make_space(name={"ar": "فضاء المساواة", "en": "Equality space"}, language="ar",
                       countries=MENA)
    assert space["direction"] == "rtl"
    assert space["name"] == "Equality space"  # the reader's language first
    assert "non-operational" in space["rule"]


def test_an_invited_space_is_for_the_invited_alone(client, make_space, boss, as_user,
                                                   user_id):
    space = make_space(audience="invited", countries=[])
    guest, other = as_user("trainee", country="TO"), as_user("trainee", country="TO")
    named = client.put(f"{SPACES}/{space['id']}/members/{user_id(guest)}", headers=boss,
                       json={})
    assert named.status_code == 200 and named.get_json()["role"] == "member"
    assert client.get(f"{SPACES}/{space['id']}", headers=guest).status_code == 200
    assert client.get(f"{SPACES}/{space['id']}", headers=other).status_code == 404


def test_a_roles_space_admits_holders_of_the_roles(client, make_space, as_user):
    space = make_space(audience="roles", roles=["mentor"], countries=[])
    mentor, trainee = as_user("mentor", country="WS"), as_user("trainee", country="WS")
    assert client.get(f"{SPACES}/{space['id']}", headers=mentor).status_code == 200
    assert client.get(f"{SPACES}/{space['id']}", headers=trainee).status_code == 404


def test_a_national_admin_opens_a_space_of_their_own_country_only(client, as_user):
    jordan_admin = as_user("national_admin", country="JO")
    body = {"name": {"ar": "فضاء الأردن"}, "language": "ar", "audience": "countries"}
    own = client.post(SPACES, headers=jordan_admin, json=body)
    assert own.status_code == 201 and own.get_json()["countries"] == ["JO"]
    wider = client.post(SPACES, headers=jordan_admin, json=body | {"countries": MENA})
    assert wider.status_code == 422 and "countries" in wider.get_json()["errors"]


def test_a_trainee_cannot_open_a_space(client, as_user):
    trainee = as_user("trainee", country="FJ")
    answer = client.post(SPACES, headers=trainee, json={
        "name": {"en": "Mine"}, "language": "en", "audience": "countries"})
    assert answer.status_code == 403


def test_the_name_must_be_given_in_the_spaces_language(client, boss):
    answer = client.post(SPACES, headers=boss, json={
        "name": {"en": "Equality"}, "language": "ar", "audience": "countries"})
    assert answer.status_code == 422 and "name" in answer.get_json()["errors"]


def test_a_programme_space_needs_its_programme(client, boss):
    answer = client.post(SPACES, headers=boss, json={
        "name": {"en": "Alumni"}, "language": "en", "audience": "programme"})
    assert answer.status_code == 422 and "programme_id" in answer.get_json()["errors"]


def test_opening_a_space_is_audited(client, make_space, boss):
    space = make_space()
    events = client.get("/api/v1/audit-events", headers=boss).get_json()["items"]
    assert any(e["action"] == "space.create" and e["object_id"] == str(space["id"])
               for e in events)


def test_the_members_are_those_the_audience_admits_and_those_named(client, make_space, boss,
                                                                    as_user, user_id):
    space = make_space()
    tongan = as_user("trainee", country="TO", name="Ana Taufa")
    guest = as_user("trainee", country="JO", name="Lina Khalil")
    as_user("trainee", country="JO", name="Not a member")
    client.put(f"{SPACES}/{space['id']}/members/{user_id(guest)}", headers=boss, json={})
    members = client.get(f"{SPACES}/{space['id']}/members", headers=tongan).get_json()
    named = {m["name"]: m["role"] for m in members["items"]}
    assert named["Ana Taufa"] is None and named["Lina Khalil"] == "member"
    assert "Not a member" not in named
