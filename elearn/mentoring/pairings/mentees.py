"""The read side: a pairing's whole picture and the mentor's list of mentees.

Both fetch milestones, the last check-ins and pathway enrolments for all pairings at once, so
the mentor's list runs in the same number of statements for one mentee or a hundred. The list
reads plain rows of the columns it shows, not pairings with their eager-loaded relations: its
page carries each pairing's last check-in, and one more statement gives the pathways with the
mentees' enrolments in them.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta
from functools import cache

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import aliased

from ...accounts.models import User
from ...courses.models import Course
from ...enrollments.models import Enrollment, EnrollmentStatus, Offering
from ...extensions import db
from ...web.pagination import paginate, shown
from ..models import OPEN_PAIRING, Application, Pairing, PairingStatus, PathwayCourse, Programme
from ..plans.models import CheckIn, Goal, ItemStatus, Milestone
from ..plans.tracking import local_today
from ..scoping import scope_pairings, sees_private_notes

# When two enrolments in the same pathway course exist, the most advanced one counts.
STATUS_RANK = {EnrollmentStatus.COMPLETED: 5, EnrollmentStatus.ENROLLED: 4,
               EnrollmentStatus.FAILED: 3, EnrollmentStatus.PENDING: 2,
               EnrollmentStatus.WAITLISTED: 1, EnrollmentStatus.WITHDRAWN: 0}


class With:
    """An object seen with a few extra or overridden attributes, for the output schemas."""

    def __init__(self, obj, **extra):
        self._obj = obj
        self.__dict__.update(extra)

    def __getattr__(self, name):
        return getattr(self._obj, name)


def _keep_best(best: dict, user_id, code, status, percent, completed_at) -> None:
    key = (user_id, code)
    candidate = (STATUS_RANK.get(status, 0), percent, status, completed_at)
    if key not in best or candidate[:2] > best[key][:2]:
        best[key] = candidate


def _enrolled(mentee_ids):
    """The mentees' enrolments: learner, course code, status, progress and completion."""
    return (select(Enrollment.user_id, Course.code, Enrollment.status,
                   Enrollment.progress_percent, Enrollment.completed_at)
            .join(Offering, Enrollment.offering_id == Offering.id)
            .join(Course, Offering.course_id == Course.id)
            .where(Enrollment.user_id.in_(mentee_ids)))


def _best_enrollments(mentee_ids, codes) -> dict[tuple[int, str], tuple]:
    """(mentee, course code) → (rank, percent, status, completed_at) of the best enrolment."""
    best: dict[tuple[int, str], tuple] = {}
    if not (codes and mentee_ids):
        return best
    for row in db.session.execute(_enrolled(list(mentee_ids))
                                  .where(Course.code.in_(list(codes)))):
        _keep_best(best, *row)
    return best


def _steps_progress(steps, best: dict, mentee_id: int) -> list[dict]:
    """`steps`: (course_id, code, title) of each pathway course, in order."""
    result = []
    for course_id, code, title in steps:
        _rank, percent, status, completed_at = best.get((mentee_id, code), (0, 0, None, None))
        result.append({"course_id": course_id, "course_code": code, "title": title,
                       "status": status, "progress_percent": percent,
                       "completed_at": completed_at})
    return result


def pathway_progress(programme: Programme, mentee_ids) -> dict[int, list[dict]]:
    """Per mentee, every pathway course with the best enrolment's status and progress."""
    steps = [(step.course_id, step.course.code, step.course.title) for step in programme.pathway]
    best = _best_enrollments(mentee_ids, [code for _id, code, _title in steps])
    return {mentee_id: _steps_progress(steps, best, mentee_id) for mentee_id in mentee_ids}


@cache
def _pathways_with_enrolments():
    """Built once, for the `programme_ids` and `mentee_ids` given when it runs."""
    enrolled = _enrolled(bindparam("mentee_ids", expanding=True)).subquery()
    return (select(PathwayCourse.programme_id, PathwayCourse.course_id, Course.code,
                   Course.title, *(enrolled.c[name] for name in (
                       "user_id", "status", "progress_percent", "completed_at")))
            .join(Course, PathwayCourse.course_id == Course.id)
            .outerjoin(enrolled, enrolled.c.code == Course.code)
            .where(PathwayCourse.programme_id.in_(bindparam("programme_ids", expanding=True)))
            .order_by(PathwayCourse.programme_id, PathwayCourse.position,
                      PathwayCourse.course_id))


