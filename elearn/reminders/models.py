"""The notification outbox, rule settings, opt-outs, country holidays and scheduler leases."""

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
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User, one_of
from ..extensions import db
from ..timeutils import UTCDateTime, utcnow


class Channel(StrEnum):
    EMAIL = "email"
    IN_APP = "in_app"


class Status(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    CANCELLED = "cancelled"


GLOBAL = "*"  # the scope of the settings that hold wherever no country overrides them


class Notification(db.Model):
    """One message to one person on one channel; the unique dedupe key makes producing it
    twice harmless, the status makes sending it a claim."""

    __tablename__ = "notifications"
    __table_args__ = (
        CheckConstraint(one_of("channel", Channel), name="channel"),
        CheckConstraint(one_of("status", Status), name="status"),
        Index("ix_notifications_status_scheduled_for", "status", "scheduled_for"),
        Index("ix_notifications_user_id_channel_created_at", "user_id", "channel", "created_at"),
        Index("ix_notifications_country_code_created_at", "country_code", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    # The recipient's country when produced: admins of that country see the notification.
    country_code: Mapped[str] = mapped_column(ForeignKey("countries.code"))
    kind: Mapped[str] = mapped_column(String(40))
    dedupe_key: Mapped[str] = mapped_column(String(200), unique=True)
    channel: Mapped[str] = mapped_column(String(10))
    subject_type: Mapped[str] = mapped_column(String(20))  # enrollment, certificate, digest
    subject_id: Mapped[int] = mapped_column(Integer)
    offset_days: Mapped[int | None] = mapped_column(Integer)
    scheduled_for: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(10), default=Status.PENDING.value)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(String(500))
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Set on reminders merged into a digest: the digest notification that carried them.
    digest_id: Mapped[int | None] = mapped_column(
        ForeignKey("notifications.id", ondelete="SET NULL"))
    subject_line: Mapped[str | None] = mapped_column(String(300))  # as sent, for the in-app list
    # Without an SMTP server: the .eml file the message was kept in, under the instance folder
    mail_file: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship(lazy="joined", innerjoin=True)


class RuleSetting(db.Model):
    """A rule switched on or off and its offsets (days), globally or for one country."""

    __tablename__ = "reminder_settings"

    kind: Mapped[str] = mapped_column(String(40), primary_key=True)
    scope: Mapped[str] = mapped_column(String(2), primary_key=True)  # GLOBAL or a country code
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    offsets: Mapped[list] = mapped_column(JSON, default=list)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class OptOut(db.Model):
    """A person who does not want one optional kind of reminder."""

    __tablename__ = "notification_opt_outs"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         primary_key=True)
    kind: Mapped[str] = mapped_column(String(40), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Holiday(db.Model):
    """A public holiday of a country: optional reminders wait for the next working day."""

    __tablename__ = "country_holidays"

    country_code: Mapped[str] = mapped_column(ForeignKey("countries.code", ondelete="CASCADE"),
                                              primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    name: Mapped[str] = mapped_column(String(120), default="")


class Lease(db.Model):
    """A named lock with an expiry, taken by one conditional UPDATE: whoever holds it runs."""

    __tablename__ = "scheduler_leases"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    holder: Mapped[str] = mapped_column(String(80))
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
