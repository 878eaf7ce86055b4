"""Who sees which offerings and enrolments; every list and lookup of this domain goes here."""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, and_, or_, select

from ..accounts.models import User
from ..accounts.permissions import is_national_admin, is_programme_admin
from ..courses.models import Course, CourseStatus
from ..errors import Forbidden, one_or_404
from .models import Enrollment, Offering, OfferingTrainer


def _trains(actor: User):
    return Offering.id.in_(
        select(OfferingTrainer.offering_id).where(OfferingTrainer.user_id == actor.id)
    )


def offerings_query(actor: User, args: dict, *, now: datetime) -> Select:
    """The offerings `actor` may see, filtered as the list's `args` ask, soonest first;
    `open`: those still taking enrolments at `now`."""
    stmt = scope_offerings(select(Offering), actor)
    if "course_id" in args:
        stmt = stmt.where(Offering.course_id == args["course_id"])
    if "country" in args:
        stmt = stmt.where(Offering.country_code == args["country"].upper())
    if "mode" in args:
        stmt = stmt.where(Offering.mode == args["mode"])
    if args.get("open"):
        stmt = stmt.where(Offering.cancelled_at.is_(None), or_(
            Offering.enrollment_deadline > now,
            Offering.enrollment_deadline.is_(None) & (
                Offering.ends_at.is_(None) | (Offering.ends_at > now))))
    return stmt.order_by(Offering.starts_at, Offering.id)


def scope_offerings(stmt: Select, actor: User) -> Select:
    """Programme admins: all. Others: their country's and regional offerings (learners only of
    courses that are not drafts, and not cancelled), plus those they facilitate."""
    if is_programme_admin(actor):
        return stmt
    local = or_(Offering.country_code.is_(None), Offering.country_code == actor.country_code)
    if is_national_admin(actor):
        return stmt.where(or_(local, _trains(actor)))
    open_to_learners = and_(
        local,
        Offering.cancelled_at.is_(None),
        Offering.course_id.in_(select(Course.id).where(Course.status != CourseStatus.DRAFT)),
    )
    return stmt.where(or_(open_to_learners, _trains(actor)))


def scope_enrollments(stmt: Select, actor: User) -> Select:
    """Programme admins: all. National admins: their country's people. Trainers: the
    learners of offerings they facilitate. Everybody: their own."""
    if is_programme_admin(actor):
        return stmt
    visible = [Enrollment.user_id == actor.id,
               Enrollment.offering_id.in_(select(OfferingTrainer.offering_id)
                                          .where(OfferingTrainer.user_id == actor.id))]
    if is_national_admin(actor):
        visible.append(Enrollment.user_id.in_(
            select(User.id).where(User.country_code == actor.country_code)))
    return stmt.where(or_(*visible))


def get_offering(actor: User, offering_id: int) -> Offering:
    return one_or_404(scope_offerings(select(Offering).where(Offering.id == offering_id), actor),
                      _l("No such offering."))


def visible_offering_id(actor: User, offering_id: int) -> int:
    """The id of an offering the caller may see (404 otherwise), without loading it."""
    return one_or_404(scope_offerings(select(Offering.id).where(Offering.id == offering_id),
                                      actor), _l("No such offering."))


def get_enrollment(actor: User, enrollment_id: int, *options) -> Enrollment:
    """The enrolment, if the actor may see it; `options` say what to load with it."""
    return one_or_404(
        scope_enrollments(select(Enrollment).where(Enrollment.id == enrollment_id)
                          .options(*options), actor),
        _l("No such enrolment."))


def can_manage_offering(actor: User, offering: Offering) -> bool:
    if is_programme_admin(actor):
        return True
    return is_national_admin(actor) and offering.country_code == actor.country_code


def require_offering_manager(actor: User, offering: Offering) -> None:
    if not can_manage_offering(actor, offering):
        raise Forbidden(_l("Only the administrators of this offering's country may do this."))


def can_manage_person(actor: User, user: User) -> bool:
    """Admins enrol, approve and withdraw the people of their scope."""
    if is_programme_admin(actor):
        return True
    return is_national_admin(actor) and user.country_code == actor.country_code


def is_trainer_of(actor: User, offering: Offering) -> bool:
    return any(trainer.user_id == actor.id for trainer in offering.trainers)


def taught_offerings_query(actor: User) -> Select:
    """The offerings `actor` facilitates, the latest first."""
    return select(Offering).where(_trains(actor)).order_by(Offering.starts_at.desc(),
                                                           Offering.id.desc())
