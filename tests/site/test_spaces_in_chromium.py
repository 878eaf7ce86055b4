"""The demo's Arabic space in a real Chromium, end to end, in English and in Arabic: a mentee
posts, her mentor replies, the mentee reports the reply and a moderator hides it, a resource
is uploaded and downloaded, and the weekly digest arrives once at the member's morning.
Every page is checked with axe and photographed."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest

from elearn.extensions import db
from elearn.mentoring.demo import MENA_NAME, demo_programme
from elearn.networks.demo import demo_spaces
from elearn.networks.models import Space
from elearn.timeutils import utcnow
from tests.reminders.conftest import smtp, tick  # noqa: F401 — the outbox's
from tests.site.test_in_chromium import follow, open_as, photographed, sign_in
from tests.test_pages import (  # noqa: F401 — a page per language, the served app
    _accessible,
    _reads_in_its_language,
    page,
    pytestmark,  # noqa: E402 — where and when a browser runs
    site,
)
from tests.test_pages import browser as chromium  # noqa: F401 — the launched browser

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
DIGEST = {"en": "What is new in your spaces", "ar": "الجديد في فضاءاتك"}


@pytest.fixture
def browser(chromium):  # noqa: F811 — test_pages' `page` asks for `browser`
    return chromium


@pytest.fixture
def champions(app, make_user, page, tmp_path):  # noqa: F811
    """The demo's MENA programme and its Arabic space; the people read the page's language."""
    app.config["NETWORK_FILES_DIR"] = str(tmp_path / "files")
    people = {"admin@demo.elearn": ("Programme Admin", "FJ", ("programme_admin",)),
              "admin.jo@demo.elearn": ("Rania Haddad", "JO", ("national_admin",)),
              "admin.fj@demo.elearn": ("Mere Tuilagi", "FJ", ("national_admin",)),
              "mentor.jo@demo.elearn": ("Huda Al-Masri", "JO", ("mentor", "trainer")),
              "trainee.jo@demo.elearn": ("Lina Khalil", "JO", ("trainee",))}
    for email, (name, country, roles) in people.items():
        make_user(email, name=name, country=country, roles=roles, gender="female",
                  language=page.language)
    with app.app_context():
        demo_programme("admin@demo.elearn", "mentor.jo@demo.elearn", "trainee.jo@demo.elearn",
                       name=MENA_NAME, countries=("JO", "MA"), language="ar")
        demo_spaces("admin@demo.elearn", MENA_NAME)
        db.session.commit()
        return db.session.scalar(db.select(Space.id).where(Space.language == "ar"))


def _next_working_morning_in_amman(now: datetime) -> datetime:
    """09:00 in Amman (06:00 UTC) on the next Sunday to Thursday."""
    day = now.date() + timedelta(days=1)
    while day.isoweekday() in (5, 6):
        day += timedelta(days=1)
    return datetime.combine(day, time(6), UTC)


def test_the_arabic_space_end_to_end(page, site, browser, champions, smtp, tick,  # noqa: F811
                                     tmp_path_factory):

    sign_in(page, site, "trainee.jo@demo.elearn")
    page.goto(f"{site}/spaces")
    _reads_in_its_language(page)
    photographed(page, "spaces")
    follow(page, f"a[href='/spaces/{champions}']")
    assert page.locator("h1[dir=rtl]").count() == 1  # the Arabic space reads right to left
    page.fill("#title", "قيادة وحدة حماية الأسرة")
    page.fill("#body", "كيف بدأتنّ؟ **نصيحة واحدة** تكفي. <script>alert(1)</script>")
    follow(page, "form[action$='/threads'] button[type=submit]")
    assert page.locator("article.post").count() == 1
    assert page.locator("article.post script").count() == 0
    photographed(page, "thread")
    thread_url = page.url

    mentor = open_as(browser, page, site, "mentor.jo@demo.elearn")
    mentor.goto(thread_url)
    mentor.fill("#body", "بخطوات صغيرة، ومع فريق يثق بك. عنوان المشتبه به ١٢ شارع البحر.")
    follow(mentor, "form[action$='/posts'] button[type=submit]")
    assert mentor.locator("article.post").count() == 2
    photographed(mentor, "reply")

    page.goto(thread_url)
    page.click("article.post >> nth=1 >> summary")
    page.fill("article.post >> nth=1 >> input[name=reason]", "تفاصيل عملياتية")
    follow(page, "article.post >> nth=1 >> form[action$='/report'] button")
    assert page.locator("p.notice.done").count() == 1

    moderator = open_as(browser, page, site, "admin.jo@demo.elearn")
    moderator.goto(f"{site}/spaces/{champions}/moderation")
    assert moderator.locator("text=تفاصيل عملياتية").count() == 1
    photographed(moderator, "moderation")
    moderator.fill("form.inline-form input[name=reason] >> nth=0", "عنوان شخص")
    follow(moderator, "form.inline-form button[value=hide] >> nth=0")
    moderator.goto(f"{site}/console/spaces")
    photographed(moderator, "console-spaces")
    moderator.goto(f"{site}/console/spaces/new")
    photographed(moderator, "console-space-new")

    page.goto(thread_url)
    assert page.locator("text=١٢ شارع البحر").count() == 0
    assert page.locator("article.post.moderated").count() == 1

    page.goto(f"{site}/spaces/{champions}/library")
    page.fill("#r-title", "دليل المقابلات المراعية للنوع الاجتماعي")
    page.set_input_files("#r-file", files=[{"name": "guide.pdf", "mimeType": "application/pdf",
                                            "buffer": PDF}])
    follow(page, "form[enctype] button[type=submit]")
    photographed(page, "resource")
    with page.expect_download() as download:
        page.click("a[download]")
    assert Path(download.value.path()).read_bytes() == PDF

    morning = _next_working_morning_in_amman(utcnow())
    tick(morning - timedelta(hours=4))  # 05:00 in Amman: produced, waiting for the morning
    assert smtp.inbox.to("trainee.jo@demo.elearn") == []
    tick(morning)
    tick(morning + timedelta(hours=1))
    # once, on its own or within the day's digest of reminders (the check-ups go out too)
    (mail,) = [m for m in smtp.inbox.to("trainee.jo@demo.elearn")
               if DIGEST[page.language] in m.get_body(("plain",)).get_content()
               or m["Subject"] == DIGEST[page.language]]
    html = mail.get_body(("html",)).get_content()
    assert ('dir="rtl"' in html) == (page.language == "ar")
