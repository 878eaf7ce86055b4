"""Frozen reporting periods: a donor's quarter keeps its figures once reported."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..extensions import db
from ..timeutils import UTCDateTime, utcnow


class FrozenPeriod(db.Model):
    __tablename__ = "frozen_periods"
    __table_args__ = (UniqueConstraint("name", "country_code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    # Null: all countries (programme admins); else the one country it reports on.
    country_code: Mapped[str | None] = mapped_column(ForeignKey("countries.code"))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    filters: Mapped[dict] = mapped_column(JSON)
    # The report exactly as it stood when frozen; late data never changes it.
    report: Mapped[dict] = mapped_column(JSON)
    frozen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    frozen_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    frozen_by: Mapped[User | None] = relationship(lazy="joined")
