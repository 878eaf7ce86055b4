"""One pairing: its plan, check-ins, life cycle, code of conduct, concerns and reviews; and the
mentor's list of mentees."""

from __future__ import annotations

from flask_smorest import Blueprint

from ...accounts.auth import actor
from ...extensions import db
from ...timeutils import utcnow
from ...web.pagination import PaginationArgsSchema, page_of
from ..plans import tracking
from ..scoping import get_pairing
from . import care, lifecycle, mentees
from .schemas import (
    CheckInSchema,
    ConcernSchema,
    GoalSchema,
    GoalUpdateSchema,
    MenteeSummaryPageSchema,
    MilestoneSchema,
    MilestoneUpdateSchema,
    PairingChangeSchema,
    PairingDetailSchema,
    PairingSchema,
    ReplacementSchema,
    TextSchema,
)

bp = Blueprint("pairings", __name__, url_prefix="/api/v1/pairings",
               description="A mentor and a mentee: the plan, check-ins and care")
me_bp = Blueprint("my_mentoring", __name__, url_prefix="/api/v1/me",
                  description="The signed-in user's mentees and pairings")


@bp.get("/<int:pairing_id>")
@bp.response(200, PairingDetailSchema)
def get_pairing_detail(pairing_id):
    """The pairing with plan status, goals, milestones, check-ins and pathway progress."""
    return mentees.pairing_detail(actor(), get_pairing(actor(), pairing_id), now=utcnow())


@bp.patch("/<int:pairing_id>")
@bp.arguments(PairingChangeSchema)
@bp.response(200, PairingSchema)
def change_pairing(data, pairing_id):
    """Pause, resume, extend, end early or close a pairing, with a reason."""
    pairing = lifecycle.change(actor(), get_pairing(actor(), pairing_id), data["action"],
                              data.get("reason"), ends_on=data.get("ends_on"), now=utcnow())
    db.session.commit()
    return mentees.pairing_row(pairing.id)


@bp.post("/<int:pairing_id>/confirm")
@bp.response(200, PairingSchema)
def confirm_pairing(pairing_id):
    """Start a proposed pairing; the milestones come from the programme's template."""
    pairing = lifecycle.confirm(actor(), get_pairing(actor(), pairing_id), now=utcnow())
    db.session.commit()
    return mentees.pairing_row(pairing.id)


@bp.post("/<int:pairing_id>/replacement")
@bp.arguments(ReplacementSchema)
@bp.response(201, PairingSchema)
def replace_pairing(data, pairing_id):
    """End the pairing and propose another mentor; the old pairing keeps its history."""
    pairing = lifecycle.replace(actor(), get_pairing(actor(), pairing_id), data["mentor_id"],
                               data["reason"], now=utcnow())
    db.session.commit()
    return mentees.pairing_row(pairing.id)


@bp.post("/<int:pairing_id>/conduct")
@bp.response(200, PairingSchema)
def acknowledge_conduct(pairing_id):
    """The caller (mentor or mentee) acknowledges the code of conduct."""
    pairing = care.acknowledge_conduct(actor(), get_pairing(actor(), pairing_id), now=utcnow())
    db.session.commit()
    return mentees.pairing_row(pairing.id)


@bp.post("/<int:pairing_id>/checkins")
@bp.arguments(CheckInSchema)
@bp.response(201, CheckInSchema)
def create_checkin(data, pairing_id):
    """Log a check-in (the mentor or the mentee)."""
    checkin = tracking.log_checkin(actor(), get_pairing(actor(), pairing_id), data, now=utcnow())
    db.session.commit()
    return checkin


@bp.post("/<int:pairing_id>/goals")
@bp.arguments(GoalSchema)
@bp.response(201, GoalSchema)
def create_goal(data, pairing_id):
    """Add a goal with a measurable outcome to the mentee's plan."""
    goal = tracking.add_goal(actor(), get_pairing(actor(), pairing_id), data, now=utcnow())
    db.session.commit()
    return goal


@bp.patch("/<int:pairing_id>/goals/<int:goal_id>")
@bp.arguments(GoalUpdateSchema)
@bp.response(200, GoalSchema)
def update_goal(data, pairing_id, goal_id):
    """Change a goal or its status."""
    pairing = get_pairing(actor(), pairing_id)
    goal = tracking.update_goal(actor(), pairing, tracking.get_goal(pairing, goal_id), data,
                                now=utcnow())
    db.session.commit()
    return goal


@bp.post("/<int:pairing_id>/milestones")
@bp.arguments(MilestoneSchema)
@bp.response(201, MilestoneSchema)
def create_milestone(data, pairing_id):
    """Add a milestone of the pair's own."""
    milestone = tracking.add_milestone(actor(), get_pairing(actor(), pairing_id), data,
                                       now=utcnow())
    db.session.commit()
    return milestone


@bp.patch("/<int:pairing_id>/milestones/<int:milestone_id>")
@bp.arguments(MilestoneUpdateSchema)
@bp.response(200, MilestoneSchema)
def update_milestone(data, pairing_id, milestone_id):
    """Move, rename or set the status of a milestone."""
    pairing = get_pairing(actor(), pairing_id)
    milestone = tracking.update_milestone(actor(), pairing,
                                          tracking.get_milestone(pairing, milestone_id), data,
                                          now=utcnow())
    db.session.commit()
    return milestone


@bp.post("/<int:pairing_id>/concerns")
@bp.arguments(TextSchema)
@bp.response(201, ConcernSchema)
def raise_concern(data, pairing_id):
    """Raise a confidential concern: only programme admins will read it."""
    concern = care.raise_concern(actor(), get_pairing(actor(), pairing_id), data["text"],
                                 now=utcnow())
    db.session.commit()
    return concern


@bp.post("/<int:pairing_id>/review")
@bp.arguments(TextSchema)
@bp.response(200, PairingSchema)
def write_review(data, pairing_id):
    """The caller's closure review of an ended pairing."""
    pairing = care.write_review(actor(), get_pairing(actor(), pairing_id), data["text"],
                                now=utcnow())
    db.session.commit()
    return mentees.pairing_row(pairing.id)


@me_bp.get("/mentees")
@me_bp.arguments(PaginationArgsSchema, location="query")
@me_bp.response(200, MenteeSummaryPageSchema)
def list_my_mentees(args):
    """The caller's mentees: plan status, overdue items, progress on every pathway course."""
    return mentees.my_mentees(actor(), args, now=utcnow())


@me_bp.get("/pairings")
@me_bp.arguments(PaginationArgsSchema, location="query")
@me_bp.response(200, page_of(PairingSchema))
def list_my_pairings(args):
    """Every pairing the caller is part of, as mentor or mentee, newest first."""
    return mentees.pairings(actor(), args)


BLUEPRINTS = (bp, me_bp)
