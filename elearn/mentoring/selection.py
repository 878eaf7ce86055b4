"""Applications, eligibility, the national shortlist and the programme admin's selection.

Selection respects each country's seats and, when the programme caps its total seats, keeps
one seat free for every partner country that has a shortlisted applicant and none selected.
"""

from __future__ import annotations

import logging
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from ..accounts.models import User
from ..accounts.permissions import is_admin, is_programme_admin, require_country_admin
from ..audit.services import record
from ..errors import Conflict, Forbidden, RuleViolation
from ..extensions import db
from ..timeutils import zone
from .models import Application, ApplicationStatus, Programme
from .scoping import scope_applications

logger = logging.getLogger(__name__)

APPLICATION_FIELDS = ("motivation", "area_of_work", "languages", "years_experience",
                      "supervisor_name", "supervisor_endorsement", "demographics",
                      "demographics_consent")
DECISIONS = {"shortlist": ApplicationStatus.SHORTLISTED, "select": ApplicationStatus.SELECTED,
             "reject": ApplicationStatus.REJECTED}


def _not_eligible(rule: str, message) -> RuleViolation:
    return RuleViolation(message, type="not-eligible", extra={"rule": rule})


def check_eligibility(programme: Programme, candidate: User, data: dict, *,
                      now: datetime) -> None:
    """Raise RuleViolation naming the rule that fails: window, country, gender, rank,
    experience."""
    today = now.astimezone(zone(candidate.effective_timezone)).date()
    if not programme.applications_open_on <= today <= programme.applications_close_on:
        raise RuleViolation(_l("Applications are accepted from %(start)s to %(end)s.",
                               start=programme.applications_open_on.isoformat(),
                               end=programme.applications_close_on.isoformat()),
                            type="application-window-closed", extra={"rule": "window"})
    if programme.seats_for(candidate.country_code) is None:
        raise _not_eligible("country", _l("This country is not a partner of the programme."))
    if programme.eligible_gender and candidate.gender != programme.eligible_gender:
        raise _not_eligible("gender", _l("This programme is open to %(gender)s officers only.",
                                         gender=programme.eligible_gender))
    if programme.eligible_ranks and candidate.rank not in programme.eligible_ranks:
        raise _not_eligible("rank", _l("The rank does not meet the programme's criteria."))
    if programme.min_years_experience and (
        data.get("years_experience") or 0) < programme.min_years_experience:
        raise _not_eligible("experience", _l(
            "At least %(years)d years of experience are required.",
            years=programme.min_years_experience))


def apply(actor: User, programme: Programme, candidate: User, data: dict, *,
          now: datetime) -> Application:
    """The candidate applies, or an admin of the candidate's country nominates them.

    Raises Forbidden, RuleViolation (not eligible, outside the window) and Conflict (applied
    already).
    """
    if candidate.id != actor.id:
        require_country_admin(actor, candidate.country_code)
    check_eligibility(programme, candidate, data, now=now)
    if db.session.scalar(select(Application.id).where(
            Application.programme_id == programme.id,
            Application.applicant_id == candidate.id)) is not None:
        raise Conflict(_l("This person has applied already."), type="already-applied")
    application = Application(
        programme=programme, applicant=candidate, country_code=candidate.country_code,
        nominated_by_id=actor.id if actor.id != candidate.id else None, created_at=now,
        **{field: data[field] for field in APPLICATION_FIELDS if field in data})
    db.session.add(application)
    db.session.flush()
    if is_admin(actor):
        record(actor, "application.nominate", "application", application.id,
               country_code=candidate.country_code, details={"programme": programme.id},
               now=now)
    return application


def decide(actor: User, application: Application, decision: str, reason: str | None, *,
           now: datetime) -> Application:
    """Shortlist (the country's national admin or a programme admin), select or reject
    (programme admins; national admins may reject before the shortlist is passed on).

    Raises Forbidden, Conflict (wrong state, seats full, another country's guaranteed seat).
    """
    target = DECISIONS[decision]
    _require_decider(actor, application, target)
    allowed = {ApplicationStatus.SHORTLISTED: {ApplicationStatus.SUBMITTED},
               ApplicationStatus.SELECTED: {ApplicationStatus.SHORTLISTED},
               ApplicationStatus.REJECTED: {ApplicationStatus.SUBMITTED,
                                            ApplicationStatus.SHORTLISTED}}[target]
    if application.status not in allowed:
        raise Conflict(_l("An application that is %(status)s cannot be changed this way.",
                          status=application.status), type="application-state")
    if target == ApplicationStatus.SELECTED:
        _check_seats(application)
    application.status = target.value
    application.reason = reason
    if target == ApplicationStatus.SHORTLISTED:
        application.shortlisted_at = now
    else:
        application.decided_at, application.decided_by_id = now, actor.id
    db.session.flush()
    record(actor, f"application.{decision}", "application", application.id,
           country_code=application.country_code, details={"reason": reason}, now=now)
    return application


def _require_decider(actor: User, application: Application, target: str) -> None:
    if is_programme_admin(actor):
        return
    if target == ApplicationStatus.SELECTED or not is_admin(actor):
        raise Forbidden(_l("Only programme administrators may do this."))
    require_country_admin(actor, application.country_code)


def _check_seats(application: Application) -> None:
    # Lock the programme row: two selections at once cannot both take the last seat.
    programme = db.session.scalar(select(Programme).where(
        Programme.id == application.programme_id).with_for_update())
    selected = dict(db.session.execute(
        select(Application.country_code, func.count()).where(
            Application.programme_id == programme.id,
            Application.status == ApplicationStatus.SELECTED)
        .group_by(Application.country_code)).all())
    country = application.country_code
    if selected.get(country, 0) >= programme.seats_for(country):
        raise Conflict(_l("All seats of this country are taken."), type="seats-full")
    if programme.total_seats is None:
        return
    free = programme.total_seats - sum(selected.values())
    if free <= 0:
        raise Conflict(_l("All seats of the programme are taken."), type="seats-full")
    waiting = set(db.session.scalars(select(Application.country_code).where(
        Application.programme_id == programme.id,
        Application.status == ApplicationStatus.SHORTLISTED))) - set(selected) - {country}
    if selected.get(country, 0) >= 1 and free <= len(waiting):
        raise Conflict(_l("The remaining seats are kept for partner countries with no one "
                          "selected yet: %(countries)s.", countries=", ".join(sorted(waiting))),
                       type="country-guarantee")


def seats(programme: Programme) -> list[dict]:
    """Per partner country: its seats and how many of its applications are in each state."""
    counts: dict[tuple[str, str], int] = {
        (country, status): number for country, status, number in db.session.execute(
            select(Application.country_code, Application.status, func.count())
            .where(Application.programme_id == programme.id)
            .group_by(Application.country_code, Application.status))}
    return [{"country": row.country_code, "seats": row.seats}
            | {status.value: counts.get((row.country_code, status.value), 0)
               for status in ApplicationStatus}
            for row in sorted(programme.countries, key=lambda row: row.country_code)]


def applications_query(actor: User, programme: Programme, args: dict):
    """The programme's applications `actor` may see, filtered as the list's `args` ask."""
    stmt = scope_applications(select(Application).where(
        Application.programme_id == programme.id), actor)
    for name, column in (("status", Application.status), ("country", Application.country_code),
                         ("outcome", Application.outcome)):
        if name in args:
            stmt = stmt.where(column == args[name])
    return stmt.order_by(Application.id)
