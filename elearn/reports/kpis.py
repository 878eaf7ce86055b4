"""The KPI report: each figure per country and gender, by GROUP BY in six queries (three in
mentoring_kpis).

Counts are cells of a country × gender table. Shared reports and exports suppress small
cells (below `ELEARN_REPORT_MIN_CELL`) and, where one suppressed cell could be recovered
from a total by subtraction, a second one beside it (complementary suppression).
"""

from __future__ import annotations

from datetime import datetime

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, case, func, or_, select

from ..accounts.models import Country, User
from ..accounts.permissions import admin_countries, require_admin
from ..cells import GENDERS, between, hide_small, sum_cells
from ..certification.models import Certificate, CertificateKind
from ..courses.models import Course
from ..enrollments.models import Enrollment, EnrollmentStatus, Offering, QuizAttempt
from ..errors import NotFound
from ..extensions import db
from . import evaluation_kpis, live_kpis, mentoring_kpis, network_kpis

COUNTS = ("enrolled", "active", "completed", "certificates_issued", "certificates_valid",
          "trainers_certified", *mentoring_kpis.COUNTS)
STARTED = (EnrollmentStatus.ENROLLED, EnrollmentStatus.COMPLETED, EnrollmentStatus.FAILED)


def report_countries(actor: User, filters: dict) -> list[Country]:
    """The countries the report covers: the actor's scope, narrowed by the filters.

    A national admin who names another country gets NotFound, as for any object out of scope.
    """
    require_admin(actor)
    mentoring_kpis.check_programme(filters)
    allowed = admin_countries(actor)
    stmt = select(Country).order_by(Country.code)
    if "country" in filters:
        if allowed is not None and filters["country"] not in allowed:
            raise NotFound(_l("No such country in your scope."))
        stmt = stmt.where(Country.code == filters["country"])
    elif allowed is not None:
        stmt = stmt.where(Country.code.in_(allowed))
    if "region" in filters:
        stmt = stmt.where(Country.region == filters["region"])
    countries = list(db.session.scalars(stmt))
    if "country" in filters and not countries:
        raise NotFound(_l("No such country in your scope."))
    return countries


def course_filters(filters: dict) -> list:
    conditions = []
    if "course" in filters:
        conditions.append(Course.code == filters["course"])
    if "category" in filters:
        conditions.append(Course.category == filters["category"])
    if "programme" in filters:
        conditions.append(Course.code.in_(mentoring_kpis.pathway_codes(filters["programme"])))
    return conditions


def with_course_filters(stmt, filters: dict):
    """`stmt` over enrolments, narrowed to the filtered courses. Without a course filter
    the joins are left out: every enrolment has an offering and a course, and over 200,000
    enrolments the joins cost more than the grouping."""
    conditions = course_filters(filters)
    if not conditions:
        return stmt
    return (stmt.join(Offering, Enrollment.offering_id == Offering.id)
            .join(Course, Offering.course_id == Course.id).where(*conditions))


def _enrolment_figures(codes: list[str], filters: dict) -> dict:
    started = Enrollment.status.in_(STARTED)
    completed = Enrollment.status == EnrollmentStatus.COMPLETED
    completed_in_period = between(Enrollment.completed_at, filters)
    stmt = (
        select(User.country_code, User.gender,
               func.sum(case((started, 1), else_=0)),
               func.sum(case((and_(Enrollment.status == EnrollmentStatus.ENROLLED,
                                   Enrollment.progress_percent > 0), 1), else_=0)),
               func.sum(case((and_(completed, completed_in_period)
                              if completed_in_period is not None else completed, 1), else_=0)))
        .join(User, Enrollment.user_id == User.id)
        .where(User.country_code.in_(codes))
        .group_by(User.country_code, User.gender))
    stmt = with_course_filters(stmt, filters)
    if "offering" in filters:
        stmt = stmt.where(Enrollment.offering_id == filters["offering"])
    enrolled_in_period = between(Enrollment.created_at, filters)
    if enrolled_in_period is not None:
        stmt = stmt.where(or_(enrolled_in_period, completed_in_period))
    return {(country, gender): {"enrolled": int(a or 0), "active": int(b or 0),
                                "completed": int(c or 0)}
            for country, gender, a, b, c in db.session.execute(stmt)}


def _quiz_scores(codes: list[str], filters: dict) -> dict:
    stmt = (
        select(User.country_code, User.gender, func.avg(QuizAttempt.percent))
        .join(Enrollment, QuizAttempt.enrollment_id == Enrollment.id)
        .join(User, Enrollment.user_id == User.id)
        .where(User.country_code.in_(codes))
        .group_by(User.country_code, User.gender))
    stmt = with_course_filters(stmt, filters)
    period = between(QuizAttempt.occurred_at, filters)
    if period is not None:
        stmt = stmt.where(period)
    if "offering" in filters:
        stmt = stmt.where(Enrollment.offering_id == filters["offering"])
    return {(country, gender): round(float(score), 1)
            for country, gender, score in db.session.execute(stmt) if score is not None}


