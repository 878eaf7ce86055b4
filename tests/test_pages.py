"""The pages people open, in a real Chromium: in English and in Arabic (right to left), each
checked with axe and photographed.

Debian's `chromium` drives them (Playwright cannot download its own browser on these
machines). Without it the tests are skipped, unless `ELEARN_REQUIRE_BROWSER` is set, as
`.ci/run` sets it after installing the browser.
"""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest
from sqlalchemy import select
from werkzeug.serving import make_server

from elearn.accounts.models import Invitation, User
from elearn.accounts.tokens import invitation_token
from elearn.extensions import db

from .certification.conftest import certified, complete  # noqa: F401 — a certificate
from .conftest import PASSWORD

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None and os.environ.get("ELEARN_REQUIRE_BROWSER"):
    raise RuntimeError("ELEARN_REQUIRE_BROWSER is set but no chromium is installed")
# The browser sees the same pages on either database: it runs on the SQLite pass only, and
# the pages' server side is tested on both (tests/site).
pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed"),
    pytest.mark.skipif(bool(os.environ.get("ELEARN_TEST_DATABASE_URL")),
                       reason="the browser runs on the SQLite pass"),
]
LANGUAGES = ("en", "ar")
# A folder to photograph the pages into, for people to look at (`ELEARN_SCREENSHOTS=shots
# pytest tests/site`); unset, no time goes to pictures nobody opens.
SHOTS = os.environ.get("ELEARN_SCREENSHOTS")


@pytest.fixture
def site(app):
    """The app served over HTTP for the browser; its address."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


def snapshot(page, name: str) -> None:
    """The whole page, photographed into `SHOTS` (when set) under its language and `name`."""
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{page.language}-{name}.png"), full_page=True)


@pytest.fixture(params=LANGUAGES)
def page(request, browser):
    """A phone-sized page in that language; photographed when the test ends."""
    context = browser.new_context(locale=request.param, viewport={"width": 390, "height": 800},
                                  extra_http_headers={"Accept-Language": request.param})
    opened = context.new_page()
    opened.language = request.param
    yield opened
    snapshot(opened, f"end-{request.node.originalname}")
    context.close()


def _accessible(page) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page.wait_for_load_state("load")  # a form just sent: check the page it led to
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def _reads_in_its_language(page) -> None:
    direction = page.evaluate("document.documentElement.dir")
    assert page.evaluate("document.documentElement.lang") == page.language
    assert direction == ("rtl" if page.language == "ar" else "ltr")


def test_the_certificate_verification_page(page, site, certified):  # noqa: F811
    code = certified(country="JO", code="HRGM-101")["certificate"]["code"]
    page.goto(f"{site}/verify/{code}")
    _reads_in_its_language(page)
    assert page.locator("bdi[dir=ltr]").first.inner_text() == "(HRGM-101)"
    _accessible(page)


def test_the_password_form_of_an_invitation(page, site, app, make_user):
    with app.app_context():
        user_id = make_user("sela@example.org", password=None, language=page.language)
        invitation = db.session.scalar(select(Invitation).where(Invitation.user_id == user_id))
        token = invitation_token(invitation.nonce)
    page.goto(f"{site}/password-setup/{token}")
    _reads_in_its_language(page)
    page.fill("input[type=password]", "password")
    page.click("button[type=submit]")
    assert page.locator("[role=alert]").count() >= 1  # too common: said, form kept
    _accessible(page)


def test_a_link_that_is_not_valid(page, site):
    answer = page.goto(f"{site}/password-setup/made-up-made-up-made-up")
    assert answer.status == 404
    _reads_in_its_language(page)
    _accessible(page)


def test_the_mail_kept_by_the_server(page, site, app, make_user):
    make_user("admin@example.org", roles=("programme_admin",), language=page.language)
    signed_in = page.request.post(f"{site}/api/v1/auth/login", data={
        "email": "admin@example.org", "password": PASSWORD})
    assert signed_in.ok
    with app.app_context():
        assert db.session.scalar(select(User.id).where(User.email == "admin@example.org"))
    page.goto(f"{site}/mail")
    _reads_in_its_language(page)
    _accessible(page)
