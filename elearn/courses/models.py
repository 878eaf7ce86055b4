"""Courses and their content.

Learner-facing texts are JSON objects keyed by language (`{"en": "...", "ar": "..."}`):
one course is one course whatever language it is taken in. A course row is one *version*;
versions of a course share its `code`, and prerequisites, mandatory rules and completions
refer to the code, so completing any version counts. A published version's structure never
changes, so progress recorded against its lessons is never orphaned.
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
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import one_of
from ..extensions import db
from ..timeutils import UTCDateTime, utcnow


class CourseStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    ARCHIVED = "archived"


class Level(StrEnum):
    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"


class LessonKind(StrEnum):
    TEXT = "text"
    VIDEO = "video"
    DOCUMENT = "document"
    QUIZ = "quiz"
    LIVE_SESSION = "live_session"


class QuestionKind(StrEnum):
    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    TRUE_FALSE = "true_false"


class Course(db.Model):
    __tablename__ = "courses"
    __table_args__ = (
        UniqueConstraint("code", "version"),
        CheckConstraint(one_of("status", CourseStatus), name="status"),
        CheckConstraint(one_of("level", Level), name="level"),
        CheckConstraint("version >= 1", name="version_positive"),
        CheckConstraint(
            "certificate_validity_months IS NULL OR certificate_validity_months > 0",
            name="validity_positive",
        ),
        Index("ix_courses_status_owner_country_code", "status", "owner_country_code"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(40), index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    status: Mapped[str] = mapped_column(String(10), default=CourseStatus.DRAFT.value)
    # Null: a regional course that every country sees.
    owner_country_code: Mapped[str | None] = mapped_column(ForeignKey("countries.code"))
    category: Mapped[str] = mapped_column(String(60), index=True)
    level: Mapped[str] = mapped_column(String(12), default=Level.BEGINNER.value)
    default_language: Mapped[str] = mapped_column(String(5))
    languages: Mapped[list[str]] = mapped_column(JSON)
    title: Mapped[dict] = mapped_column(JSON)
    description: Mapped[dict] = mapped_column(JSON, default=dict)
    # Every title and description, folded for accent- and case-insensitive search.
    search_text: Mapped[str] = mapped_column(Text, default="")
    estimated_minutes: Mapped[int | None] = mapped_column(Integer)
    certificate_validity_months: Mapped[int | None] = mapped_column(Integer)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    modules: Mapped[list[Module]] = relationship(
        back_populates="course", cascade="all, delete-orphan", order_by="Module.position"
    )
    # Prerequisites belong to the code, shared by every version; read-only here, changed
    # through the rows themselves.
    prerequisites: Mapped[list[Prerequisite]] = relationship(
        primaryjoin="foreign(Prerequisite.code) == Course.code", viewonly=True,
        order_by="Prerequisite.required_code",
    )

    @property
    def prerequisite_codes(self) -> list[str]:
        return [prerequisite.required_code for prerequisite in self.prerequisites]


class Module(db.Model):
    __tablename__ = "course_modules"
    __table_args__ = (UniqueConstraint("course_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id", ondelete="CASCADE"),
                                           index=True)
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[dict] = mapped_column(JSON)

    course: Mapped[Course] = relationship(back_populates="modules")
    lessons: Mapped[list[Lesson]] = relationship(
        back_populates="module", cascade="all, delete-orphan", order_by="Lesson.position"
    )


class Lesson(db.Model):
    __tablename__ = "lessons"
    __table_args__ = (
        UniqueConstraint("module_id", "position"),
        UniqueConstraint("course_id", "key"),
        CheckConstraint(one_of("kind", LessonKind), name="kind"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Denormalised from the module, so a course's lessons are one indexed query.
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id", ondelete="CASCADE"),
                                           index=True)
    module_id: Mapped[int] = mapped_column(ForeignKey("course_modules.id", ondelete="CASCADE"),
                                           index=True)
    # Stable within a course across versions (packages name lessons by key).
    key: Mapped[str] = mapped_column(String(80))
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(15))
    required: Mapped[bool] = mapped_column(Boolean, default=True)
    duration_minutes: Mapped[int | None] = mapped_column(Integer)
    title: Mapped[dict] = mapped_column(JSON)
    body: Mapped[dict] = mapped_column(JSON, default=dict)  # Markdown per language
    url: Mapped[dict] = mapped_column(JSON, default=dict)  # video or document link per language

    module: Mapped[Module] = relationship(back_populates="lessons")
    course: Mapped[Course] = relationship()
    quiz: Mapped[Quiz | None] = relationship(
        back_populates="lesson", cascade="all, delete-orphan", uselist=False
    )


class Quiz(db.Model):
    __tablename__ = "quizzes"
    __table_args__ = (
        CheckConstraint("pass_mark BETWEEN 0 AND 100", name="pass_mark_percent"),
        CheckConstraint("max_attempts IS NULL OR max_attempts > 0", name="max_attempts_positive"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    lesson_id: Mapped[int] = mapped_column(ForeignKey("lessons.id", ondelete="CASCADE"),
                                           unique=True)
    pass_mark: Mapped[int] = mapped_column(Integer, default=70)  # percent of points
    max_attempts: Mapped[int | None] = mapped_column(Integer)  # None: unlimited

    lesson: Mapped[Lesson] = relationship(back_populates="quiz")
    questions: Mapped[list[Question]] = relationship(
        back_populates="quiz", cascade="all, delete-orphan", order_by="Question.position"
    )


class Question(db.Model):
    __tablename__ = "questions"
    __table_args__ = (
        UniqueConstraint("quiz_id", "position"),
        CheckConstraint(one_of("kind", QuestionKind), name="kind"),
        CheckConstraint("points > 0", name="points_positive"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    quiz_id: Mapped[int] = mapped_column(ForeignKey("quizzes.id", ondelete="CASCADE"),
                                         index=True)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    points: Mapped[int] = mapped_column(Integer, default=1)
    text: Mapped[dict] = mapped_column(JSON)
    explanation: Mapped[dict] = mapped_column(JSON, default=dict)
    # [{"key": "a", "text": {"en": ...}, "correct": true}, ...]; "correct" never leaves the
    # server to a trainee.
    choices: Mapped[list[dict]] = mapped_column(JSON)

    quiz: Mapped[Quiz] = relationship(back_populates="questions")

    @property
    def correct_keys(self) -> frozenset[str]:
        return frozenset(choice["key"] for choice in self.choices if choice.get("correct"))


class Prerequisite(db.Model):
    """Course `code` requires a completion of course `required_code` (any version)."""

    __tablename__ = "course_prerequisites"
    __table_args__ = (CheckConstraint("code <> required_code", name="not_self"),)

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    required_code: Mapped[str] = mapped_column(String(40), primary_key=True)


class MandatoryRule(db.Model):
    """Programme-wide: course `required_code` comes before any course of `category`."""

    __tablename__ = "mandatory_rules"

    required_code: Mapped[str] = mapped_column(String(40), primary_key=True)
    category: Mapped[str] = mapped_column(String(60), primary_key=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class MandatoryExemption(db.Model):
    """A person excused from a mandatory course, with the reason and who granted it."""

    __tablename__ = "mandatory_exemptions"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         primary_key=True)
    required_code: Mapped[str] = mapped_column(String(40), primary_key=True)
    reason: Mapped[str] = mapped_column(String(500))
    granted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
