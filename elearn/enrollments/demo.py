"""Demo activity: officers of four countries, women and men, who enrolled in the shipped
courses over the last months and mostly completed them, so that the demo's donor report
shows real figures above the small-cell threshold."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from sqlalchemy import insert, select

from ..accounts.models import User
from ..accounts.services import create_user
from ..extensions import db
from .models import Enrollment, EnrollmentStatus, Offering

# Country: (women, men). Every cell stays at or above the default threshold of 5.
LEARNERS = {"FJ": (9, 7), "TO": (7, 6), "JO": (8, 9), "PG": (6, 8)}
GIVEN = {"female": ("Ana", "Mele", "Salote", "Lina", "Rania", "Grace", "Vika", "Noor", "Kesa"),
         "male": ("Sione", "Josefa", "Omar", "Tevita", "Ravi", "Karim", "Peni", "John", "Ali")}
MONTHS = 5  # enrolments spread over the last months, completions a few weeks later


def _email(country: str, gender: str, number: int) -> str:
    return f"learner.{country.lower()}.{gender[0]}{number}@demo.elearn"


def demo_activity(password_hash: str, *, now: datetime) -> list[str]:
    """Create the demo learners and their enrolments, once; return lines to print."""
    if db.session.scalar(select(User.id).where(User.email == _email("FJ", "female", 1))):
        return []
    offerings = list(db.session.scalars(select(Offering.id).order_by(Offering.id)))
    if not offerings:
        return []
    chance = random.Random(2026)  # the same demo every time
    rows, people = [], 0
    for country, counts in LEARNERS.items():
        for gender, count in zip(("female", "male"), counts, strict=True):
            for number in range(1, count + 1):
                user = create_user(None, {
                    "email": _email(country, gender, number), "country": country,
                    "name": f"{GIVEN[gender][number - 1]} {country} {number}", "gender": gender,
                    "roles": ["trainee"], "active": False}, now=now)
                # Active with the demo password, without an invitation in the outbox.
                user.password_hash, user.active = password_hash, True
                people += 1
                for offering in chance.sample(offerings, k=min(2, len(offerings))):
                    enrolled = now - timedelta(days=chance.randint(20, 30 * MONTHS))
                    done = chance.random() < 0.8
                    completed = min(now, enrolled + timedelta(days=chance.randint(7, 40)))
                    rows.append({
                        "user_id": user.id, "offering_id": offering,
                        "status": (EnrollmentStatus.COMPLETED if done
                                   else EnrollmentStatus.ENROLLED).value,
                        "progress_percent": 100 if done else chance.choice((0, 30, 60)),
                        "enrolled_at": enrolled, "created_at": enrolled, "updated_at": now,
                        "completed_at": completed if done else None})
    db.session.execute(insert(Enrollment), rows)
    db.session.flush()
    return [f"Demo activity: {people} officers in {len(LEARNERS)} countries, "
            f"{len(rows)} enrolments over the last {MONTHS} months"]
