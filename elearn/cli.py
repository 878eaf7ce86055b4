"""Commands: `elearn init|users create|serve|demo|translate` (also under `flask --app wsgi`)."""

from __future__ import annotations

import socket
import subprocess
import sys

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup, with_appcontext
from flask_migrate import upgrade

from .accounts.cli import COMMANDS as USER_COMMANDS
from .accounts.cli import country_code
from .accounts.cli import fail as _fail
from .accounts.countries import seed_countries
from .accounts.schemas import ROLES
from .certification.cli import certificates_group, keys_group
from .certification.signing import active_key
from .courses.cli import courses_group, import_shipped
from .enrollments.cli import COMMANDS as DELIVERY_COMMANDS
from .errors import ElearnError
from .extensions import db
from .reminders.cli import COMMANDS as REMINDER_COMMANDS
from .reports.cli import reports_group
from .timeutils import utcnow

DEMO_PASSWORD = "elearn-demo-2026"
DEMO_USERS = (
    # email, name, country, gender, roles, language
    ("admin@demo.elearn", "Programme Admin", "FJ", "female", ["programme_admin"], "en"),
    ("admin.fj@demo.elearn", "Mere Tuilagi", "FJ", "female", ["national_admin"], "en"),
    ("admin.jo@demo.elearn", "Rania Haddad", "JO", "female", ["national_admin"], "ar"),
    ("admin.to@demo.elearn", "Losana Tupou", "TO", "female", ["national_admin"], "en"),
    ("trainer.to@demo.elearn", "Sione Fifita", "TO", "male", ["trainer"], "en"),
    ("mentor.ws@demo.elearn", "Tala Faleolo", "WS", "female", ["mentor", "trainer"], "en"),
    ("mentor.jo@demo.elearn", "Huda Al-Masri", "JO", "female", ["mentor", "trainer"], "ar"),
    ("trainee.to@demo.elearn", "Ana Taufa", "TO", "female", ["trainee"], "en"),
    ("trainee.fj@demo.elearn", "Josefa Ratu", "FJ", "male", ["trainee"], "en"),
    ("trainee.jo@demo.elearn", "Lina Khalil", "JO", "female", ["trainee"], "ar"),
    ("trainee.ma@demo.elearn", "Yasmine Benali", "MA", "female", ["trainee"], "fr"),
)


@click.command("init")
@with_appcontext
def init_command():
    """Migrate the database to the newest schema and seed the countries (safe to repeat)."""
    upgrade(directory=current_app.extensions["migrate"].directory)
    added = seed_countries()
    db.session.commit()
    kid, _key = active_key()
    click.echo(f"Database ready; {added} countries added; signing key {kid}.")


@click.group("users")
def users_group():
    """Manage users from the command line."""


@users_group.command("create")
@click.option("--email", required=True)
@click.option("--password", help="Without it, the user is invited by e-mail to choose one")
@click.option("--name", required=True)
@click.option("--role", "roles", multiple=True, type=click.Choice(ROLES), default=["trainee"])
@click.option("--country", required=True, help="Code or name, e.g. FJ or Fiji")
@click.option("--gender", default="undisclosed",
              type=click.Choice(["female", "male", "other", "undisclosed"]))
@with_appcontext
def create_user_command(email, password, name, roles, country, gender):
    """Create a user (for example the first programme admin)."""
    from .accounts.services import create_user

    try:
        user = create_user(None, {"email": email, "password": password, "name": name,
                                  "roles": list(roles), "country": country_code(country),
                                  "gender": gender}, now=utcnow())
    except ElearnError as error:
        db.session.rollback()
        _fail(error)
    db.session.commit()
    click.echo(f"Created user {user.id} <{user.email}> with roles {', '.join(sorted(user.roles))}.")


def serve(host: str, port: int, workers: int, *, no_scheduler: bool) -> None:
    """Serve here with gunicorn; or, with the scheduler, supervise gunicorn and the scheduler
    as two child processes (see `elearn.serving`)."""
    from .reminders.mailer import describe_transport
    from .reminders.scheduler import run as run_scheduler
    from .serving import Supervisor, forked, run_gunicorn

    if not current_app.config.get("PUBLIC_URL"):  # links in mail: where we are reached
        current_app.config["PUBLIC_URL"] = public_url(host, port)
    click.echo(f"Address in mail links: {current_app.config['PUBLIC_URL']}")
    click.echo(f"Mail: {describe_transport(current_app.config, current_app.instance_path)}")
    app = current_app._get_current_object()
    if no_scheduler or not app.config["SCHEDULER_IN_PROCESS"]:
        run_gunicorn(app, host, port, workers)
        return
    sys.exit(Supervisor(forked(app, lambda: run_gunicorn(app, host, port, workers)),
                        forked(app, lambda: run_scheduler(app))).run())


def public_url(host: str, port: int) -> str:
    """The address people reach a server started on `host:port` at."""
    name = socket.gethostname() if host in ("0.0.0.0", "::", "") else host
    return f"http://{name}:{port}"


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--workers", default=1, show_default=True, type=int)
@click.option("--no-scheduler", is_flag=True, help="Do not start the reminder scheduler")
@with_appcontext
def serve_command(host, port, workers, no_scheduler):
    """Serve the application (gunicorn), with the reminder scheduler as a second process
    unless told not to; SIGTERM stops both."""
    serve(host, port, workers, no_scheduler=no_scheduler)


