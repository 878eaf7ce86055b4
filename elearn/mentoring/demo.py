"""Demo data: a running programme with one pairing, so `elearn demo` shows a mentor's view."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from ..accounts.models import User
from ..courses.models import Course, CourseStatus
from ..extensions import db
from ..timeutils import utcnow
from . import programmes, selection
from .models import Programme
from .pairings import care, lifecycle
from .plans import tracking

NAME = "Women in policing leadership (demo)"
MENA_NAME = "Women in policing leadership, Middle East and North Africa (demo)"


def _user(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == email))


def demo_programme(admin_email: str, mentor_email: str, mentee_email: str, *,
                   name: str = NAME, countries=("TO", "JO", "MA", "FJ"),
                   language: str = "en") -> list[str]:
    """A programme that started two months ago, pairing the demo mentor with a demo trainee
    (once: nothing happens when it exists or a demo user is missing)."""
    admin, mentor, mentee = (_user(e) for e in (admin_email, mentor_email, mentee_email))
    if None in (admin, mentor, mentee) or db.session.scalar(
            select(Programme.id).where(Programme.name == name)):
        return []
    now = utcnow()
    start = (now - timedelta(days=60)).date().replace(day=1)
    window = datetime.combine(start - timedelta(days=20), datetime.min.time(), tzinfo=UTC)
    pathway = list(db.session.scalars(select(Course.id).where(
        Course.status == CourseStatus.PUBLISHED).order_by(Course.code).limit(2)))
    programme = programmes.create_programme(admin, {
        "name": name, "starts_on": start, "applications_open_on": start - timedelta(days=45),
        "applications_close_on": start - timedelta(days=10), "pathway_course_ids": pathway,
        "countries": [{"country": code, "seats": 2} for code in countries],
        "eligible_gender": "female"}, now=window)
    application = selection.apply(mentee, programme, mentee, {
        "motivation": "Lead community policing in my district.",
        "area_of_work": "community policing", "languages": [language],
        "supervisor_name": "Supt. Fifita", "supervisor_endorsement": "Endorsed."}, now=window)
    for decision in ("shortlist", "select"):
        selection.decide(admin, application, decision, "Demo selection", now=window)
    lifecycle.add_mentor(admin, programme, mentor, {"max_mentees": 3, "languages": [language],
                                                   "expertise": ["community policing"]},
                        now=window)
    pairing = lifecycle.create_pairing(admin, programme, application, mentor.id, now=window)
    for person in (mentor, mentee):
        care.acknowledge_conduct(person, pairing, now=window)
    started = datetime.combine(start, datetime.min.time(), tzinfo=UTC)
    lifecycle.confirm(admin, pairing, now=started)
    tracking.log_checkin(mentor, pairing, {"held_on": start + timedelta(days=7), "minutes": 60,
                                        "topics": "Onboarding and the development plan",
                                        "private_notes": "Keen; wants a leadership role."},
                      now=started + timedelta(days=8))
    return ["Mentoring:", f"  programme {programme.id}: {name}, started {start.isoformat()}",
            f"  pairing {pairing.id}: {mentor.email} mentors {mentee.email} "
            "(GET /api/v1/me/mentees as the mentor)"]
