"""Questionnaires: checked questions, changed in place until answered, then in versions."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

from elearn.surveys.checkups import due_rounds

from .conftest import MINE, SURVEYS

QUESTIONS = [{"key": "fit", "kind": "scale", "required": True, "text": {"en": "It fits."},
              "low": {"en": "No"}, "high": {"en": "Yes"}}]
MORE = QUESTIONS + [{"key": "why", "kind": "short_text", "text": {"en": "Why?"}}]


def _questionnaire(client, headers, questions=QUESTIONS):
    return client.post("/api/v1/questionnaires", headers=headers, json={
        "title": {"en": "Unit climate"}, "questions": questions})


def test_questions_are_checked(client, tonga_admin):
    broken = [{"key": "Fit!", "kind": "scale", "text": {"fr": "Ça va ?"}}]
    answer = _questionnaire(client, tonga_admin, broken)
    assert answer.status_code == 422 and "questions" in answer.get_json()["errors"]


def test_a_change_before_any_answer_stays_in_the_same_version(client, tonga_admin):
    made = _questionnaire(client, tonga_admin).get_json()
    changed = client.put(f"/api/v1/questionnaires/{made['id']}/questions", headers=tonga_admin,
                         json={"questions": MORE})
    assert changed.status_code == 200 and changed.get_json()["version"] == 1


def test_a_change_after_an_answer_makes_a_new_version(client, tonga_admin, as_user):
    trainee = as_user("trainee", country="TO")
    made = _questionnaire(client, tonga_admin).get_json()
    today = date.today()
    campaign = client.post(SURVEYS, headers=tonga_admin, json={
        "questionnaire_id": made["id"], "name": "Climate",
        "audience": {"kind": "country", "roles": ["trainee"]},
        "opens_on": (today - timedelta(days=1)).isoformat(),
        "closes_on": (today + timedelta(days=9)).isoformat()}).get_json()
    client.post(f"{MINE}/{campaign['id']}/responses", headers=trainee,
                json={"client_id": "climate-0001", "answers": {"fit": 4}})
    changed = client.put(f"/api/v1/questionnaires/{made['id']}/questions", headers=tonga_admin,
                         json={"questions": MORE}).get_json()
    assert changed["version"] == 2
    results = client.get(f"{SURVEYS}/{campaign['id']}/results", headers=tonga_admin).get_json()
    assert results["version"] == 1  # the campaign keeps the version it sent


def test_the_mid_point_and_closing_surveys_come_in_their_time():
    started = datetime(2027, 1, 4, tzinfo=UTC)
    pairing = SimpleNamespace(id=7, started_at=started, ends_on=date(2029, 1, 4))
    day = started.date()
    assert due_rounds(pairing, 60, day + timedelta(days=59)) == []
    assert [key for key, *_ in due_rounds(pairing, 60, day + timedelta(days=365))] == [
        "checkup:pairing:7:6", "midpoint:pairing:7"]
    assert "closing:pairing:7" in [key for key, *_ in due_rounds(pairing, 60,
                                                                   date(2028, 12, 10))]
