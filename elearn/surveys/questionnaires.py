"""Questionnaires: national admins write their country's, programme admins regional ones.
Changing the questions once someone answered makes a new version; results say which."""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import exists, or_, select

from ..accounts.models import User
from ..accounts.permissions import admin_countries, is_programme_admin, require_admin
from ..audit.services import record
from ..errors import Forbidden, NotFound
from ..extensions import db
from .models import Questionnaire, QuestionnaireVersion, Response
from .questions import check_questions


def questionnaires_query(actor: User):
    """Regional questionnaires and those of the actor's countries."""
    require_admin(actor)
    stmt = select(Questionnaire).order_by(Questionnaire.id)
    allowed = admin_countries(actor)
    if allowed is not None:
        stmt = stmt.where(or_(Questionnaire.country_code.is_(None),
                              Questionnaire.country_code.in_(allowed)))
    return stmt


def get_questionnaire(actor: User, questionnaire_id: int) -> Questionnaire:
    found = db.session.scalar(questionnaires_query(actor).where(
        Questionnaire.id == questionnaire_id))
    if found is None:
        raise NotFound(_l("No such questionnaire."))
    return found


def current_version(questionnaire: Questionnaire) -> QuestionnaireVersion:
    return db.session.scalar(select(QuestionnaireVersion).where(
        QuestionnaireVersion.questionnaire_id == questionnaire.id,
        QuestionnaireVersion.number == questionnaire.version))


def create_questionnaire(actor: User, data: dict, *, now: datetime) -> Questionnaire:
    require_admin(actor)
    check_questions(data["questions"], data["default_language"])
    questionnaire = Questionnaire(
        purpose=data["purpose"], title=data["title"], description=data["description"],
        default_language=data["default_language"],
        country_code=None if is_programme_admin(actor) else actor.country_code,
        version=1, created_by_id=actor.id, created_at=now, updated_at=now)
    db.session.add(questionnaire)
    db.session.flush()
    db.session.add(QuestionnaireVersion(questionnaire_id=questionnaire.id, number=1,
                                        questions=data["questions"], created_at=now))
    db.session.flush()
    record(actor, "questionnaire.create", "questionnaire", questionnaire.id,
           country_code=questionnaire.country_code, now=now)
    return questionnaire


def change_questions(actor: User, questionnaire: Questionnaire, questions: list, *,
                     now: datetime) -> QuestionnaireVersion:
    """The current version changed in place while nobody answered it, else a new version."""
    if questionnaire.country_code is None and not is_programme_admin(actor):
        raise Forbidden(_l("Only programme administrators change a regional questionnaire."))
    check_questions(questions, questionnaire.default_language)
    version = current_version(questionnaire)
    answered = db.session.scalar(select(exists().where(Response.version_id == version.id)))
    if answered:
        version = QuestionnaireVersion(questionnaire_id=questionnaire.id,
                                       number=questionnaire.version + 1, questions=questions,
                                       created_at=now)
        db.session.add(version)
        questionnaire.version = version.number
    else:
        version.questions = questions
    questionnaire.updated_at = now
    db.session.flush()
    record(actor, "questionnaire.questions", "questionnaire", questionnaire.id,
           country_code=questionnaire.country_code, details={"version": version.number},
           now=now)
    return version
