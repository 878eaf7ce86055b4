"""Mentoring pages: a mentor's mentees (what is overdue first), a pairing's plan with its
milestones, check-ins and pathway, logging a check-in and raising a confidential concern."""

from __future__ import annotations

import marshmallow as ma
from flask import flash, redirect, request, url_for
from flask_babel import gettext

from ..errors import ElearnError
from ..extensions import db
from ..mentoring.pairings import care, mentees
from ..mentoring.pairings.schemas import CheckInSchema, MilestoneUpdateSchema, TextSchema
from ..mentoring.plans import tracking
from ..mentoring.plans.models import ItemStatus
from ..mentoring.scoping import get_pairing
from ..timeutils import utcnow
from .pages import bp, form_fields, me, problems_of, reasons_of, render, signed_in

ALL = {"page": 1, "per_page": 100}


def _needs_attention(summary: dict) -> bool:
    return bool(summary["checkin_overdue"] or summary["overdue_milestones"])


@bp.get("/mentoring")
@signed_in
def mentoring_page():
    """My mentees, those with an overdue check-in or milestone first, and my own pairings."""
    now = utcnow()
    mine = mentees.my_mentees(me(), ALL, now=now)["items"]
    mine.sort(key=lambda summary: (not _needs_attention(summary),
                                   summary["pairing"]["mentee_name"]))
    as_mentee = [row for row in mentees.pairings(me(), ALL)["items"]
                 if row["mentee_id"] == me().id]
    return render("site/mentoring.html", mentees=mine, as_mentee=as_mentee,
                  needs_attention=_needs_attention)


def _pairing_page(pairing_id: int, *, status: int = 200, checkin=None, problems=None,
                  concern: str = ""):
    pairing = get_pairing(me(), pairing_id)
    detail = mentees.pairing_detail(me(), pairing, now=utcnow())
    return render("site/pairing.html", status=status, detail=detail, pairing=detail["pairing"],
                  party=me().id in (pairing.mentor_id, pairing.mentee_id),
                  item_statuses=[item.value for item in ItemStatus],
                  checkin=checkin or {}, problems=problems or {}, concern=concern)


@bp.get("/pairings/<int:pairing_id>")
@signed_in
def pairing_page(pairing_id):
    """A pairing: the plan, its milestones (the pair may update them), check-ins and the
    mentee's pathway progress."""
    return _pairing_page(pairing_id)


@bp.post("/pairings/<int:pairing_id>/checkins")
@signed_in
def log_checkin(pairing_id):
    """Log a check-in; a refused one comes back with what was typed and why."""
    typed = request.form.to_dict()
    try:
        data = CheckInSchema().load(form_fields(CheckInSchema()))
        tracking.log_checkin(me(), get_pairing(me(), pairing_id), data, now=utcnow())
    except (ma.ValidationError, ElearnError) as error:
        db.session.rollback()
        return _pairing_page(pairing_id, status=getattr(error, "status", 422), checkin=typed,
                             problems=problems_of(error))
    db.session.commit()
    flash(gettext("Check-in logged."), "done")
    return redirect(url_for("site.pairing_page", pairing_id=pairing_id))


@bp.post("/pairings/<int:pairing_id>/milestones/<int:milestone_id>")
@signed_in
def update_milestone(pairing_id, milestone_id):
    """Set a milestone's status."""
    pairing = get_pairing(me(), pairing_id)
    try:
        data = MilestoneUpdateSchema().load(form_fields(MilestoneUpdateSchema()))
        tracking.update_milestone(me(), pairing, tracking.get_milestone(pairing, milestone_id),
                                  data, now=utcnow())
    except (ma.ValidationError, ElearnError) as error:
        db.session.rollback()
        reasons = " ".join(reasons_of(error))
        flash(gettext("The milestone was not changed: %(reason)s", reason=reasons), "problem")
        return redirect(url_for("site.pairing_page", pairing_id=pairing_id))
    db.session.commit()
    flash(gettext("Milestone updated."), "done")
    return redirect(url_for("site.pairing_page", pairing_id=pairing_id))


@bp.post("/pairings/<int:pairing_id>/concerns")
@signed_in
def raise_concern(pairing_id):
    """Raise a confidential concern: only the programme's administrators read it."""
    typed = request.form.get("text", "")
    try:
        data = TextSchema().load(form_fields(TextSchema()))
        care.raise_concern(me(), get_pairing(me(), pairing_id), data["text"], now=utcnow())
    except (ma.ValidationError, ElearnError) as error:
        db.session.rollback()
        found = problems_of(error)
        return _pairing_page(pairing_id, status=getattr(error, "status", 422), concern=typed,
                             problems={"concern": [text for texts in found.values()
                                                   for text in texts]})
    db.session.commit()
    flash(gettext("Your concern was sent to the programme's administrators."), "done")
    return redirect(url_for("site.pairing_page", pairing_id=pairing_id))
