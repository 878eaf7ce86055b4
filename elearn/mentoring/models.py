"""Programmes, their mentors and applications, and the pairings of mentor and mentee.

The facts other code scans with set-based SQL (application status and `decided_at`,
pairing status with `started_at`/`ended_at`, the programme's check-in cadence, the
participant's outcome) are plain columns.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User, one_of
from ..extensions import db
from ..timeutils import UTCDateTime, utcnow


class ApplicationStatus(StrEnum):
    SUBMITTED = "submitted"
    SHORTLISTED = "shortlisted"
    SELECTED = "selected"
    REJECTED = "rejected"


class Outcome(StrEnum):
    ALUMNI = "alumni"
    NOT_COMPLETED = "not_completed"


class PairingStatus(StrEnum):
    PROPOSED = "proposed"
    ACTIVE = "active"
    PAUSED = "paused"
    ENDED = "ended"  # ended early (and usually replaced)
    CLOSED = "closed"  # ran its course


# Statuses that take one of the mentor's places.
CAPACITY_HOLDING = (PairingStatus.PROPOSED, PairingStatus.ACTIVE, PairingStatus.PAUSED)
OPEN_PAIRING = CAPACITY_HOLDING


class Programme(db.Model):
    __tablename__ = "programmes"
    __table_args__ = (
        CheckConstraint("ends_on > starts_on", name="ends_after_start"),
        CheckConstraint("applications_close_on >= applications_open_on", name="window"),
        CheckConstraint("checkin_cadence_days > 0", name="cadence_positive"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    applications_open_on: Mapped[date] = mapped_column(Date)
    applications_close_on: Mapped[date] = mapped_column(Date)
    # Null: no overall cap, only the seats of each country.
    total_seats: Mapped[int | None] = mapped_column(Integer)
    checkin_cadence_days: Mapped[int] = mapped_column(Integer, default=30)
    # Both sides of each active pairing are asked how it fits, every so many days.
    checkup_cadence_days: Mapped[int] = mapped_column(Integer, default=60, server_default="60")
    # Eligibility: null gender or empty ranks means anyone.
    eligible_gender: Mapped[str | None] = mapped_column(String(12))
    eligible_ranks: Mapped[list] = mapped_column(JSON, default=list)
    min_years_experience: Mapped[int | None] = mapped_column(Integer)
    # [{"key", "title", "month"}]: milestones every plan gets, due `month` months in.
    milestone_template: Mapped[list] = mapped_column(JSON, default=list)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    countries: Mapped[list[ProgrammeCountry]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="ProgrammeCountry.country_code")
    pathway: Mapped[list[PathwayCourse]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="PathwayCourse.position")

    def seats_for(self, country_code: str) -> int | None:
        """The seats of a partner country, or None when it is not a partner."""
        return next((row.seats for row in self.countries if row.country_code == country_code),
                    None)

    @property
    def final_milestone_key(self) -> str | None:
        """The template milestone due last: the final review that completion requires."""
        if not self.milestone_template:
            return None
        return max(self.milestone_template, key=lambda item: item["month"])["key"]


class ProgrammeCountry(db.Model):
    __tablename__ = "programme_countries"
    __table_args__ = (CheckConstraint("seats >= 1", name="seats_positive"),)

    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id", ondelete="CASCADE"),
                                              primary_key=True)
    country_code: Mapped[str] = mapped_column(ForeignKey("countries.code"), primary_key=True)
    seats: Mapped[int] = mapped_column(Integer)


class PathwayCourse(db.Model):
    """A course every mentee of the programme follows (by code, so new versions count)."""

    __tablename__ = "pathway_courses"

    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id", ondelete="CASCADE"),
                                              primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)

    course = relationship("Course", lazy="joined", innerjoin=True)


class ProgrammeMentor(db.Model):
    """A mentor in the programme's pool, with what the proposals rank on."""

    __tablename__ = "programme_mentors"
    __table_args__ = (CheckConstraint("max_mentees >= 1", name="max_mentees_positive"),)

    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id", ondelete="CASCADE"),
                                              primary_key=True)
    mentor_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                           primary_key=True)
    max_mentees: Mapped[int] = mapped_column(Integer, default=3)
    languages: Mapped[list] = mapped_column(JSON, default=list)
    expertise: Mapped[list] = mapped_column(JSON, default=list)

    mentor: Mapped[User] = relationship(lazy="joined", innerjoin=True)


class Application(db.Model):
    """A candidacy; once selected, the participant (mentee) and finally their outcome."""

    __tablename__ = "applications"
    __table_args__ = (
        UniqueConstraint("programme_id", "applicant_id"),
        CheckConstraint(one_of("status", ApplicationStatus), name="status"),
        CheckConstraint(f"outcome IS NULL OR {one_of('outcome', Outcome)}", name="outcome"),
        Index("ix_applications_programme_id_country_code_status", "programme_id",
              "country_code", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id", ondelete="CASCADE"))
    applicant_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                              index=True)
    country_code: Mapped[str] = mapped_column(ForeignKey("countries.code"))
    status: Mapped[str] = mapped_column(String(12), default=ApplicationStatus.SUBMITTED.value)
    motivation: Mapped[str] = mapped_column(Text)
    area_of_work: Mapped[str] = mapped_column(String(200))
    languages: Mapped[list] = mapped_column(JSON, default=list)
    years_experience: Mapped[int | None] = mapped_column(Integer)
    supervisor_name: Mapped[str] = mapped_column(String(200))
    supervisor_endorsement: Mapped[str] = mapped_column(Text)
    # Optional, and only with the applicant's consent.
    demographics: Mapped[dict | None] = mapped_column(JSON)
    demographics_consent: Mapped[bool] = mapped_column(Boolean, default=False)
    nominated_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    shortlisted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    reason: Mapped[str | None] = mapped_column(String(1000))
    conduct_acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    outcome: Mapped[str | None] = mapped_column(String(14))
    outcome_reason: Mapped[str | None] = mapped_column(String(1000))
    outcome_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    certificate_id: Mapped[int | None] = mapped_column(
        ForeignKey("certificates.id", ondelete="SET NULL"))

    applicant: Mapped[User] = relationship(foreign_keys=[applicant_id], lazy="joined",
                                           innerjoin=True)
    programme: Mapped[Programme] = relationship(lazy="joined", innerjoin=True)


class Pairing(db.Model):
    __tablename__ = "pairings"
    __table_args__ = (
        CheckConstraint(one_of("status", PairingStatus), name="status"),
        CheckConstraint("mentor_id <> mentee_id", name="not_self"),
        Index("ix_pairings_mentor_id_status", "mentor_id", "status"),
        Index("ix_pairings_application_id_status", "application_id", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id", ondelete="CASCADE"),
                                              index=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id",
                                                           ondelete="CASCADE"))
    mentor_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    mentee_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(10), default=PairingStatus.PROPOSED.value)
    proposed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ends_on: Mapped[date | None] = mapped_column(Date)  # planned end; extending moves it
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    status_reason: Mapped[str | None] = mapped_column(String(1000))
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("pairings.id"))
    mentor_conduct_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    mentor_review: Mapped[str | None] = mapped_column(Text)
    mentor_reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    mentee_review: Mapped[str | None] = mapped_column(Text)
    mentee_reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    mentor: Mapped[User] = relationship(foreign_keys=[mentor_id], lazy="joined", innerjoin=True)
    mentee: Mapped[User] = relationship(foreign_keys=[mentee_id], lazy="joined", innerjoin=True)
    application: Mapped[Application] = relationship(lazy="joined", innerjoin=True)
