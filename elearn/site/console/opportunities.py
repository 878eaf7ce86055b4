"""Opportunities of the mentoring programme in the console, for programme admins: conferences,
coaching and the field exercise announced, mentees and alumni nominated, and each nomination
confirmed, marked attended or declined with a reason."""

from __future__ import annotations

import marshmallow as ma
from flask import flash, redirect, request, url_for
from flask_babel import gettext
from sqlalchemy import select

from ...errors import ElearnError, NotFound
from ...extensions import db
from ...mentoring.models import Application, ApplicationStatus
from ...mentoring.opportunities import nominations
from ...mentoring.pairings.schemas import NominationUpdateSchema, OpportunitySchema
from ...mentoring.plans.models import Audience, Nomination, Opportunity, OpportunityKind
from ...mentoring.scoping import get_programme, require_programme_admin
from ...timeutils import utcnow
from ...web.pagination import paginate
from ..pages import admin_only, bp, me, page_args, problems_of, reasons_of, render

FIELDS = ("kind", "title", "place", "starts_on", "ends_on", "audience", "seats")


def _opportunities_page(programme_id: int, *, status: int = 200, typed: dict | None = None,
                        problems: dict | None = None):
    require_programme_admin(me())
    programme = get_programme(programme_id)
    return render("site/console/opportunities.html", status=status, programme=programme,
                  page=paginate(nominations.opportunities_query(programme), page_args(25)),
                  typed=typed or {}, problems=problems or {},
                  kinds=[kind.value for kind in OpportunityKind],
                  audiences=[audience.value for audience in Audience])


@bp.get("/console/programmes/<int:programme_id>/opportunities")
@admin_only
def opportunities_page(programme_id):
    return _opportunities_page(programme_id)


@bp.post("/console/programmes/<int:programme_id>/opportunities")
@admin_only
def create_opportunity_page(programme_id):
    """Announce an opportunity; a refused form comes back with what was typed."""
    require_programme_admin(me())
    typed = {name: request.form.get(name, "").strip() for name in FIELDS}
    try:
        data = OpportunitySchema().load({name: value for name, value in typed.items() if value})
        opportunity = nominations.create_opportunity(me(), get_programme(programme_id), data,
                                                     now=utcnow())
    except (ma.ValidationError, ElearnError) as error:
        db.session.rollback()
        return _opportunities_page(programme_id, status=getattr(error, "status", 422),
                                   typed=typed, problems=problems_of(error))
    db.session.commit()
    flash(gettext("The opportunity is announced: nominate people to it."), "done")
    return redirect(url_for("site.opportunity_page", opportunity_id=opportunity.id))


def _opportunity(opportunity_id: int) -> Opportunity:
    require_programme_admin(me())
    opportunity = db.session.scalar(select(Opportunity).where(Opportunity.id == opportunity_id))
    if opportunity is None:
        raise NotFound(gettext("No such opportunity."))
    return opportunity


def _opportunity_page(opportunity_id: int, *, status: int = 200, problems: dict | None = None):
    opportunity = _opportunity(opportunity_id)
    participants = db.session.scalars(select(Application).where(
        Application.programme_id == opportunity.programme_id,
        Application.status == ApplicationStatus.SELECTED).order_by(Application.id))
    return render("site/console/opportunity.html", status=status, opportunity=opportunity,
                  page=paginate(nominations.nominations_query(opportunity), page_args(25)),
                  participants=list(participants), problems=problems or {})


@bp.get("/console/opportunities/<int:opportunity_id>")
@admin_only
def opportunity_page(opportunity_id):
    """The nominations of one opportunity, and nominating someone."""
    return _opportunity_page(opportunity_id)


@bp.post("/console/opportunities/<int:opportunity_id>/nominations")
@admin_only
def nominate_page(opportunity_id):
    opportunity = _opportunity(opportunity_id)
    participant = db.session.scalar(select(Application).where(
        Application.id == request.form.get("application_id", type=int),
        Application.programme_id == opportunity.programme_id))
    try:
        if participant is None:
            raise ma.ValidationError({"application_id": [gettext("Choose a participant.")]})
        nominations.nominate(me(), opportunity, participant, now=utcnow())
    except (ma.ValidationError, ElearnError) as error:
        db.session.rollback()
        return _opportunity_page(opportunity_id, status=getattr(error, "status", 422),
                                 problems=problems_of(error))
    db.session.commit()
    flash(gettext("%(name)s is nominated.", name=participant.applicant.name), "done")
    return redirect(url_for("site.opportunity_page", opportunity_id=opportunity_id))


@bp.post("/console/opportunities/<int:opportunity_id>/nominations/<int:nomination_id>")
@admin_only
def update_nomination_page(opportunity_id, nomination_id):
    """Confirm, mark attended or declined, with a reason."""
    _opportunity(opportunity_id)
    nomination = db.session.scalar(select(Nomination).where(
        Nomination.id == nomination_id, Nomination.opportunity_id == opportunity_id))
    if nomination is None:
        raise NotFound(gettext("No such nomination."))
    reason = request.form.get("reason", "").strip()
    try:
        data = NominationUpdateSchema().load({"status": request.form.get("status", "")}
                                             | ({"reason": reason} if reason else {}))
        nominations.update_nomination(me(), nomination, data["status"], data.get("reason"),
                                      now=utcnow())
    except (ma.ValidationError, ElearnError) as error:
        db.session.rollback()
        return _opportunity_page(opportunity_id, status=getattr(error, "status", 422),
                                 problems={f"nomination-{nomination_id}": reasons_of(error)})
    db.session.commit()
    flash(gettext("The nomination is updated."), "done")
    return redirect(url_for("site.opportunity_page", opportunity_id=opportunity_id))
