"""Enrolment of many people at once from a CSV of e-mail addresses, all or nothing.

Every row meets the rules of one enrolment (`services.enroll`), checked for the whole file
at once: the same number of statements whatever its length."""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Row, insert, select, update

from ..accounts.models import User, lower_email
from ..accounts.permissions import require_admin, scope_users
from ..audit.services import record, record_many
from ..courses.models import Course, MandatoryExemption
from ..courses.requirements import course_requirements
from ..errors import Conflict, ElearnError, translate_messages
from ..extensions import db
from ..web.tables import read_table, refuse_bad_rows, table_source
from .models import Enrollment, EnrollmentStatus, Offering
from .services import check_may_enrol, check_not_enrolled, check_open, due_at

COLUMNS = ("email", "name")  # name is informative; the e-mail identifies the person
CHUNK = 10_000  # values per IN (...) list: one statement for any file an admin uploads


def _chunks(values: list) -> list[list]:
    return [values[start:start + CHUNK] for start in range(0, len(values), CHUNK)]


def _people(emails: list[str], actor: User) -> dict[str, Row]:
    """The listed users the actor may see, by e-mail: the columns the rules read (`id`,
    `country_code`), not whole objects."""
    found = {}
    for chunk in _chunks(sorted(set(emails))):
        found.update({user.email: user for user in db.session.execute(scope_users(
            select(User.id, User.email, User.country_code).where(User.email.in_(chunk)),
            actor))})
    return found


def _enrolments(offering: Offering, user_ids: list[int]) -> dict[int, Row]:
    """The listed people's present enrolments in the offering (`id`, `status`), by user."""
    found = {}
    for chunk in _chunks(user_ids):
        found.update({row.user_id: row for row in db.session.execute(
            select(Enrollment.user_id, Enrollment.id, Enrollment.status).where(
                Enrollment.offering_id == offering.id, Enrollment.user_id.in_(chunk)))})
    return found


def missing_prerequisites_of(user_ids: list[int], course: Course) -> dict[int, list[str]]:
    """Per user, the codes they must complete (any version) before `course`: its
    prerequisites and its category's mandatory courses less their exemptions."""
    required, mandatory = course_requirements(course)
    exempt: dict[int, set[str]] = {}
    done: dict[int, set[str]] = {}
    for chunk in _chunks(user_ids) if mandatory else ():
        for user_id, code in db.session.execute(
                select(MandatoryExemption.user_id, MandatoryExemption.required_code)
                .where(MandatoryExemption.user_id.in_(chunk),
                       MandatoryExemption.required_code.in_(mandatory))):
            exempt.setdefault(user_id, set()).add(code)
    for chunk in _chunks(user_ids) if required | mandatory else ():
        for user_id, code in db.session.execute(
                select(Enrollment.user_id, Course.code).distinct()
                .join(Offering, Offering.id == Enrollment.offering_id)
                .join(Course, Course.id == Offering.course_id)
                .where(Enrollment.user_id.in_(chunk),
                       Enrollment.status == EnrollmentStatus.COMPLETED,
                       Course.code.in_(required | mandatory))):
            done.setdefault(user_id, set()).add(code)
    return {user_id: sorted((required | (mandatory - exempt.get(user_id, set())))
                            - done.get(user_id, set())) for user_id in user_ids}


def _row_error(line: int, email: str | None, error: ElearnError) -> dict:
    return {"line": line, "email": email, "errors": {
        "email": [error.detail or error.title]} | (error.errors or {})}


def _checked(actor: User, offering: Offering, rows, *, now: datetime):
    """The rows that may enrol, as (line, email, user, present enrolment), and the errors."""
    emails = [lower_email(row.cells.get("email", "")) for row in rows]
    people = _people(emails, actor)
    listed, errors, seen = [], [], {}
    for row, email in zip(rows, emails, strict=True):
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
        else:
            listed.append((row.line, email, user))
    user_ids = [user.id for _line, _email, user in listed]
    present = _enrolments(offering, user_ids)
    missing = missing_prerequisites_of(user_ids, offering.course)
    accepted = []
    for line, email, user in listed:
        try:
            check_may_enrol(actor, offering, user)
            check_open(offering, user, now=now, missing=missing[user.id])
            check_not_enrolled(getattr(present.get(user.id), "status", None))
        except ElearnError as error:
            errors.append(_row_error(line, email, error))
        else:
            accepted.append((line, email, user, present.get(user.id)))
    return accepted, errors


