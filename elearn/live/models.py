"""Live delivery: an offering's dated sessions with their trainers and speakers, the
attendance register, and the personal calendar feeds.

A session keeps a stable `uid` and a `sequence` that grows with every change, as calendars
(RFC 5545) need to update or cancel the entry they already hold; a cancelled session stays,
marked, so subscribers see it cancelled rather than left dangling.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User, one_of
from ..enrollments.models import Offering
from ..extensions import db
from ..timeutils import UTCDateTime, utcnow


class AttendanceStatus(StrEnum):
    PRESENT = "present"
    LATE = "late"
    ABSENT = "absent"
    EXCUSED = "excused"


ATTENDED = (AttendanceStatus.PRESENT, AttendanceStatus.LATE)


class SpeakerRole(StrEnum):
    TRAINER = "trainer"
    SPEAKER = "speaker"


class Session(db.Model):
    __tablename__ = "live_sessions"
    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        Index("ix_live_sessions_offering_id_starts_at", "offering_id", "starts_at"),
        Index("ix_live_sessions_starts_at", "starts_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    offering_id: Mapped[int] = mapped_column(ForeignKey("offerings.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(200))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    venue: Mapped[str | None] = mapped_column(String(300))
    meeting_url: Mapped[str | None] = mapped_column(String(2000))
    capacity: Mapped[int | None] = mapped_column(Integer)
    materials: Mapped[str | None] = mapped_column(String(2000))  # a link, e.g. to a library
    uid: Mapped[str] = mapped_column(String(80), unique=True)
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    offering: Mapped[Offering] = relationship(lazy="joined", innerjoin=True)
    people: Mapped[list[SessionPerson]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="SessionPerson.id")


class SessionPerson(db.Model):
    """A trainer (a user) or a speaker (a user, or a guest by name) of a session, with the
    gender the parity figures count."""

    __tablename__ = "live_session_people"
    __table_args__ = (CheckConstraint(one_of("role", SpeakerRole), name="role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("live_sessions.id", ondelete="CASCADE"),
                                            index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"),
                                                index=True)
    name: Mapped[str] = mapped_column(String(200))
    gender: Mapped[str] = mapped_column(String(12))
    role: Mapped[str] = mapped_column(String(10), default=SpeakerRole.TRAINER.value)


class Attendance(db.Model):
    __tablename__ = "live_attendance"
    __table_args__ = (
        CheckConstraint(one_of("status", AttendanceStatus), name="status"),
        UniqueConstraint("session_id", "enrollment_id"),
        Index("ix_live_attendance_enrollment_id", "enrollment_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("live_sessions.id", ondelete="CASCADE"))
    enrollment_id: Mapped[int] = mapped_column(ForeignKey("enrollments.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(10))
    marked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    marked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CalendarFeed(db.Model):
    """A personal calendar address: a long random token, kept as its SHA-256; renewing
    revokes the old address."""

    __tablename__ = "calendar_feeds"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship(lazy="joined", innerjoin=True)


class EventKind(StrEnum):
    CONFERENCE = "conference"
    FIELD_EXERCISE = "field_exercise"
    COACHING = "coaching"
    WORKSHOP = "workshop"


class NominationState(StrEnum):
    NOMINATED = "nominated"
    CONFIRMED = "confirmed"
    ATTENDED = "attended"
    DECLINED = "declined"


class Event(db.Model):
    """A regional (no country) or national event in its own right — a conference, the field
    exercise, a workshop — to which national admins nominate any of their officers; its
    sessions are those of the offering it names, if any."""

    __tablename__ = "events"
    __table_args__ = (
        CheckConstraint(one_of("kind", EventKind), name="kind"),
        CheckConstraint("ends_on >= starts_on", name="ends_after_start"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(200))
    place: Mapped[str] = mapped_column(String(200))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    country_code: Mapped[str | None] = mapped_column(ForeignKey("countries.code"), index=True)
    seats: Mapped[int | None] = mapped_column(Integer)
    offering_id: Mapped[int | None] = mapped_column(ForeignKey("offerings.id",
                                                               ondelete="SET NULL"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class EventNomination(db.Model):
    __tablename__ = "event_nominations"
    __table_args__ = (
        UniqueConstraint("event_id", "user_id"),
        CheckConstraint(one_of("status", NominationState), name="status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"),
                                          index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    country_code: Mapped[str] = mapped_column(ForeignKey("countries.code"))
    status: Mapped[str] = mapped_column(String(10), default=NominationState.NOMINATED.value)
    nominated_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"))
    reason: Mapped[str | None] = mapped_column(String(1000))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship(foreign_keys=[user_id], lazy="joined", innerjoin=True)