def _certificate_figures(codes: list[str], filters: dict, *, now: datetime) -> dict:
    at = filters.get("to", now)
    valid = and_(Certificate.revoked_at.is_(None),
                 or_(Certificate.expires_at.is_(None), Certificate.expires_at > at))
    issued_in_period = between(Certificate.issued_at, filters)
    course_kind = Certificate.kind == CertificateKind.COURSE
    stmt = (
        select(Certificate.country_code, User.gender,
               func.sum(case((and_(course_kind, issued_in_period)
                              if issued_in_period is not None else course_kind, 1), else_=0)),
               func.sum(case((and_(course_kind, valid, Certificate.issued_at < at), 1),
                             else_=0)),
               func.sum(case((and_(Certificate.kind == CertificateKind.TRAINER, valid,
                                   Certificate.issued_at < at), 1), else_=0)))
        .join(User, Certificate.holder_id == User.id)
        .where(Certificate.country_code.in_(codes))
        .group_by(Certificate.country_code, User.gender))
    if "course" in filters:
        stmt = stmt.where(Certificate.course_code == filters["course"])
    if "programme" in filters:
        stmt = stmt.where(Certificate.course_code.in_(
            mentoring_kpis.pathway_codes(filters["programme"])))
    return {(country, gender): {"certificates_issued": int(a or 0),
                                "certificates_valid": int(b or 0),
                                "trainers_certified": int(c or 0)}
            for country, gender, a, b, c in db.session.execute(stmt)}


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def kpi_report(actor: User, filters: dict, *, now: datetime) -> dict:
    """Every figure per country and gender, with totals per country, per gender and overall."""
    countries = report_countries(actor, filters)
    codes = [country.code for country in countries]
    enrolments = _enrolment_figures(codes, filters)
    scores = _quiz_scores(codes, filters)
    certificates = _certificate_figures(codes, filters, now=now)
    mentoring = mentoring_kpis.mentoring_figures(codes, filters, now=now)
    cells = []
    for country in countries:
        for gender in GENDERS:
            key = (country.code, gender)
            cell = {"country": country.code, "gender": gender}
            cell.update(enrolments.get(key, {"enrolled": 0, "active": 0, "completed": 0}))
            cell.update(certificates.get(key, {"certificates_issued": 0,
                                               "certificates_valid": 0,
                                               "trainers_certified": 0}))
            cell.update(mentoring.get(key, mentoring_kpis.EMPTY))
            cell["completion_rate"] = _percent(cell["completed"], cell["enrolled"])
            mentoring_kpis.add_rates(cell)
            cell["average_quiz_score"] = scores.get(key)
            cells.append(cell)
    return {"filters": {key: (value.isoformat() if isinstance(value, datetime) else value)
                        for key, value in filters.items()},
            "generated_at": now, "cells": cells, **totals(cells),
            "networks": network_kpis.network_figures(actor, codes, filters, now=now),
            "evaluations": evaluation_kpis.evaluation_figures(codes, filters),
            "live": live_kpis.with_rates(live_kpis.live_figures(codes, filters, now=now))}


def totals(cells) -> dict:
    """Totals per country, per gender and overall, with their rates."""
    summed = sum_cells(cells, COUNTS)
    for row in (*summed["by_country"], *summed["by_gender"], summed["total"]):
        row["completion_rate"] = _percent(row["completed"], row["enrolled"])
        mentoring_kpis.add_rates(row)
    return summed


def suppress(report: dict) -> dict:
    """Hide small cells, and whatever else would let someone work them out from totals."""
    threshold = current_app.config["REPORT_MIN_CELL"]
    hidden = hide_small(report, COUNTS, threshold)
    for row in (*hidden["cells"], *hidden["by_country"], *hidden["by_gender"],
                hidden["total"]):
        if row.get("enrolled") is None or row.get("completed") is None:
            row["completion_rate"] = None
            if "average_quiz_score" in row:
                row["average_quiz_score"] = None
        mentoring_kpis.add_rates(row)
    networks = network_kpis.suppress(report["networks"], threshold)
    evaluations = evaluation_kpis.suppress(report["evaluations"], threshold)
    live = live_kpis.suppress(report["live"], threshold)
    return report | hidden | {
        "networks": networks, "evaluations": evaluations, "live": live,
        "suppression_threshold": threshold,
        "suppressed_cells": sum(len(cell["suppressed"]) for cell in hidden["cells"])}
