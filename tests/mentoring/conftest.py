"""Fixtures of the mentoring tests: a frozen clock, a programme, applicants and pairings."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine

PROGRAMMES = "/api/v1/programmes"
START = datetime(2027, 1, 10, 9, 0, tzinfo=UTC)  # inside the application window


@pytest.fixture
def clock(app):
    """A frozen clock at START; sign-ins last long enough to travel through the programme."""
    app.config["TOKEN_TTL_HOURS"] = 24 * 365 * 4
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def admin(clock, as_user):
    return as_user("programme_admin", country="FJ")


@pytest.fixture
def make_programme(client, admin):
    """Create a programme over HTTP; returns its JSON. FJ 2 seats, TO 1, JO 2 by default."""

    def make(**fields):
        payload = {
            "name": "Women in policing leadership", "starts_on": "2027-03-01",
            "applications_open_on": "2027-01-01", "applications_close_on": "2027-02-15",
            "countries": [{"country": "FJ", "seats": 2}, {"country": "TO", "seats": 1},
                          {"country": "JO", "seats": 2}],
        } | fields
        response = client.post(PROGRAMMES, headers=admin, json=payload)
        assert response.status_code == 201, response.get_json()
        return response.get_json()

    return make


@pytest.fixture
def applicant(clock, as_user):
    """Bearer headers of a new female officer of ``country``."""

    def make(country="FJ", *, gender="female", roles=("trainee",), **fields):
        return as_user(*roles, country=country, gender=gender, **fields)

    return make


def application_payload(**fields):
    return {"motivation": "Lead the family violence unit.", "area_of_work": "family violence",
            "languages": ["en"], "years_experience": 6, "supervisor_name": "Insp. Vake",
            "supervisor_endorsement": "Strongly endorsed."} | fields


@pytest.fixture
def apply(client):
    def post(programme_id, headers, **fields):
        return client.post(f"{PROGRAMMES}/{programme_id}/applications", headers=headers,
                           json=application_payload(**fields))

    return post


@pytest.fixture
def decide(client, admin):
    """PATCH an application; ``as_`` defaults to the programme admin."""

    def patch(programme_id, application_id, decision, reason="Strong candidate", as_=None):
        body = {"decision": decision} | ({"reason": reason} if reason else {})
        return client.patch(f"{PROGRAMMES}/{programme_id}/applications/{application_id}",
                            headers=as_ or admin, json=body)

    return patch


@pytest.fixture
def selected(apply, decide, applicant):
    """A selected participant: returns (headers, application JSON)."""

    def make(programme_id, country="FJ", *, gender="female", **fields):
        headers = applicant(country, gender=gender)
        application = apply(programme_id, headers, **fields).get_json()
        assert decide(programme_id, application["id"], "shortlist").status_code == 200
        response = decide(programme_id, application["id"], "select")
        assert response.status_code == 200, response.get_json()
        return headers, response.get_json()

    return make


@pytest.fixture
def mentor(client, admin, as_user, user_id):
    """A mentor in the programme's pool: returns their headers."""

    def make(programme_id, *, country="WS", max_mentees=2, languages=("en",),
             expertise=("family violence",)):
        headers = as_user("mentor", country=country)
        response = client.post(f"{PROGRAMMES}/{programme_id}/mentors", headers=admin, json={
            "mentor_id": user_id(headers), "max_mentees": max_mentees,
            "languages": list(languages), "expertise": list(expertise)})
        assert response.status_code == 201, response.get_json()
        return headers

    return make


@pytest.fixture
def pair(client, admin, user_id):
    """Propose, acknowledge the code of conduct on both sides, confirm: the pairing JSON."""

    def make(programme_id, application_id, mentor_headers, mentee_headers):
        response = client.post(f"{PROGRAMMES}/{programme_id}/pairings", headers=admin, json={
            "application_id": application_id, "mentor_id": user_id(mentor_headers)})
        assert response.status_code == 201, response.get_json()
        pairing_id = response.get_json()["id"]
        for headers in (mentor_headers, mentee_headers):
            assert client.post(f"/api/v1/pairings/{pairing_id}/conduct",
                               headers=headers).status_code == 200
        response = client.post(f"/api/v1/pairings/{pairing_id}/confirm", headers=admin)
        assert response.status_code == 200, response.get_json()
        return response.get_json()

    return make


@pytest.fixture
def active_pairing(make_programme, selected, mentor, pair):
    """A confirmed pairing of a Fijian mentee in a new programme: a dict with the programme,
    the pairing, both sides' headers and the pairing's url."""

    def make(**programme_fields):
        programme = make_programme(**programme_fields)
        mentee_headers, mentee = selected(programme["id"], "FJ")
        mentor_headers = mentor(programme["id"])
        pairing = pair(programme["id"], mentee["id"], mentor_headers, mentee_headers)
        return {"programme": programme, "application": mentee, "pairing": pairing,
                "id": pairing["id"], "mentor": mentor_headers, "mentee": mentee_headers,
                "url": f"/api/v1/pairings/{pairing['id']}"}

    return make
