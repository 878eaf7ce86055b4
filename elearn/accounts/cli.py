"""`elearn users import|invite`, and what every delivery command shares: the acting admin
(`--as EMAIL`, whose scope and audit apply as in the API) and country names in any case."""

from __future__ import annotations

import functools
import json

import click
from flask.cli import with_appcontext
from flask_babel import force_locale
from sqlalchemy import func, or_, select

from ..errors import ElearnError, translate_messages
from ..extensions import db
from ..i18n import user_locale
from ..timeutils import utcnow
from .models import Country, User, lower_email
from .permissions import get_user, scope_users


def fail(error: ElearnError) -> None:
    """A domain error as the command's error message (exit status 1)."""
    message = str(error.detail or error.title)
    for field, messages in (error.errors or {}).items():
        message += f" {field}: {', '.join(str(m) for m in messages)}"
    for row in translate_messages(error.extra.get("row_errors", [])):
        message += f"\n  line {row['line']}: {json.dumps(row['errors'], ensure_ascii=False)}"
    raise click.ClickException(message)


def acting_admin(command):
    """Add `--as EMAIL`: the admin the command acts as. The services check that admin's
    scope and the audit log names them, exactly as for the same call through the API, and
    what the command writes (a report, its errors) is in that admin's language."""

    @click.option("--as", "as_email", required=True, metavar="EMAIL",
                  help="The admin acting (their country scope and audit apply)")
    @with_appcontext
    @functools.wraps(command)
    def wrapper(as_email, **kwargs):
        admin = db.session.scalar(select(User).where(User.email == lower_email(as_email)))
        if admin is None or not admin.active:
            raise click.BadParameter(f"no active user {as_email}", param_hint="--as")
        with force_locale(user_locale(admin)):
            try:
                result = command(admin, **kwargs)
            except ElearnError as error:
                db.session.rollback()
                fail(error)
        db.session.commit()
        return result

    return wrapper


def country_code(text: str | None) -> str | None:
    """The code of a country given by code or name in any case (`fj`, `Fiji`); an unknown
    one is an error listing the valid codes."""
    if text is None:
        return None
    code = db.session.scalar(select(Country.code).where(or_(
        func.upper(Country.code) == text.strip().upper(),
        func.lower(Country.name) == text.strip().lower())))
    if code is None:
        codes = ", ".join(db.session.scalars(select(Country.code).order_by(Country.code)))
        raise click.BadParameter(f"unknown country {text!r}; valid codes: {codes}",
                                 param_hint="--country")
    return code


def echo_report(report: dict) -> None:
    """An import's report as the API returns it (JSON), errors translated."""
    report = dict(report, row_errors=translate_messages(report.get("row_errors", [])))
    click.echo(json.dumps(report, ensure_ascii=False, indent=2, default=str))


@click.command("import")
@click.argument("file", type=click.File("rb"))
@click.option("--dry-run", is_flag=True, help="Check every row and write nothing")
@acting_admin
def import_command(actor, file, dry_run):
    """Create or update users from a CSV or .xlsx file, all or nothing."""
    from .imports import import_users

    data = file.read()
    with click.progressbar(length=1, label="Importing users") as bar:
        report = import_users(actor, data, dry_run=dry_run, now=utcnow())
        bar.update(1)
    echo_report(report)


@click.command("invite")
@click.argument("email")
@acting_admin
def invite_command(actor, email):
    """Invite a user (again) to choose a password; the previous link stops working."""
    from .invitations import resend_invitation

    user_id = db.session.scalar(scope_users(
        select(User.id).where(User.email == lower_email(email)), actor))
    user = get_user(actor, user_id or 0)
    resend_invitation(actor, user, now=utcnow())
    click.echo(f"Invited {user.email}.")


COMMANDS = (import_command, invite_command)
