"""The plan of a participant (goals, milestones), check-ins, concerns and opportunities.

Goals and milestones belong to the participant (the selected application), not to one
pairing: a replacement mentor carries on the same plan while check-ins stay with the
pairing that held them.
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
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...accounts.models import User, one_of
from ...extensions import db
from ...timeutils import UTCDateTime, utcnow


class ItemStatus(StrEnum):
    NOT_STARTED = "not_started"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    DONE = "done"


class ConcernStatus(StrEnum):
    OPEN = "open"
    ACTED = "acted"


class OpportunityKind(StrEnum):
    CONFERENCE = "conference"
    COACHING = "coaching"
    FIELD_EXERCISE = "field_exercise"


class Audience(StrEnum):
    MENTEES = "mentees"
    ALUMNI = "alumni"
    BOTH = "both"


class NominationStatus(StrEnum):
    NOMINATED = "nominated"
    CONFIRMED = "confirmed"
    ATTENDED = "attended"
    DECLINED = "declined"


class Goal(db.Model):
    __tablename__ = "mentoring_goals"
    __table_args__ = (CheckConstraint(one_of("status", ItemStatus), name="status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    measurable_outcome: Mapped[str] = mapped_column(String(1000))
    status: Mapped[str] = mapped_column(String(12), default=ItemStatus.NOT_STARTED.value)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Milestone(db.Model):
    __tablename__ = "milestones"
    __table_args__ = (
        CheckConstraint(one_of("status", ItemStatus), name="status"),
        UniqueConstraint("application_id", "key"),
        Index("ix_milestones_status_due_on", "status", "due_on"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"))
    # The template key ("final_review"), or a key of the pair's own.
    key: Mapped[str] = mapped_column(String(60))
    title: Mapped[str] = mapped_column(String(200))
    due_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(12), default=ItemStatus.NOT_STARTED.value)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CheckIn(db.Model):
    __tablename__ = "checkins"
    __table_args__ = (
        CheckConstraint("minutes > 0", name="minutes_positive"),
        Index("ix_checkins_pairing_id_held_on", "pairing_id", "held_on"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pairing_id: Mapped[int] = mapped_column(ForeignKey("pairings.id", ondelete="CASCADE"))
    held_on: Mapped[date] = mapped_column(Date)
    minutes: Mapped[int] = mapped_column(Integer)
    topics: Mapped[str] = mapped_column(String(1000))
    next_steps: Mapped[str | None] = mapped_column(String(1000))
    # Only the pair and programme admins read these.
    private_notes: Mapped[str | None] = mapped_column(Text)
    logged_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Concern(db.Model):
    """A confidential concern about a pairing: only programme admins read it, and act."""

    __tablename__ = "concerns"
    __table_args__ = (CheckConstraint(one_of("status", ConcernStatus), name="status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pairing_id: Mapped[int] = mapped_column(ForeignKey("pairings.id", ondelete="CASCADE"),
                                            index=True)
    raised_by_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(8), default=ConcernStatus.OPEN.value)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    action: Mapped[str | None] = mapped_column(Text)
    acted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    acted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    raised_by: Mapped[User] = relationship(foreign_keys=[raised_by_id], lazy="joined",
                                           innerjoin=True)


class Opportunity(db.Model):
    __tablename__ = "opportunities"
    __table_args__ = (
        CheckConstraint(one_of("kind", OpportunityKind), name="kind"),
        CheckConstraint(one_of("audience", Audience), name="audience"),
        CheckConstraint("ends_on >= starts_on", name="ends_after_start"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id", ondelete="CASCADE"),
                                              index=True)
    kind: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(200))
    place: Mapped[str] = mapped_column(String(200))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    audience: Mapped[str] = mapped_column(String(8), default=Audience.BOTH.value)
    seats: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Nomination(db.Model):
    __tablename__ = "nominations"
    __table_args__ = (
        UniqueConstraint("opportunity_id", "application_id"),
        CheckConstraint(one_of("status", NominationStatus), name="status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    opportunity_id: Mapped[int] = mapped_column(
        ForeignKey("opportunities.id", ondelete="CASCADE"))
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(10), default=NominationStatus.NOMINATED.value)
    nominated_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    reason: Mapped[str | None] = mapped_column(String(1000))

    application = relationship("Application", lazy="joined", innerjoin=True)
