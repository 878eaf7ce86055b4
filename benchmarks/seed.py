"""A realistic data set, bulk-inserted: countries, people, courses, offerings, enrolments,
progress and certificates, at the chosen scale."""

from __future__ import annotations

import json
import random
import secrets
from datetime import UTC, timedelta

from flask_migrate import upgrade
from sqlalchemy import insert

from elearn.accounts.countries import PARTNER_COUNTRIES, seed_countries
from elearn.accounts.models import RoleAssignment, User
from elearn.accounts.passwords import hash_password
from elearn.certification.models import Certificate
from elearn.courses.models import Course, Lesson, Module, Question, Quiz
from elearn.enrollments.models import Enrollment, Offering, OfferingTrainer, ProgressEvent
from elearn.extensions import db
from elearn.timeutils import utcnow

from .courses import course_rows

PASSWORD = "benchmark passphrase 2026"
CHUNK = 5_000
GENDERS = ("female", "male", "female", "male", "other", "undisclosed")
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
# The people scenarios sign in as; ids 1-4, in this order.
ROLES = (("admin@bench.elearn", "programme_admin", "FJ"),
         ("admin.fj@bench.elearn", "national_admin", "FJ"),
         ("trainer@bench.elearn", "trainer", "FJ"),
         ("trainee@bench.elearn", "trainee", "TO"))


def _bulk(model, rows) -> None:
    """Through SQLAlchemy, for the small tables with JSON columns."""
    for start in range(0, len(rows), CHUNK):
        db.session.execute(insert(model), rows[start:start + CHUNK])


class Copier:
    """The big tables go straight to the driver: COPY on PostgreSQL, executemany on SQLite.

    Rows carry values as the database stores them (``value`` converts the few that differ),
    so no per-row ORM or type processing runs: millions of rows take seconds.
    """

    def __init__(self):
        self.dialect = db.engine.dialect.name
        self.raw = db.session.connection().connection.driver_connection

    def value(self, item):
        if isinstance(item, dict | list):
            return json.dumps(item)
        if self.dialect == "sqlite":
            if hasattr(item, "astimezone"):  # SQLAlchemy's SQLite format: naive UTC
                return item.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
            if isinstance(item, bool):
                return int(item)
        return item

    def rows(self, model, columns: tuple[str, ...], rows) -> None:
        """Insert ``rows`` (tuples in the order of ``columns``) into ``model``'s table."""
        names, table = ", ".join(columns), model.__table__.name
        cursor = self.raw.cursor()
        if self.dialect == "postgresql":
            with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join("?" for _ in columns)
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)
        cursor.close()


