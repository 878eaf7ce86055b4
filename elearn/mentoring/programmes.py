"""Creating programmes: countries and seats, eligibility, window, pathway, milestone template."""

from __future__ import annotations

import calendar
import logging
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..accounts.models import Country, User
from ..audit.services import record
from ..courses.models import Course
from ..errors import RuleViolation
from ..extensions import db
from ..web.validation import EARLIEST_YEAR, LATEST_YEAR
from .models import PathwayCourse, Programme, ProgrammeCountry
from .scoping import require_programme_admin
from .texts import template_title

logger = logging.getLogger(__name__)

PROGRAMME_MONTHS = 24
DEFAULT_TEMPLATE = tuple(
    {"key": key, "title": template_title(key), "month": month}
    for key, month in (("onboarding", 1), ("development_plan", 2), ("quarterly_review_1", 3),
                       ("quarterly_review_2", 6), ("quarterly_review_3", 9),
                       ("mid_programme_review", 12), ("quarterly_review_5", 15),
                       ("quarterly_review_6", 18), ("quarterly_review_7", 21),
                       ("final_review", 24)))
SIMPLE_FIELDS = ("name", "starts_on", "applications_open_on", "applications_close_on",
                 "total_seats", "checkin_cadence_days", "checkup_cadence_days",
                 "eligible_gender", "eligible_ranks", "min_years_experience")


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(year=year, month=month,
                       day=min(day.day, calendar.monthrange(year, month)[1]))


def create_programme(actor: User, data: dict, *, now: datetime) -> Programme:
    """A programme (programme admins). Raises Forbidden and RuleViolation (unknown country or
    course, dates out of order)."""
    require_programme_admin(actor)
    programme = Programme(created_by_id=actor.id, created_at=now,
                          **{field: data[field] for field in SIMPLE_FIELDS if field in data})
    programme.ends_on = data.get("ends_on") or add_months(programme.starts_on, PROGRAMME_MONTHS)
    programme.milestone_template = data.get("milestone_template") or list(DEFAULT_TEMPLATE)
    _check_dates(programme)
    programme.countries = _partner_countries(data["countries"])
    programme.pathway = _pathway(data.get("pathway_course_ids", []))
    db.session.add(programme)
    db.session.flush()
    record(actor, "programme.create", "programme", programme.id, country_code=None,
           details={"countries": [row.country_code for row in programme.countries]}, now=now)
    logger.info("programme %s created", programme.id)
    return programme


def _check_dates(programme: Programme) -> None:
    errors = {}
    if programme.ends_on <= programme.starts_on:
        errors["ends_on"] = [_l("The end must come after the start.")]
    elif programme.ends_on.year > LATEST_YEAR:
        errors["ends_on"] = [_l("Use a date between the years %(first)d and %(last)d.",
                                first=EARLIEST_YEAR, last=LATEST_YEAR)]
    if programme.applications_close_on < programme.applications_open_on:
        errors["applications_close_on"] = [_l("The window must close after it opens.")]
    elif programme.applications_close_on > programme.starts_on:
        errors["applications_close_on"] = [_l("Applications must close before the start.")]
    months = (programme.ends_on.year - programme.starts_on.year) * 12 + (
        programme.ends_on.month - programme.starts_on.month)
    if any(item["month"] > months for item in programme.milestone_template):
        errors["milestone_template"] = [_l("A milestone falls after the programme's end.")]
    if errors:
        raise RuleViolation(errors=errors)


def _partner_countries(rows: list[dict]) -> list[ProgrammeCountry]:
    codes = [row["country"] for row in rows]
    known = set(db.session.scalars(select(Country.code).where(Country.code.in_(codes))))
    unknown = sorted(set(codes) - known)
    if unknown:
        raise RuleViolation(errors={"countries": [
            _l("Unknown country: %(codes)s.", codes=", ".join(unknown))]})
    return [ProgrammeCountry(country_code=row["country"], seats=row["seats"]) for row in rows]


def _pathway(course_ids: list[int]) -> list[PathwayCourse]:
    known = set(db.session.scalars(select(Course.id).where(Course.id.in_(course_ids))))
    missing = [str(course_id) for course_id in course_ids if course_id not in known]
    if missing:
        raise RuleViolation(errors={"pathway_course_ids": [
            _l("Unknown course: %(ids)s.", ids=", ".join(missing))]})
    return [PathwayCourse(course_id=course_id, position=position)
            for position, course_id in enumerate(course_ids, start=1)]


def programmes_query():
    """Every programme, newest first."""
    return select(Programme).order_by(Programme.starts_on.desc(), Programme.id)
