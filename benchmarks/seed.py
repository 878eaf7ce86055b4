"""A realistic data set, bulk-inserted: countries, people, courses, offerings, enrolments,
progress and certificates, at the chosen scale."""

from __future__ import annotations

import random
import secrets
from datetime import timedelta

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
    for start in range(0, len(rows), CHUNK):
        db.session.execute(insert(model), rows[start:start + CHUNK])


def _code(length: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def seed(app, scale) -> dict:
    """Build the schema and the data; return what the scenarios need to address it."""
    rng = random.Random(2026)
    now = utcnow()
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)
        seed_countries()
        codes = [country[0] for country in PARTNER_COUNTRIES]
        password = hash_password(PASSWORD)
        users = [{"id": n + 1, "email": email, "name": email.split("@")[0], "country_code": c,
                  "gender": "female", "active": True, "password_hash": password,
                  "created_at": now, "updated_at": now}
                 for n, (email, _role, c) in enumerate(ROLES)]
        users += [{"id": n, "email": f"officer{n}@bench.elearn", "name": f"Officer {n}",
                   "country_code": codes[n % len(codes)], "gender": GENDERS[n % len(GENDERS)],
                   "active": True, "password_hash": password, "created_at": now,
                   "updated_at": now} for n in range(len(ROLES) + 1, scale.users + 1)]
        _bulk(User, users)
        roles = [{"user_id": n + 1, "role": role} for n, (_e, role, _c) in enumerate(ROLES)]
        roles += [{"user_id": user["id"], "role": "trainee"} for user in users[len(ROLES):]]
        _bulk(RoleAssignment, roles)

        courses, modules, lessons, quizzes, questions = [], [], [], [], []
        lesson_ids: dict[int, list[int]] = {}
        for c in range(1, scale.courses + 1):
            courses.append({
                "id": c, "code": f"BENCH-{c}", "version": 1, "status": "published",
                "owner_country_code": None, "category": ("human-rights", "leadership",
                                                          "cybercrime")[c % 3],
                "level": "beginner", "default_language": "en", "languages": ["en", "ar"],
                "title": {"en": f"Policing course {c}", "ar": f"دورة الشرطة {c}"},
                "description": {"en": "Community policing and human rights in practice."},
                "search_text": f"policing course {c}\nدورة الشرطة {c}\ncommunity policing",
                "certificate_validity_months": 24, "created_at": now, "updated_at": now,
                "published_at": now})
            for m in range(1, scale.modules_per_course + 1):
                module_id = len(modules) + 1
                modules.append({"id": module_id, "course_id": c, "position": m,
                                "title": {"en": f"Module {m}"}})
                for position in range(1, scale.lessons_per_module + 1):
                    lesson_id = len(lessons) + 1
                    last = (m == scale.modules_per_course
                            and position == scale.lessons_per_module)
                    lessons.append({
                        "id": lesson_id, "course_id": c, "module_id": module_id,
                        "key": f"m{m}-l{position}", "position": position,
                        "kind": "quiz" if last else "text", "required": True,
                        "title": {"en": f"Lesson {m}.{position}"},
                        "body": {"en": "Read this carefully. " * 40}, "url": {}})
                    lesson_ids.setdefault(c, []).append(lesson_id)
                    if last:
                        quizzes.append({"id": c, "lesson_id": lesson_id, "pass_mark": 50,
                                        "max_attempts": None})
                        for q in (1, 2):
                            questions.append({
                                "quiz_id": c, "position": q, "kind": "single_choice",
                                "points": 1, "text": {"en": f"Question {q}"}, "explanation": {},
                                "choices": [{"key": k, "text": {"en": k}, "correct": k == "a"}
                                            for k in ("a", "b", "c")]})
        for model, rows in ((Course, courses), (Module, modules), (Lesson, lessons),
                            (Quiz, quizzes), (Question, questions)):
            _bulk(model, rows)

        offerings = [{"id": o, "course_id": (o - 1) % scale.courses + 1, "country_code": None,
                      "mode": "self_paced", "starts_at": now - timedelta(days=30),
                      "ends_at": now + timedelta(days=300), "seats_taken": 0,
                      "waitlist_enabled": True, "approval_required": False,
                      "self_enrollment": True, "created_at": now, "updated_at": now}
                     for o in range(1, scale.offerings + 1)]
        _bulk(Offering, offerings)
        _bulk(OfferingTrainer, [{"offering_id": 1, "user_id": 3, "role": "co_facilitator"}])

        learners = [user["id"] for user in users[len(ROLES):]]
        enrollments = [{"id": 1, "user_id": 4, "offering_id": 1, "status": "enrolled",
                        "progress_percent": 10, "enrolled_at": now, "created_at": now,
                        "updated_at": now}]
        for n in range(scale.enrollments - 1):
            status = rng.choices(("enrolled", "completed", "withdrawn"), (65, 30, 5))[0]
            enrollments.append({
                "id": n + 2, "user_id": learners[n % len(learners)],
                "offering_id": (n // len(learners)) % scale.offerings + 1, "status": status,
                "progress_percent": 100 if status == "completed" else rng.randint(0, 90),
                "enrolled_at": now - timedelta(days=rng.randint(1, 300)),
                "completed_at": now - timedelta(days=rng.randint(0, 30))
                if status == "completed" else None,
                "created_at": now, "updated_at": now})
        _bulk(Enrollment, enrollments)

        events = []
        for n in range(scale.progress_events):
            enrollment = enrollments[n % len(enrollments)]
            course = (enrollment["offering_id"] - 1) % scale.courses + 1
            events.append({"enrollment_id": enrollment["id"],
                           "lesson_id": rng.choice(lesson_ids[course]),
                           "kind": rng.choice(("viewed", "completed")),
                           "client_event_id": f"seed-{n}", "occurred_at": now,
                           "received_at": now})
        _bulk(ProgressEvent, events)

        completed = [e for e in enrollments if e["status"] == "completed"][:scale.certificates]
        certificates = [{
            "kind": "course", "holder_id": e["user_id"],
            "country_code": users[e["user_id"] - 1]["country_code"],
            "course_code": f"BENCH-{(e['offering_id'] - 1) % scale.courses + 1}",
            "course_id": (e["offering_id"] - 1) % scale.courses + 1, "enrollment_id": e["id"],
            "title": {"en": "Policing course"}, "issued_at": e["completed_at"],
            "expires_at": e["completed_at"] + timedelta(days=730),
            "code": _code(26), "short_code": _code(10)} for e in completed]
        _bulk(Certificate, certificates)
        db.session.commit()
        if db.engine.dialect.name == "postgresql":
            for table in ("users", "courses", "course_modules", "lessons", "quizzes",
                          "offerings", "enrollments"):
                db.session.execute(db.text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT max(id) FROM {table}))"))
            db.session.execute(db.text("ANALYZE"))
            db.session.commit()
        return {"course_id": 1, "offering_id": 1, "enrollment_id": 1,
                "lesson_ids": lesson_ids[1], "certificate_code": certificates[0]["short_code"]
                if certificates else None, "quiz_id": 1}
