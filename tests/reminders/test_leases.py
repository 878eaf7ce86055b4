"""Scheduler leases live on the real clock, say why a tick was skipped, and do not outlive a
process of this host that died holding one."""

import os
import socket
import subprocess
import sys
from datetime import timedelta

import pytest

from elearn.extensions import db
from elearn.reminders import jobs
from elearn.reminders.models import Lease
from elearn.timeutils import utcnow


@pytest.fixture(autouse=True)
def context(app):
    with app.app_context():
        yield


def _hold(name, holder, minutes=10):
    expires_at = utcnow() + timedelta(minutes=minutes)
    db.session.add(Lease(name=name, holder=holder, expires_at=expires_at))
    db.session.commit()


def test_a_run_for_a_future_moment_leaves_the_live_scheduler_free(app):
    future = (utcnow() + timedelta(days=30)).isoformat()
    env = os.environ | {"ELEARN_DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
                        "ELEARN_SECRET_KEY": "test-secret-key", "ELEARN_SMTP_HOST": "127.0.0.1",
                        "ELEARN_SMTP_PORT": "1", "ELEARN_LOG_LEVEL": "WARNING"}
    subprocess.run([sys.executable, "-m", "elearn", "reminders", "run-once", "--now", future],
                   env=env, check=True, capture_output=True, timeout=120)
    assert jobs.run_once(now=utcnow())["added"] is not None


def test_a_skipped_tick_says_which_lease_is_held_by_whom(app):
    _hold("scan", "another-host:4242")
    result = jobs.run_once(now=utcnow())
    assert result["added"] is None
    [reason] = result["skipped"]
    assert reason.startswith("scan: lease 'scan' is held by another-host:4242 until ")


def test_the_command_prints_why_it_skipped(app, runner):
    _hold("scan", "another-host:4242")
    result = runner.invoke(args=["reminders", "run-once"])
    assert result.exit_code == 0, result.output
    assert "Skipped scan: lease 'scan' is held by another-host:4242" in result.stderr


def test_a_lease_of_a_process_of_this_host_that_ended_is_taken_over(app):
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)
    _hold("scan", f"{socket.gethostname()}:{ended.stdout.strip()}")
    result = jobs.run_once(now=utcnow())
    assert "skipped" not in result and result["added"] is not None
