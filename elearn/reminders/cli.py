"""Commands: `elearn scheduler` and `elearn reminders run-once`."""

from __future__ import annotations

import json
from datetime import datetime

import click
from flask import current_app
from flask.cli import with_appcontext

from ..timeutils import utcnow
from . import jobs, scheduler


def _moment(value: str | None) -> datetime:
    if value is None:
        return utcnow()
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        raise click.BadParameter("give a time zone, e.g. 2026-12-01T09:00:00+00:00")
    return moment


@click.group("reminders")
def reminders_group():
    """Reminder rules and delivery."""


@reminders_group.command("run-once")
@click.option("--now", "at", help="The moment to run at (ISO 8601 with offset); default: now")
@with_appcontext
def run_once_command(at):
    """Run every rule's scan and one delivery pass (for cron, and for tests)."""
    result = jobs.run_once(now=_moment(at))
    click.echo(json.dumps(result, sort_keys=True))
    for reason in result.get("skipped", []):
        click.echo(f"Skipped {reason}", err=True)


@click.command("scheduler")
@with_appcontext
def scheduler_command():
    """Run the scheduler in this process (production; safe on several hosts at once)."""
    click.echo(f"Scheduler: reminders every {current_app.config['REMINDER_TICK_MINUTES']} "
               "minutes, idempotency purge daily.")
    scheduler.run(current_app._get_current_object())


COMMANDS = (reminders_group, scheduler_command)
