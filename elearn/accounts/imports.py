"""CSV import and export of users: one set of columns, all-or-nothing imports."""

from __future__ import annotations

from datetime import datetime

import marshmallow as ma
from flask_babel import lazy_gettext as _l
from sqlalchemy import insert, select

from ..audit.services import record
from ..extensions import db
from ..web.csvfiles import CsvRow, write_csv
from ..web.tables import read_table, refuse_bad_rows, table_source
from .invitations import invite_new_users
from .models import Country, Gender, RoleAssignment, User, lower_email
from .permissions import admin_countries, assignable_roles, can_manage_user, require_admin
from .schemas import UserCreateSchema
from .services import UNAVAILABLE_EMAIL, revoke_sessions, users_by_email

COLUMNS = ("email", "name", "country", "gender", "agency", "rank", "language", "timezone",
           "roles", "active")
REQUIRED_COLUMNS = ("email", "name", "country")


class ImportRowSchema(UserCreateSchema):
    class Meta:
        exclude = ("password",)


ROW_SCHEMA = ImportRowSchema()  # built once: building a schema costs more than a row's load


def export_csv(users) -> str:
    """CSV text of `users`, in the import's columns."""
    return write_csv(COLUMNS, (
        (user.email, user.name, user.country_code, user.gender, user.agency, user.rank,
         user.language, user.timezone, ";".join(sorted(user.roles)),
         "true" if user.active else "false")
        for user in users
    ))


def _parse_row(row: CsvRow) -> dict:
    if row.overflow:
        raise ma.ValidationError({"file": [_l("This row has more cells than the header.")]})
    cells = dict(row.cells)
    if "roles" in cells:
        cells["roles"] = [role.strip() for role in cells["roles"].split(";") if role.strip()]
    return ROW_SCHEMA.load(cells)


PROFILE_FIELDS = ("name", "gender", "agency", "rank", "language", "timezone", "active")


def _row_changes(user: User, data: dict) -> dict:
    changes = {}
    for field in PROFILE_FIELDS:
        if field in data and getattr(user, field) != data[field]:
            changes[field] = data[field]
    if data.get("country", user.country_code) != user.country_code:
        changes["country_code"] = data["country"]
    if "roles" in data and set(data["roles"]) != user.roles:
        changes["roles"] = data["roles"]
    return changes


def import_users(actor: User, data: bytes, *, dry_run: bool, now: datetime) -> dict:
    """Create or update users from CSV or .xlsx, all or nothing; return the per-row report.

    Rows whose e-mail exists in the actor's scope update that user; new e-mails create users.
    With errors in any row nothing is written and RuleViolation carries the whole report
    (`dry_run` returns it instead).
    """
    require_admin(actor)
    table = read_table(data, columns=COLUMNS, required=REQUIRED_COLUMNS)
    rows = table.rows
    countries = set(db.session.scalars(select(Country.code)))
    allowed_countries = admin_countries(actor)
    allowed_roles = assignable_roles(actor)
    parsed, errors, first_line = [], [], {}
    for row in rows:
        line = row.line
        email = lower_email(row.cells.get("email", "")) or None
        try:
            values = _parse_row(row)
        except ma.ValidationError as error:
            errors.append({"line": line, "email": email, "errors": error.messages})
            continue
        row_errors = {}
        if values["country"] not in countries:
            row_errors["country"] = [_l("Unknown country.")]
        elif allowed_countries is not None and values["country"] not in allowed_countries:
            row_errors["country"] = [_l("You can only manage your own country.")]
        if set(values.get("roles", [])) - allowed_roles:
            row_errors["roles"] = [_l("You may not assign one of these roles.")]
        if email in first_line:
            row_errors["email"] = [_l("This e-mail address is already on line %(line)d.",
                                      line=first_line[email])]
        first_line.setdefault(email, line)
        if row_errors:
            errors.append({"line": line, "email": email, "errors": row_errors})
        else:
            parsed.append((line, email, values))
    existing = users_by_email([email for _, email, _ in parsed])
    results = []
    for line, email, values in parsed:
        user = existing.get(email)
        if user is not None and not can_manage_user(actor, user):
            errors.append({"line": line, "email": email,
                           "errors": {"email": [UNAVAILABLE_EMAIL]}})
            continue
        action = "create" if user is None else ("update" if _row_changes(user, values)
                                                else "unchanged")
        results.append({"line": line, "email": email, "action": action, "values": values})
    errors.sort(key=lambda error: error["line"])
    report = _report(results, errors, dry_run=dry_run) | table_source(table)
    refuse_bad_rows(report)
    if not dry_run:
        _write(actor, results, existing, now=now)
    return report


def _report(results, errors, *, dry_run):
    counts = {action: sum(1 for row in results if row["action"] == action)
              for action in ("create", "update", "unchanged")}
    return {
        "dry_run": dry_run,
        "valid": not errors,
        "created": counts["create"],
        "updated": counts["update"],
        "unchanged": counts["unchanged"],
        "rows": [{key: row[key] for key in ("line", "email", "action")} for row in results],
        "row_errors": errors,
    }


def _write(actor: User, results, existing, *, now: datetime) -> None:
    new = [row for row in results if row["action"] == "create"]
    _create(actor, new, now=now)
    country_objects = {country.code: country for country in db.session.scalars(select(Country))}
    for row in results:
        if row["action"] != "update":
            continue
        values, user = row["values"], existing[row["email"]]
        user.country = country_objects[values["country"]]
        for field in PROFILE_FIELDS:
            if field in values:
                setattr(user, field, values[field])
        if "roles" in values or not user.role_rows:
            user.set_roles(values.get("roles", ["trainee"]))
        user.updated_at = now
        if values.get("active") is False:
            revoke_sessions(user, now=now)
    db.session.flush()
    record(actor, "user.import", "user", "import", country_code=(
        actor.country_code if admin_countries(actor) else None),
        details={key: sum(1 for row in results if row["action"] == key)
                 for key in ("create", "update", "unchanged")}, now=now)


def _create(actor: User, rows, *, now: datetime) -> None:
    """New users and their roles in two set-based INSERTs (10,000 rows in well under a
    second), not one ORM object each. They have no password: the active ones are invited to
    choose one (one more INSERT of invitations, one of their mails)."""
    if not rows:
        return
    ids = dict(db.session.execute(insert(User).returning(User.email, User.id), [{
        "email": row["email"], "name": row["values"]["name"],
        "country_code": row["values"]["country"],
        "gender": row["values"].get("gender", Gender.UNDISCLOSED.value),
        "agency": row["values"].get("agency"), "rank": row["values"].get("rank"),
        "language": row["values"].get("language"), "timezone": row["values"].get("timezone"),
        "active": row["values"].get("active", True), "password_hash": None,
        "created_at": now, "updated_at": now} for row in rows]).all())
    db.session.execute(insert(RoleAssignment), [
        {"user_id": ids[row["email"]], "role": role}
        for row in rows for role in sorted(set(row["values"].get("roles", ["trainee"])))])
    invite_new_users([ids[row["email"]] for row in rows if row["values"].get("active", True)],
                     actor=actor, now=now)