@click.command("demo")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--no-serve", is_flag=True, help="Prepare the demo data, do not serve")
@click.option("--no-scheduler", is_flag=True, help="Do not start the reminder scheduler")
@click.pass_context
@with_appcontext
def demo_command(ctx, host, port, no_serve, no_scheduler):
    """Set up the database, demo users and course packages, then serve on 127.0.0.1:5000."""
    from .accounts.models import User
    from .accounts.passwords import hash_password
    from .accounts.services import create_user
    from .enrollments.demo import demo_activity
    from .live.demo import demo_sessions
    from .mentoring.demo import MENA_NAME, demo_programme
    from .networks.demo import demo_spaces
    from .surveys.checkups import open_due

    ctx.invoke(init_command)
    created = 0
    for email, name, country, gender, roles, language in DEMO_USERS:
        if db.session.scalar(db.select(User.id).where(User.email == email)) is None:
            create_user(None, {"email": email, "password": DEMO_PASSWORD, "name": name,
                               "country": country, "gender": gender, "roles": roles,
                               "language": language}, now=utcnow())
            created += 1
    db.session.commit()
    click.echo("Course packages:")
    for line in import_shipped(now=utcnow()):
        click.echo(line)
    db.session.commit()
    for line in _demo_offerings():
        click.echo(line)
    db.session.commit()
    for line in demo_activity(hash_password(DEMO_PASSWORD), now=utcnow()):
        click.echo(line)
    db.session.commit()
    for line in demo_programme(DEMO_USERS[0][0], "mentor.ws@demo.elearn", "trainee.to@demo.elearn"):
        click.echo(line)
    for line in demo_programme(DEMO_USERS[0][0], "mentor.jo@demo.elearn", "trainee.jo@demo.elearn",
                               name=MENA_NAME, countries=("JO", "MA"), language="ar"):
        click.echo(line)
    db.session.commit()
    for line in demo_spaces(DEMO_USERS[0][0], MENA_NAME):
        click.echo(line)
    for line in demo_sessions(DEMO_USERS[0][0], "trainer.to@demo.elearn",
                              "trainee.fj@demo.elearn"):
        click.echo(line)
    opened = open_due(now=utcnow())  # the demo pairings are past their 60 days
    db.session.commit()
    if opened:
        click.echo(f"Surveys:\n  {opened} mentoring check-ups opened (GET /api/v1/me/surveys)")
    click.echo(f"\nDemo users ({created} new), all with the password {DEMO_PASSWORD}:")
    for email, _name, country, _gender, roles, _language in DEMO_USERS:
        click.echo(f"  {email:28} {country}  {', '.join(roles)}")
    click.echo(f"\nOpen http://{host}:{port}/ and sign in (trainee.to@demo.elearn reads in "
               f"English, trainee.jo@demo.elearn in Arabic).\n"
               f"API docs: http://{host}:{port}/api/docs\n")
    if not no_serve:
        serve(host, port, 1, no_scheduler=no_scheduler)


def _demo_offerings() -> list[str]:
    """A regional, self-paced offering of every published course that has none yet, so a
    demo trainee can enrol at once."""
    from .accounts.models import User
    from .courses.models import Course, CourseStatus
    from .enrollments.models import Offering
    from .enrollments.services import create_offering

    admin = db.session.scalar(db.select(User).where(User.email == DEMO_USERS[0][0]))
    lines = []
    offered = db.select(Offering.course_id)
    for course in db.session.scalars(db.select(Course).where(
            Course.status == CourseStatus.PUBLISHED, Course.id.not_in(offered))
            .order_by(Course.code)):
        offering = create_offering(admin, {
            "course_id": course.id, "mode": "self_paced", "starts_at": utcnow(),
            "title": f"{course.code} (self-paced)"}, now=utcnow())
        lines.append(f"  offering {offering.id}: {course.code}, self-paced, open to all")
    return ["Offerings:", *lines] if lines else []


@click.group("translate")
def translate_group():
    """Extract, update and compile the message catalogues."""


def _pybabel(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], check=True)


# The lazy forms beside gettext's own names, which pybabel knows already.
EXTRACT_KEYWORDS = ("-k", "_l", "-k", "lazy_gettext", "-k", "lazy_pgettext:1c,2")


@translate_group.command("extract")
def translate_extract():
    """Extract messages into translations/messages.pot and update every catalogue."""
    from .config import PROJECT_ROOT

    pot = str(PROJECT_ROOT / "translations" / "messages.pot")
    _pybabel("extract", "-F", str(PROJECT_ROOT / "babel.cfg"), *EXTRACT_KEYWORDS,
             "--no-location", "--sort-output", "-o", pot, str(PROJECT_ROOT / "elearn"))
    _pybabel("update", "-i", pot, "-d", str(PROJECT_ROOT / "translations"), "--no-fuzzy-matching")


@translate_group.command("compile")
@with_appcontext
def translate_compile():
    """Compile the catalogues (also done at start when a .po file is newer)."""
    from .i18n import compile_catalogues

    count = compile_catalogues(current_app.config["BABEL_TRANSLATION_DIRECTORIES"])
    click.echo(f"{count} catalogues compiled.")


COMMANDS = (init_command, users_group, serve_command, demo_command, translate_group,
            courses_group, keys_group, *REMINDER_COMMANDS, *DELIVERY_COMMANDS, reports_group,
            certificates_group)
for _command in USER_COMMANDS:
    users_group.add_command(_command)


def init_app(app: Flask) -> None:
    for command in COMMANDS:
        app.cli.add_command(command)


def main() -> None:
    """The `elearn` console script."""
    from . import create_app

    FlaskGroup(create_app=lambda: create_app(), add_default_commands=True,
               help="elearn: online course delivery.")(prog_name="elearn")
