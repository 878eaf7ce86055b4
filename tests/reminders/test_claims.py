"""A delivery pass claims exactly its batch and keeps it while a slow relay takes its time:
a second pass never takes those rows back, so each message goes out once."""

import asyncio
import threading
import time
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import func, select

from elearn.extensions import db
from elearn.reminders import sending
from elearn.reminders.models import Notification, Status
from elearn.timeutils import utcnow
from tests.reminders.conftest import Inbox, free_port


@pytest.fixture
def invited(app, make_user):
    """``invited(n)``: n people created without a password, each with an invitation due."""
    app.config["REMINDER_QUIET_HOURS"] = "0-0"  # any hour is a sending hour

    def make(count):
        for number in range(count):
            make_user(f"invited{number}@example.org", password=None)

    return make


def test_a_pass_claims_exactly_one_batch(app, invited):
    invited(60)
    with app.app_context():
        claim = sending.Claim(utcnow() + timedelta(minutes=1), guarded=False)
        assert len(claim.take(25)) == 25
        claimed = db.session.scalar(select(func.count()).select_from(Notification)
                                    .where(Notification.status == Status.SENDING))
        assert claimed == 25


class SlowInbox(Inbox):
    """Accepts every message, after a pause: one pass takes a while to get through."""

    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(0.6)
        return await super().handle_DATA(server, session, envelope)


def test_a_second_pass_never_takes_back_what_a_slow_pass_still_sends(app, invited,
                                                                    monkeypatch):
    invited(6)
    # Stale after 3 s: the pass renews every second, a wide margin on a busy machine.
    monkeypatch.setattr(sending, "STALE_AFTER", timedelta(seconds=3))
    inbox = SlowInbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    app.config["SMTP_PORT"] = controller.port

    def deliver():
        with app.app_context():
            sending.deliver_due(now=utcnow())

    try:
        first = threading.Thread(target=deliver)
        first.start()
        time.sleep(3.4)  # past STALE_AFTER since the first pass claimed its batch
        deliver()
        first.join(timeout=30)
    finally:
        controller.stop()
    ids = [message["Message-ID"] for message in inbox.messages]
    assert len(ids) == len(set(ids)) == 6
