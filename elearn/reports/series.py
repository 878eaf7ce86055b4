"""Monthly trends and the cascade of trainers: set-based queries, grouped in the database."""

from __future__ import annotations

from sqlalchemy import and_, func, select
from sqlalchemy.orm import aliased

from ..accounts.models import User
from ..cells import GENDERS, between, month_of
from ..certification.models import Certificate, CertificateKind
from ..courses.models import Course
from ..enrollments.models import (
    Enrollment,
    EnrollmentStatus,
    Offering,
    OfferingTrainer,
    TrainerRole,
)
from ..extensions import db
from .kpis import course_filters, report_countries


def _series(column, codes, filters, extra=()):
    month = month_of(column)
    stmt = (select(month, User.gender, func.count())
            .join(User, Enrollment.user_id == User.id)
            .join(Offering, Enrollment.offering_id == Offering.id)
            .join(Course, Offering.course_id == Course.id)
            .where(User.country_code.in_(codes), column.is_not(None), *extra,
                   *course_filters(filters))
            .group_by(month, User.gender))
    period = between(column, filters)
    if period is not None:
        stmt = stmt.where(period)
    return list(db.session.execute(stmt))


def monthly_trends(actor: User, filters: dict) -> dict:
    """Enrolments started and completed per month, by gender."""
    codes = [country.code for country in report_countries(actor, filters)]
    months: dict[str, dict] = {}

    def add(rows, figure):
        for month, gender, count in rows:
            entry = months.setdefault(month, {"month": month} | {
                name: dict.fromkeys(GENDERS, 0) for name in ("enrolled", "completed")})
            entry[figure][gender] = count

    add(_series(Enrollment.enrolled_at, codes, filters), "enrolled")
    add(_series(Enrollment.completed_at, codes, filters,
                (Enrollment.status == EnrollmentStatus.COMPLETED,)), "completed")
    return {"months": [months[key] for key in sorted(months)]}


def cascade_reach(actor: User, filters: dict) -> dict:
    """Certified trainers → the offerings they led → the officers who completed them."""
    codes = [country.code for country in report_countries(actor, filters)]
    certified = select(Certificate.holder_id).where(
        Certificate.kind == CertificateKind.TRAINER, Certificate.revoked_at.is_(None))
    led = (OfferingTrainer.role == TrainerRole.LEAD, OfferingTrainer.user_id.in_(certified),
           User.country_code.in_(codes))
    trainers = {
        trainer_id: {"trainer_id": trainer_id, "name": name, "country": country,
                     "offerings_led": offerings,
                     "officers_completed": dict.fromkeys(GENDERS, 0)}
        for trainer_id, name, country, offerings in db.session.execute(
            select(OfferingTrainer.user_id, User.name, User.country_code,
                   func.count(OfferingTrainer.offering_id))
            .join(User, OfferingTrainer.user_id == User.id).where(*led)
            .group_by(OfferingTrainer.user_id, User.name, User.country_code))
    }
    learner = aliased(User)
    for trainer_id, gender, completed in db.session.execute(
        select(OfferingTrainer.user_id, learner.gender, func.count(Enrollment.id))
        .join(User, OfferingTrainer.user_id == User.id)
        .join(Enrollment, and_(Enrollment.offering_id == OfferingTrainer.offering_id,
                               Enrollment.status == EnrollmentStatus.COMPLETED))
        .join(learner, learner.id == Enrollment.user_id)
        .where(*led).group_by(OfferingTrainer.user_id, learner.gender)
    ):
        trainers[trainer_id]["officers_completed"][gender] = completed
    rows = sorted(trainers.values(), key=lambda row: (row["country"], row["name"]))
    return {"trainers": rows,
            "total_completed": {gender: sum(row["officers_completed"][gender] for row in rows)
                                for gender in GENDERS}}
