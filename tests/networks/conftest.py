"""Fixtures of the networks tests: admins and officers of two regions, and spaces."""

from __future__ import annotations

import pytest

from tests.mentoring.conftest import (  # noqa: F401 — a programme and its participants
    admin,
    applicant,
    apply,
    clock,
    decide,
    make_programme,
)
from tests.reminders.conftest import base, rows, smtp, tick  # noqa: F401 — the outbox's

SPACES = "/api/v1/spaces"
PACIFIC = ["FJ", "TO", "WS"]
MENA = ["JO", "MA"]


@pytest.fixture
def boss(as_user):
    """A programme admin."""
    return as_user("programme_admin", country="FJ")


@pytest.fixture
def make_space(client, boss):
    """Open a space over HTTP (as the programme admin by default); returns its JSON."""

    def make(as_=None, **fields):
        payload = {"name": {"en": "Pacific network", "ar": "شبكة المحيط الهادئ"},
                   "language": "en", "audience": "countries", "countries": PACIFIC} | fields
        response = client.post(SPACES, headers=as_ or boss, json=payload)
        assert response.status_code == 201, response.get_json()
        return response.get_json()

    return make


@pytest.fixture
def start_thread(client):
    def start(space_id, headers, title="Community policing in the outer islands",
              body="How do you reach the outer islands?", **fields):
        response = client.post(f"{SPACES}/{space_id}/threads", headers=headers,
                               json={"title": title, "body": body} | fields)
        assert response.status_code == 201, response.get_json()
        return response.get_json()

    return start


@pytest.fixture
def reply_to(client):
    def post(thread_id, headers, body="By boat, once a month.", **fields):
        return client.post(f"/api/v1/threads/{thread_id}/posts", headers=headers,
                           json={"body": body} | fields)

    return post