def _pathways(programme_ids, mentee_ids) -> tuple[dict[int, list[tuple]], dict]:
    """In one statement: each programme's pathway steps, (course_id, code, title) in order, and
    the mentees' best enrolments in those courses, as `_best_enrollments` gives them."""
    rows = db.session.execute(_pathways_with_enrolments(), {
        "programme_ids": list(programme_ids), "mentee_ids": list(mentee_ids)})
    steps, best = defaultdict(list), {}
    for programme_id, course_id, code, title, user_id, *enrolment in rows:
        found = steps[programme_id]
        if not found or found[-1][0] != course_id:
            found.append((course_id, code, title))
        if user_id is not None:
            _keep_best(best, user_id, code, *enrolment)
    return steps, best


def milestones_by_participant(application_ids, *columns) -> dict[int, list[Milestone]]:
    """Each participant's milestones, in order: objects, or rows of `columns` only."""
    stmt = select(*columns, Milestone.application_id) if columns else select(Milestone)
    result = db.session.execute(stmt.where(Milestone.application_id.in_(list(application_ids)))
                                .order_by(Milestone.due_on, Milestone.id))
    grouped = defaultdict(list)
    for milestone in result if columns else result.scalars():
        grouped[milestone.application_id].append(milestone)
    return grouped


def last_checkins(pairing_ids) -> dict[int, date]:
    return dict(db.session.execute(
        select(CheckIn.pairing_id, func.max(CheckIn.held_on))
        .where(CheckIn.pairing_id.in_(list(pairing_ids))).group_by(CheckIn.pairing_id)).all())


def is_overdue(milestone: Milestone, today: date) -> bool:
    return milestone.status != ItemStatus.DONE and milestone.due_on < today


def plan_status(milestones: list[Milestone], today: date) -> str:
    if milestones and all(m.status == ItemStatus.DONE for m in milestones):
        return ItemStatus.DONE.value
    if any(m.status == ItemStatus.AT_RISK or is_overdue(m, today) for m in milestones):
        return ItemStatus.AT_RISK.value
    if all(m.status == ItemStatus.NOT_STARTED for m in milestones):
        return ItemStatus.NOT_STARTED.value
    return ItemStatus.ON_TRACK.value


def checkin_flags(pairing: Pairing, programme: Programme, last: date | None,
                  today: date) -> dict:
    """The next check-in is due a cadence after the last one (or the start); only active
    pairings are flagged."""
    if pairing.status != PairingStatus.ACTIVE or pairing.started_at is None:
        return {"last_checkin_on": last, "next_checkin_due_on": None, "checkin_overdue": False}
    reference = max(filter(None, (last, pairing.started_at.date())))
    due = reference + timedelta(days=programme.checkin_cadence_days)
    return {"last_checkin_on": last, "next_checkin_due_on": due, "checkin_overdue": today > due}


def summary(row, milestones: list[Milestone], last: date | None, pathway: list[dict],
            today: date) -> dict:
    """The mentee's summary of a pairing, from its row of the columns PairingSchema shows
    (which carries the programme's cadence)."""
    return {
        "pairing": row, "plan_status": plan_status(milestones, today),
        "overdue_milestones": [m.id for m in milestones if is_overdue(m, today)],
        "pathway": pathway, "pathway_completed": all(
            step["status"] == EnrollmentStatus.COMPLETED for step in pathway),
        **checkin_flags(row, row, last, today),
    }


def pairing_detail(actor: User, pairing: Pairing, *, now: datetime) -> dict:
    """The pairing with the plan, goals, milestones (overdue flagged), its check-ins (private
    notes only for the pair and programme admins) and pathway progress."""
    today = local_today(actor, now)
    programme = pairing.application.programme
    milestones = milestones_by_participant([pairing.application_id])[pairing.application_id]
    checkins = list(db.session.scalars(select(CheckIn).where(CheckIn.pairing_id == pairing.id)
                                       .order_by(CheckIn.held_on.desc(), CheckIn.id.desc())))
    pathway = pathway_progress(programme, [pairing.mentee_id])[pairing.mentee_id]
    last = checkins[0].held_on if checkins else None
    private = sees_private_notes(actor, pairing)
    return summary(pairing_row(pairing.id), milestones, last, pathway, today) | {
        "goals": list(db.session.scalars(select(Goal).where(
            Goal.application_id == pairing.application_id).order_by(Goal.id))),
        "milestones": [With(m, overdue=is_overdue(m, today)) for m in milestones],
        "checkins": [With(c, private_notes=c.private_notes if private else None)
                     for c in checkins],
    }


