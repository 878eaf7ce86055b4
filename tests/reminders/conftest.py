"""Fixtures for reminders: a real SMTP server in the test process, people in far-apart zones,
enrolments and certificates built directly, and the tick run at a chosen moment."""

from __future__ import annotations

import email
import secrets
import socket
from datetime import UTC, datetime, timedelta
from email import policy

import pytest
from aiosmtpd.controller import Controller

from elearn.certification.models import Certificate
from elearn.enrollments.models import Enrollment, Offering
from elearn.extensions import db
from elearn.reminders import jobs
from elearn.timeutils import utcnow


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Inbox:
    """Messages the server accepted; recipients containing ``refuse`` get a 550."""

    def __init__(self):
        self.messages = []
        self.refuse = True

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refuse and "refuse" in address:
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted"

    def to(self, address):
        return [m for m in self.messages if m["To"] == address]


class MailServer:
    def __init__(self, port):
        self.port = port
        self.inbox = Inbox()
        self.controller = None

    def start(self):
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp(app):
    """A running SMTP server the app sends to; ``smtp.stop()`` / ``start()`` for outages."""
    server = MailServer(free_port())
    server.start()
    app.config["SMTP_PORT"] = server.port
    yield server
    server.stop()


@pytest.fixture
def base():
    """A Monday 00:00 UTC at least a week ahead: Tuesday is a working day in Tonga and Jordan."""
    start = (utcnow() + timedelta(days=8)).replace(hour=0, minute=0, second=0, microsecond=0)
    return start - timedelta(days=start.weekday())


@pytest.fixture
def tick(app):
    """Run every rule and one delivery pass at ``now``; returns what happened."""

    def run(now):
        with app.app_context():
            return jobs.run_once(now=now)

    return run


@pytest.fixture
def offering(app, make_course):
    """An offering built directly: ``offering(starts_at=..., mode=...)`` → id."""

    def make(**fields):
        course = make_course()
        with app.app_context():
            row = Offering(course_id=course["id"], starts_at=fields.pop(
                "starts_at", utcnow() - timedelta(days=30)), **fields)
            db.session.add(row)
            db.session.commit()
            return row.id

    return make


@pytest.fixture
def enrolment(app, offering):
    """An enrolment built directly (status enrolled unless told) → id."""

    def make(user_id, offering_id=None, **fields):
        offering_id = offering_id or offering()
        with app.app_context():
            row = Enrollment(user_id=user_id, offering_id=offering_id,
                             status=fields.pop("status", "enrolled"),
                             enrolled_at=fields.pop("enrolled_at", utcnow()),
                             updated_at=fields.pop("updated_at", utcnow()), **fields)
            db.session.add(row)
            db.session.commit()
            return row.id

    return make


@pytest.fixture
def certificate(app):
    """A course certificate built directly → id."""

    def make(holder_id, *, expires_at, country="TO", **fields):
        with app.app_context():
            row = Certificate(holder_id=holder_id, holder_name="Holder", country_code=country,
                              course_code="CP-101",
                              title={"en": "Community policing", "ar": "الشرطة المجتمعية"},
                              issued_at=expires_at - timedelta(days=700),
                              expires_at=expires_at, code=secrets.token_hex(16),
                              short_code=secrets.token_hex(6), **fields)
            db.session.add(row)
            db.session.commit()
            return row.id

    return make


@pytest.fixture
def person(make_user):
    """A trainee in ``country`` → (id, e-mail)."""

    def make(country="TO", **fields):
        address = (fields.pop("email", None)
                   or f"{secrets.token_hex(4)}.{country.lower()}@example.org")
        return make_user(address, country=country, **fields), address

    return make


@pytest.fixture
def rows(app):
    """The outbox as (kind, channel, status) tuples, or whole rows with ``full=True``."""
    from sqlalchemy import select

    from elearn.reminders.models import Notification

    def fetch(**where):
        with app.app_context():
            stmt = select(Notification).order_by(Notification.id)
            for name, value in where.items():
                stmt = stmt.where(getattr(Notification, name) == value)
            found = db.session.scalars(stmt).all()
            db.session.expunge_all()
            return found

    return fetch


def at(moment: datetime, hours: float = 0, days: float = 0) -> datetime:
    return (moment + timedelta(hours=hours, days=days)).astimezone(UTC)
