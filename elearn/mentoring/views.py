"""The read side: a pairing's whole picture and the mentor's list of mentees.

Both fetch milestones, the last check-ins and pathway enrolments for all pairings at once, so
the mentor's list runs in the same number of statements for one mentee or a hundred.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta

from sqlalchemy import func, select

from ..accounts.models import User
from ..courses.models import Course
from ..enrollments.models import Enrollment, EnrollmentStatus, Offering
from ..extensions import db
from ..web.pagination import paginate
from .models import OPEN_PAIRING, Pairing, PairingStatus, Programme
from .plan_models import CheckIn, Goal, ItemStatus, Milestone
from .plans import local_today
from .scoping import sees_private_notes

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


def pathway_progress(programme: Programme, mentee_ids) -> dict[int, list[dict]]:
    """Per mentee, every pathway course with the best enrolment's status and progress."""
    codes = [step.course.code for step in programme.pathway]
    best: dict[tuple[int, str], tuple] = {}
    if codes and mentee_ids:
        rows = db.session.execute(
            select(Enrollment.user_id, Course.code, Enrollment.status,
                   Enrollment.progress_percent, Enrollment.completed_at)
            .join(Offering, Enrollment.offering_id == Offering.id)
            .join(Course, Offering.course_id == Course.id)
            .where(Enrollment.user_id.in_(list(mentee_ids)), Course.code.in_(codes)))
        for user_id, code, status, percent, completed_at in rows:
            key = (user_id, code)
            candidate = (STATUS_RANK.get(status, 0), percent, status, completed_at)
            if key not in best or candidate[:2] > best[key][:2]:
                best[key] = candidate
    result = {}
    for mentee_id in mentee_ids:
        result[mentee_id] = [
            {"course_id": step.course_id, "course_code": step.course.code,
             "title": step.course.title,
             "status": best.get((mentee_id, step.course.code), (0, 0, None, None))[2],
             "progress_percent": best.get((mentee_id, step.course.code), (0, 0))[1],
             "completed_at": best.get((mentee_id, step.course.code), (0, 0, None, None))[3]}
            for step in programme.pathway]
    return result


def milestones_by_participant(application_ids) -> dict[int, list[Milestone]]:
    grouped = defaultdict(list)
    for milestone in db.session.scalars(select(Milestone).where(
            Milestone.application_id.in_(list(application_ids)))
            .order_by(Milestone.due_on, Milestone.id)):
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


def summary(pairing: Pairing, milestones: list[Milestone], last: date | None,
            pathway: list[dict], today: date) -> dict:
    programme = pairing.application.programme
    return {
        "pairing": pairing, "plan_status": plan_status(milestones, today),
        "overdue_milestones": [m.id for m in milestones if is_overdue(m, today)],
        "pathway": pathway, "pathway_completed": all(
            step["status"] == EnrollmentStatus.COMPLETED for step in pathway),
        **checkin_flags(pairing, programme, last, today),
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
    return summary(pairing, milestones, last, pathway, today) | {
        "goals": list(db.session.scalars(select(Goal).where(
            Goal.application_id == pairing.application_id).order_by(Goal.id))),
        "milestones": [With(m, overdue=is_overdue(m, today)) for m in milestones],
        "checkins": [With(c, private_notes=c.private_notes if private else None)
                     for c in checkins],
    }


def my_mentees(actor: User, args: dict, *, now: datetime) -> dict:
    """The mentor's open pairings, each with plan status, overdue items and pathway progress."""
    today = local_today(actor, now)
    stmt = select(Pairing).where(Pairing.mentor_id == actor.id,
                                 Pairing.status.in_(OPEN_PAIRING))
    page = paginate(stmt.order_by(Pairing.id), args)
    pairings = page["items"]
    milestones = milestones_by_participant([p.application_id for p in pairings])
    last = last_checkins([p.id for p in pairings])
    pathways = {}
    for programme_id in {p.programme_id for p in pairings}:
        programme = next(p.application.programme for p in pairings
                         if p.programme_id == programme_id)
        pathways.update({(programme_id, mentee): steps for mentee, steps in pathway_progress(
            programme, [p.mentee_id for p in pairings if p.programme_id == programme_id]
        ).items()})
    page["items"] = [summary(p, milestones[p.application_id], last.get(p.id),
                             pathways[(p.programme_id, p.mentee_id)], today) for p in pairings]
    return page
