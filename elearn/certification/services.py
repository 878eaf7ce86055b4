"""Issuing, renewing, revoking and finding certificates."""

from __future__ import annotations

import calendar
import logging
import secrets
from datetime import datetime
from functools import cache

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, bindparam, select
from sqlalchemy.exc import IntegrityError

from ..accounts.models import Country, User
from ..accounts.permissions import (
    is_national_admin,
    is_programme_admin,
    require_admin,
    require_country_admin,
    scope_by_country,
)
from ..audit.services import record
from ..courses.models import Course
from ..enrollments.models import Enrollment, EnrollmentStatus
from ..errors import Conflict, RuleViolation, one_or_404
from ..extensions import db
from .models import EXPIRING_SOON, Certificate, CertificateKind

logger = logging.getLogger(__name__)

# Crockford's base 32: no I, L, O or U, so codes survive being read aloud and typed.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH, SHORT_LENGTH = 26, 10  # 130 and 50 random bits
RENEWAL_WINDOW = EXPIRING_SOON  # recertifying this close to expiry extends the old validity


def _random_code(length: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def normalise_code(text: str) -> str:
    """What people type, as stored: upper case, no separators, look-alikes folded."""
    cleaned = "".join(char for char in text.upper() if char.isalnum())
    return cleaned.translate(str.maketrans("OIL", "011"))


def display_code(short_code: str) -> str:
    return f"{short_code[:5]}-{short_code[5:]}"


def add_months(moment: datetime, months: int) -> datetime:
    month = moment.month - 1 + months
    year, month = moment.year + month // 12, month % 12 + 1
    return moment.replace(year=year, month=month,
                          day=min(moment.day, calendar.monthrange(year, month)[1]))


def certificates_query(actor: User, args: dict, *, mine: bool = False) -> Select:
    """The certificates in `actor`'s scope (`mine`: that they hold), filtered as the list's
    `args` ask, newest first."""
    stmt = select(Certificate)
    stmt = (stmt.where(Certificate.holder_id == actor.id) if mine
            else scope_certificates(stmt, actor))
    for name in ("holder_id", "course_code", "kind"):
        if name in args:
            stmt = stmt.where(getattr(Certificate, name) == args[name])
    if "revoked" in args:
        stmt = stmt.where(Certificate.revoked_at.is_not(None) if args["revoked"]
                          else Certificate.revoked_at.is_(None))
    return stmt.order_by(Certificate.issued_at.desc(), Certificate.id.desc())


def scope_certificates(stmt: Select, actor: User) -> Select:
    return scope_by_country(stmt, actor, Certificate.country_code,
                            own_column=Certificate.holder_id)


def get_certificate(actor: User, certificate_id: int) -> Certificate:
    return one_or_404(scope_certificates(
        select(Certificate).where(Certificate.id == certificate_id), actor),
        _l("No such certificate."))


@cache
def _verification(by_short_code: bool):
    """Built once per kind of code: the public check is a hot path."""
    column = Certificate.short_code if by_short_code else Certificate.code
    return (select(Certificate.short_code, Certificate.title, Certificate.course_code,
                   Certificate.kind, Certificate.issued_at, Certificate.expires_at,
                   Certificate.revoked_at, Certificate.holder_name,
                   User.language.label("holder_language"),
                   Country.default_language.label("country_language"))
            .join(User, User.id == Certificate.holder_id)
            .join(Country, Country.code == User.country_code)
            .where(column == bindparam("code")))


def verification_by_code(text: str):
    """What verification shows of the certificate with this code, as one row, or None: its
    texts and dates, the holder's name and the language to answer in when the caller names
    none (`holder_language`, else `country_language`)."""
    code = normalise_code(text)
    if not code or len(code) > CODE_LENGTH:
        return None
    return db.session.execute(_verification(len(code) == SHORT_LENGTH), {"code": code}).first()


def _previous(holder_id: int, course_code: str, kind: str) -> Certificate | None:
    """The certificate a new one renews: the newest unrevoked one for the same thing."""
    return db.session.scalar(
        select(Certificate).where(Certificate.holder_id == holder_id,
                                  Certificate.course_code == course_code,
                                  Certificate.kind == kind, Certificate.revoked_at.is_(None))
        .order_by(Certificate.issued_at.desc(), Certificate.id.desc()).limit(1))


def _validity_start(previous: Certificate | None, issued_at: datetime) -> datetime:
    """A renewal inside the window before expiry continues from the old expiry date, so
    recertifying early costs the holder nothing; otherwise validity runs from the issue."""
    if previous is not None and previous.expires_at is not None and (
        issued_at < previous.expires_at <= issued_at + RENEWAL_WINDOW
    ):
        return previous.expires_at
    return issued_at


def new_certificate(holder: User, *, kind: str, course_code: str, title: dict,
                    issued_at: datetime, validity_months: int | None, **fields) -> Certificate:
    """A certificate; an earlier unrevoked one for the same thing becomes its previous link."""
    previous = _previous(holder.id, course_code, kind)
    start = _validity_start(previous, issued_at)
    certificate = Certificate(
        kind=kind, holder=holder, holder_name=holder.name, country_code=holder.country_code,
        course_code=course_code,
        title=title, issued_at=issued_at,
        expires_at=add_months(start, validity_months) if validity_months else None,
        code=_random_code(CODE_LENGTH), short_code=_random_code(SHORT_LENGTH),
        previous_id=previous.id if previous else None, **fields)
    db.session.add(certificate)
    return certificate


def issue_for_enrollment(enrollment, *, now: datetime) -> Certificate:
    """The certificate of a completed enrolment, issued once whatever calls it how often.

    Its validity runs from the completion; an earlier certificate for the same course is
    kept as the previous link of the chain (a renewal).
    """
    existing = db.session.scalar(
        select(Certificate).where(Certificate.enrollment_id == enrollment.id))
    if existing is not None:
        return existing
    course = enrollment.offering.course
    try:
        with db.session.begin_nested():
            certificate = new_certificate(
                enrollment.user, kind=CertificateKind.COURSE, course_code=course.code,
                title=course.title, issued_at=enrollment.completed_at or now,
                validity_months=course.certificate_validity_months, course_id=course.id,
                enrollment_id=enrollment.id)
    except IntegrityError:  # issued meanwhile by a concurrent completion
        return db.session.scalar(
            select(Certificate).where(Certificate.enrollment_id == enrollment.id))
    logger.info("certificate %s issued for enrolment %s", certificate.id, enrollment.id)
    return certificate


def issue_by_hand(actor: User, holder: User, data: dict, *, now: datetime) -> Certificate:
    """An admin issues a certificate for someone in their scope (training done elsewhere,
    or a completed enrolment). Raises Forbidden, Conflict and RuleViolation."""
    require_admin(actor)
    require_country_admin(actor, holder.country_code)
    kind = data.get("kind", CertificateKind.COURSE)
    if kind != CertificateKind.COURSE and not is_programme_admin(actor):
        raise RuleViolation(errors={"kind": [_l("Only programme admins issue this kind.")]})
    enrollment = None
    if "enrollment_id" in data:
        enrollment = db.session.get(Enrollment, data["enrollment_id"])
        if enrollment is None or enrollment.user_id != holder.id:
            raise RuleViolation(errors={"enrollment_id": [_l("Not an enrolment of this person.")]})
        if enrollment.status != EnrollmentStatus.COMPLETED:
            raise Conflict(_l("This enrolment is not completed."),
                           type="enrollment-not-completed")
        certificate = issue_for_enrollment(enrollment, now=now)
    else:
        course = db.session.scalar(select(Course).where(Course.code == data["course_code"])
                                   .order_by(Course.version.desc()).limit(1))
        if course is None:
            raise RuleViolation(errors={"course_code": [
                _l("Unknown course: %(code)s.", code=data["course_code"])]})
        certificate = new_certificate(
            holder, kind=kind, course_code=course.code, title=course.title, issued_at=now,
            validity_months=course.certificate_validity_months, course_id=course.id,
            issued_by_id=actor.id)
    db.session.flush()
    record(actor, "certificate.issue", "certificate", certificate.id,
           country_code=holder.country_code,
           details={"holder": holder.id, "course": certificate.course_code, "kind": kind,
                    "reason": data.get("reason")}, now=now)
    return certificate


def revoke(actor: User, certificate: Certificate, reason: str, *, now: datetime) -> Certificate:
    """Revoke with a reason (admins of the certificate's country). Twice is a Conflict."""
    require_admin(actor)
    if is_national_admin(actor) and not is_programme_admin(actor):
        require_country_admin(actor, certificate.country_code)
    if certificate.revoked_at is not None:
        raise Conflict(_l("This certificate is revoked already."), type="already-revoked")
    certificate.revoked_at = now
    certificate.revoked_by_id = actor.id
    certificate.revocation_reason = reason
    db.session.flush()
    record(actor, "certificate.revoke", "certificate", certificate.id,
           country_code=certificate.country_code, details={"reason": reason}, now=now)
    return certificate


def revoked_codes() -> list[tuple[str, datetime]]:
    return list(db.session.execute(
        select(Certificate.short_code, Certificate.revoked_at)
        .where(Certificate.revoked_at.is_not(None)).order_by(Certificate.revoked_at)))


def programme_code(programme) -> str:
    """What a programme certificate certifies, in the certificate's `course_code`."""
    return f"PROGRAMME-{programme.id}"


def issue_for_programme(participant: User, programme, *, now: datetime) -> Certificate:
    """The programme completion certificate of an alumna or alumnus, issued once."""
    code = programme_code(programme)
    existing = db.session.scalar(select(Certificate).where(
        Certificate.holder_id == participant.id, Certificate.kind == CertificateKind.PROGRAMME,
        Certificate.course_code == code, Certificate.revoked_at.is_(None)))
    if existing is not None:
        return existing
    certificate = new_certificate(participant, kind=CertificateKind.PROGRAMME, course_code=code,
                                  title={"en": programme.name}, issued_at=now,
                                  validity_months=None)
    db.session.flush()
    logger.info("programme certificate %s issued to %s", certificate.id, participant.id)
    return certificate
