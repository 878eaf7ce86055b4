"""Countries, users, their roles and their sign-in sessions."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from flask_login import UserMixin
from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..timeutils import UTCDateTime, utcnow


class Region(StrEnum):
    PACIFIC = "pacific"
    MENA = "mena"
    OTHER = "other"


class Gender(StrEnum):
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"
    UNDISCLOSED = "undisclosed"


class Role(StrEnum):
    TRAINEE = "trainee"
    TRAINER = "trainer"
    MENTOR = "mentor"
    NATIONAL_ADMIN = "national_admin"
    PROGRAMME_ADMIN = "programme_admin"


def one_of(column: str, enum: type[StrEnum]) -> str:
    values = ", ".join(f"'{member.value}'" for member in enum)
    return f"{column} IN ({values})"


class Country(db.Model):
    __tablename__ = "countries"
    __table_args__ = (CheckConstraint(one_of("region", Region), name="region"),)

    code: Mapped[str] = mapped_column(String(2), primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    default_language: Mapped[str] = mapped_column(String(5))
    timezone: Mapped[str] = mapped_column(String(64))
    region: Mapped[str] = mapped_column(String(10), default=Region.OTHER.value)
    # ISO weekday numbers (1 = Monday) of the weekend, for reminders on working days.
    weekend: Mapped[str] = mapped_column(String(20), default="6,7")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def __repr__(self) -> str:
        return f"<Country {self.code}>"


class User(UserMixin, db.Model):
    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint(one_of("gender", Gender), name="gender"),
        CheckConstraint("email = lower(email)", name="email_lowercase"),
        Index("ix_users_country_code_name", "country_code", "name"),
        Index("ix_users_country_code_gender", "country_code", "gender"),  # KPI report
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Stored lower-cased, so the unique key is case-insensitive on every database.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    country_code: Mapped[str] = mapped_column(ForeignKey("countries.code"), index=True)
    gender: Mapped[str] = mapped_column(String(12), default=Gender.UNDISCLOSED.value)
    agency: Mapped[str | None] = mapped_column(String(200))
    rank: Mapped[str | None] = mapped_column(String(100))
    language: Mapped[str | None] = mapped_column(String(5))
    timezone: Mapped[str | None] = mapped_column(String(64))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    # "unnested": where a user is itself joined in by an outer join (a session's, a
    # trainer's user), the country follows as a chained join; the nested form
    # "LEFT JOIN (users JOIN countries)" makes SQLite materialise every user on each request.
    country: Mapped[Country] = relationship(lazy="joined", innerjoin="unnested")
    role_rows: Mapped[list[RoleAssignment]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin"
    )

    @property
    def roles(self) -> set[str]:
        return {row.role for row in self.role_rows}

    def has_role(self, *roles: str) -> bool:
        return not self.roles.isdisjoint(roles)

    def set_roles(self, roles) -> None:
        wanted = set(roles)
        self.role_rows = [row for row in self.role_rows if row.role in wanted] + [
            RoleAssignment(role=role) for role in sorted(wanted - self.roles)
        ]

    @property
    def effective_timezone(self) -> str:
        return self.timezone or self.country.timezone

    @property
    def is_active(self) -> bool:  # flask-login: inactive users are never signed in
        return self.active

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email}>"


class RoleAssignment(db.Model):
    __tablename__ = "role_assignments"
    __table_args__ = (CheckConstraint(one_of("role", Role), name="role"),)

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(20), primary_key=True, index=True)

    user: Mapped[User] = relationship(back_populates="role_rows")


class AuthSession(db.Model):
    """One sign-in: its bearer token (stored as SHA-256) also backs the browser's cookie session."""

    __tablename__ = "auth_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ip: Mapped[str | None] = mapped_column(String(45))
    user_agent: Mapped[str | None] = mapped_column(String(200))

    user: Mapped[User] = relationship()

    def is_live(self, now: datetime) -> bool:
        return self.revoked_at is None and self.expires_at > now


def lower_email(value: str) -> str:
    return value.strip().lower()



class Invitation(db.Model):
    """A one-time link to choose a password, for people who were given an account.

    Only the SHA-256 of the link's token is kept. The token itself is an HMAC of `nonce`
    under the secret key, so the mail can be written at send time and a copy of the
    database alone yields no working link.
    """

    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    nonce: Mapped[str] = mapped_column(String(32))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Set when a newer invitation replaces this one, or the password was set another way.
    superseded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"))

    user: Mapped[User] = relationship(foreign_keys=[user_id])

    def is_open(self, now: datetime) -> bool:
        return self.used_at is None and self.superseded_at is None and self.expires_at > now
