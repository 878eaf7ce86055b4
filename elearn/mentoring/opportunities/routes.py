"""Opportunities for mentees and alumni, their nominations, and the concerns admins act on."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_smorest import Blueprint
from sqlalchemy import select

from ...accounts.auth import actor
from ...errors import one_or_404
from ...extensions import db
from ...timeutils import utcnow
from ...web.pagination import PaginationArgsSchema, page_of, paginate
from ..models import Application
from ..pairings import care
from ..pairings.schemas import (
    ConcernActionSchema,
    ConcernQueryArgsSchema,
    ConcernSchema,
    NominationCreateSchema,
    NominationSchema,
    NominationUpdateSchema,
    OpportunitySchema,
)
from ..plans.models import Concern, Nomination, Opportunity
from ..scoping import get_programme, require_programme_admin
from . import nominations

programme_bp = Blueprint("programme_opportunities", __name__, url_prefix="/api/v1/programmes",
                         description="Conferences, coaching and the field exercise")
bp = Blueprint("opportunities", __name__, url_prefix="/api/v1/opportunities",
               description="Nominations of mentees and alumni")
concerns_bp = Blueprint("concerns", __name__, url_prefix="/api/v1/concerns",
                        description="Confidential concerns, for programme admins only")


def _opportunity(opportunity_id):
    return one_or_404(select(Opportunity).where(Opportunity.id == opportunity_id),
                      _l("No such opportunity."))


@programme_bp.get("/<int:programme_id>/opportunities")
@programme_bp.arguments(PaginationArgsSchema, location="query")
@programme_bp.response(200, page_of(OpportunitySchema))
def list_opportunities(args, programme_id):
    """The programme's opportunities, soonest first."""
    actor()
    return paginate(nominations.opportunities_query(get_programme(programme_id)), args)


@programme_bp.post("/<int:programme_id>/opportunities")
@programme_bp.arguments(OpportunitySchema)
@programme_bp.response(201, OpportunitySchema)
def create_opportunity(data, programme_id):
    """Announce a conference, a coaching session or the field exercise (programme admins)."""
    opportunity = nominations.create_opportunity(actor(), get_programme(programme_id), data,
                                                   now=utcnow())
    db.session.commit()
    return opportunity


@bp.get("/<int:opportunity_id>/nominations")
@bp.arguments(PaginationArgsSchema, location="query")
@bp.response(200, page_of(NominationSchema))
def list_nominations(args, opportunity_id):
    """The nominations of an opportunity (programme admins)."""
    require_programme_admin(actor())
    return paginate(nominations.nominations_query(_opportunity(opportunity_id)), args)


@bp.post("/<int:opportunity_id>/nominations")
@bp.arguments(NominationCreateSchema)
@bp.response(201, NominationSchema)
def create_nomination(data, opportunity_id):
    """Nominate a mentee or an alumna/alumnus of the programme."""
    require_programme_admin(actor())
    participant = one_or_404(select(Application).where(
        Application.id == data["application_id"]), _l("No such application."))
    nomination = nominations.nominate(actor(), _opportunity(opportunity_id), participant,
                                        now=utcnow())
    db.session.commit()
    return nomination


@bp.patch("/<int:opportunity_id>/nominations/<int:nomination_id>")
@bp.arguments(NominationUpdateSchema)
@bp.response(200, NominationSchema)
def update_nomination(data, opportunity_id, nomination_id):
    """Confirm, mark attended or declined."""
    require_programme_admin(actor())
    nomination = one_or_404(select(Nomination).where(
        Nomination.id == nomination_id, Nomination.opportunity_id == opportunity_id),
        _l("No such nomination."))
    nominations.update_nomination(actor(), nomination, data["status"], data.get("reason"),
                                    now=utcnow())
    db.session.commit()
    return nomination


@concerns_bp.get("")
@concerns_bp.arguments(ConcernQueryArgsSchema, location="query")
@concerns_bp.response(200, page_of(ConcernSchema))
def list_concerns(args):
    """Concerns raised in pairings, open ones first (programme admins only)."""
    require_programme_admin(actor())
    return paginate(care.concerns_query(args), args)


@concerns_bp.patch("/<int:concern_id>")
@concerns_bp.arguments(ConcernActionSchema)
@concerns_bp.response(200, ConcernSchema)
def act_on_concern(data, concern_id):
    """Record the action taken on a concern (programme admins only)."""
    require_programme_admin(actor())
    concern = one_or_404(select(Concern).where(Concern.id == concern_id),
                         _l("No such concern."))
    care.act_on_concern(actor(), concern, data["action"], now=utcnow())
    db.session.commit()
    return concern


BLUEPRINTS = (programme_bp, bp, concerns_bp)
