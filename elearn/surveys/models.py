"""Surveys: questionnaires in versions, campaigns that send one version to an audience, the
people asked, and the answers.

Anonymous means it: a response to an anonymous campaign has no person on it, nor a time finer
than its day, and the mark that a person has answered (which stops a second answer and the
reminders) has no time at all, so no table, and no order of rows, links the two. A draft
kept to "come back later" names its person and is deleted when the answers are submitted.
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

from ..accounts.models import one_of
from ..extensions import db
from ..timeutils import UTCDateTime, utcnow


class QuestionKind(StrEnum):
    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    SCALE = "scale"  # 1 to 5, labelled ends
    NUMBER = "number"
    SHORT_TEXT = "short_text"
    LONG_TEXT = "long_text"


CHOICE_KINDS = (QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE)
TEXT_KINDS = (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT)


class Purpose(StrEnum):
    NEEDS = "needs_assessment"
    EVALUATION = "course_evaluation"
    CHECKUP = "mentoring_checkup"
    MIDPOINT = "mentoring_midpoint"
    CLOSING = "mentoring_closing"
    OTHER = "other"


class AudienceKind(StrEnum):
    COUNTRY = "country"  # a country's users, by role
    OFFERING = "offering"  # an offering's learners
    PROGRAMME = "programme"  # a programme's mentees and/or mentors
    TRAINERS = "certified_trainers"


class Questionnaire(db.Model):
    __tablename__ = "questionnaires"
    __table_args__ = (CheckConstraint(one_of("purpose", Purpose), name="purpose"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    purpose: Mapped[str] = mapped_column(String(24), default=Purpose.OTHER.value)
    title: Mapped[dict] = mapped_column(JSON)
    description: Mapped[dict] = mapped_column(JSON, default=dict)
    default_language: Mapped[str] = mapped_column(String(5), default="en")
    country_code: Mapped[str | None] = mapped_column(ForeignKey("countries.code"), index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)  # the current version's number
    template: Mapped[str | None] = mapped_column(String(40), unique=True)  # shipped ones
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class QuestionnaireVersion(db.Model):
    """The questions as they were asked: a change after the first answer makes a new one."""

    __tablename__ = "questionnaire_versions"
    __table_args__ = (UniqueConstraint("questionnaire_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    questionnaire_id: Mapped[int] = mapped_column(
        ForeignKey("questionnaires.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    # [{"key", "kind", "text": {lang: …}, "required", "choices": [{"key", "text", "category",
    #   "flag"}], "low": {…}, "high": {…}, "flag_below": n}]
    questions: Mapped[list] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    questionnaire: Mapped[Questionnaire] = relationship(lazy="joined", innerjoin=True)


class Campaign(db.Model):
    __tablename__ = "survey_campaigns"
    __table_args__ = (
        CheckConstraint(one_of("purpose", Purpose), name="purpose"),
        CheckConstraint("closes_on >= opens_on", name="closes_after_opening"),
        UniqueConstraint("key"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    questionnaire_id: Mapped[int] = mapped_column(ForeignKey("questionnaires.id"), index=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("questionnaire_versions.id"))
    name: Mapped[str] = mapped_column(String(200))
    purpose: Mapped[str] = mapped_column(String(24))
    audience: Mapped[dict] = mapped_column(JSON)  # {"kind", "country", "roles", "offering_id", …}
    country_code: Mapped[str | None] = mapped_column(ForeignKey("countries.code"), index=True)
    anonymous: Mapped[bool] = mapped_column(Boolean, default=True)
    opens_on: Mapped[date] = mapped_column(Date)  # in each person's own time zone
    closes_on: Mapped[date] = mapped_column(Date)
    # One campaign per subject where the platform opens them itself (an offering's
    # evaluation, a programme's check-up round): e.g. "evaluation:offering:12".
    key: Mapped[str | None] = mapped_column(String(80))
    programme_id: Mapped[int | None] = mapped_column(ForeignKey("programmes.id"), index=True)
    offering_id: Mapped[int | None] = mapped_column(ForeignKey("offerings.id"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    version: Mapped[QuestionnaireVersion] = relationship(lazy="joined", innerjoin=True)


class Recipient(db.Model):
    """A person asked. `answered` is all that is kept of their answering in an anonymous
    campaign; a named one also keeps when."""

    __tablename__ = "survey_recipients"
    __table_args__ = (UniqueConstraint("campaign_id", "user_id"),
                      Index("ix_survey_recipients_user_id", "user_id"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("survey_campaigns.id",
                                                        ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    pairing_id: Mapped[int | None] = mapped_column(ForeignKey("pairings.id", ondelete="SET NULL"))
    invited_on: Mapped[date] = mapped_column(Date)
    answered: Mapped[bool] = mapped_column(Boolean, default=False)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # named campaigns only


class Draft(db.Model):
    """Answers saved to come back to; gone once submitted."""

    __tablename__ = "survey_drafts"

    campaign_id: Mapped[int] = mapped_column(ForeignKey("survey_campaigns.id",
                                                        ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         primary_key=True)
    answers: Mapped[dict] = mapped_column(JSON)
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Response(db.Model):
    __tablename__ = "survey_responses"
    __table_args__ = (UniqueConstraint("campaign_id", "client_id"),
                      Index("ix_survey_responses_campaign_id_country", "campaign_id",
                            "country_code", "gender"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("survey_campaigns.id",
                                                        ondelete="CASCADE"))
    version_id: Mapped[int] = mapped_column(ForeignKey("questionnaire_versions.id"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    pairing_id: Mapped[int | None] = mapped_column(ForeignKey("pairings.id", ondelete="SET NULL"))
    # The respondent's country and gender, for results by country and gender.
    country_code: Mapped[str] = mapped_column(ForeignKey("countries.code"))
    gender: Mapped[str] = mapped_column(String(12))
    client_id: Mapped[str] = mapped_column(String(64))  # sent twice, stored once
    submitted_on: Mapped[date] = mapped_column(Date)


class Answer(db.Model):
    __tablename__ = "survey_answers"
    __table_args__ = (Index("ix_survey_answers_response_id", "response_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("survey_responses.id",
                                                        ondelete="CASCADE"))
    question_key: Mapped[str] = mapped_column(String(60))
    choice_key: Mapped[str | None] = mapped_column(String(60))
    value: Mapped[int | None] = mapped_column(Integer)
    text: Mapped[str | None] = mapped_column(Text)


class Flag(db.Model):
    """A check-up answer the programme admins should look at: a low score or a concern.
    The flag names the pairing, never the answers of an anonymous check-up."""

    __tablename__ = "survey_flags"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("survey_campaigns.id",
                                                        ondelete="CASCADE"), index=True)
    pairing_id: Mapped[int] = mapped_column(ForeignKey("pairings.id", ondelete="CASCADE"))
    reason: Mapped[str] = mapped_column(String(20))  # low_score or concern
    raised_on: Mapped[date] = mapped_column(Date)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    note: Mapped[str | None] = mapped_column(String(1000))

    campaign: Mapped[Campaign] = relationship(lazy="joined", innerjoin=True)
