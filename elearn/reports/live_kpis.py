"""The live delivery block of the KPI report (`live`): sessions delivered (held, not
cancelled, ended in the period) and the offerings they belong to (workshops); participants
and attendance by country and gender, small cells hidden as everywhere in the report; and
the trainers and speakers of those sessions by gender, for the parity the projects report."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import case, func, select

from ..accounts.models import User
from ..cells import GENDERS, between, hide_small, sum_cells
from ..enrollments.models import Enrollment, Offering
from ..extensions import db
from ..live.models import ATTENDED, Attendance, Session, SessionPerson

COUNTS = ("participants", "marked", "attended")


def _held(codes: list[str], filters: dict, now: datetime):
    conditions = [Session.cancelled_at.is_(None), Session.ends_at <= now,
                  Offering.country_code.in_(codes) | Offering.country_code.is_(None)]
    period = between(Session.ends_at, filters)
    if period is not None:
        conditions.append(period)
    return conditions


def live_figures(codes: list[str], filters: dict, *, now: datetime) -> dict:
    held = _held(codes, filters, now)
    sessions, workshops = db.session.execute(
        select(func.count(Session.id), func.count(func.distinct(Session.offering_id)))
        .join(Offering, Offering.id == Session.offering_id).where(*held)).one()
    found = {(country, gender): (people, marked, attended)
             for country, gender, people, marked, attended in db.session.execute(
                 select(User.country_code, User.gender,
                        func.count(func.distinct(Enrollment.user_id)), func.count(),
                        func.sum(case((Attendance.status.in_(ATTENDED), 1), else_=0)))
                 .select_from(Attendance)
                 .join(Session, Session.id == Attendance.session_id)
                 .join(Offering, Offering.id == Session.offering_id)
                 .join(Enrollment, Enrollment.id == Attendance.enrollment_id)
                 .join(User, User.id == Enrollment.user_id)
                 .where(*held, User.country_code.in_(codes))
                 .group_by(User.country_code, User.gender))}
    cells = []
    for country in codes:
        for gender in GENDERS:
            people, marked, attended = found.get((country, gender), (0, 0, 0))
            cells.append({"country": country, "gender": gender, "participants": people,
                          "marked": marked, "attended": int(attended or 0)})
    facilitators = dict.fromkeys(GENDERS, 0)
    for gender, count in db.session.execute(
            select(SessionPerson.gender, func.count())
            .join(Session, Session.id == SessionPerson.session_id)
            .join(Offering, Offering.id == Session.offering_id).where(*held)
            .group_by(SessionPerson.gender)):
        facilitators[gender] = facilitators.get(gender, 0) + count
    return {"sessions": sessions, "workshops": workshops, "cells": cells,
            **sum_cells(cells, COUNTS), "facilitators_by_gender": facilitators}


def rate(row: dict) -> float | None:
    if row.get("attended") is None or not row.get("marked"):
        return None
    return round(100 * row["attended"] / row["marked"], 1)


def with_rates(block: dict) -> dict:
    for row in (*block["cells"], *block["by_country"], *block["by_gender"], block["total"]):
        row["attendance_rate"] = rate(row)
    return block


def suppress(block: dict, threshold: int) -> dict:
    return with_rates(block | hide_small(block, COUNTS, threshold))
