"""Live sessions as a browser meets them: planning in the console in the offering's zone, the
register a trainer fills, my calendar and its feed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from .conftest import text


@pytest.fixture
def offering(client, make_course, make_user, browser, login):
    """A blended offering in Fiji, its admin in the console, a trainer and a learner."""
    make_user("mere@example.org", name="Mere Tuilagi", country="FJ", roles=("national_admin",))
    trainer = make_user("sione@example.org", name="Sione Vea", country="FJ", roles=("trainer",))
    learner = make_user("ana@example.org", name="Ana Taufa", country="FJ")
    course = make_course(lessons=1)
    admin = {"Authorization": f"Bearer {login('mere@example.org')}"}
    starts = datetime.now(UTC) + timedelta(days=5)
    made = client.post("/api/v1/offerings", headers=admin, json={
        "course_id": course["id"], "mode": "blended", "country": "FJ",
        "starts_at": starts.isoformat(), "ends_at": (starts + timedelta(days=20)).isoformat(),
        "trainers": [{"user_id": trainer, "role": "co_facilitator"}]}).get_json()
    learner_headers = {"Authorization": f"Bearer {login('ana@example.org')}"}
    client.post(f"/api/v1/offerings/{made['id']}/enrollments", headers=learner_headers, json={})
    return made, starts, learner


def test_an_admin_plans_a_session_in_the_offerings_zone(browser, offering):
    made, starts, _learner = offering
    page = browser("mere@example.org")
    page.get(f"/console/offerings/{made['id']}/sessions")
    day = (starts + timedelta(days=2)).date().isoformat()
    answer = page.post(f"/console/offerings/{made['id']}/sessions", {
        "title": "Practice session", "day": day, "from": "09:00", "until": "11:00"})
    assert answer.status_code == 302, text(answer)[:2000]
    listed = text(page.get(f"/console/offerings/{made['id']}/sessions"))
    assert "Practice session" in listed and "09:00" in listed


def test_a_session_that_ends_before_it_starts_comes_back(browser, offering):
    made, starts, _learner = offering
    page = browser("mere@example.org")
    page.get(f"/console/offerings/{made['id']}/sessions")
    day = (starts + timedelta(days=2)).date().isoformat()
    answer = page.post(f"/console/offerings/{made['id']}/sessions", {
        "title": "Backwards", "day": day, "from": "11:00", "until": "09:00"})
    assert answer.status_code == 422 and "must end after it starts" in text(answer)


def test_the_trainer_fills_the_register_and_the_learner_sees_her_calendar(browser, offering):
    made, starts, _learner = offering
    admin = browser("mere@example.org")
    admin.get(f"/console/offerings/{made['id']}/sessions")
    day = (starts + timedelta(days=2)).date().isoformat()
    admin.post(f"/console/offerings/{made['id']}/sessions", {
        "title": "Practice session", "day": day, "from": "09:00", "until": "11:00"})
    learner = browser("ana@example.org")
    mine = text(learner.get("/calendar"))
    assert "Practice session" in mine
    feed = learner.post("/calendar/feed", {})
    assert feed.status_code == 200 and "/calendar/" in text(feed)
    session_id = int(mine.split("/api/v1/sessions/")[1].split(".ics")[0])
    trainer = browser("sione@example.org")
    register = trainer.get(f"/sessions/{session_id}/register")
    assert register.status_code == 200 and "Ana Taufa" in text(register)
    enrollment_id = text(register).split('name="status-')[1].split('"')[0]
    saved = trainer.post(f"/sessions/{session_id}/register",
                         {f"status-{enrollment_id}": "present"})
    assert saved.status_code == 302
    assert 'value="present" selected' in text(trainer.get(f"/sessions/{session_id}/register"))
    assert learner.get(f"/sessions/{session_id}/register").status_code == 403


def _planned(page, made, starts) -> int:
    page.get(f"/console/offerings/{made['id']}/sessions")
    page.post(f"/console/offerings/{made['id']}/sessions", {
        "title": "Practice session", "day": (starts + timedelta(days=2)).date().isoformat(),
        "from": "09:00", "until": "11:00", "venue": "Suva police academy"})
    listed = text(page.get(f"/console/offerings/{made['id']}/sessions"))
    return int(listed.split("/console/sessions/")[1].split("/edit")[0])


def test_an_admin_moves_a_session_and_its_people_are_told(browser, offering, client, login,
                                                          app):
    from elearn.extensions import db
    from elearn.reminders.models import Notification

    made, starts, _learner = offering
    page = browser("mere@example.org")
    session_id = _planned(page, made, starts)
    form = text(page.get(f"/console/sessions/{session_id}/edit"))
    assert 'value="09:00"' in form and 'value="Suva police academy"' in form
    later = (starts + timedelta(days=3)).date().isoformat()
    answer = page.post(f"/console/sessions/{session_id}/edit", {
        "title": "Practice session", "day": later, "from": "14:00", "until": "16:00",
        "venue": "", "meeting_url": "https://meet.example.org/practice"})
    assert answer.status_code == 302, text(answer)[:2000]
    learner = {"Authorization": f"Bearer {login('ana@example.org')}"}
    moved = client.get(f"/api/v1/sessions/{session_id}", headers=learner).get_json()
    assert moved["venue"] is None and moved["meeting_url"].endswith("/practice")
    assert moved["starts_at"].startswith(later)  # 14:00 in Fiji is 02:00 UTC that day
    with app.app_context():
        kinds = set(db.session.scalars(db.select(Notification.kind)))
    assert any("session" in kind for kind in kinds), kinds


def test_a_move_that_breaks_a_rule_keeps_what_was_typed(browser, offering):
    made, starts, _learner = offering
    page = browser("mere@example.org")
    session_id = _planned(page, made, starts)
    page.get(f"/console/sessions/{session_id}/edit")
    answer = page.post(f"/console/sessions/{session_id}/edit", {
        "title": "Practice session", "day": (starts + timedelta(days=2)).date().isoformat(),
        "from": "11:00", "until": "10:00", "venue": "Nadi station", "meeting_url": ""})
    assert answer.status_code == 422
    assert "must end after it starts" in text(answer) and 'value="Nadi station"' in text(answer)


def test_another_countrys_admin_cannot_change_a_session(browser, offering, make_user):
    made, starts, _learner = offering
    session_id = _planned(browser("mere@example.org"), made, starts)
    make_user("admin.to@example.org", country="TO", roles=("national_admin",))
    other = browser("admin.to@example.org")
    assert other.get(f"/console/sessions/{session_id}/edit").status_code == 404
    assert other.post(f"/console/sessions/{session_id}/edit", {
        "title": "Taken", "day": "2030-01-01", "from": "09:00",
        "until": "10:00"}).status_code == 404


def test_a_session_smaller_than_the_offering_says_so(browser, offering):
    made, starts, _learner = offering
    page = browser("mere@example.org")
    page.get(f"/console/offerings/{made['id']}/sessions")
    refused = page.post(f"/console/offerings/{made['id']}/sessions", {
        "title": "Small room", "day": (starts + timedelta(days=2)).date().isoformat(),
        "from": "09:00", "until": "11:00", "capacity": "many"})
    assert refused.status_code == 422 and 'value="many"' in text(refused)
    page.post(f"/console/offerings/{made['id']}/sessions", {
        "title": "Small room", "day": (starts + timedelta(days=2)).date().isoformat(),
        "from": "09:00", "until": "11:00", "capacity": "1"})
    listed = text(page.get(f"/console/offerings/{made['id']}/sessions"))
    assert "1 place" in listed and "more than the room takes" not in listed
    session_id = int(listed.split("/console/sessions/")[1].split("/edit")[0])
    assert 'value="1"' in text(page.get(f"/console/sessions/{session_id}/edit"))


def test_more_people_than_places_is_said_beside_the_session(browser, offering, make_user,
                                                           client, login):
    made, starts, _learner = offering
    make_user("losa@example.org", country="FJ")
    client.post(f"/api/v1/offerings/{made['id']}/enrollments", json={},
                headers={"Authorization": f"Bearer {login('losa@example.org')}"})
    page = browser("mere@example.org")
    page.get(f"/console/offerings/{made['id']}/sessions")
    page.post(f"/console/offerings/{made['id']}/sessions", {
        "title": "Small room", "day": (starts + timedelta(days=2)).date().isoformat(),
        "from": "09:00", "until": "11:00", "capacity": "1"})
    listed = text(page.get(f"/console/offerings/{made['id']}/sessions"))
    assert "2 people hold a place in this offering: more than the room takes." in listed
