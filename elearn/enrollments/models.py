"""Offerings, enrolments and the progress recorded against them.

Capacity lives in the database: `Offering.seats_taken` is only ever changed by one
conditional UPDATE and a CHECK keeps it within `capacity`, so concurrent enrolments can
never overfill an offering. Progress is kept as events (each with the client's id, so an
offline replay counts once) and folded into one row per lesson whose timestamps are minima,
so the same events in any order give the same state.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User, one_of
from ..courses.models import Course, Lesson
from ..extensions import db
from ..timeutils import UTCDateTime, utcnow


class Mode(StrEnum):
    SELF_PACED = "self_paced"
    LIVE_ONLINE = "live_online"
    BLENDED = "blended"


class EnrollmentStatus(StrEnum):
    PENDING = "pending"
    WAITLISTED = "waitlisted"
    ENROLLED = "enrolled"
    COMPLETED = "completed"
    FAILED = "failed"
    WITHDRAWN = "withdrawn"


# Statuses that occupy one of the offering's places.
SEAT_HOLDING = (EnrollmentStatus.ENROLLED, EnrollmentStatus.COMPLETED, EnrollmentStatus.FAILED)


class TrainerRole(StrEnum):
    LEAD = "lead"
    CO_FACILITATOR = "co_facilitator"


class ProgressKind(StrEnum):
    VIEWED = "viewed"
    COMPLETED = "completed"


class Offering(db.Model):
    __tablename__ = "offerings"
    __table_args__ = (
        CheckConstraint(one_of("mode", Mode), name="mode"),
        CheckConstraint("capacity IS NULL OR capacity >= 0", name="capacity_not_negative"),
        CheckConstraint("seats_taken >= 0 AND (capacity IS NULL OR seats_taken <= capacity)",
                        name="seats_within_capacity"),
        CheckConstraint("ends_at IS NULL OR ends_at > starts_at", name="ends_after_start"),
        Index("ix_offerings_country_code_starts_at", "country_code", "starts_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"), index=True)
    # Null: a regional offering open to every country.
    country_code: Mapped[str | None] = mapped_column(ForeignKey("countries.code"))
    title: Mapped[str | None] = mapped_column(String(200))
    mode: Mapped[str] = mapped_column(String(12), default=Mode.SELF_PACED.value)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    enrollment_deadline: Mapped[datetime | None] = mapped_column(UTCDateTime)
    capacity: Mapped[int | None] = mapped_column(Integer)  # None: unlimited
    seats_taken: Mapped[int] = mapped_column(Integer, default=0)
    waitlist_enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    approval_required: Mapped[bool] = mapped_column(Boolean, default=False)
    self_enrollment: Mapped[bool] = mapped_column(Boolean, default=True)
    due_days: Mapped[int | None] = mapped_column(Integer)  # due date = enrolment + days
    # Completion also needs this many live sessions attended, or this share of them.
    min_sessions_attended: Mapped[int | None] = mapped_column(Integer)
    min_attendance_percent: Mapped[int | None] = mapped_column(Integer)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    course: Mapped[Course] = relationship(lazy="joined", innerjoin=True)
    trainers: Mapped[list[OfferingTrainer]] = relationship(
        back_populates="offering", cascade="all, delete-orphan", lazy="selectin"
    )


class OfferingTrainer(db.Model):
    __tablename__ = "offering_trainers"
    __table_args__ = (CheckConstraint(one_of("role", TrainerRole), name="role"),)

    offering_id: Mapped[int] = mapped_column(
        ForeignKey("offerings.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         primary_key=True, index=True)
    role: Mapped[str] = mapped_column(String(15), default=TrainerRole.CO_FACILITATOR.value)

    offering: Mapped[Offering] = relationship(back_populates="trainers")
    user: Mapped[User] = relationship(lazy="joined")


class Enrollment(db.Model):
    __tablename__ = "enrollments"
    __table_args__ = (
        UniqueConstraint("user_id", "offering_id"),
        CheckConstraint(one_of("status", EnrollmentStatus), name="status"),
        CheckConstraint("progress_percent BETWEEN 0 AND 100", name="progress_percent"),
        Index("ix_enrollments_offering_id_status", "offering_id", "status"),
        Index("ix_enrollments_user_id_updated_at", "user_id", "updated_at"),
        # Covers the KPI report's pass over every enrolment, grouped by its learner.
        Index("ix_enrollments_user_id_status_progress", "user_id", "status",
              "progress_percent"),
        # The due-soon and overdue reminders read only the learners still enrolled.
        Index("ix_enrollments_due_at_enrolled", "due_at",
              postgresql_where=text("status = 'enrolled'"),
              sqlite_where=text("status = 'enrolled'")),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    offering_id: Mapped[int] = mapped_column(ForeignKey("offerings.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(12))
    progress_percent: Mapped[int] = mapped_column(Integer, default=0)
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    enrolled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    waitlisted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    enrolled_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Bumped on every change, progress included: the key of delta sync (?since=).
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship(foreign_keys=[user_id], lazy="joined", innerjoin=True)
    offering: Mapped[Offering] = relationship(lazy="joined", innerjoin=True)

    # As the read models' rows name them (`read_models.py`): one schema shows both.
    @property
    def user_name(self) -> str:
        return self.user.name

    @property
    def course_id(self) -> int:
        return self.offering.course_id

    @property
    def holds_seat(self) -> bool:
        return self.status in SEAT_HOLDING


class LessonProgress(db.Model):
    """The folded state of one lesson for one enrolment."""

    __tablename__ = "lesson_progress"

    enrollment_id: Mapped[int] = mapped_column(
        ForeignKey("enrollments.id", ondelete="CASCADE"), primary_key=True
    )
    lesson_id: Mapped[int] = mapped_column(ForeignKey("lessons.id", ondelete="CASCADE"),
                                           primary_key=True)
    first_viewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    best_score: Mapped[int | None] = mapped_column(Integer)  # quiz lessons: percent

    lesson: Mapped[Lesson] = relationship()


class ProgressEvent(db.Model):
    __tablename__ = "progress_events"
    __table_args__ = (
        UniqueConstraint("enrollment_id", "client_event_id"),
        CheckConstraint(one_of("kind", ProgressKind), name="kind"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    enrollment_id: Mapped[int] = mapped_column(ForeignKey("enrollments.id", ondelete="CASCADE"))
    lesson_id: Mapped[int] = mapped_column(ForeignKey("lessons.id", ondelete="CASCADE"),
                                           index=True)
    kind: Mapped[str] = mapped_column(String(10))
    client_event_id: Mapped[str] = mapped_column(String(64))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class QuizAttempt(db.Model):
    __tablename__ = "quiz_attempts"
    __table_args__ = (
        UniqueConstraint("enrollment_id", "client_attempt_id"),
        # Two simultaneous attempts cannot both become attempt n: the limit holds.
        UniqueConstraint("enrollment_id", "quiz_id", "number"),
        CheckConstraint("percent BETWEEN 0 AND 100", name="percent"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    enrollment_id: Mapped[int] = mapped_column(ForeignKey("enrollments.id", ondelete="CASCADE"))
    quiz_id: Mapped[int] = mapped_column(ForeignKey("quizzes.id", ondelete="CASCADE"),
                                         index=True)
    client_attempt_id: Mapped[str] = mapped_column(String(64))
    number: Mapped[int] = mapped_column(Integer)
    answers: Mapped[dict] = mapped_column(JSON)
    points: Mapped[int] = mapped_column(Integer)
    max_points: Mapped[int] = mapped_column(Integer)
    percent: Mapped[int] = mapped_column(Integer)
    passed: Mapped[bool] = mapped_column(Boolean)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
