"""The mentoring programme's figures of the KPI report, per country and gender, in four queries
(one of them reads the countries' time zones).

A participant counts in the country they applied from, with the gender of their account.
Figures, for the report's period (`from`/`to`) when one is given:

- `mentees_selected`: participants selected before the end of the period;
- `mentees_paired`: of them, those with a pairing under way during the period (without a
  period: an active pairing now); a replaced mentor does not count the mentee twice;
- `alumni`: participants who completed the programme in the period;
- `milestones`, `milestones_on_track` (done, or on track and not overdue) and
  `milestones_at_risk` (at risk, or past due and not done, by the calendar day it is in
  the participant's country, so the figure moves at each country's midnight): the
  participants' milestones due in the period;
- `nominations` and `opportunities_attended`: nominations to opportunities starting in
  the period, and those attended.

`?programme=` narrows every figure to one programme.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import and_, case, func, or_, select

from ..accounts.models import Country, User
from ..courses.models import Course
from ..extensions import db
from ..mentoring.models import (
    Application,
    ApplicationStatus,
    Outcome,
    Pairing,
    PairingStatus,
    PathwayCourse,
)
from ..mentoring.plans.models import (
    ItemStatus,
    Milestone,
    Nomination,
    NominationStatus,
    Opportunity,
)
from ..mentoring.scoping import get_programme
from ..timeutils import LocalDays

COUNTS = ("mentees_selected", "mentees_paired", "alumni", "milestones", "milestones_on_track",
          "milestones_at_risk", "nominations", "opportunities_attended")
# A percentage and the two counts it is made of.
RATES = {"milestones_on_track_rate": ("milestones_on_track", "milestones"),
         "attendance_rate": ("opportunities_attended", "nominations")}
EMPTY = dict.fromkeys(COUNTS, 0)


def check_programme(filters: dict) -> None:
    """NotFound for a programme that does not exist (every signed-in user may see programmes)."""
    if "programme" in filters:
        get_programme(filters["programme"])


def pathway_codes(programme_id: int):
    """The codes of the programme's pathway courses, as a subquery (every version counts)."""
    return (select(Course.code).join(PathwayCourse, PathwayCourse.course_id == Course.id)
            .where(PathwayCourse.programme_id == programme_id))


def add_rates(row: dict) -> None:
    """Each rate of `row`, or None where a count it needs is hidden or zero."""
    for rate, (part, whole) in RATES.items():
        row[rate] = (round(100 * row[part] / row[whole], 1)
                     if row.get(part) is not None and row.get(whole) else None)


def _window(column, filters: dict, *, dates: bool = False) -> list:
    """`from <= column < to`; on a date column, between the period's UTC dates."""
    def bound(key):
        return filters[key].astimezone(UTC).date() if dates else filters[key]

    conditions = []
    if "from" in filters:
        conditions.append(column >= bound("from"))
    if "to" in filters:
        conditions.append(column < bound("to"))
    return conditions


def _participants(filters: dict) -> list:
    """Participants of the report's countries (and programme) selected by the period's end."""
    conditions = [Application.status == ApplicationStatus.SELECTED,
                  Application.country_code.in_(filters["_codes"])]
    if "programme" in filters:
        conditions.append(Application.programme_id == filters["programme"])
    if "to" in filters:
        conditions.append(Application.decided_at < filters["to"])
    return conditions


def _paired(filters: dict):
    """A pairing of the participant under way in the period (or active now, without one)."""
    if "from" not in filters and "to" not in filters:
        window = [Pairing.status == PairingStatus.ACTIVE]
    else:
        window = [Pairing.started_at.is_not(None)]
        if "to" in filters:
            window.append(Pairing.started_at < filters["to"])
        if "from" in filters:
            window.append(or_(Pairing.ended_at.is_(None), Pairing.ended_at > filters["from"]))
    return select(Pairing.id).where(Pairing.application_id == Application.id,
                                    *window).exists()


def _grouped(*columns):
    return (select(Application.country_code, User.gender, *columns)
            .join(User, Application.applicant_id == User.id)
            .group_by(Application.country_code, User.gender))


def _sum(condition):
    return func.sum(case((condition, 1), else_=0))


def _people(filters: dict) -> dict:
    alumni = and_(Application.outcome == Outcome.ALUMNI,
                  *_window(Application.outcome_at, filters))
    stmt = _grouped(func.count(), _sum(_paired(filters)), _sum(alumni)).where(
        *_participants(filters))
    return {(country, gender): {"mentees_selected": selected, "mentees_paired": int(paired),
                                "alumni": int(graduates)}
            for country, gender, selected, paired, graduates in db.session.execute(stmt)}


def country_days(codes: list[str], now: datetime) -> LocalDays:
    """The calendar day it is at `now` in the zones of the given countries."""
    return LocalDays.at(now, db.session.scalars(
        select(Country.timezone).where(Country.code.in_(codes)).distinct()))


def _milestones(filters: dict, now: datetime) -> dict:
    days = country_days(filters["_codes"], now)
    done = Milestone.status == ItemStatus.DONE
    overdue = and_(Milestone.status != ItemStatus.DONE, Milestone.due_on < days.c.today)
    on_track = or_(done, and_(Milestone.status == ItemStatus.ON_TRACK, ~overdue))
    at_risk = or_(Milestone.status == ItemStatus.AT_RISK, overdue)
    stmt = (_grouped(func.count(), _sum(on_track), _sum(at_risk))
            .join(Milestone, Milestone.application_id == Application.id)
            .join(Country, Country.code == Application.country_code)
            .join(days.table, days.c.zone == Country.timezone)
            .where(*_participants(filters),
                   *_window(Milestone.due_on, filters, dates=True)))
    return {(country, gender): {"milestones": total, "milestones_on_track": int(good),
                                "milestones_at_risk": int(bad)}
            for country, gender, total, good, bad in db.session.execute(stmt)}


def _nominations(filters: dict) -> dict:
    stmt = (_grouped(func.count(), _sum(Nomination.status == NominationStatus.ATTENDED))
            .join(Nomination, Nomination.application_id == Application.id)
            .join(Opportunity, Nomination.opportunity_id == Opportunity.id)
            .where(*_participants(filters),
                   *_window(Opportunity.starts_on, filters, dates=True)))
    return {(country, gender): {"nominations": total, "opportunities_attended": int(attended)}
            for country, gender, total, attended in db.session.execute(stmt)}


def mentoring_figures(codes: list[str], filters: dict, *, now: datetime) -> dict:
    """{(country, gender): every mentoring count}; cells with nobody are left out."""
    scoped = filters | {"_codes": codes}
    figures: dict = {}
    for part in (_people(scoped), _milestones(scoped, now), _nominations(scoped)):
        for key, values in part.items():
            figures.setdefault(key, dict(EMPTY)).update(values)
    return figures

