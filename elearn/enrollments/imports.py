"""Enrolment of many people at once from a CSV of e-mail addresses, all or nothing."""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l

from ..accounts.models import User, lower_email
from ..accounts.permissions import require_admin
from ..accounts.services import users_by_email
from ..audit.services import record
from ..errors import ElearnError, RuleViolation, translate_messages
from ..extensions import db
from ..web.csvfiles import read_csv
from .models import Offering
from .services import enroll

COLUMNS = ("email", "name")  # name is informative; the e-mail identifies the person
def import_enrollments(actor: User, offering: Offering, data: bytes, *, dry_run: bool,
                       now: datetime) -> dict:
    """Enrol everyone listed; with an error on any row, enrol nobody and report every row.

    Each row is applied inside a savepoint so its own rule violations are reported, and the
    whole import inside one more, rolled back for a dry run or when any row failed.
    """
    require_admin(actor)
    rows = read_csv(data, columns=COLUMNS, required=("email",))
    people = users_by_email([lower_email(row.cells.get("email", "")) for row in rows],
                            actor=actor)
    results, errors, seen = [], [], {}
    outer = db.session.begin_nested()
    for row in rows:
        email = lower_email(row.cells.get("email", ""))
        user = people.get(email)
        if email in seen:
            problem = _l("This e-mail address is already on line %(line)d.", line=seen[email])
        elif user is None:
            problem = _l("No user with this e-mail address in your scope.")
        else:
            problem = None
        seen.setdefault(email, row.line)
        if problem is not None:
            errors.append({"line": row.line, "email": email or None,
                           "errors": {"email": [problem]}})
            continue
        try:
            with db.session.begin_nested():
                enrollment = enroll(actor, offering, user, now=now)
            results.append({"line": row.line, "email": email, "status": enrollment.status})
        except ElearnError as error:
            errors.append({"line": row.line, "email": email, "errors": {
                "email": [error.detail or error.title]} | (error.errors or {})})
    report = {"dry_run": dry_run, "valid": not errors, "rows": results,
              "enrolled": sum(1 for row in results if row["status"] == "enrolled"),
              "waitlisted": sum(1 for row in results if row["status"] == "waitlisted"),
              "row_errors": translate_messages(errors)}
    if dry_run or errors:
        outer.rollback()
        db.session.expire(offering)
    else:
        outer.commit()
    if errors and not dry_run:
        raise RuleViolation(
            _l("%(num)d rows have errors; nothing was imported.", num=len(errors)),
            type="import-failed", errors={"file": [_l("Some rows have errors.")]},
            extra={"row_errors": report["row_errors"]},
        )
    if not dry_run:
        record(actor, "enrollment.import", "offering", offering.id,
               country_code=offering.country_code or actor.country_code,
               details={"enrolled": report["enrolled"], "waitlisted": report["waitlisted"]},
               now=now)
    return report
