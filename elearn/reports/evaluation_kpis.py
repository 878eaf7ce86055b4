"""The course evaluations' block of the KPI report (`evaluations`): per offering and per
course, how many evaluated it and the average of each scale (reaction and learning, levels 1
and 2), from the report countries' respondents in the period. Where fewer than the report's
threshold answered, the count and the averages are hidden alike."""

from __future__ import annotations

from sqlalchemy import func, select

from ..courses.models import Course
from ..enrollments.models import Offering
from ..extensions import db
from ..surveys.models import Answer, Campaign, Purpose, Response


def _period(filters: dict) -> list:
    found = []
    if "from" in filters:
        found.append(Response.submitted_on >= filters["from"].date())
    if "to" in filters:
        found.append(Response.submitted_on < filters["to"].date())
    return found


def evaluation_figures(codes: list[str], filters: dict) -> dict:
    where = (Campaign.purpose == Purpose.EVALUATION, Response.country_code.in_(codes),
             *_period(filters))
    base = (select().select_from(Response).join(Campaign, Campaign.id == Response.campaign_id)
            .join(Offering, Offering.id == Campaign.offering_id)
            .join(Course, Course.id == Offering.course_id).where(*where))
    offerings: dict[int, dict] = {}
    for offering_id, code, title, responses in db.session.execute(
            base.add_columns(Offering.id, Course.code, Offering.title,
                             func.count(Response.id))
            .group_by(Offering.id, Course.code, Offering.title)):
        offerings[offering_id] = {"offering_id": offering_id, "course_code": code,
                                  "title": title, "responses": responses, "averages": {}}
    courses: dict[str, dict] = {}
    for row in offerings.values():
        course = courses.setdefault(row["course_code"], {"course_code": row["course_code"],
                                                         "responses": 0, "averages": {}})
        course["responses"] += row["responses"]
    sums: dict = {}
    for offering_id, code, key, count, total in db.session.execute(
            base.join(Answer, Answer.response_id == Response.id)
            .where(Answer.value.is_not(None))
            .add_columns(Offering.id, Course.code, Answer.question_key, func.count(),
                         func.sum(Answer.value))
            .group_by(Offering.id, Course.code, Answer.question_key)):
        offerings[offering_id]["averages"][key] = round(total / count, 2)
        summed = sums.setdefault((code, key), [0, 0])
        summed[0], summed[1] = summed[0] + total, summed[1] + count
    for (code, key), (total, count) in sums.items():
        courses[code]["averages"][key] = round(total / count, 2)
    return {"offerings": sorted(offerings.values(), key=lambda row: row["offering_id"]),
            "courses": sorted(courses.values(), key=lambda row: row["course_code"])}


def suppress(block: dict, threshold: int) -> dict:
    def hide(row: dict) -> dict:
        if row["responses"] >= threshold:
            return row
        return row | {"responses": None, "averages": dict.fromkeys(row["averages"])}

    return {"offerings": [hide(row) for row in block["offerings"]],
            "courses": [hide(row) for row in block["courses"]]}
