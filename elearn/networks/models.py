"""Regional networks: spaces with an audience and moderators, discussions (threads of posts),
a resource library of versioned files and links, and announcements.

Nothing a member wrote is ever deleted: a moderator hides a post (reversible) or removes it
(with a reason); its text stays for the moderators, as do the texts an edit replaced.
Files live in the storage folder (`NETWORK_FILES_DIR`), named by their SHA-256; the database
keeps the name, type, size and digest that a download is checked against.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
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


class Audience(StrEnum):
    COUNTRIES = "countries"  # every officer of the space's countries
    PROGRAMME = "programme"  # the selected participants and the mentors of a programme
    ROLES = "roles"  # holders of the given roles
    CERTIFIED_TRAINERS = "certified_trainers"  # holders of a valid trainer certificate
    INVITED = "invited"  # invited people only


class MemberRole(StrEnum):
    MEMBER = "member"
    MODERATOR = "moderator"


class State(StrEnum):
    VISIBLE = "visible"
    HIDDEN = "hidden"  # by a moderator, reversibly
    REMOVED = "removed"  # by a moderator, with a reason; kept for the moderators


class ResourceType(StrEnum):
    TOOLKIT = "toolkit"
    CURRICULUM = "curriculum"
    SOP = "sop"
    TRAINING_MATERIAL = "training_material"
    POLICY = "policy"
    REPORT = "report"
    OTHER = "other"


class Space(db.Model):
    __tablename__ = "spaces"
    __table_args__ = (
        CheckConstraint(one_of("audience", Audience), name="audience"),
        CheckConstraint("audience <> 'programme' OR programme_id IS NOT NULL",
                        name="programme_given"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[dict] = mapped_column(JSON)  # per language
    description: Mapped[dict] = mapped_column(JSON, default=dict)
    rule: Mapped[dict] = mapped_column(JSON, default=dict)  # the space's own words, if any
    language: Mapped[str] = mapped_column(String(5))  # its main language
    audience: Mapped[str] = mapped_column(String(20))
    programme_id: Mapped[int | None] = mapped_column(
        ForeignKey("programmes.id", ondelete="RESTRICT"), index=True)
    roles: Mapped[list] = mapped_column(JSON, default=list)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    country_rows: Mapped[list[SpaceCountry]] = relationship(
        cascade="all, delete-orphan", order_by="SpaceCountry.country_code", lazy="selectin")

    @property
    def countries(self) -> list[str]:
        """The countries whose officers it is for; empty: every country."""
        return [row.country_code for row in self.country_rows]


class SpaceCountry(db.Model):
    __tablename__ = "space_countries"

    space_id: Mapped[int] = mapped_column(ForeignKey("spaces.id", ondelete="CASCADE"),
                                          primary_key=True)
    country_code: Mapped[str] = mapped_column(ForeignKey("countries.code"), primary_key=True,
                                              index=True)


class SpaceMember(db.Model):
    """A person named on a space: invited, a moderator, or suspended (a suspension of someone
    the audience admits is a row too)."""

    __tablename__ = "space_members"
    __table_args__ = (CheckConstraint(one_of("role", MemberRole), name="role"),)

    space_id: Mapped[int] = mapped_column(ForeignKey("spaces.id", ondelete="CASCADE"),
                                          primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         primary_key=True, index=True)
    role: Mapped[str] = mapped_column(String(10), default=MemberRole.MEMBER.value)
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    suspended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    suspended_reason: Mapped[str | None] = mapped_column(String(1000))

    user: Mapped[User] = relationship(foreign_keys=[user_id], lazy="joined")


class Thread(db.Model):
    __tablename__ = "threads"
    __table_args__ = (
        CheckConstraint(one_of("state", State), name="state"),
        Index("ix_threads_space_id_last_post_at", "space_id", "last_post_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    space_id: Mapped[int] = mapped_column(ForeignKey("spaces.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(200))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_post_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_post_id: Mapped[int | None] = mapped_column(Integer)
    replies: Mapped[int] = mapped_column(Integer, default=0)
    locked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    state: Mapped[str] = mapped_column(String(10), default=State.VISIBLE.value)
    moderation_reason: Mapped[str | None] = mapped_column(String(1000))
    search_text: Mapped[str] = mapped_column(Text, default="")

    author: Mapped[User | None] = relationship(lazy="joined")


class Post(db.Model):
    __tablename__ = "posts"
    __table_args__ = (
        CheckConstraint(one_of("state", State), name="state"),
        Index("ix_posts_thread_id_id", "thread_id", "id"),
        Index("ix_posts_space_id_created_at", "space_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("threads.id", ondelete="CASCADE"))
    space_id: Mapped[int] = mapped_column(ForeignKey("spaces.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"),
                                                  index=True)
    body: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text, default="")  # rendered and cleaned once
    quote_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id", ondelete="SET NULL"))
    mentions: Mapped[list] = mapped_column(JSON, default=list)  # user ids
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # What edits replaced: [{"body", "until"}], for the moderators.
    revisions: Mapped[list] = mapped_column(JSON, default=list)
    state: Mapped[str] = mapped_column(String(10), default=State.VISIBLE.value)
    moderated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    moderated_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"))
    moderation_reason: Mapped[str | None] = mapped_column(String(1000))
    search_text: Mapped[str] = mapped_column(Text, default="")

    author: Mapped[User | None] = relationship(foreign_keys=[author_id], lazy="joined")


class PostReport(db.Model):
    """A member's report of a post that breaks the space's rule, until a moderator acts."""

    __tablename__ = "post_reports"
    __table_args__ = (UniqueConstraint("post_id", "reporter_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), index=True)
    space_id: Mapped[int] = mapped_column(ForeignKey("spaces.id", ondelete="CASCADE"),
                                          index=True)
    reporter_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    reason: Mapped[str] = mapped_column(String(1000))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    post: Mapped[Post] = relationship(lazy="joined", innerjoin=True)


class ThreadFollow(db.Model):
    __tablename__ = "thread_follows"

    thread_id: Mapped[int] = mapped_column(ForeignKey("threads.id", ondelete="CASCADE"),
                                           primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         primary_key=True, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ThreadRead(db.Model):
    """How far a person has read a thread: its last post then."""

    __tablename__ = "thread_reads"

    thread_id: Mapped[int] = mapped_column(ForeignKey("threads.id", ondelete="CASCADE"),
                                           primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         primary_key=True, index=True)
    last_post_id: Mapped[int] = mapped_column(Integer, default=0)
    read_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


class Resource(db.Model):
    __tablename__ = "resources"
    __table_args__ = (
        CheckConstraint(one_of("type", ResourceType), name="type"),
        CheckConstraint(one_of("state", State), name="state"),
        Index("ix_resources_space_id_updated_at", "space_id", "updated_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    space_id: Mapped[int] = mapped_column(ForeignKey("spaces.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(5))
    type: Mapped[str] = mapped_column(String(20))
    topic: Mapped[str | None] = mapped_column(String(100))
    version: Mapped[int] = mapped_column(Integer, default=1)  # the current version's number
    downloads: Mapped[int] = mapped_column(Integer, default=0)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    state: Mapped[str] = mapped_column(String(10), default=State.VISIBLE.value)
    moderation_reason: Mapped[str | None] = mapped_column(String(1000))
    search_text: Mapped[str] = mapped_column(Text, default="")


class ResourceVersion(db.Model):
    """One version of a resource: a stored file or a link."""

    __tablename__ = "resource_versions"
    __table_args__ = (
        UniqueConstraint("resource_id", "number"),
        CheckConstraint("(url IS NULL) <> (sha256 IS NULL)", name="file_or_link"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    resource_id: Mapped[int] = mapped_column(ForeignKey("resources.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    url: Mapped[str | None] = mapped_column(String(2000))
    filename: Mapped[str | None] = mapped_column(String(200))
    content_type: Mapped[str | None] = mapped_column(String(100))
    size: Mapped[int | None] = mapped_column(BigInteger)
    sha256: Mapped[str | None] = mapped_column(String(64))
    note: Mapped[str | None] = mapped_column(String(1000))
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    damaged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # missing or altered


class ResourceDownload(db.Model):
    __tablename__ = "resource_downloads"
    __table_args__ = (Index("ix_resource_downloads_created_at", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    resource_id: Mapped[int] = mapped_column(ForeignKey("resources.id", ondelete="CASCADE"),
                                             index=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("resource_versions.id",
                                                       ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    country_code: Mapped[str] = mapped_column(ForeignKey("countries.code"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Announcement(db.Model):
    __tablename__ = "announcements"
    __table_args__ = (Index("ix_announcements_space_id_created_at", "space_id", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    space_id: Mapped[int] = mapped_column(ForeignKey("spaces.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    recipients: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    author: Mapped[User | None] = relationship(lazy="joined")
