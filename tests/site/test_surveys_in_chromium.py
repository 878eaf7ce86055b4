"""A needs assessment in a real Chromium, in English and in Arabic: Tonga's national admin
opens it in the console, three trainees answer (one of them offline, sent when the connection
returns), the results show with small cells hidden, and two top needs become draft offerings.
Every page is checked with axe and photographed."""

from __future__ import annotations

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


def _answer(person, site, *, offline=False):  # noqa: F811 — the address given
    person.goto(f"{site}/surveys")
    follow(person, "ul.cards a")
    for value in ("leadership", "human_rights"):
        person.check(f"input[name=crime_areas][value={value}]")
    person.check("input[name=capacity][value='2']")
    person.check("input[name=delivery][value=blended]")
    person.check("input[name=connectivity][value=unreliable]")
    person.check("input[name=language][value=en]")
    if offline:
        person.context.set_offline(True)
        person.click("form[data-queue=survey] button:not([name])")
        person.wait_for_timeout(300)
        assert person.evaluate("JSON.parse(localStorage.getItem('elearn-queue')).length") == 1
        person.context.set_offline(False)  # back online: the queue is sent
        person.goto(f"{site}/surveys")
        # polled from here: a predicate run in the page would be refused by its CSP
        for _ in range(100):
            if person.evaluate(
                    "JSON.parse(localStorage.getItem('elearn-queue') || '[]').length") == 0:
                break
            person.wait_for_timeout(100)
        assert person.evaluate("JSON.parse(localStorage.getItem('elearn-queue')).length") == 0
        person.reload()
        assert person.locator("ul.cards a").count() == 0  # answered
    else:
        follow(person, "form[data-queue=survey] button:not([name])")
        assert person.locator("p.notice.done").count() == 1


def test_a_needs_assessment_from_the_console_to_draft_offerings(
        page, site, browser, make_user, make_course, tmp_path_factory):  # noqa: F811

    make_course(code="LEAD-301", category="leadership")
    make_course(code="HRGM-101", category="human-rights")
    make_user("sela@example.org", name="Sela Fifita", country="TO", roles=("national_admin",),
              language=page.language)
    for number in range(3):
        make_user(f"trainee{number}@example.org", name=f"Trainee {number}", country="TO",
                  language=page.language, gender="female")
    sign_in(page, site, "sela@example.org")
    page.goto(f"{site}/console/surveys/new")
    _reads_in_its_language(page)
    photographed(page, "survey-new")
    page.fill("#name", "Tonga 2027")
    follow(page, "form[action$='/surveys/new'] button[type=submit]")
    campaign_url = page.url

    first = open_as(browser, page, site, "trainee0@example.org")
    first.goto(f"{site}/surveys")
    follow(first, "ul.cards a")
    photographed(first, "survey-answer")
    _answer(first, site)
    _answer(open_as(browser, page, site, "trainee1@example.org"), site)
    _answer(open_as(browser, page, site, "trainee2@example.org"), site, offline=True)

    page.goto(campaign_url)
    assert page.locator("text=3").count() >= 1
    assert page.locator(".hidden-figure").count() > 0  # three answers: every count is small
    photographed(page, "survey-results")
    page.check("input[name=course_ids] >> nth=0")
    page.check("input[name=course_ids] >> nth=1")
    follow(page, "form[action$='/offerings'] button")
    assert page.locator("p.notice.done").count() == 1
    photographed(page, "survey-offerings")
