"""The server as people start it: ``elearn serve`` supervising gunicorn and the scheduler.

Each start must answer a sign-in, whatever the scheduler's first tick is doing; a worker
killed in the middle of a tick is replaced by one that answers; SIGTERM ends every process
of the tree within ten seconds.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from tests.conftest import PASSWORD

STOP_SECONDS = 10
ANSWER_SECONDS = 5  # a sign-in that has not answered by then is taken as hung


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def environment(app, keys_dir):
    return os.environ | {
        "ELEARN_DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "ELEARN_SECRET_KEY": "test-secret-key", "ELEARN_SIGNING_KEYS_DIR": keys_dir,
        "ELEARN_SMTP_HOST": "127.0.0.1", "ELEARN_SMTP_PORT": "1",
        "ELEARN_LOG_LEVEL": "WARNING", "ELEARN_REMINDER_QUIET_HOURS": "0-0"}


class Server:
    def __init__(self, environment: dict):
        self.port = _free_port()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "elearn", "serve", "--port", str(self.port)],
            env=environment, start_new_session=True,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def wait_listening(self, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            assert self.process.poll() is None, "the server ended by itself"
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.05)
        raise AssertionError("the server never listened")

    def sign_in(self, email: str) -> int:
        request = urllib.request.Request(
            self.url("/api/v1/auth/login"), method="POST",
            data=json.dumps({"email": email, "password": PASSWORD}).encode(),
            headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=ANSWER_SECONDS) as answer:
                return answer.status
        except urllib.error.HTTPError as error:
            return error.code

    def processes(self) -> list[int]:
        """Every process of the server's tree (its own session)."""
        session = os.getsid(self.process.pid) if self.process.poll() is None else self.process.pid
        found = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                if int(fields[3]) == session and fields[0] != "Z":
                    found.append(int(entry.name))
        return found

    def worker(self) -> int:
        """A gunicorn worker: a grandchild of the supervisor whose parent is gunicorn."""
        web = self.children_of(self.process.pid)
        for pid in web:
            if "serve" in Path(f"/proc/{pid}/cmdline").read_text():
                workers = self.children_of(pid)
                if workers:
                    return workers[0]
        raise AssertionError("no gunicorn worker found")

    def replacement_of(self, killed: int) -> int | None:
        """The worker gunicorn started in place of `killed`; None until there is one (for
        a moment after the kill there is no worker at all)."""
        try:
            current = self.worker()
        except (AssertionError, OSError):  # none yet, or a process gone while read
            return None
        return None if current == killed else current

    @staticmethod
    def children_of(pid: int) -> list[int]:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
        return [int(child) for child in text.split()]

    def stop(self) -> float:
        """SIGTERM the supervisor; seconds until every process of the tree has ended."""
        started = time.monotonic()
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=STOP_SECONDS + 5)
        while self.processes() and time.monotonic() - started < STOP_SECONDS + 5:
            time.sleep(0.05)
        assert not self.processes(), "processes outlived the stop"
        return time.monotonic() - started

    def kill(self) -> None:
        for pid in self.processes():
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


@contextmanager
def served(environment: dict):
    server = Server(environment)
    try:
        server.wait_listening()
        yield server
    finally:
        if server.process.poll() is None:
            server.kill()
            server.process.wait()


def test_twenty_starts_in_a_row_each_answer_a_sign_in(make_user, environment):
    make_user("officer@example.org")
    # Twenty on the embedded database; on PostgreSQL, whose pool is the same code, five
    # keep the suite within its time.
    starts = 5 if environment["ELEARN_DATABASE_URL"].startswith("postgresql") else 20
    for start in range(starts):
        with served(environment) as server:
            assert server.sign_in("officer@example.org") == 200, f"start {start + 1}"
            server.stop()


def test_sigterm_stops_the_server_and_the_scheduler_within_ten_seconds(make_user, environment):
    make_user("officer@example.org")
    with served(environment) as server:
        assert server.sign_in("officer@example.org") == 200
        # Two children: gunicorn's arbiter with its worker, and the scheduler.
        children = server.children_of(server.process.pid)
        assert len(children) == 2
        assert sorted(bool(server.children_of(child)) for child in children) == [False, True]
        assert server.stop() < STOP_SECONDS


class SlowMailServer:
    """Accepts mail, but takes its time over each message: a tick stays busy sending."""

    def __init__(self):
        self.sending = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        self.sending.set()
        await asyncio.sleep(4)
        return "250 Message accepted"


def test_a_worker_killed_during_a_tick_is_replaced_by_one_that_answers(make_user, environment):
    make_user("officer@example.org")
    for number in range(3):
        make_user(f"invited{number}@example.org", password=None)  # invitations wait to be sent
    relay = SlowMailServer()
    controller = Controller(relay, hostname="127.0.0.1", port=_free_port())
    controller.start()
    try:
        with served(environment | {"ELEARN_SMTP_PORT": str(controller.port)}) as server:
            assert relay.sending.wait(30), "the scheduler's first tick sent nothing"
            worker = server.worker()
            os.kill(worker, signal.SIGKILL)
            deadline = time.monotonic() + 30
            while server.replacement_of(worker) is None and time.monotonic() < deadline:
                time.sleep(0.05)
            assert server.sign_in("officer@example.org") == 200
            server.stop()
    finally:
        controller.stop()