def _statuses(actor: User, offering: Offering, accepted, errors, *, lock: bool) -> list[str]:
    """Each accepted row's status in file order, as one enrolment after the other would have
    it: a free place, else the waitlist, else an error (appended to `errors`)."""
    stmt = select(Offering.capacity, Offering.seats_taken).where(Offering.id == offering.id)
    capacity, taken = db.session.execute(stmt.with_for_update() if lock else stmt).one()
    free = None if capacity is None else capacity - taken
    statuses = []
    for line, email, user, _present in accepted:
        if offering.approval_required and actor.id == user.id:
            statuses.append(EnrollmentStatus.PENDING)
        elif free is None or free > 0:
            statuses.append(EnrollmentStatus.ENROLLED)
            free = None if free is None else free - 1
        elif offering.waitlist_enabled:
            statuses.append(EnrollmentStatus.WAITLISTED)
        else:
            statuses.append(None)
            errors.append(_row_error(line, email, Conflict(_l("This offering is full."),
                                                           type="offering-full")))
    return statuses


def _enrol_all(actor: User, offering: Offering, placed, *, now: datetime) -> None:
    """Write the enrolments (new rows, withdrawn ones taken up again), the places they took
    and an audit entry for each one an admin made."""
    seats = sum(1 for _row, status in placed if status == EnrollmentStatus.ENROLLED)
    if seats:
        db.session.execute(update(Offering).where(Offering.id == offering.id)
                           .values(seats_taken=Offering.seats_taken + seats)
                           .execution_options(synchronize_session=False))
        db.session.expire(offering, ["seats_taken"])
    due = due_at(offering, now=now)
    new, again = [], []
    for (_line, _email, user, present), status in placed:
        values = {"status": status, "enrolled_by_id": actor.id, "withdrawn_at": None,
                  "completed_at": None, "updated_at": now}
        if status == EnrollmentStatus.ENROLLED:
            values |= {"enrolled_at": now, "waitlisted_at": None, "due_at": due}
        elif status == EnrollmentStatus.WAITLISTED:
            values |= {"waitlisted_at": now}
        if present is None:
            new.append({"user_id": user.id, "offering_id": offering.id, "created_at": now,
                        "enrolled_at": None, "waitlisted_at": None, "due_at": None} | values)
        else:
            again.append({"id": present.id} | values)
    if new:
        db.session.execute(insert(Enrollment.__table__), new)
    for fields in {tuple(sorted(row)) for row in again}:  # one UPDATE per set of columns
        db.session.execute(update(Enrollment), [row for row in again
                                                if tuple(sorted(row)) == fields])
    ids = _enrolments(offering, [user.id for (_l, _e, user, _p), _s in placed])
    record_many(actor, "enrollment.create", "enrollment", [
        (ids[user.id].id, user.country_code,
         {"offering": offering.id, "user": user.id, "status": status})
        for (_line, _email, user, _present), status in placed if user.id != actor.id],
        now=now)


def import_enrollments(actor: User, offering: Offering, data: bytes, *, dry_run: bool,
                       now: datetime) -> dict:
    """Enrol everyone listed; with an error on any row, enrol nobody and report every row."""
    require_admin(actor)
    table = read_table(data, columns=COLUMNS, required=("email",))
    rows = table.rows
    accepted, errors = _checked(actor, offering, rows, now=now)
    statuses = _statuses(actor, offering, accepted, errors, lock=not dry_run)
    placed = [(row, status) for row, status in zip(accepted, statuses, strict=True)
              if status is not None]
    results = [{"line": line, "email": email, "status": status}
               for (line, email, _user, _present), status in placed]
    errors.sort(key=lambda error: error["line"])
    report = {"dry_run": dry_run, "valid": not errors, "rows": results,
              "enrolled": statuses.count(EnrollmentStatus.ENROLLED),
              "waitlisted": statuses.count(EnrollmentStatus.WAITLISTED),
              "row_errors": translate_messages(errors)} | table_source(table)
    refuse_bad_rows(report)
    if not dry_run:
        _enrol_all(actor, offering, placed, now=now)
        record(actor, "enrollment.import", "offering", offering.id,
               country_code=offering.country_code or actor.country_code,
               details={"enrolled": report["enrolled"], "waitlisted": report["waitlisted"]},
               now=now)
    return report
