"""The participant's plan: milestones from the template, goals, their statuses, check-ins."""

from __future__ import annotations

import logging
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ...accounts.models import User
from ...audit.services import record
from ...errors import Conflict, RuleViolation, one_or_404
from ...extensions import db
from ...timeutils import zone
from ..models import Application, Pairing, PairingStatus, Programme
from ..programmes import add_months
from ..scoping import is_party, require_party, require_party_or_programme_admin
from .models import CheckIn, Goal, ItemStatus, Milestone

logger = logging.getLogger(__name__)


def _audit(actor: User, pairing: Pairing, action: str, item, *, now: datetime) -> None:
    """The pair's own edits are theirs; a programme admin stepping in is audited."""
    if not is_party(actor, pairing):
        record(actor, action, type(item).__name__.lower(), item.id,
               country_code=pairing.application.country_code,
               details={"pairing": pairing.id}, now=now)


def local_today(user: User, now: datetime) -> date:
    return now.astimezone(zone(user.effective_timezone)).date()


def generate_milestones(programme: Programme, application: Application, *,
                        now: datetime) -> list[Milestone]:
    """The template's milestones, due `month` months after the programme starts; a
    participant who has them already (a replaced pairing) keeps theirs."""
    have = set(db.session.scalars(select(Milestone.key).where(
        Milestone.application_id == application.id)))
    made = [Milestone(application_id=application.id, key=item["key"], title=item["title"],
                      due_on=add_months(programme.starts_on, item["month"]), updated_at=now)
            for item in programme.milestone_template if item["key"] not in have]
    db.session.add_all(made)
    return made


def _require_open(pairing: Pairing) -> None:
    if pairing.status not in (PairingStatus.ACTIVE, PairingStatus.PAUSED):
        raise Conflict(_l("The plan is edited while the pairing is active."),
                       type="pairing-not-active")


def _set_status(item, status: str | None, now: datetime) -> None:
    if status is None:
        return
    item.status = status
    item.completed_at = (item.completed_at or now) if status == ItemStatus.DONE else None


def add_goal(actor: User, pairing: Pairing, data: dict, *, now: datetime) -> Goal:
    """A goal with a measurable outcome, added by the pair (or a programme admin)."""
    require_party_or_programme_admin(actor, pairing)
    _require_open(pairing)
    goal = Goal(application_id=pairing.application_id, title=data["title"],
                measurable_outcome=data["measurable_outcome"], created_at=now, updated_at=now)
    _set_status(goal, data.get("status", ItemStatus.NOT_STARTED.value), now)
    db.session.add(goal)
    db.session.flush()
    _audit(actor, pairing, "goal.create", goal, now=now)
    return goal


def update_goal(actor: User, pairing: Pairing, goal: Goal, data: dict, *,
                now: datetime) -> Goal:
    require_party_or_programme_admin(actor, pairing)
    _require_open(pairing)
    for field in ("title", "measurable_outcome"):
        if field in data:
            setattr(goal, field, data[field])
    _set_status(goal, data.get("status"), now)
    goal.updated_at = now
    db.session.flush()
    _audit(actor, pairing, "goal.update", goal, now=now)
    return goal


def add_milestone(actor: User, pairing: Pairing, data: dict, *, now: datetime) -> Milestone:
    """A milestone of the pair's own, beside the template's."""
    require_party_or_programme_admin(actor, pairing)
    _require_open(pairing)
    milestone = Milestone(application_id=pairing.application_id, key=data["key"],
                          title=data["title"], due_on=data["due_on"], updated_at=now)
    _check_due(pairing, milestone.due_on)
    db.session.add(milestone)
    db.session.flush()
    _audit(actor, pairing, "milestone.create", milestone, now=now)
    return milestone


def update_milestone(actor: User, pairing: Pairing, milestone: Milestone, data: dict, *,
                     now: datetime) -> Milestone:
    """The pair moves a due date, renames, or sets the status."""
    require_party_or_programme_admin(actor, pairing)
    _require_open(pairing)
    if "due_on" in data:
        _check_due(pairing, data["due_on"])
        milestone.due_on = data["due_on"]
    if "title" in data:
        milestone.title = data["title"]
    _set_status(milestone, data.get("status"), now)
    milestone.updated_at = now
    db.session.flush()
    _audit(actor, pairing, "milestone.update", milestone, now=now)
    return milestone


def _check_due(pairing: Pairing, due_on: date) -> None:
    programme = db.session.get(Programme, pairing.programme_id)
    end = max(programme.ends_on, pairing.ends_on or programme.ends_on)
    if not programme.starts_on <= due_on <= end:
        raise RuleViolation(errors={"due_on": [_l("The due date must fall within the "
                                                  "programme.")]})


def log_checkin(actor: User, pairing: Pairing, data: dict, *, now: datetime) -> CheckIn:
    """A check-in logged by the mentor or the mentee: not in the future (in the logger's own
    time zone), not before the programme started."""
    require_party(actor, pairing)
    _require_open(pairing)
    programme = db.session.get(Programme, pairing.programme_id)
    if data["held_on"] > local_today(actor, now):
        raise RuleViolation(errors={"held_on": [_l("A check-in cannot be in the future.")]},
                            type="checkin-in-future")
    if data["held_on"] < programme.starts_on:
        raise RuleViolation(errors={"held_on": [
            _l("A check-in cannot be before the programme started.")]},
            type="checkin-before-programme")
    checkin = CheckIn(pairing_id=pairing.id, logged_by_id=actor.id, created_at=now,
                      **{field: data.get(field) for field in (
                          "held_on", "minutes", "topics", "next_steps", "private_notes")})
    db.session.add(checkin)
    db.session.flush()
    return checkin


def get_goal(pairing: Pairing, goal_id: int) -> Goal:
    """A goal of the pairing's plan, or NotFound."""
    return one_or_404(select(Goal).where(Goal.id == goal_id,
                                         Goal.application_id == pairing.application_id),
                      _l("No such goal."))


def get_milestone(pairing: Pairing, milestone_id: int) -> Milestone:
    """A milestone of the pairing's plan, or NotFound."""
    return one_or_404(select(Milestone).where(
        Milestone.id == milestone_id, Milestone.application_id == pairing.application_id),
        _l("No such milestone."))