_MENTOR, _MENTEE = aliased(User), aliased(User)
# What PairingSchema shows: the pairing, its pair's names and the mentee's conduct
# acknowledgement; and the programme's cadence the check-in flags need.
_PAIRING_COLUMNS = (
    *(getattr(Pairing, name) for name in (
        "id", "programme_id", "application_id", "mentor_id", "mentee_id", "status",
        "proposed_at", "started_at", "ends_on", "ended_at", "status_reason", "replaces_id",
        "mentor_conduct_at", "mentor_review", "mentor_reviewed_at", "mentee_review",
        "mentee_reviewed_at")),
    _MENTOR.name.label("mentor_name"), _MENTEE.name.label("mentee_name"),
    _MENTEE.country_code.label("mentee_country"),
    Application.conduct_acknowledged_at.label("mentee_conduct_at"),
    Programme.checkin_cadence_days)


@cache
def _pairing_rows():
    """Built once: a statement is immutable, and building this one costs more than running it."""
    return (select(*_PAIRING_COLUMNS)
            .join(_MENTOR, Pairing.mentor_id == _MENTOR.id)
            .join(_MENTEE, Pairing.mentee_id == _MENTEE.id)
            .join(Application, Pairing.application_id == Application.id)
            .join(Programme, Pairing.programme_id == Programme.id))


def pairing_row(pairing_id: int):
    """One pairing as PairingSchema shows it."""
    return shown(db.session.execute(_pairing_rows().where(Pairing.id == pairing_id)).one())


def pairings(actor: User, args: dict, *, programme_id: int | None = None) -> dict:
    """A page of the pairings the caller may see: a programme's (`status` filters them), or
    else the caller's own as mentor or mentee, newest first."""
    if programme_id is None:
        stmt = _pairing_rows().where((Pairing.mentor_id == actor.id)
                                     | (Pairing.mentee_id == actor.id))
        order = Pairing.id.desc()
    else:
        stmt, order = _pairing_rows().where(Pairing.programme_id == programme_id), Pairing.id
    if "status" in args:
        stmt = stmt.where(Pairing.status == args["status"])
    return paginate(scope_pairings(stmt, actor).order_by(order), args)


@cache
def _open_pairing_rows():
    return (_pairing_rows().add_columns(
        select(func.max(CheckIn.held_on)).where(CheckIn.pairing_id == Pairing.id)
        .scalar_subquery().label("last_checkin_on"))
        .where(Pairing.status.in_(OPEN_PAIRING)).order_by(Pairing.id))


def my_mentees(actor: User, args: dict, *, now: datetime) -> dict:
    """The mentor's open pairings, each with plan status, overdue items and pathway progress."""
    today = local_today(actor, now)
    page = paginate(_open_pairing_rows().where(Pairing.mentor_id == actor.id), args)
    rows = page["items"]
    milestones = milestones_by_participant([p.application_id for p in rows], Milestone.id,
                                           Milestone.status, Milestone.due_on)
    steps, best = _pathways({p.programme_id for p in rows}, {p.mentee_id for p in rows})
    page["items"] = [summary(p, milestones[p.application_id], p.last_checkin_on,
                             _steps_progress(steps[p.programme_id], best, p.mentee_id), today)
                     for p in rows]
    return page


def my_mentoring_next(actor: User, *, now: datetime) -> dict | None:
    """For a mentee's home page: the open pairing, its next milestone not done and when the
    next check-in is due; None for someone who is nobody's mentee. One statement for anyone
    else, three for a mentee."""
    row = db.session.execute(_open_pairing_rows().where(Pairing.mentee_id == actor.id)
                             .limit(1)).first()
    if row is None:
        return None
    row, today = shown(row), local_today(actor, now)
    upcoming = [milestone for milestone in milestones_by_participant(
        [row.application_id], Milestone.id, Milestone.title, Milestone.status,
        Milestone.due_on)[row.application_id] if milestone.status != ItemStatus.DONE]
    return {"pairing": row, "next_milestone": upcoming[0] if upcoming else None,
            **checkin_flags(row, row, row.last_checkin_on, today)}