def _code(length: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def _people(copier: Copier, scale, now) -> list[str]:
    """Users and their roles; returns each user's country code, by id - 1."""
    codes = [country[0] for country in PARTNER_COUNTRIES]
    stamp, yes, password = copier.value(now), copier.value(True), hash_password(PASSWORD)
    people = [(n + 1, email, email.split("@")[0], country, "female")
              for n, (email, _role, country) in enumerate(ROLES)]
    people += [(n, f"officer{n}@bench.elearn", f"Officer {n}", codes[n % len(codes)],
                GENDERS[n % len(GENDERS)]) for n in range(len(ROLES) + 1, scale.users + 1)]
    copier.rows(User, ("id", "email", "name", "country_code", "gender", "active",
                       "password_hash", "created_at", "updated_at"),
                (row + (yes, password, stamp, stamp) for row in people))
    roles = [(n + 1, role) for n, (_e, role, _c) in enumerate(ROLES)]
    roles += [(row[0], "trainee") for row in people[len(ROLES):]]
    copier.rows(RoleAssignment, ("user_id", "role"), roles)
    return [row[3] for row in people]


def _offerings(scale, now) -> None:
    extra = scale.import_runs + 1  # empty offerings for the enrolment imports
    _bulk(Offering, [{"id": o, "course_id": (o - 1) % scale.courses + 1, "country_code": None,
                      "mode": "self_paced", "starts_at": now - timedelta(days=30),
                      "ends_at": now + timedelta(days=300), "seats_taken": 0,
                      "waitlist_enabled": True, "approval_required": False,
                      "self_enrollment": True, "created_at": now, "updated_at": now}
                     for o in range(1, scale.offerings + extra + 1)])
    _bulk(OfferingTrainer, [{"offering_id": 1, "user_id": 3, "role": "co_facilitator"}])


def _enrollments(copier: Copier, scale, rng, now) -> list[tuple]:
    """(id, user_id, offering_id, status, completed_at) of every enrolment, inserted.

    Learner r = n % L in offering (r + n // L) % O: about 100 people per offering, and no
    pair twice while there are fewer rounds n // L than offerings.
    """
    learners = scale.users - len(ROLES)
    stamp = copier.value(now)
    kept = [(1, 4, 1, "enrolled", None)]
    rows = [(1, 4, 1, "enrolled", 10, stamp, None, stamp, stamp)]
    for n in range(scale.enrollments - 1):
        status = rng.choices(("enrolled", "completed", "withdrawn"), (65, 30, 5))[0]
        completed = now - timedelta(days=rng.randint(0, 30)) if status == "completed" else None
        user = len(ROLES) + 1 + n % learners
        offering = (n % learners + n // learners) % scale.offerings + 1
        kept.append((n + 2, user, offering, status, completed))
        rows.append((n + 2, user, offering, status,
                     100 if status == "completed" else rng.randint(0, 90),
                     copier.value(now - timedelta(days=rng.randint(1, 300))),
                     copier.value(completed) if completed else None, stamp, stamp))
    copier.rows(Enrollment, ("id", "user_id", "offering_id", "status", "progress_percent",
                             "enrolled_at", "completed_at", "created_at", "updated_at"), rows)
    return kept


def _progress(copier: Copier, scale, rng, enrollments, lesson_ids, now) -> None:
    stamp, kinds = copier.value(now), ("viewed", "completed")
    count = len(enrollments)
    copier.rows(ProgressEvent, ("enrollment_id", "lesson_id", "kind", "client_event_id",
                                "occurred_at", "received_at"), (
        (enrollments[n % count][0],
         rng.choice(lesson_ids[(enrollments[n % count][2] - 1) % scale.courses + 1]),
         kinds[n & 1], f"seed-{n}", stamp, stamp)
        for n in range(scale.progress_events)))


def _certificates(copier: Copier, scale, enrollments, countries) -> str | None:
    completed = [e for e in enrollments if e[3] == "completed"][:scale.certificates]
    title = copier.value({"en": "Policing course"})
    rows = []
    for enrollment_id, user, offering, _status, completed_at in completed:
        course = (offering - 1) % scale.courses + 1
        rows.append(("course", user, f"Officer {user}", countries[user - 1], f"BENCH-{course}",
                     course, enrollment_id, title, copier.value(completed_at),
                     copier.value(completed_at + timedelta(days=730)), _code(26), _code(10)))
    copier.rows(Certificate, ("kind", "holder_id", "holder_name", "country_code", "course_code",
                              "course_id", "enrollment_id", "title", "issued_at", "expires_at",
                              "code", "short_code"), rows)
    return rows[0][-1] if rows else None


def seed(app, scale) -> dict:
    """Build the schema and the data; return what the scenarios need to address it."""
    rng = random.Random(2026)
    now = utcnow()
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)
        seed_countries()
        copier = Copier()
        countries = _people(copier, scale, now)
        tables, lesson_ids = course_rows(scale, now)
        for model, rows in zip((Course, Module, Lesson, Quiz, Question), tables, strict=True):
            _bulk(model, rows)
        _offerings(scale, now)
        enrollments = _enrollments(copier, scale, rng, now)
        _progress(copier, scale, rng, enrollments, lesson_ids, now)
        certificate_code = _certificates(copier, scale, enrollments, countries)
        db.session.execute(db.text(
            "UPDATE offerings SET seats_taken = (SELECT count(*) FROM enrollments "
            "WHERE enrollments.offering_id = offerings.id AND status IN ('enrolled', "
            "'completed'))"))
        db.session.commit()
        _analyze()
        return {"course_id": 1, "offering_id": 1, "enrollment_id": 1,
                "lesson_ids": lesson_ids[1], "certificate_code": certificate_code,
                "quiz_id": 1, "import_offering_ids": list(range(
                    scale.offerings + 1, scale.offerings + scale.import_runs + 2)),
                "import_emails": [f"officer{n}@bench.elearn" for n in range(
                    len(ROLES) + 1, min(scale.users, len(ROLES) + scale.enrollment_import) + 1)]}


def _analyze() -> None:
    """Fresh planner statistics, as a production database would have."""
    if db.engine.dialect.name == "postgresql":
        for table in ("users", "courses", "course_modules", "lessons", "quizzes",
                      "offerings", "enrollments", "certificates"):
            db.session.execute(db.text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT max(id) FROM {table}))"))
    db.session.execute(db.text("ANALYZE"))
    db.session.commit()
