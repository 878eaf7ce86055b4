"""Which courses must come first: prerequisites and programme-wide mandatory courses."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select

from ..accounts.models import User
from ..errors import RuleViolation
from ..extensions import db
from .models import Course, MandatoryExemption, MandatoryRule, Prerequisite


def course_requirements(course: Course) -> tuple[set[str], set[str]]:
    """What `course` requires, never its own code: the prerequisites of its code, and the
    mandatory courses of its category (from which a user may be exempted)."""
    required = set(db.session.scalars(
        select(Prerequisite.required_code).where(Prerequisite.code == course.code)))
    mandatory = set(db.session.scalars(
        select(MandatoryRule.required_code).where(MandatoryRule.category == course.category)))
    return required - {course.code}, mandatory - {course.code}


def required_course_codes(user: User, course: Course) -> set[str]:
    """Codes `user` must have completed before `course`: its requirements less the
    user's exemptions from mandatory courses."""
    required, mandatory = course_requirements(course)
    if mandatory:
        mandatory -= set(db.session.scalars(
            select(MandatoryExemption.required_code).where(
                MandatoryExemption.user_id == user.id,
                MandatoryExemption.required_code.in_(mandatory))))
    return required | mandatory


def requirement_graph(*, leaving_out: str | None = None) -> dict[str, set[str]]:
    """Code → the codes it requires: its prerequisites (but those of code `leaving_out`)
    and the mandatory courses of its category (of any of its versions)."""
    graph: dict[str, set[str]] = {}
    prerequisites = select(Prerequisite.code, Prerequisite.required_code)
    if leaving_out is not None:
        prerequisites = prerequisites.where(Prerequisite.code != leaving_out)
    mandatory = select(Course.code, MandatoryRule.required_code).join(
        MandatoryRule, MandatoryRule.category == Course.category).distinct()
    for stmt in (prerequisites, mandatory):
        for code, required in db.session.execute(stmt):
            if code != required:
                graph.setdefault(code, set()).add(required)
    return graph


def reaches(graph: dict[str, set[str]], starts, targets) -> bool:
    """Whether following requirements from `starts` leads to one of `targets`."""
    seen, stack = set(), list(starts)
    while stack:
        code = stack.pop()
        if code in targets:
            return True
        if code not in seen:
            seen.add(code)
            stack.extend(graph.get(code, ()))
    return False


def check_prerequisites(code: str, codes) -> None:
    """Refuse prerequisites for course `code` that are unknown, the course itself, or (type
    `circular-prerequisites`) that already require it, directly, through their own
    prerequisites or through mandatory courses.

    Raises RuleViolation with `errors={"prerequisites": [...]}`.
    """
    codes = set(codes)
    known = set(db.session.scalars(select(Course.code).where(Course.code.in_(codes))))
    errors = [_l("Unknown course: %(code)s.", code=other)
              for other in sorted(codes - known - {code})]
    if code in codes:
        errors.append(_l("A course cannot require itself."))
    if errors:
        raise RuleViolation(errors={"prerequisites": errors})
    if reaches(requirement_graph(leaving_out=code), codes, {code}):
        raise RuleViolation(_l("These prerequisites would make a circle."),
                            type="circular-prerequisites",
                            errors={"prerequisites": [_l("Circular prerequisites.")]})


def set_prerequisites(course: Course, codes) -> None:
    """Replace the prerequisites of the course's code (every version shares them), once
    `check_prerequisites` agrees."""
    codes = set(codes)
    check_prerequisites(course.code, codes)
    current = set(db.session.scalars(
        select(Prerequisite.required_code).where(Prerequisite.code == course.code)))
    if current - codes:
        db.session.execute(delete(Prerequisite).where(
            Prerequisite.code == course.code, Prerequisite.required_code.in_(current - codes)))
    db.session.add_all(Prerequisite(code=course.code, required_code=required)
                       for required in sorted(codes - current))
    db.session.flush()
    db.session.expire(course, ["prerequisites"])
