"""Programme-wide mandatory courses and the people excused from them."""

from __future__ import annotations

from flask_smorest import Blueprint

from ..accounts.auth import actor
from ..accounts.permissions import get_user
from ..extensions import db
from ..timeutils import utcnow
from ..web.pagination import PaginationArgsSchema, page_of, paginate
from . import mandatory
from .schemas import ExemptionCreateSchema, ExemptionSchema, MandatoryRuleSchema

rules_bp = Blueprint("mandatory_rules", __name__, url_prefix="/api/v1/mandatory-rules",
                     description="Courses required before whole categories, and exemptions")


@rules_bp.get("")
@rules_bp.response(200, MandatoryRuleSchema(many=True))
def list_rules():
    """Mandatory courses and the categories they come before (the same in every country)."""
    actor()
    return db.session.scalars(mandatory.rules_query())


@rules_bp.post("")
@rules_bp.arguments(MandatoryRuleSchema)
@rules_bp.response(201, MandatoryRuleSchema)
def create_rule(data):
    """Require a course before every course of a category, in every country."""
    rule = mandatory.create_rule(actor(), data, now=utcnow())
    db.session.commit()
    return rule


@rules_bp.delete("/<code>/<category:category>")
@rules_bp.response(204)
def delete_rule(code, category):
    """Remove a mandatory rule."""
    mandatory.delete_rule(actor(), code, category, now=utcnow())
    db.session.commit()


@rules_bp.get("/<code>/exemptions")
@rules_bp.arguments(PaginationArgsSchema, location="query")
@rules_bp.response(200, page_of(ExemptionSchema))
def list_exemptions(args, code):
    """People excused from a mandatory course, within the caller's scope."""
    return paginate(mandatory.exemptions_query(actor(), code), args)


@rules_bp.post("/<code>/exemptions")
@rules_bp.arguments(ExemptionCreateSchema)
@rules_bp.response(201, ExemptionSchema)
def create_exemption(data, code):
    """Excuse one person from a mandatory course, with the reason."""
    exemption = mandatory.grant_exemption(actor(), code, get_user(actor(), data["user_id"]),
                                          data["reason"], now=utcnow())
    db.session.commit()
    return exemption


@rules_bp.delete("/<code>/exemptions/<int:user_id>")
@rules_bp.response(204)
def delete_exemption(code, user_id):
    """Withdraw a person's exemption: the mandatory course applies to them again."""
    mandatory.revoke_exemption(actor(), code, get_user(actor(), user_id), now=utcnow())
    db.session.commit()


BLUEPRINTS = (rules_bp,)
