"""Certificates and the chain of their renewals."""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User, one_of
from ..extensions import db
from ..timeutils import UTCDateTime, utcnow

EXPIRING_SOON = timedelta(days=90)


class CertificateKind(StrEnum):
    COURSE = "course"
    PROGRAMME = "programme"
    TRAINER = "trainer"


class DisplayStatus(StrEnum):
    VALID = "valid"
    EXPIRING_SOON = "expiring_soon"
    EXPIRED = "expired"
    REVOKED = "revoked"


class Certificate(db.Model):
    __tablename__ = "certificates"
    __table_args__ = (
        CheckConstraint(one_of("kind", CertificateKind), name="kind"),
        CheckConstraint("expires_at IS NULL OR expires_at > issued_at", name="expires_after_issue"),
        Index("ix_certificates_holder_id_course_code", "holder_id", "course_code"),
        Index("ix_certificates_country_code_issued_at", "country_code", "issued_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(10), default=CertificateKind.COURSE.value)
    holder_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    # The name it was issued to: a later change of the holder's name does not rename it.
    holder_name: Mapped[str] = mapped_column(String(200))
    # The holder's country when issued: the certificate stays in that country's scope.
    country_code: Mapped[str] = mapped_column(ForeignKey("countries.code"))
    # What was certified: a course code (any version) or a subject area for trainers.
    course_code: Mapped[str] = mapped_column(String(40))
    course_id: Mapped[int | None] = mapped_column(ForeignKey("courses.id", ondelete="SET NULL"))
    # One certificate per completed enrolment, whatever retries or races happen.
    enrollment_id: Mapped[int | None] = mapped_column(
        ForeignKey("enrollments.id", ondelete="SET NULL"), unique=True)
    title: Mapped[dict] = mapped_column(JSON)  # what was certified, per language, as issued
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # Random and unguessable; the short form is what people type at a checkpoint.
    code: Mapped[str] = mapped_column(String(32), unique=True)
    short_code: Mapped[str] = mapped_column(String(16), unique=True)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    revocation_reason: Mapped[str | None] = mapped_column(String(500))
    # The certificate this one renewed: the chain keeps the history. Indexed: every expiry
    # reminder asks whether a certificate was renewed.
    previous_id: Mapped[int | None] = mapped_column(ForeignKey("certificates.id"), index=True)

    holder: Mapped[User] = relationship(foreign_keys=[holder_id], lazy="joined",
                                        innerjoin=True)

    def display_status(self, now: datetime) -> DisplayStatus:
        return display_status(self.revoked_at, self.expires_at, now)


def display_status(revoked_at: datetime | None, expires_at: datetime | None,
                   now: datetime) -> DisplayStatus:
    """Valid, expiring soon, expired or revoked, as of `now`."""
    if revoked_at is not None:
        return DisplayStatus.REVOKED
    if expires_at is not None and now >= expires_at:
        return DisplayStatus.EXPIRED
    if expires_at is not None and expires_at - now <= EXPIRING_SOON:
        return DisplayStatus.EXPIRING_SOON
    return DisplayStatus.VALID


class RequestStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class TrainerRequest(db.Model):
    """A request to certify someone as a trainer of a course, decided by a second person."""

    __tablename__ = "trainer_requests"
    __table_args__ = (
        CheckConstraint(one_of("status", RequestStatus), name="status"),
        CheckConstraint("decided_by_id IS NULL OR decided_by_id <> requested_by_id",
                        name="four_eyes"),
        Index("ix_trainer_requests_candidate_id_course_code", "candidate_id", "course_code"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    course_code: Mapped[str] = mapped_column(String(40))
    country_code: Mapped[str] = mapped_column(ForeignKey("countries.code"))
    status: Mapped[str] = mapped_column(String(10), default=RequestStatus.PENDING.value)
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reason: Mapped[str | None] = mapped_column(String(500))
    certificate_id: Mapped[int | None] = mapped_column(ForeignKey("certificates.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    candidate: Mapped[User] = relationship(foreign_keys=[candidate_id], lazy="joined",
                                           innerjoin=True)
