"""`elearn courses import|export`: course packages from and to folders."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext
from sqlalchemy import select

from ..config import PROJECT_ROOT
from ..errors import ElearnError
from ..extensions import db
from ..timeutils import utcnow
from .models import Course
from .packages.folders import MANIFEST, PackageError, read_package
from .packages.transfer import export_package, import_order, import_package

SHIPPED = PROJECT_ROOT / "courses"


def explain(error: ElearnError) -> str:
    """An error as lines for the terminal: a package's `file:line: message` problems, or
    the detail and each field's messages."""
    if isinstance(error, PackageError):
        return "\n".join(str(problem) for problem in error.problems)
    details = [f"{field}: {', '.join(str(m) for m in messages)}"
               for field, messages in (error.errors or {}).items()]
    return "\n".join([str(error.detail or error.title), *details])


@click.group("courses")
def courses_group():
    """Import and export course packages."""


@courses_group.command("import")
@click.argument("path", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--publish", is_flag=True, help="Publish the course at once")
@with_appcontext
def import_command(path, publish):
    """Import the course package in PATH (all or nothing)."""
    try:
        course = import_package(path, now=utcnow(), publish_it=publish)
    except ElearnError as error:
        db.session.rollback()
        raise click.ClickException(f"{path}:\n{explain(error)}") from None
    db.session.commit()
    click.echo(f"Imported {course.code} version {course.version} ({course.status}).")


@courses_group.command("export")
@click.argument("code")
@click.argument("path", type=click.Path(file_okay=False, path_type=Path))
@click.option("--version", type=int, help="Default: the newest version")
@with_appcontext
def export_command(code, path, version):
    """Write course CODE as a package folder at PATH."""
    stmt = select(Course).where(Course.code == code.upper())
    stmt = (stmt.where(Course.version == version) if version
            else stmt.order_by(Course.version.desc()))
    course = db.session.scalars(stmt.limit(1)).first()
    if course is None:
        raise click.ClickException(f"No course {code.upper()}"
                                   + (f" version {version}." if version else "."))
    export_package(course, path)
    click.echo(f"Exported {course.code} version {course.version} to {path}.")


def import_shipped(*, now, folder: Path = SHIPPED) -> list[str]:
    """Import and publish every package in `folder` (the top-level courses/) that is not
    there yet; a line per package. One bad package does not stop the others."""
    packages, lines = {}, []
    for path in sorted(folder.glob(f"*/{MANIFEST}")):
        try:
            packages[path.parent] = read_package(path.parent)
        except PackageError as error:
            lines.append(f"  {path.parent.name}: not imported:\n{explain(error)}")
    for package in import_order(packages):
        name = f"{packages[package]['code']} v{packages[package]['version']}"
        try:
            with db.session.begin_nested():
                course = import_package(package, now=now, publish_it=True, skip_existing=True)
        except ElearnError as error:
            lines.append(f"  {package.name}: {name} not imported: {explain(error)}")
            continue
        lines.append(f"  {package.name}: {name} " + ("published" if course else "already there"))
    return lines
