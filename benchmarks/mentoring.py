"""The mentoring programme of the data set, and the two scenarios that read it: a mentor's
mentees view and one full reminder scan."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from elearn.accounts.models import RoleAssignment, User
from elearn.extensions import db
from elearn.timeutils import utcnow

from .seed import ROLES, _bulk

MENTOR_ID = 3  # trainer@bench.elearn mentors the first few pairings
MENTOR_SHARE = 5  # pairings of that mentor; the others mentor three each
TEMPLATE = [{"key": "plan", "title": "Development plan agreed", "month": 1},
            {"key": "midpoint", "title": "Midpoint review", "month": 6},
            {"key": "project", "title": "Workplace project delivered", "month": 9},
            {"key": "final_review", "title": "Final review", "month": 12}]
CHECKINS = 3  # per pairing


def _mentor(number: int) -> int:
    if number < MENTOR_SHARE:
        return MENTOR_ID
    return len(ROLES) + 1 + (number - MENTOR_SHARE) // 3


def seed_programme(app, scale, ids) -> dict:
    """One running programme: ``scale.pairings`` active pairings of selected mentees, each with
    the template's milestones and a few check-ins, its first course as the pathway."""
    from elearn.mentoring.models import (
        Application,
        Pairing,
        PathwayCourse,
        Programme,
        ProgrammeCountry,
        ProgrammeMentor,
    )
    from elearn.mentoring.plans.models import CheckIn, Milestone

    now = utcnow()
    started = now - timedelta(days=120)
    start = started.date()
    with app.app_context():
        _bulk(Programme, [{"id": 1, "name": "Women in policing leadership", "starts_on": start,
                           "ends_on": start + timedelta(days=365),
                           "applications_open_on": start - timedelta(days=60),
                           "applications_close_on": start - timedelta(days=30),
                           "checkin_cadence_days": 30, "eligible_ranks": [],
                           "milestone_template": TEMPLATE, "created_by_id": 1,
                           "created_at": now}])
        mentees = list(range(scale.users, scale.users - scale.pairings, -1))
        countries = dict(db.session.execute(select(User.id, User.country_code).where(
            User.id.in_(mentees))).all())
        _bulk(ProgrammeCountry, [{"programme_id": 1, "country_code": code,
                                  "seats": scale.pairings} for code in sorted(
                                      set(countries.values()))])
        _bulk(PathwayCourse, [{"programme_id": 1, "course_id": 1, "position": 1}])
        mentors = sorted({_mentor(n) for n in range(scale.pairings)})
        _bulk(RoleAssignment, [{"user_id": mentor, "role": "mentor"} for mentor in mentors])
        _bulk(ProgrammeMentor, [{"programme_id": 1, "mentor_id": mentor, "max_mentees":
                                 MENTOR_SHARE, "languages": ["en"], "expertise": ["leadership"]}
                                for mentor in mentors])
        _bulk(Application, [{
            "id": n + 1, "programme_id": 1, "applicant_id": mentee,
            "country_code": countries[mentee], "status": "selected",
            "motivation": "Lead community policing in my district.",
            "area_of_work": "community policing", "languages": ["en"], "supervisor_name":
            "Supt. Fifita", "supervisor_endorsement": "Endorsed.", "created_at": now,
            "decided_at": started, "conduct_acknowledged_at": started}
            for n, mentee in enumerate(mentees)])
        _bulk(Pairing, [{
            "id": n + 1, "programme_id": 1, "application_id": n + 1, "mentor_id": _mentor(n),
            "mentee_id": mentee, "status": "active", "proposed_at": started,
            "started_at": started, "ends_on": start + timedelta(days=365),
            "mentor_conduct_at": started} for n, mentee in enumerate(mentees)])
        _bulk(Milestone, [{
            "application_id": n + 1, "key": item["key"], "title": item["title"],
            "due_on": start + timedelta(days=30 * item["month"]),
            "status": "done" if item["month"] == 1 else "on_track", "updated_at": now}
            for n in range(scale.pairings) for item in TEMPLATE])
        _bulk(CheckIn, [{
            "pairing_id": n + 1, "held_on": start + timedelta(days=7 + 30 * k), "minutes": 60,
            "topics": "Progress on the development plan", "private_notes": "On track.",
            "logged_by_id": _mentor(n), "created_at": now}
            for n in range(scale.pairings) for k in range(CHECKINS)])
        db.session.commit()
    return {"mentor_id": MENTOR_ID}


def mentees_view(ids, tokens, scale):
    """GET /api/v1/me/mentees as a mentor of several mentees."""
    headers = {"Authorization": f"Bearer {tokens['trainer']}"}
    return lambda n: ("GET", "/api/v1/me/mentees", None, headers)


def seed_due_dates(app, scale, ids) -> dict:
    """A day's worth of reminders: enrolled learners are due 120 days after enrolling (so a
    few hundredths fall in a due-soon or overdue band) and one in a hundred has gone quiet."""
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            due, quiet = "enrolled_at + interval '120 days'", "now() - interval '15 days'"
        else:  # SQLAlchemy's SQLite format, with the microseconds
            due = "datetime(enrolled_at, '+120 days') || '.000000'"
            quiet = "datetime('now', '-15 days') || '.000000'"
        db.session.execute(db.text(f"UPDATE enrollments SET due_at = {due} "
                                   "WHERE status = 'enrolled'"))
        db.session.execute(db.text(f"UPDATE enrollments SET updated_at = {quiet} "
                                   "WHERE status = 'enrolled' AND id % 100 = 0"))
        db.session.commit()
    return {}


def reminder_scan(app, ids) -> None:
    """Every rule's scan over the whole data set, filling the outbox; nothing is delivered."""
    from elearn.reminders.jobs import scan_rules

    if scan_rules(now=utcnow()) is None:
        raise RuntimeError("the reminder scan lease was held elsewhere")
