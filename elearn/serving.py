"""How `serve` and `demo` run: gunicorn for the web, and the reminder scheduler in a
process of its own, both children of a small supervisor.

No thread ever runs in a process that forks, so a child (gunicorn's arbiter and the
scheduler, both forked from the supervisor with the application already loaded, and each
worker, forked from the arbiter) never inherits a held lock or half-configured mappers: the
mappers are configured and the connections dropped before every fork, and the scheduler
starts its threads only in its own process. The supervisor restarts the scheduler if it
dies and stops both children with itself, within `STOP_SECONDS`.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import threading
import time
import traceback
from collections.abc import Callable

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


class Forked:
    """A child forked from this process to run `target` (the application stays loaded:
    nothing is imported or created twice), answering the calls of `subprocess.Popen` that the
    supervisor makes."""

    def __init__(self, target: Callable[[], None]):
        assert threading.active_count() == 1, "a process with threads must not fork"
        self.returncode: int | None = None
        self.pid = os.fork()
        if self.pid == 0:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            code = 1
            try:
                target()
                code = 0
            except SystemExit as ended:
                code = ended.code if isinstance(ended.code, int) else 1
            except BaseException:
                traceback.print_exc()
            finally:
                os._exit(code)

    def poll(self) -> int | None:
        if self.returncode is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() >= deadline:
                raise subprocess.TimeoutExpired(f"pid {self.pid}", timeout)
            time.sleep(0.05)
        return self.returncode

    def _signal(self, signum: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, signum)

    def terminate(self) -> None:
        self._signal(signal.SIGTERM)

    def kill(self) -> None:
        self._signal(signal.SIGKILL)


def forked(app: Flask, target: Callable[[], None]) -> Callable[[], Forked]:
    """Starts `target` in a child forked from this process, whose mappers are configured and
    whose connections are dropped first, so that the child inherits none."""
    def start() -> Forked:
        with app.app_context():
            configure_mappers()
            db.session.remove()
            db.engine.dispose()
        return Forked(target)

    return start


class Supervisor:
    """Runs the web server and the scheduler as child processes until told to stop."""

    def __init__(self, web: Callable, scheduler: Callable | None):
        self.starters = {"web": web, "scheduler": scheduler}
        self.children: dict[str, Forked] = {}
        self.stopping = False

    def _start(self, name: str) -> None:
        self.children[name] = self.starters[name]()
        logger.info("%s started (pid %s)", name, self.children[name].pid)

    def _stop_signal(self, signum, _frame) -> None:
        self.stopping = True

    def run(self) -> int:
        """Start the children; return the web server's exit status once it has ended."""
        signal.signal(signal.SIGTERM, self._stop_signal)
        signal.signal(signal.SIGINT, self._stop_signal)
        self._start("web")
        if self.starters["scheduler"]:
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
