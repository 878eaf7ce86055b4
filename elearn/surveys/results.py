"""A campaign's results: per question, how many chose each answer, by country and gender,
with the report's small-cell suppression applied to every cell (and the cells that would give
one away); averages of scales and numbers; the free texts for admins, named only in a named
campaign. Three grouped statements, whatever the number of answers."""

from __future__ import annotations

from flask import current_app
from sqlalchemy import String, cast, func, select

from ..accounts.models import User
from ..cells import GENDERS, hide_small, sum_cells
from ..extensions import db
from .models import CHOICE_KINDS, TEXT_KINDS, Answer, Campaign, QuestionKind, Recipient, Response
from .questions import SCALE, shown

TEXTS_SHOWN = 500


def _options(question: dict, language: str, default: str) -> list[tuple[str, str]]:
    if question["kind"] in CHOICE_KINDS:
        return [(choice["key"], shown(choice["text"], language, default))
                for choice in question["choices"]]
    if question["kind"] == QuestionKind.SCALE:
        return [(str(value), str(value)) for value in range(SCALE[0], SCALE[1] + 1)]
    return []


def _percent(part, whole) -> float | None:
    if part is None or not whole:
        return None
    return round(100 * part / whole, 1)


def results(campaign: Campaign, *, language: str, suppress: bool = True) -> dict:
    version = campaign.version
    default = version.questionnaire.default_language
    threshold = current_app.config["REPORT_MIN_CELL"] if suppress else 0
    option = func.coalesce(Answer.choice_key, cast(Answer.value, String))
    where = (Response.campaign_id == campaign.id,)
    counts: dict = {}
    for key, chosen, country, gender, number in db.session.execute(
            select(Answer.question_key, option, Response.country_code, Response.gender,
                   func.count()).join(Response, Response.id == Answer.response_id)
            .where(*where).group_by(Answer.question_key, option, Response.country_code,
                                    Response.gender)):
        counts.setdefault(key, {}).setdefault((country, gender), {})[chosen] = number
    respondents: dict = {}
    averages: dict = {}
    for key, country, gender, number, average in db.session.execute(
            select(Answer.question_key, Response.country_code, Response.gender,
                   func.count(func.distinct(Answer.response_id)), func.avg(Answer.value))
            .join(Response, Response.id == Answer.response_id).where(*where)
            .group_by(Answer.question_key, Response.country_code, Response.gender)):
        respondents.setdefault(key, {})[(country, gender)] = number
        if average is not None:
            averages.setdefault(key, []).append((float(average), number))
    countries = sorted({country for by_cell in respondents.values() for country, _ in by_cell})
    questions = []
    for question in version.questions:
        key = question["key"]
        options = _options(question, language, default)
        names = [name for name, _label in options] + ["respondents"]
        cells = []
        for country in countries:
            for gender in GENDERS:
                found = counts.get(key, {}).get((country, gender), {})
                cell = {"country": country, "gender": gender,
                        "respondents": respondents.get(key, {}).get((country, gender), 0)}
                cell |= {name: found.get(name, 0) for name, _label in options}
                cells.append(cell)
        table = {"cells": cells, **sum_cells(cells, names)}
        if threshold:
            table = hide_small(table, names, threshold)
        total = table["total"]
        weighted = averages.get(key, [])
        entry = {"key": key, "kind": question["kind"],
                 "text": shown(question["text"], language, default),
                 "respondents": total["respondents"],
                 "options": [{"key": name, "text": label, "count": total[name],
                              "percent": _percent(total[name], total["respondents"])}
                             for name, label in options],
                 **table}
        if question["kind"] in (QuestionKind.SCALE, QuestionKind.NUMBER) and weighted and (
                total["respondents"] is not None and total["respondents"] >= threshold):
            entry["average"] = round(sum(a * n for a, n in weighted) /
                                     sum(n for _a, n in weighted), 2)
        else:
            entry["average"] = None
        questions.append(entry)
    invited, answered = db.session.execute(
        select(func.count(), func.count().filter(Recipient.answered))
        .where(Recipient.campaign_id == campaign.id)).one()
    responses = db.session.scalar(select(func.count()).select_from(Response).where(*where))
    return {"campaign_id": campaign.id, "version": version.number, "invited": invited,
            "answered": answered, "responses": responses,
            "suppression_threshold": threshold or None, "questions": questions}


def free_texts(campaign: Campaign) -> list[dict]:
    """The free-text answers, newest last; with the respondent's name in a named campaign."""
    keys = [q["key"] for q in campaign.version.questions if q["kind"] in TEXT_KINDS]
    if not keys:
        return []
    stmt = (select(Answer.question_key, Answer.text, Response.country_code, User.name)
            .join(Response, Response.id == Answer.response_id)
            .outerjoin(User, User.id == Response.user_id)
            .where(Response.campaign_id == campaign.id, Answer.question_key.in_(keys))
            .order_by(Answer.id).limit(TEXTS_SHOWN))
    return [{"question_key": key, "text": text, "country": country,
             "name": None if campaign.anonymous else name}
            for key, text, country, name in db.session.execute(stmt)]


def table_rows(report: dict, mark: str) -> list[list]:
    """The results as rows of (question, answer, country, gender, count), hidden counts as
    `mark`, for the CSV and XLSX downloads."""
    rows = []
    for question in report["questions"]:
        labels = {option["key"]: option["text"] for option in question["options"]}
        for cell in question["cells"]:
            for key, label in labels.items():
                value = cell[key]
                rows.append([question["text"], label, cell["country"], cell["gender"],
                             mark if value is None else value])
    return rows
