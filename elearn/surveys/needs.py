"""From a training-needs assessment to a training plan: the needs ranked by how many chose
them, beside the published courses of their catalogue category, and one step that opens a
draft offering (closed to enrolment until the admin sets it up) for each course chosen."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from ..accounts.models import User
from ..courses.models import Course, CourseStatus
from ..enrollments.services import create_offering
from ..errors import RuleViolation
from ..extensions import db
from ..timeutils import zone
from .models import CHOICE_KINDS, Answer, Campaign, Purpose, Response
from .questions import shown

DELIVERY_QUESTION = "delivery"


def ranked_needs(campaign: Campaign, *, language: str) -> list[dict]:
    """Each choice that points to a catalogue category, most chosen first, with its courses."""
    default = campaign.version.questionnaire.default_language
    choices = {(question["key"], choice["key"]): choice
               for question in campaign.version.questions if question["kind"] in CHOICE_KINDS
               for choice in question["choices"] if choice.get("category")}
    counted = {(key, chosen): number for key, chosen, number in db.session.execute(
        select(Answer.question_key, Answer.choice_key, func.count())
        .join(Response, Response.id == Answer.response_id)
        .where(Response.campaign_id == campaign.id, Answer.choice_key.is_not(None))
        .group_by(Answer.question_key, Answer.choice_key))}
    categories = {choice["category"] for choice in choices.values()}
    courses: dict[str, list] = {}
    for course in db.session.scalars(select(Course).where(
            Course.category.in_(categories), Course.status == CourseStatus.PUBLISHED,
            (Course.owner_country_code.is_(None))
            | (Course.owner_country_code == campaign.country_code)).order_by(Course.code)):
        courses.setdefault(course.category, []).append(course)
    needs = [{"question": key, "choice": choice_key,
              "text": shown(choice["text"], language, default), "category": choice["category"],
              "count": counted.get((key, choice_key), 0),
              "courses": courses.get(choice["category"], [])}
             for (key, choice_key), choice in choices.items()]
    return sorted(needs, key=lambda need: (-need["count"], need["text"]))


def preferred_mode(campaign: Campaign) -> str:
    """The delivery most respondents chose, as an offering's mode (self-paced if none)."""
    found = db.session.execute(
        select(Answer.choice_key, func.count()).join(Response, Response.id == Answer.response_id)
        .where(Response.campaign_id == campaign.id, Answer.question_key == DELIVERY_QUESTION)
        .group_by(Answer.choice_key).order_by(func.count().desc(), Answer.choice_key)).first()
    return found[0] if found else "self_paced"


def draft_offerings(actor: User, campaign: Campaign, course_ids: list[int], *,
                    now: datetime) -> list:
    """Open an offering of each course chosen, for the campaign's country, starting on the
    first day of next month, closed to enrolment until the admin opens it."""
    if campaign.purpose != Purpose.NEEDS:
        raise RuleViolation(_l("Only a needs assessment turns into offerings."),
                            type="not-a-needs-assessment")
    if not course_ids:
        raise RuleViolation(errors={"course_ids": [_l("Choose at least one course.")]})
    tz = zone(actor.effective_timezone)
    today = now.astimezone(tz).date()
    first = (today.replace(day=1) + timedelta(days=32)).replace(day=1)
    starts = datetime.combine(first, time(8), tz)
    mode = preferred_mode(campaign)
    return [create_offering(actor, {
        "course_id": course_id, "mode": mode, "starts_at": starts,
        "country": campaign.country_code, "self_enrollment": False,
        "title": str(_l("Draft from %(survey)s", survey=campaign.name))[:200]}, now=now)
        for course_id in course_ids]
