"""Which courses must come first: prerequisites and programme-wide mandatory courses."""

from __future__ import annotations

from sqlalchemy import select

from ..accounts.models import User
from ..extensions import db
from .models import Course, MandatoryExemption, MandatoryRule, Prerequisite


def required_course_codes(user: User, course: Course) -> set[str]:
    """Codes the user must have completed before ``course``: its prerequisites and the
    mandatory courses of its category, less the user's exemptions."""
    required = set(db.session.scalars(
        select(Prerequisite.required_code).where(Prerequisite.code == course.code)))
    required |= set(db.session.scalars(
        select(MandatoryRule.required_code).where(MandatoryRule.category == course.category)))
    if required:
        required -= set(db.session.scalars(
            select(MandatoryExemption.required_code).where(
                MandatoryExemption.user_id == user.id,
                MandatoryExemption.required_code.in_(required))))
    required.discard(course.code)
    return required
