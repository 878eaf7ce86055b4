"""Fixtures of the live tests: a blended offering of a course with three sessions' room."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.certification.conftest import complete  # noqa: F401 — completing a course
from tests.reminders.conftest import rows, smtp, tick  # noqa: F401 — the outbox's

START = datetime.now(UTC).replace(microsecond=0) + timedelta(days=10)


@pytest.fixture
def fiji_admin(as_user):
    return as_user("national_admin", country="FJ")


@pytest.fixture
def blended(client, fiji_admin, make_course, as_user, user_id):
    """A blended offering in Fiji over three weeks, with a trainer; its ids and headers."""
    course = make_course(lessons=1)
    trainer = as_user("trainer", country="FJ", name="Sione Vea", gender="male")
    answer = client.post("/api/v1/offerings", headers=fiji_admin, json={
        "course_id": course["id"], "mode": "blended", "country": "FJ",
        "starts_at": START.isoformat(), "ends_at": (START + timedelta(days=21)).isoformat(),
        "min_sessions_attended": 2})
    assert answer.status_code == 201, answer.get_json()
    offering = answer.get_json()
    from elearn.enrollments.models import OfferingTrainer
    from elearn.extensions import db

    with client.application.app_context():
        db.session.add(OfferingTrainer(offering_id=offering["id"], user_id=user_id(trainer),
                                       role="lead"))
        db.session.commit()
    return {"offering": offering, "course": course, "trainer": trainer}


@pytest.fixture
def plan(client, fiji_admin):
    def post(offering_id, day=0, hours=2, **fields):
        starts = START + timedelta(days=day, hours=1)
        body = {"title": f"Workshop {day}", "starts_at": starts.isoformat(),
                "ends_at": (starts + timedelta(hours=hours)).isoformat(),
                "meeting_url": "https://meet.example.org/tot"} | fields
        return client.post(f"/api/v1/offerings/{offering_id}/sessions", headers=fiji_admin,
                           json=body)

    return post
