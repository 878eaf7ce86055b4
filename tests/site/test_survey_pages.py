"""Surveys as a browser meets them: a trainee answers on one page, an admin reads the
results and opens draft offerings from the needs."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from .conftest import text


@pytest.fixture
def tonga(make_user, browser):
    """Tonga's national admin in the console, and the needs assessment she opened."""
    make_user("sela@example.org", name="Sela Fifita", country="TO",
              roles=("national_admin",), language="en")
    for number in range(3):
        make_user(f"trainee{number}@example.org", name=f"Trainee {number}", country="TO")
    admin = browser("sela@example.org")
    admin.get("/console/surveys/new")
    today = date.today()
    answer = admin.post("/console/surveys/new", {
        "template": "needs_assessment", "name": "Tonga needs 2027", "roles": "trainee",
        "opens_on": (today - timedelta(days=1)).isoformat(),
        "closes_on": (today + timedelta(days=30)).isoformat(), "anonymous": "1"})
    assert answer.status_code == 302, text(answer)[:3000]
    return admin, answer.headers["Location"]


def _answer(browser, email, campaign_url, **answers):
    page = browser(email)
    survey = page.get("/surveys")
    link = text(survey).split('href="/surveys/')[1].split('"')[0]
    page.get(f"/surveys/{link}")
    return page, f"/surveys/{link}", page.post(f"/surveys/{link}", {
        "crime_areas": ["leadership", "human_rights"], "capacity": "2", "delivery": "blended",
        "connectivity": "unreliable", "language": "en", **answers})


def test_a_trainee_answers_on_one_page(browser, tonga):
    _admin, campaign_url = tonga
    _page, url, answer = _answer(browser, "trainee0@example.org", campaign_url)
    assert answer.status_code == 302
    assert "No survey waits" in text(_page.get("/surveys"))


def test_a_missing_answer_comes_back_with_what_was_chosen(browser, tonga):
    _admin, campaign_url = tonga
    _page, url, answer = _answer(browser, "trainee0@example.org", campaign_url, language="")
    assert answer.status_code == 422
    assert "An answer is required" in text(answer) and 'value="blended" checked' in text(answer)


def test_the_admin_reads_results_with_small_cells_hidden(browser, tonga):
    admin, campaign_url = tonga
    _answer(browser, "trainee0@example.org", campaign_url)
    page = admin.get(campaign_url)
    assert page.status_code == 200 and "hidden" in text(page)
    assert "1 of 3 people asked have answered" in text(page)


def test_a_programme_admin_resolves_a_check_up_flag(app, browser, make_user, active_pairing):
    from datetime import date

    from elearn.extensions import db
    from elearn.surveys.models import Campaign, Flag, Purpose, QuestionnaireVersion
    from elearn.surveys.templates import template_questionnaire
    from elearn.timeutils import utcnow

    made = active_pairing()
    with app.app_context():
        questionnaire = template_questionnaire(Purpose.CHECKUP, now=utcnow())
        version = db.session.scalar(db.select(QuestionnaireVersion.id).where(
            QuestionnaireVersion.questionnaire_id == questionnaire.id))
        campaign = Campaign(questionnaire_id=questionnaire.id, version_id=version,
                            name="Check-up 1",
                            purpose="mentoring_checkup", audience={"kind": "programme"},
                            opens_on=date.today(), closes_on=date.today(),
                            programme_id=made["programme"]["id"])
        db.session.add(campaign)
        db.session.flush()
        db.session.add(Flag(campaign_id=campaign.id, pairing_id=made["id"], reason="concern",
                            raised_on=date.today()))
        db.session.commit()
        flag_id = db.session.scalar(db.select(Flag.id))
    make_user("boss@example.org", roles=("programme_admin",))
    page = browser("boss@example.org")
    assert "A concern" in text(page.get("/console/survey-flags"))
    assert page.post(f"/console/survey-flags/{flag_id}", {"note": " "}).status_code == 302
    assert "Give the reason" in text(page.get("/console/survey-flags"))
    page.post(f"/console/survey-flags/{flag_id}", {"note": "Called the mentee."})
    assert "Called the mentee." in text(page.get("/console/survey-flags"))
