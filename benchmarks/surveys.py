"""Surveys in the data set: a needs assessment sent to ten thousand people with a hundred
thousand answers, and the scenarios that read its results and open another campaign to the
same audience (a fixed number of statements whatever its size)."""

from __future__ import annotations

from datetime import timedelta

from elearn.extensions import db
from elearn.timeutils import utcnow

from .seed import _bulk

GENDERS = ("female", "male", "other", "undisclosed")
CHOICES = ("human_rights", "cooperation", "leadership", "training_of_trainers", "cybercrime")


def seed_survey(app, scale, ids) -> dict:
    from elearn.accounts.models import User
    from elearn.surveys.models import Answer, Campaign, Purpose, Recipient, Response
    from elearn.surveys.templates import template_questionnaire

    now = utcnow()
    today = now.date()
    with app.app_context():
        questionnaire = template_questionnaire(Purpose.NEEDS, now=now)
        version_id = db.session.scalar(db.text(
            "SELECT id FROM questionnaire_versions WHERE questionnaire_id = :q"),
            {"q": questionnaire.id})
        people = list(db.session.scalars(db.select(User.id).order_by(User.id)
                                         .limit(scale.survey_people)))
        countries = dict(db.session.execute(db.select(User.id, User.country_code)
                                            .where(User.id.in_(people))).all())
        # Ids from the database's own sequence: the campaigns opened later must not collide.
        campaign = Campaign(questionnaire_id=questionnaire.id, version_id=version_id,
                            name="Needs 2027", purpose="needs_assessment",
                            audience={"kind": "country"}, anonymous=True,
                            opens_on=today - timedelta(days=10),
                            closes_on=today + timedelta(days=20), created_at=now)
        db.session.add(campaign)
        db.session.flush()
        campaign_id = campaign.id
        _bulk(Recipient, [{"campaign_id": campaign_id, "user_id": person, "invited_on": today,
                           "answered": n % 2 == 0} for n, person in enumerate(people)])
        answers_each = 8
        responses = max(1, scale.survey_answers // answers_each)
        first = (db.session.scalar(db.select(db.func.max(Response.id))) or 0) + 1
        _bulk(Response, [{"id": first + n, "campaign_id": campaign_id,
                          "version_id": version_id,
                          "country_code": countries[people[n % len(people)]],
                          "gender": GENDERS[n % 4], "client_id": f"bench-{n}",
                          "submitted_on": today} for n in range(responses)])
        rows = []
        for n in range(responses):
            response_id = first + n
            rows += [
                {"response_id": response_id, "question_key": "crime_areas",
                 "choice_key": CHOICES[n % 5]},
                {"response_id": response_id, "question_key": "crime_areas",
                 "choice_key": CHOICES[(n + 2) % 5]},
                {"response_id": response_id, "question_key": "capacity", "value": n % 5 + 1},
                {"response_id": response_id, "question_key": "delivery",
                 "choice_key": ("self_paced", "live_online", "blended")[n % 3]},
                {"response_id": response_id, "question_key": "connectivity",
                 "choice_key": ("good", "unreliable", "none")[n % 3]},
                {"response_id": response_id, "question_key": "devices", "choice_key": "phone"},
                {"response_id": response_id, "question_key": "language", "choice_key": "en"},
                {"response_id": response_id, "question_key": "comments", "text": f"Comment {n}"}]
        _bulk(Answer, rows)
        if db.engine.dialect.name == "postgresql":  # the responses' sequence after them
            db.session.execute(db.text(
                "SELECT setval(pg_get_serial_sequence('survey_responses', 'id'), "
                "(SELECT max(id) FROM survey_responses))"))
        db.session.commit()
    return {"survey_people": len(people), "survey_campaign_id": campaign_id}


def results(ids, tokens, scale):
    """GET the needs assessment's results (every question by country and gender)."""
    headers = {"Authorization": f"Bearer {tokens['programme_admin']}"}
    campaign_id = ids["survey_campaign_id"]
    return lambda n: ("GET", f"/api/v1/surveys/{campaign_id}/results", None, headers)


def invite_everyone(app, ids) -> None:
    """Open a new campaign to every active person (ten thousand at full scale) and queue
    their invitations: one INSERT … SELECT each, timed in-process."""
    from elearn.accounts.models import User
    from elearn.surveys.campaigns import create_campaign
    from elearn.surveys.models import Purpose
    from elearn.surveys.templates import template_questionnaire

    admin = db.session.get(User, 1)
    today = utcnow().date()
    create_campaign(admin, template_questionnaire(Purpose.NEEDS, now=utcnow()), {
        "name": "Everyone", "audience": {"kind": "country"}, "opens_on": today,
        "closes_on": today + timedelta(days=30), "anonymous": True}, now=utcnow())
    db.session.rollback()  # timed again on the next run, from the same state
