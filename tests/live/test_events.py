"""Events beyond the mentoring programme: a regional field exercise to which national admins
nominate their officers, decided by the programme admins; a national workshop."""

from __future__ import annotations

import pytest

EVENTS = "/api/v1/events"


@pytest.fixture
def exercise(client, as_user):
    """A regional field exercise with two seats, announced by a programme admin."""
    boss = as_user("programme_admin", country="FJ")
    event = client.post(EVENTS, headers=boss, json={
        "kind": "field_exercise", "title": "Regional field exercise", "place": "Nadi",
        "starts_on": "2027-06-01", "ends_on": "2027-06-05", "seats": 2}).get_json()
    return event, boss


def test_a_national_admin_nominates_an_officer_of_her_country(client, exercise, as_user,
                                                              user_id):
    event, boss = exercise
    tonga_admin = as_user("national_admin", country="TO")
    officer = as_user("trainee", country="TO", name="Ana Taufa")
    made = client.post(f"{EVENTS}/{event['id']}/nominations", headers=tonga_admin,
                       json={"user_id": user_id(officer)})
    assert made.status_code == 201 and made.get_json()["status"] == "nominated"
    confirmed = client.patch(f"{EVENTS}/{event['id']}/nominations/{made.get_json()['id']}",
                             headers=boss, json={"status": "confirmed"})
    assert confirmed.get_json()["status"] == "confirmed"
    attended = client.patch(f"{EVENTS}/{event['id']}/nominations/{made.get_json()['id']}",
                            headers=boss, json={"status": "attended"})
    assert attended.get_json()["status"] == "attended"


def test_another_countrys_officer_cannot_be_nominated(client, exercise, as_user, user_id):
    event, _boss = exercise
    tonga_admin = as_user("national_admin", country="TO")
    fijian = as_user("trainee", country="FJ")
    answer = client.post(f"{EVENTS}/{event['id']}/nominations", headers=tonga_admin,
                         json={"user_id": user_id(fijian)})
    assert answer.status_code == 404


def test_a_national_admin_does_not_decide_a_regional_event(client, exercise, as_user,
                                                           user_id):
    event, _boss = exercise
    tonga_admin = as_user("national_admin", country="TO")
    officer = as_user("trainee", country="TO")
    made = client.post(f"{EVENTS}/{event['id']}/nominations", headers=tonga_admin,
                       json={"user_id": user_id(officer)}).get_json()
    answer = client.patch(f"{EVENTS}/{event['id']}/nominations/{made['id']}",
                          headers=tonga_admin, json={"status": "confirmed"})
    assert answer.status_code == 403


def test_seats_are_checked(client, exercise, as_user, user_id):
    event, boss = exercise
    for _ in range(2):
        client.post(f"{EVENTS}/{event['id']}/nominations", headers=boss,
                    json={"user_id": user_id(as_user("trainee", country="FJ"))})
    third = client.post(f"{EVENTS}/{event['id']}/nominations", headers=boss,
                        json={"user_id": user_id(as_user("trainee", country="FJ"))})
    assert third.status_code == 409 and third.get_json()["type"] == "seats-full"


def test_a_national_event_is_for_its_country(client, as_user):
    tonga_admin = as_user("national_admin", country="TO")
    event = client.post(EVENTS, headers=tonga_admin, json={
        "kind": "workshop", "title": "Tonga workshop", "place": "Nukuʻalofa",
        "starts_on": "2027-03-01", "ends_on": "2027-03-01"}).get_json()
    assert event["country"] == "TO"
    fiji_admin = as_user("national_admin", country="FJ")
    assert client.get(f"{EVENTS}/{event['id']}", headers=fiji_admin).status_code == 404


def test_an_event_that_ends_before_it_starts_is_refused(client, as_user):
    boss = as_user("programme_admin", country="FJ")
    answer = client.post(EVENTS, headers=boss, json={
        "kind": "conference", "title": "Conference", "place": "Suva",
        "starts_on": "2027-03-05", "ends_on": "2027-03-01"})
    assert answer.status_code == 422 and "ends_on" in answer.get_json()["errors"]
