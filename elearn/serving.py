"""How `serve` and `demo` run: gunicorn for the web, and the reminder scheduler in a
process of its own, both children of a small supervisor.

No thread ever runs in a process that forks workers, so a worker (the first ones, and every
replacement) never inherits a held lock or half-configured mappers: gunicorn's arbiter
configures the mappers and drops its connections before it forks. The supervisor restarts the
scheduler if it dies and stops both children with itself, within `STOP_SECONDS`.
"""

from __future__ import annotations

import logging
import signal
import subprocess
import sys
import time

from flask import Flask
from sqlalchemy.orm import configure_mappers

from .extensions import db

logger = logging.getLogger(__name__)

STOP_SECONDS = 8  # SIGTERM to both children; what is still there after this is killed
KEEPALIVE_SECONDS = 2  # idle keep-alive connections must not hold a stopping worker
GRACEFUL_SECONDS = 5
RESTART_DELAYS = (1, 2, 5, 10, 30)  # seconds before restarting a scheduler that died


def run_gunicorn(app: Flask, host: str, port: int, workers: int) -> None:
    """Serve `app` with gunicorn in this process (the arbiter) and its forked workers."""
    from gunicorn.app.base import BaseApplication

    def forget_connections() -> None:
        with app.app_context():
            configure_mappers()
            db.engine.dispose()

    def when_ready(_server) -> None:
        forget_connections()

    def pre_fork(_server, _worker) -> None:
        forget_connections()

    class Server(BaseApplication):
        def load_config(self):
            settings = {"bind": f"{host}:{port}", "workers": workers, "threads": 4,
                        "accesslog": "-", "keepalive": KEEPALIVE_SECONDS,
                        "graceful_timeout": GRACEFUL_SECONDS,
                        "when_ready": when_ready, "pre_fork": pre_fork}
            for name, value in settings.items():
                self.cfg.set(name, value)

        def load(self):
            return app

    forget_connections()
    Server().run()


def command(*args: str) -> list[str]:
    """The command line of an `elearn` child process, with this interpreter."""
    return [sys.executable, "-m", "elearn", *args]


class Supervisor:
    """Runs the web server and the scheduler as child processes until told to stop."""

    def __init__(self, web: list[str], scheduler: list[str] | None):
        self.commands = {"web": web, "scheduler": scheduler}
        self.children: dict[str, subprocess.Popen] = {}
        self.stopping = False

    def _start(self, name: str) -> None:
        self.children[name] = subprocess.Popen(self.commands[name])
        logger.info("%s started (pid %s)", name, self.children[name].pid)

    def _stop_signal(self, signum, _frame) -> None:
        self.stopping = True

    def run(self) -> int:
        """Start the children; return the web server's exit status once it has ended."""
        signal.signal(signal.SIGTERM, self._stop_signal)
        signal.signal(signal.SIGINT, self._stop_signal)
        self._start("web")
        if self.commands["scheduler"]:
            self._start("scheduler")
        failures, restart_at = 0, None
        while not self.stopping and self.children["web"].poll() is None:
            scheduler = self.children.get("scheduler")
            if scheduler is not None and scheduler.poll() is not None:
                if restart_at is None:
                    delay = RESTART_DELAYS[min(failures, len(RESTART_DELAYS) - 1)]
                    logger.warning("scheduler ended with status %s; restarting in %s s",
                                   scheduler.returncode, delay)
                    restart_at, failures = time.monotonic() + delay, failures + 1
                elif time.monotonic() >= restart_at:
                    self._start("scheduler")
                    restart_at = None
            time.sleep(0.2)
        self.stop()
        return self.children["web"].returncode or 0

    def stop(self) -> None:
        """SIGTERM to every child still running, SIGKILL to those left after STOP_SECONDS."""
        running = [child for child in self.children.values() if child.poll() is None]
        for child in running:
            child.terminate()
        deadline = time.monotonic() + STOP_SECONDS
        for child in running:
            try:
                child.wait(timeout=max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
