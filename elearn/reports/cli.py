"""`elearn reports kpis`: the KPI export to a file, with the scope and audit of the API."""

from __future__ import annotations

import click

from ..accounts.cli import acting_admin, country_code
from ..timeutils import utcnow


@click.group("reports")
def reports_group():
    """Reports from the command line."""


@reports_group.command("kpis")
@click.option("--country", help="Code or name (e.g. FJ, fiji)")
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "pdf", "png"]),
              default="csv", show_default=True)
@click.option("-o", "--output", type=click.File("wb"), required=True, help="File to write")
@acting_admin
def kpis_command(actor, country, fmt, output):
    """Write the KPI report (small cells suppressed) as CSV, XLSX, PDF or PNG."""
    from .routes import render_export

    args = {"country": country_code(country)} if country else {}
    with click.progressbar(length=1, label="Building the report") as bar:
        _mimetype, body = render_export(actor, args, fmt, now=utcnow())
        bar.update(1)
    output.write(body.encode("utf-8") if isinstance(body, str) else body)
    click.echo(f"Wrote {fmt} report to {output.name}.")
