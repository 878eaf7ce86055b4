"""Trainer certification: who may deliver a course, granted by a second person.

A candidate qualifies with a valid Training of Trainers certificate and enough offerings of
the course co-facilitated. Someone asks (the candidate or an admin); someone else decides: a
programme admin, or for a national course its country's admin — never the requester, and
never a trainer of the candidate's qualifying offerings.
"""

from __future__ import annotations

from datetime import datetime

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, or_, select

from ..accounts.models import User
from ..accounts.permissions import is_national_admin, is_programme_admin, scope_by_country
from ..audit.services import record
from ..courses.models import Course
from ..enrollments.models import Offering, OfferingTrainer
from ..errors import Conflict, Forbidden, NotFound, one_or_404
from ..extensions import db
from .models import Certificate, CertificateKind, RequestStatus, TrainerRequest
from .services import new_certificate


def valid_certificate(user_id: int, course_code: str, kind: str, *, now: datetime):
    return db.session.scalar(
        select(Certificate).where(
            Certificate.holder_id == user_id, Certificate.course_code == course_code,
            Certificate.kind == kind, Certificate.revoked_at.is_(None),
            or_(Certificate.expires_at.is_(None), Certificate.expires_at > now))
        .order_by(Certificate.issued_at.desc()).limit(1))


def is_certified_trainer(user_id: int, course_code: str, *, now: datetime) -> bool:
    return valid_certificate(user_id, course_code, CertificateKind.TRAINER, now=now) is not None


def qualifying_offerings(candidate_id: int, course_code: str) -> list[int]:
    """Offerings of the course the candidate helped deliver."""
    return list(db.session.scalars(
        select(Offering.id).join(OfferingTrainer, OfferingTrainer.offering_id == Offering.id)
        .join(Course, Course.id == Offering.course_id)
        .where(OfferingTrainer.user_id == candidate_id, Course.code == course_code)))


def missing_requirements(candidate: User, course_code: str, *, now: datetime) -> list:
    tot = current_app.config["TRAINING_OF_TRAINERS_CODE"]
    needed = current_app.config["TRAINER_MIN_OFFERINGS"]
    missing = []
    if valid_certificate(candidate.id, tot, CertificateKind.COURSE, now=now) is None:
        missing.append(_l("A valid certificate of the course %(code)s.", code=tot))
    done = len(qualifying_offerings(candidate.id, course_code))
    if done < needed:
        missing.append(_l("%(needed)d offerings co-facilitated (%(done)d so far).",
                          needed=needed, done=done))
    return missing


def requests_query(actor: User, *, status: str | None = None) -> Select:
    """The requests in `actor`'s scope, newest first; in one status when given."""
    stmt = scope_requests(select(TrainerRequest), actor).order_by(
        TrainerRequest.created_at.desc(), TrainerRequest.id.desc())
    return stmt if status is None else stmt.where(TrainerRequest.status == status)


def scope_requests(stmt: Select, actor: User) -> Select:
    return scope_by_country(stmt, actor, TrainerRequest.country_code,
                            own_column=TrainerRequest.candidate_id)


def get_request(actor: User, request_id: int) -> TrainerRequest:
    return one_or_404(scope_requests(
        select(TrainerRequest).where(TrainerRequest.id == request_id), actor),
        _l("No such request."))


def request_certification(actor: User, candidate: User, course_code: str, *,
                          now: datetime) -> TrainerRequest:
    """Ask for a trainer certificate. Raises Conflict listing what is still missing."""
    course = db.session.scalar(select(Course).where(Course.code == course_code).limit(1))
    if course is None:
        raise NotFound(_l("No such course."))
    missing = missing_requirements(candidate, course_code, now=now)
    if missing:
        raise Conflict(_l("Not yet eligible for trainer certification."),
                       type="trainer-requirements-missing",
                       extra={"missing": [str(item) for item in missing]})
    pending = db.session.scalar(select(TrainerRequest.id).where(
        TrainerRequest.candidate_id == candidate.id, TrainerRequest.course_code == course_code,
        TrainerRequest.status == RequestStatus.PENDING))
    if pending is not None:
        raise Conflict(_l("A request is already waiting for a decision."),
                       type="request-pending")
    request = TrainerRequest(candidate=candidate, course_code=course_code,
                             country_code=candidate.country_code, requested_by_id=actor.id,
                             created_at=now)
    db.session.add(request)
    db.session.flush()
    record(actor, "trainer_request.create", "trainer_request", request.id,
           country_code=candidate.country_code, details={"course": course_code}, now=now)
    return request


def _check_decider(actor: User, request: TrainerRequest) -> None:
    course = db.session.scalar(select(Course).where(Course.code == request.course_code)
                               .order_by(Course.version.desc()).limit(1))
    national = course is not None and course.owner_country_code is not None
    allowed = is_programme_admin(actor) or (
        national and is_national_admin(actor)
        and course.owner_country_code == actor.country_code)
    if not allowed:
        raise Forbidden(_l("A programme admin decides, or for a national course its "
                           "country's admin."))
    if actor.id in (request.requested_by_id, request.candidate_id):
        raise Forbidden(_l("A second person must decide: not the one who asked."),
                        type="four-eyes")
    trainers = set(db.session.scalars(select(OfferingTrainer.user_id).where(
        OfferingTrainer.offering_id.in_(qualifying_offerings(request.candidate_id,
                                                             request.course_code)))))
    if actor.id in trainers:
        raise Forbidden(_l("You trained beside the candidate; someone else must decide."),
                        type="four-eyes")


def decide(actor: User, request: TrainerRequest, *, approve: bool, reason: str | None,
           now: datetime) -> TrainerRequest:
    """Approve (issuing the trainer certificate) or reject a pending request."""
    if request.status != RequestStatus.PENDING:
        raise Conflict(_l("This request was decided already."), type="already-decided")
    _check_decider(actor, request)
    request.status = RequestStatus.APPROVED if approve else RequestStatus.REJECTED
    request.decided_by_id, request.decided_at, request.reason = actor.id, now, reason
    if approve:
        missing = missing_requirements(request.candidate, request.course_code, now=now)
        if missing:
            raise Conflict(_l("Not yet eligible for trainer certification."),
                           type="trainer-requirements-missing",
                           extra={"missing": [str(item) for item in missing]})
        course = db.session.scalar(select(Course).where(Course.code == request.course_code)
                                   .order_by(Course.version.desc()).limit(1))
        certificate = new_certificate(
            request.candidate, kind=CertificateKind.TRAINER, course_code=request.course_code,
            title=course.title, issued_at=now,
            validity_months=course.certificate_validity_months, course_id=course.id,
            issued_by_id=actor.id)
        db.session.flush()
        request.certificate_id = certificate.id
    db.session.flush()
    record(actor, f"trainer_request.{request.status}", "trainer_request", request.id,
           country_code=request.country_code, details={"reason": reason}, now=now)
    return request
