"""Programme-wide mandatory courses, and the people excused from them."""

from __future__ import annotations

import logging
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, select

from ..accounts.models import User
from ..accounts.permissions import (
    is_national_admin,
    is_programme_admin,
    require_admin,
    scope_users,
)
from ..audit.services import record
from ..errors import Conflict, Forbidden, NotFound, RuleViolation
from ..extensions import db
from .models import Course, CourseStatus, MandatoryExemption, MandatoryRule
from .requirements import reaches, requirement_graph

logger = logging.getLogger(__name__)


def _require_programme_admin(actor: User) -> None:
    if not is_programme_admin(actor):
        raise Forbidden(_l("Only programme administrators set mandatory courses."))


def rules_query() -> Select:
    """Every mandatory rule (the same for every country), in a stable order."""
    return select(MandatoryRule).order_by(MandatoryRule.required_code, MandatoryRule.category)


def create_rule(actor: User, data: dict, *, now: datetime) -> MandatoryRule:
    """Make course `required_code` mandatory before every course of `category`.

    Raises Forbidden (not a programme admin), RuleViolation (no published course with that
    code; or `circular-prerequisites` when the course itself needs a course of the
    category), Conflict (the rule exists).
    """
    _require_programme_admin(actor)
    code, category = data["required_code"], data["category"]
    if not db.session.scalar(select(Course.id).where(Course.code == code,
                                                     Course.status != CourseStatus.DRAFT)):
        raise RuleViolation(errors={"required_code": [
            _l("No published course has the code %(code)s.", code=code)]})
    of_category = set(db.session.scalars(select(Course.code).where(Course.category == category)))
    if reaches(requirement_graph(), [code], of_category - {code}):
        raise RuleViolation(_l("These prerequisites would make a circle."),
                            type="circular-prerequisites",
                            errors={"required_code": [_l("Circular prerequisites.")]})
    if db.session.get(MandatoryRule, (code, category)):
        raise Conflict(_l("This rule exists already."), type="rule-exists")
    rule = MandatoryRule(required_code=code, category=category, created_by_id=actor.id,
                         created_at=now)
    db.session.add(rule)
    db.session.flush()
    record(actor, "mandatory_rule.create", "mandatory_rule", f"{code}:{category}",
           country_code=None, details=data, now=now)
    return rule


def delete_rule(actor: User, required_code: str, category: str, *, now: datetime) -> None:
    """Remove a mandatory rule (its exemptions stay, in case it comes back)."""
    _require_programme_admin(actor)
    rule = db.session.get(MandatoryRule, (required_code, category))
    if rule is None:
        raise NotFound(_l("No such rule."))
    db.session.delete(rule)
    db.session.flush()
    record(actor, "mandatory_rule.delete", "mandatory_rule", f"{required_code}:{category}",
           country_code=None, now=now)


def _require_rule(required_code: str) -> None:
    if not db.session.scalar(select(MandatoryRule.category)
                             .where(MandatoryRule.required_code == required_code).limit(1)):
        raise NotFound(_l("No such rule."))


def _require_exemption_admin(actor: User, user: User) -> None:
    if not (is_programme_admin(actor) or (
            is_national_admin(actor) and user.country_code == actor.country_code)):
        raise Forbidden(_l("Only this person's administrators may grant an exemption."))


def exemptions_query(actor: User, required_code: str) -> Select:
    """The exemptions from a mandatory course of the people `actor` may see, oldest first."""
    require_admin(actor)
    _require_rule(required_code)
    people = scope_users(select(User.id), actor)
    return (select(MandatoryExemption)
            .where(MandatoryExemption.required_code == required_code,
                   MandatoryExemption.user_id.in_(people))
            .order_by(MandatoryExemption.created_at, MandatoryExemption.user_id))


def exempted_people_query(actor: User, required_code: str) -> Select:
    """`exemptions_query` as rows with each person's name and e-mail beside the reason."""
    return exemptions_query(actor, required_code).join(
        User, User.id == MandatoryExemption.user_id).with_only_columns(
        MandatoryExemption.user_id, MandatoryExemption.reason, MandatoryExemption.created_at,
        User.name, User.email)


def grant_exemption(actor: User, required_code: str, user: User, reason: str, *,
                    now: datetime) -> MandatoryExemption:
    """Excuse one person (whom the actor administers) from a mandatory course, with the reason.

    Raises Forbidden, NotFound (no rule for the code), Conflict (already exempted).
    """
    _require_exemption_admin(actor, user)
    _require_rule(required_code)
    if db.session.get(MandatoryExemption, (user.id, required_code)):
        raise Conflict(_l("This person is exempted already."), type="exemption-exists")
    exemption = MandatoryExemption(user_id=user.id, required_code=required_code, reason=reason,
                                   granted_by_id=actor.id, created_at=now)
    db.session.add(exemption)
    db.session.flush()
    record(actor, "exemption.create", "user", user.id, country_code=user.country_code,
           details={"course": required_code, "reason": reason}, now=now)
    return exemption


def revoke_exemption(actor: User, required_code: str, user: User, *, now: datetime) -> None:
    """Withdraw a person's exemption: the mandatory course applies to them again."""
    _require_exemption_admin(actor, user)
    exemption = db.session.get(MandatoryExemption, (user.id, required_code))
    if exemption is None:
        raise NotFound(_l("This person has no exemption from this course."))
    db.session.delete(exemption)
    db.session.flush()
    record(actor, "exemption.delete", "user", user.id, country_code=user.country_code,
           details={"course": required_code}, now=now)
