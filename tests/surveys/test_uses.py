"""The uses shipped with the engine: a course evaluation asked once on completion, the
mentoring check-up every 60 days with its flags, and the invitations and reminders."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from elearn.extensions import db
from elearn.surveys.checkups import open_due
from elearn.surveys.models import Campaign, Flag
from elearn.timeutils import utcnow

from .conftest import MINE

EVALUATION = {"relevance": 5, "satisfaction": 4, "learning": 4, "confidence": 3}
CHECKUP_OK = {"fit": 4, "meetings": "as_planned"}


def test_a_completed_course_asks_for_its_evaluation_once(app, client, certified, rows):
    done = certified()
    mine = client.get(MINE, headers=done["headers"]).get_json()
    assert [survey["purpose"] for survey in mine] == ["course_evaluation"]
    assert len(rows(kind="survey-invitation", channel="email")) == 1
    answer = client.post(f"{MINE}/{mine[0]['id']}/responses", headers=done["headers"],
                         json={"client_id": "evaluation-1", "answers": EVALUATION})
    assert answer.status_code == 201
    with app.app_context():
        assert db.session.scalar(select(Campaign.anonymous)) is True


def test_the_evaluations_block_of_the_kpi_report(client, certified, as_user):
    done = certified()
    survey = client.get(MINE, headers=done["headers"]).get_json()[0]
    client.post(f"{MINE}/{survey['id']}/responses", headers=done["headers"],
                json={"client_id": "evaluation-1", "answers": EVALUATION})
    boss = as_user("programme_admin", country="FJ")
    report = client.get("/api/v1/reports/kpis", headers=boss).get_json()
    offering = report["evaluations"]["offerings"][0]
    assert offering["responses"] == 1 and offering["averages"]["relevance"] == 5.0
    hidden = client.get("/api/v1/reports/kpis", headers=boss,
                        query_string={"suppress": "true"}).get_json()
    assert hidden["evaluations"]["offerings"][0]["averages"]["relevance"] is None


def test_a_pairing_gets_its_check_up_at_60_days(app, client, active_pairing, clock):
    made = active_pairing()
    clock.shift(timedelta(days=59))
    with app.app_context():
        assert open_due(now=utcnow()) == 0
    clock.shift(timedelta(days=2))
    with app.app_context():
        assert open_due(now=utcnow()) == 1
        assert open_due(now=utcnow()) == 0  # once, whatever runs twice
        db.session.commit()
    for side in ("mentor", "mentee"):
        mine = client.get(MINE, headers=made[side]).get_json()
        assert [survey["purpose"] for survey in mine] == ["mentoring_checkup"]


def _worried_mentee(app, client, active_pairing, clock) -> dict:
    """An active pairing past its first check-up, whose mentee answered it with a low score
    and a concern; the pairing as made."""
    made = active_pairing()
    clock.shift(timedelta(days=61))
    with app.app_context():
        open_due(now=utcnow())
        db.session.commit()
    survey = client.get(MINE, headers=made["mentee"]).get_json()[0]
    client.post(f"{MINE}/{survey['id']}/responses", headers=made["mentee"], json={
        "client_id": "checkup-mentee", "answers": {"fit": 1, "meetings": "not_at_all",
                                                   "support": ["concern"]}})
    return made


def test_a_low_score_raises_a_flag_for_the_programme_admins(app, client, active_pairing,
                                                            clock, admin):
    made = _worried_mentee(app, client, active_pairing, clock)
    flags = client.get("/api/v1/survey-flags", headers=admin).get_json()["items"]
    assert {flag["reason"] for flag in flags} == {"low_score", "concern"}
    assert {flag["pairing_id"] for flag in flags} == {made["id"]}
    mentor_survey = client.get(MINE, headers=made["mentor"]).get_json()[0]
    client.post(f"{MINE}/{mentor_survey['id']}/responses", headers=made["mentor"],
                json={"client_id": "checkup-mentor", "answers": CHECKUP_OK})
    with app.app_context():
        assert db.session.scalar(select(db.func.count()).select_from(Flag)) == 2
    assert client.get("/api/v1/survey-flags", headers=made["mentor"]).status_code == 403


def test_the_reminder_goes_to_those_who_have_not_answered(app, client, needs_campaign,
                                                          as_user, submit, rows, user_id):
    from datetime import date

    from elearn.reminders.outbox import produce
    from elearn.reminders.rules import RULES

    done, waiting = as_user("trainee", country="TO"), as_user("trainee", country="TO")
    campaign = needs_campaign(closes_on=(date.today() + timedelta(days=2)).isoformat())
    assert submit(campaign["id"], done).status_code == 201
    with app.app_context():
        produce(RULES["survey-reminder"], now=utcnow())
        db.session.commit()
    reminded = {row.user_id for row in rows(kind="survey-reminder", channel="email")}
    assert reminded == {user_id(waiting)}


def test_resolving_a_flag_is_in_the_audit_log_without_its_note(app, client, active_pairing,
                                                                clock, admin):
    _worried_mentee(app, client, active_pairing, clock)
    flag = client.get("/api/v1/survey-flags", headers=admin).get_json()["items"][0]
    answer = client.patch(f"/api/v1/survey-flags/{flag['id']}", headers=admin,
                          json={"note": "Called the mentee about her mentor."})
    assert answer.status_code == 200
    [event] = client.get("/api/v1/audit-events?action=survey.flag_resolve",
                         headers=admin).get_json()["items"]
    assert (event["object_type"], event["object_id"]) == ("survey_flag", str(flag["id"]))
    assert "Called" not in str(event["details"])
