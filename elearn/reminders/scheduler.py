"""APScheduler 3 wiring: the ticks run `jobs.run_once` and the daily purge, each in its own
app context, in a process of their own (`elearn scheduler`, or the child that `serve` and
`demo` fork for it). Never a thread in a process that forks workers: a fork while the thread is
inside SQLAlchemy hands the child a held lock or half-configured mappers."""

from __future__ import annotations

import logging
import signal

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


def build(app: Flask) -> BlockingScheduler:
    """A scheduler with the reminder tick (every REMINDER_TICK_MINUTES) and the daily purge."""
    scheduler = BlockingScheduler(timezone="UTC")
    scheduler.add_job(_in_context(app, jobs.run_once), "interval", name="reminders",
                      minutes=app.config["REMINDER_TICK_MINUTES"], id="reminders",
                      max_instances=1, coalesce=True, next_run_time=utcnow())
    scheduler.add_job(_in_context(app, jobs.purge), "cron", hour=3, minute=17, name="purge",
                      id="purge-idempotency", max_instances=1, coalesce=True)
    return scheduler


def stop_on_signals(scheduler) -> None:
    """SIGTERM and SIGINT end the scheduler: no new tick starts, a running one may finish."""
    def stop(signum, _frame):
        logger.info("scheduler stopping (signal %s)", signum)
        scheduler.shutdown(wait=False)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)


def run(app: Flask) -> None:
    """The scheduler in this process, until SIGTERM or SIGINT."""
    running = build(app)
    stop_on_signals(running)
    running.start()
