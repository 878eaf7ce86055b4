"""Trainer certification requests and their four-eyes decisions."""

from __future__ import annotations

from flask_smorest import Blueprint

from ..accounts.auth import actor
from ..accounts.permissions import get_user
from ..extensions import db
from ..timeutils import utcnow
from ..web.pagination import PaginationArgsSchema, page_of, paginate
from . import trainers
from .schemas import TrainerDecisionSchema, TrainerRequestCreateSchema, TrainerRequestSchema

bp = Blueprint("trainer_certifications", __name__,
               url_prefix="/api/v1/trainer-certifications",
               description="Certification to deliver a course, decided by a second person")


@bp.get("")
@bp.arguments(PaginationArgsSchema, location="query")
@bp.response(200, page_of(TrainerRequestSchema))
def list_trainer_requests(args):
    """Requests in the caller's scope, newest first."""
    return paginate(trainers.requests_query(actor()), args)


@bp.post("")
@bp.arguments(TrainerRequestCreateSchema)
@bp.response(201, TrainerRequestSchema)
def create_trainer_request(data):
    """Ask to certify someone (or oneself) as a trainer of a course."""
    candidate = get_user(actor(), data["candidate_id"]) if "candidate_id" in data else actor()
    request = trainers.request_certification(actor(), candidate, data["course_code"],
                                             now=utcnow())
    db.session.commit()
    return request


@bp.post("/<int:request_id>/decision")
@bp.arguments(TrainerDecisionSchema)
@bp.response(200, TrainerRequestSchema)
def decide_trainer_request(data, request_id):
    """Approve (issuing the trainer certificate) or reject; never by the one who asked."""
    request = trainers.decide(actor(), trainers.get_request(actor(), request_id),
                              approve=data["approve"], reason=data.get("reason"),
                              now=utcnow())
    db.session.commit()
    return request


BLUEPRINTS = (bp,)
