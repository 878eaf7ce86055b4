"""A browser's view of the pages: a client of its own per person, signed in through the
sign-in form, asking for HTML."""

from __future__ import annotations

import re

import pytest

from tests.certification.conftest import certified, complete  # noqa: F401 — certificates
from tests.conftest import PASSWORD
from tests.mentoring.conftest import (  # noqa: F401 — the mentoring pages' fixtures
    active_pairing,
    admin,
    applicant,
    apply,
    clock,
    decide,
    make_programme,
    mentor,
    pair,
    selected,
)
from tests.reminders.conftest import (  # noqa: F401 — people due for reminders, the outbox
    enrolment,
    offering,
    person,
    rows,
)

HTML = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf(page) -> str:
    return _TOKEN.search(page.get_data(as_text=True)).group(1)


class Browser:
    """A test client that sends what a browser sends and posts forms with their token."""

    def __init__(self, client):
        self.client = client
        self.token = None

    def get(self, path, **kwargs):
        page = self.client.get(path, headers=HTML | kwargs.pop("headers", {}), **kwargs)
        if page.mimetype == "text/html" and _TOKEN.search(page.get_data(as_text=True)):
            self.token = csrf(page)
        return page

    def post(self, path, data=None, **kwargs):
        form = {"csrf_token": self.token, **(data or {})}
        return self.client.post(path, data=form, headers=HTML | kwargs.pop("headers", {}),
                                **kwargs)


@pytest.fixture
def browser(app):
    """``browser(email)``: a signed-in browser of its own; ``browser()``: signed out."""

    def open_browser(email=None, password=PASSWORD):
        opened = Browser(app.test_client())
        opened.get("/sign-in")
        if email:
            answer = opened.post("/sign-in", {"email": email, "password": password})
            assert answer.status_code == 302, answer.get_data(as_text=True)[:500]
            opened.get("/")  # a new session: the next form carries its token
        return opened

    return open_browser


@pytest.fixture
def trainee(make_user, browser):
    """A signed-in trainee of Fiji: ``(browser, user_id, email)``."""
    email = "mele@example.org"
    user_id = make_user(email, name="Mele Taufa", country="FJ")
    return browser(email), user_id, email


@pytest.fixture
def jordan_admin(make_user, browser):
    """A signed-in national admin of Jordan, reading English."""
    make_user("rania@example.org", name="Rania Haddad", country="JO",
              roles=("national_admin",), language="en")
    return browser("rania@example.org")


def text(page) -> str:
    return page.get_data(as_text=True)
