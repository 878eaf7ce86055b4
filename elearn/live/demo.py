"""Demo data: a blended run of the training-of-trainers course in Fiji with three sessions
(two of them to attend to complete), a Tongan trainer and a Fijian trainee enrolled."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from flask import current_app
from sqlalchemy import select

from ..accounts.models import User
from ..courses.models import Course, CourseStatus
from ..enrollments.models import Offering
from ..enrollments.services import create_offering, enroll, missing_prerequisites
from ..extensions import db
from ..timeutils import utcnow, zone
from .sessions import plan_session

TITLE = "Training of trainers, blended (demo)"


def _user(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == email))


def demo_sessions(admin_email: str, trainer_email: str, trainee_email: str) -> list[str]:
    """Once: nothing happens when the offering exists or a demo user or the course is missing."""
    admin, trainer, trainee = (_user(e) for e in (admin_email, trainer_email, trainee_email))
    course = db.session.scalar(select(Course).where(
        Course.code == current_app.config["TRAINING_OF_TRAINERS_CODE"],
        Course.status == CourseStatus.PUBLISHED).order_by(Course.version.desc()))
    if None in (admin, trainer, trainee, course) or db.session.scalar(
            select(Offering.id).where(Offering.title == TITLE)):
        return []
    now = utcnow()
    suva = zone("Pacific/Fiji")
    first_day = now.astimezone(suva).date() + timedelta(days=2)
    offering = create_offering(admin, {
        "course_id": course.id, "mode": "blended", "country": "FJ", "title": TITLE,
        "starts_at": datetime.combine(first_day, time(0), suva),
        "ends_at": datetime.combine(first_day + timedelta(days=28), time(0), suva),
        "min_sessions_attended": 2,
        "trainers": [{"user_id": trainer.id, "role": "co_facilitator"}]}, now=now)
    if missing_prerequisites(trainee, course):  # a Fijian officer who has the prerequisites
        trainee = next((user for user in db.session.scalars(select(User).where(
            User.country_code == "FJ", User.active).order_by(User.id))
            if not missing_prerequisites(user, course)), None)
    if trainee is not None:
        enroll(trainee, offering, trainee, now=now)
    for number, title in enumerate(("Adult learning principles", "Designing a session",
                                    "Practice delivery")):
        day = first_day + timedelta(days=7 * number)
        plan_session(admin, offering, {
            "title": title, "starts_at": datetime.combine(day, time(9), suva),
            "ends_at": datetime.combine(day, time(11), suva),
            "meeting_url": "https://meet.example.org/tot"}, now=now)
    enrolled = f"{trainee.email} enrolled, " if trainee is not None else ""
    return ["Live sessions:", f"  offering {offering.id}: {TITLE}, 3 sessions "
            f"(2 to attend), {enrolled}{trainer.email} trains"]
