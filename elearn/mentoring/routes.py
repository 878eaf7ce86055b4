"""Programmes: creation, applications and selection, the mentor pool, pairings, completion."""

from __future__ import annotations

from flask_smorest import Blueprint

from ..accounts.auth import actor
from ..accounts.permissions import get_user
from ..extensions import db
from ..timeutils import utcnow
from ..web.pagination import PaginationArgsSchema, page_of, paginate
from . import completion, programmes, selection
from .pairings import lifecycle, mentees
from .pairings.schemas import PairingCreateSchema, PairingQueryArgsSchema, PairingSchema
from .schemas import (
    ApplicationCreateSchema,
    ApplicationDecisionSchema,
    ApplicationQueryArgsSchema,
    ApplicationSchema,
    MentorProposalSchema,
    MentorSchema,
    ProgrammeCreateSchema,
    ProgrammeSchema,
)
from .scoping import (
    get_application,
    get_programme,
    require_programme_admin,
)

bp = Blueprint("programmes", __name__, url_prefix="/api/v1/programmes",
               description="The mentoring and upskilling programme")


@bp.get("")
@bp.arguments(PaginationArgsSchema, location="query")
@bp.response(200, page_of(ProgrammeSchema))
def list_programmes(args):
    """Programmes, newest first."""
    actor()
    return paginate(programmes.programmes_query(), args)


@bp.post("")
@bp.arguments(ProgrammeCreateSchema)
@bp.response(201, ProgrammeSchema)
def create_programme(data):
    """Create a programme (programme admins)."""
    programme = programmes.create_programme(actor(), data, now=utcnow())
    db.session.commit()
    return programme


@bp.get("/<int:programme_id>")
@bp.response(200, ProgrammeSchema)
def get_programme_detail(programme_id):
    """One programme."""
    actor()
    return get_programme(programme_id)


@bp.post("/<int:programme_id>/applications")
@bp.arguments(ApplicationCreateSchema)
@bp.response(201, ApplicationSchema)
def create_application(data, programme_id):
    """Apply, or (national admins) nominate someone of their country."""
    candidate = get_user(actor(), data.pop("user_id")) if "user_id" in data else actor()
    application = selection.apply(actor(), get_programme(programme_id), candidate, data,
                                  now=utcnow())
    db.session.commit()
    return application


@bp.get("/<int:programme_id>/applications")
@bp.arguments(ApplicationQueryArgsSchema, location="query")
@bp.response(200, page_of(ApplicationSchema))
def list_applications(args, programme_id):
    """Applications the caller may see: admins their countries', applicants their own."""
    return paginate(selection.applications_query(actor(), get_programme(programme_id), args),
                    args)


@bp.patch("/<int:programme_id>/applications/<int:application_id>")
@bp.arguments(ApplicationDecisionSchema)
@bp.response(200, ApplicationSchema)
def decide_application(data, programme_id, application_id):
    """Shortlist, select or reject an application, with a reason."""
    application = get_application(actor(), get_programme(programme_id), application_id)
    selection.decide(actor(), application, data["decision"], data.get("reason"), now=utcnow())
    db.session.commit()
    return application


@bp.get("/<int:programme_id>/applications/<int:application_id>/mentor-proposals")
@bp.response(200, MentorProposalSchema(many=True))
def propose_mentors(programme_id, application_id):
    """Mentors for a selected mentee, ranked by language, expertise and free places."""
    require_programme_admin(actor())
    programme = get_programme(programme_id)
    return lifecycle.propose_mentors(programme, get_application(actor(), programme,
                                                               application_id))


@bp.get("/<int:programme_id>/mentors")
@bp.response(200, MentorSchema(many=True))
def list_mentors(programme_id):
    """The programme's mentor pool (programme admins)."""
    require_programme_admin(actor())
    return lifecycle.mentor_pool(get_programme(programme_id))


@bp.post("/<int:programme_id>/mentors")
@bp.arguments(MentorSchema)
@bp.response(201, MentorSchema)
def add_mentor(data, programme_id):
    """Add a mentor to the pool, or change their capacity, languages and expertise."""
    row = lifecycle.add_mentor(actor(), get_programme(programme_id),
                              get_user(actor(), data.pop("mentor_id")), data, now=utcnow())
    db.session.commit()
    return row


@bp.get("/<int:programme_id>/pairings")
@bp.arguments(PairingQueryArgsSchema, location="query")
@bp.response(200, page_of(PairingSchema))
def list_pairings(args, programme_id):
    """Pairings of the programme the caller may see."""
    return mentees.pairings(actor(), args, programme_id=get_programme(programme_id).id)


@bp.post("/<int:programme_id>/pairings")
@bp.arguments(PairingCreateSchema)
@bp.response(201, PairingSchema)
def create_pairing(data, programme_id):
    """Pair a selected mentee with a mentor of the pool (proposed until confirmed)."""
    programme = get_programme(programme_id)
    application = get_application(actor(), programme, data["application_id"])
    pairing = lifecycle.create_pairing(actor(), programme, application, data["mentor_id"],
                                      now=utcnow())
    db.session.commit()
    return mentees.pairing_row(pairing.id)


@bp.post("/<int:programme_id>/completion")
@bp.response(200, ApplicationSchema(many=True))
def complete_programme(programme_id):
    """Record every participant's outcome: alumni with a certificate, or not completed."""
    participants = completion.complete_programme(actor(), get_programme(programme_id),
                                                 now=utcnow())
    db.session.commit()
    return participants


BLUEPRINTS = (bp,)
