"""Live sessions in a real Chromium, in English and in Arabic: an admin plans a session in
the console, the learner finds it in her calendar with its feed, the trainer fills the
register. Every page is checked with axe and photographed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.site.test_in_chromium import follow, open_as, photographed, sign_in
from tests.test_pages import (  # noqa: F401 — a page per language, the served app
    _accessible,
    _reads_in_its_language,
    page,
    pytestmark,  # noqa: E402 — where and when a browser runs
    site,
)
from tests.test_pages import browser as chromium  # noqa: F401 — the launched browser


@pytest.fixture
def browser(chromium):  # noqa: F811 — test_pages' `page` asks for `browser`
    return chromium


def test_a_session_planned_attended_and_registered(page, site, browser, make_user,  # noqa: F811
                                                   make_course, client, login,
                                                   tmp_path_factory):
    make_user("mere@example.org", name="Mere Tuilagi", country="FJ",
              roles=("national_admin",), language=page.language)
    trainer = make_user("sione@example.org", name="Sione Vea", country="FJ",
                        roles=("trainer",), language=page.language)
    make_user("ana@example.org", name="Ana Taufa", country="FJ", language=page.language)
    course = make_course(lessons=1)
    starts = datetime.now(UTC) + timedelta(days=5)
    offering = client.post("/api/v1/offerings", headers={
        "Authorization": f"Bearer {login('mere@example.org')}"}, json={
        "course_id": course["id"], "mode": "blended", "country": "FJ",
        "starts_at": starts.isoformat(), "ends_at": (starts + timedelta(days=20)).isoformat(),
        "trainers": [{"user_id": trainer, "role": "co_facilitator"}]}).get_json()
    client.post(f"/api/v1/offerings/{offering['id']}/enrollments", json={}, headers={
        "Authorization": f"Bearer {login('ana@example.org')}"})

    sign_in(page, site, "mere@example.org")
    page.goto(f"{site}/console/offerings/{offering['id']}/sessions")
    _reads_in_its_language(page)
    page.fill("#title", "Practice session")
    page.fill("#day", (starts + timedelta(days=2)).date().isoformat())
    page.fill("#from", "09:00")
    page.fill("#until", "11:00")
    follow(page, "form[action$='/sessions'] button[type=submit]")
    assert page.locator("p.notice.done").count() == 1
    photographed(page, "sessions")
    follow(page, "a[href$='/edit']")
    photographed(page, "session-edit")
    page.fill("#from", "10:00")
    page.fill("#until", "12:00")
    follow(page, "form[action$='/edit'] button[type=submit]")
    assert page.locator("text=10:00").count() >= 1

    learner = open_as(browser, page, site, "ana@example.org")
    learner.goto(f"{site}/calendar")
    assert learner.locator("text=Practice session").count() == 1
    follow(learner, "form[action$='/calendar/feed'] button:not([name])")
    assert learner.locator("code").count() == 1
    photographed(learner, "calendar")

    keeper = open_as(browser, page, site, "sione@example.org")
    keeper.goto(f"{site}/calendar")
    follow(keeper, "a[href$='/register']")
    keeper.select_option("select[name^='status-']", "present")
    follow(keeper, "form[action$='/register'] button[type=submit] >> nth=0")
    assert keeper.locator("p.notice.done").count() == 1
    photographed(keeper, "register")
