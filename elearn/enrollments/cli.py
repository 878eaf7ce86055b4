"""`elearn enrolments import` and `elearn offerings create`: delivery from the console,
through the same services, scope and audit as the API (`--as EMAIL`)."""

from __future__ import annotations

import click
import marshmallow as ma

from ..accounts.cli import acting_admin, country_code, echo_report
from ..errors import RuleViolation
from ..timeutils import utcnow
from .schemas import OfferingCreateSchema
from .scoping import get_offering


@click.group("enrolments")
def enrolments_group():
    """Enrol people in offerings from the command line."""


@enrolments_group.command("import")
@click.argument("offering_id", metavar="OFFERING", type=int)
@click.argument("file", type=click.File("rb"))
@click.option("--dry-run", is_flag=True, help="Check every row and enrol nobody")
@acting_admin
def import_command(actor, offering_id, file, dry_run):
    """Enrol everyone in a CSV or .xlsx file of e-mails, all or nothing."""
    from .imports import import_enrollments

    offering = get_offering(actor, offering_id)
    data = file.read()
    with click.progressbar(length=1, label="Enrolling") as bar:
        report = import_enrollments(actor, offering, data, dry_run=dry_run, now=utcnow())
        bar.update(1)
    echo_report(report)


@click.group("offerings")
def offerings_group():
    """Open course runs from the command line."""


@offerings_group.command("create")
@click.option("--course", "course_id", required=True, type=int, help="The course's id")
@click.option("--mode", type=click.Choice(["self_paced", "live_online", "blended"]))
@click.option("--start", "starts_at", required=True, help="ISO 8601, e.g. 2027-02-01T09:00+12:00")
@click.option("--end", "ends_at", help="ISO 8601")
@click.option("--deadline", "enrollment_deadline", help="Last moment to enrol, ISO 8601")
@click.option("--capacity", type=int)
@click.option("--country", help="Code or name (e.g. FJ, fiji); default: the admin's country")
@click.option("--title")
@acting_admin
def create_command(actor, country, **fields):
    """Open a run of a published course."""
    from .services import create_offering

    data = {key: value for key, value in fields.items() if value is not None}
    if country is not None:
        data["country"] = country_code(country)
    try:
        data = OfferingCreateSchema().load(data)
    except ma.ValidationError as error:
        raise RuleViolation(errors=error.messages) from None
    offering = create_offering(actor, data, now=utcnow())
    click.echo(f"Created offering {offering.id} of course {offering.course_id} "
               f"({offering.country_code or 'regional'}).")


COMMANDS = (enrolments_group, offerings_group)
