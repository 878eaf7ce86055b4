"""Fixtures of the surveys tests: a needs assessment for Tonga's trainees."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.certification.conftest import certified, complete  # noqa: F401 — completions
from tests.mentoring.conftest import (  # noqa: F401 — a programme and its pairings
    active_pairing,
    admin,
    applicant,
    apply,
    clock,
    decide,
    make_programme,
    mentor,
    pair,
    selected,
)
from tests.reminders.conftest import base, rows, smtp, tick  # noqa: F401 — the outbox's

SURVEYS = "/api/v1/surveys"
MINE = "/api/v1/me/surveys"

NEEDS_ANSWERS = {"crime_areas": ["leadership", "human_rights"], "capacity": 2,
                 "delivery": "blended", "connectivity": "unreliable", "devices": ["phone"],
                 "language": "en", "comments": "More on interviewing victims."}


@pytest.fixture
def tonga_admin(as_user):
    return as_user("national_admin", country="TO")


@pytest.fixture
def needs_campaign(client, tonga_admin):
    """A needs assessment for Tonga's trainees, open today for a month."""

    def make(**fields):
        today = date.today()
        body = {"template": "needs_assessment", "name": "Tonga training needs 2027",
                "audience": {"kind": "country", "roles": ["trainee"]},
                "opens_on": (today - timedelta(days=1)).isoformat(),
                "closes_on": (today + timedelta(days=30)).isoformat()} | fields
        answer = client.post(SURVEYS, headers=tonga_admin, json=body)
        assert answer.status_code == 201, answer.get_json()
        return answer.get_json()

    return make


@pytest.fixture
def submit(client):
    def post(campaign_id, headers, answers=None, client_id="client-0001", **fields):
        return client.post(f"{MINE}/{campaign_id}/responses", headers=headers, json={
            "client_id": client_id, "answers": NEEDS_ANSWERS if answers is None else answers,
            **fields})

    return post
