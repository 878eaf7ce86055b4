"""APScheduler 3 wiring: the ticks run ``jobs.run_once`` and the daily purge, each in its own
app context. A dedicated process runs a BlockingScheduler; ``serve``/``demo`` start one
BackgroundScheduler in gunicorn's arbiter (never in a worker)."""

from __future__ import annotations

import logging

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from flask import Flask

from ..extensions import db
from ..timeutils import utcnow
from . import jobs

logger = logging.getLogger(__name__)


def _in_context(app: Flask, job):
    def run():
        with app.app_context():
            try:
                return job(now=utcnow())
            except Exception:  # a failed tick must not stop the scheduler; the next one retries
                logger.exception("scheduled job %s failed", job.__name__)
                db.session.rollback()
            finally:
                db.session.remove()

    run.__name__ = job.__name__
    return run


def build(app: Flask, *, blocking: bool):
    """A scheduler with the reminder tick (every REMINDER_TICK_MINUTES) and the daily purge."""
    scheduler = (BlockingScheduler if blocking else BackgroundScheduler)(timezone="UTC")
    scheduler.add_job(_in_context(app, jobs.run_once), "interval", name="reminders",
                      minutes=app.config["REMINDER_TICK_MINUTES"], id="reminders",
                      max_instances=1, coalesce=True, next_run_time=utcnow())
    scheduler.add_job(_in_context(app, jobs.purge), "cron", hour=3, minute=17, name="purge",
                      id="purge-idempotency", max_instances=1, coalesce=True)
    return scheduler


def gunicorn_hooks(app: Flask) -> dict:
    """Hooks that run one scheduler in the arbiter and give each worker its own connections."""
    state = {}

    def when_ready(server):
        with app.app_context():
            db.engine.dispose()  # the arbiter's connections must not be shared with workers
        state["scheduler"] = build(app, blocking=False)
        state["scheduler"].start()
        logger.info("scheduler started in the gunicorn arbiter")

    def pre_fork(server, worker):
        with app.app_context():
            db.engine.dispose()

    def on_exit(server):
        if "scheduler" in state:
            state["scheduler"].shutdown(wait=False)

    return {"when_ready": when_ready, "pre_fork": pre_fork, "on_exit": on_exit}
