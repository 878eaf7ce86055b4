"""Who sees which courses: the one scoping rule every course list and lookup goes through.

Programme admins see everything. National admins see their own country's courses (drafts
included) and regional ones. Everybody else sees courses that are not drafts, regional or of
their own country.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, and_, or_, select

from ..accounts.models import User
from ..accounts.permissions import is_national_admin, is_programme_admin
from ..errors import NotFound
from ..extensions import db
from .models import Course, CourseStatus


def scope_courses(stmt: Select, actor: User) -> Select:
    if is_programme_admin(actor):
        return stmt
    local = or_(Course.owner_country_code.is_(None),
                Course.owner_country_code == actor.country_code)
    if is_national_admin(actor):
        editable = Course.owner_country_code == actor.country_code
        return stmt.where(or_(editable, and_(local, Course.status != CourseStatus.DRAFT)))
    return stmt.where(local, Course.status != CourseStatus.DRAFT)


def get_course(actor: User, course_id: int) -> Course:
    """A course the actor may see, or NotFound."""
    course = db.session.scalar(scope_courses(select(Course).where(Course.id == course_id), actor))
    if course is None:
        raise NotFound(_l("No such course."))
    return course
