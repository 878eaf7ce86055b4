"""The rules of questions and of answers to them.

A question: `key`, `kind`, `text` per language, `required`; choice questions list `choices`
(`key`, `text`, optionally the catalogue `category` it points to and `flag` for an answer the
programme admins should see); a scale runs 1–5 with its `low` and `high` ends labelled (and
`flag_below`: a score under it raises a flag); a number may give `min` and `max`.

Answers come as {question key: value}: a choice key, a list of them, an integer, or text.
"""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l

from ..errors import RuleViolation
from ..i18n import LANGUAGES
from ..web.edge import has_unstorable
from .models import CHOICE_KINDS, QuestionKind

KEY = re.compile(r"^[a-z0-9_]{1,60}$")
SCALE = (1, 5)
TEXT_LIMITS = {QuestionKind.SHORT_TEXT: 300, QuestionKind.LONG_TEXT: 5000}
MAX_QUESTIONS, MAX_CHOICES = 60, 40


def _texts_ok(texts, default_language: str) -> bool:
    return (isinstance(texts, dict) and set(texts) <= set(LANGUAGES)
            and all(isinstance(t, str) and t.strip() and len(t) <= 2000 for t in texts.values())
            and default_language in texts)


def check_questions(questions: list, default_language: str) -> None:
    """RuleViolation naming each question (by position) that breaks a rule."""
    errors: dict[str, list] = {}
    if not questions:
        raise RuleViolation(errors={"questions": [_l("Ask at least one question.")]})
    if len(questions) > MAX_QUESTIONS:
        raise RuleViolation(errors={"questions": [
            _l("Ask at most %(num)d questions.", num=MAX_QUESTIONS)]})
    keys = set()
    for number, question in enumerate(questions):
        problems = []
        kind = question.get("kind")
        if not KEY.match(str(question.get("key", ""))) or question["key"] in keys:
            problems.append(_l("Give each question its own key (lower-case letters, digits "
                               "and _)."))
        keys.add(question.get("key"))
        if kind not in set(QuestionKind):
            problems.append(_l("Unknown kind of question."))
        if not _texts_ok(question.get("text"), default_language):
            problems.append(_l("Give the question's text, at least in the default language "
                               "(%(language)s).", language=default_language))
        if kind in CHOICE_KINDS:
            choices = question.get("choices") or []
            choice_keys = [c.get("key") for c in choices if isinstance(c, dict)]
            if not 2 <= len(choices) <= MAX_CHOICES or len(set(choice_keys)) != len(choices) \
                    or not all(KEY.match(str(k)) for k in choice_keys) \
                    or not all(_texts_ok(c.get("text"), default_language) for c in choices):
                problems.append(_l("A choice question needs 2 to %(num)d choices, each with "
                                   "its own key and its text.", num=MAX_CHOICES))
        if kind == QuestionKind.SCALE and not (
                _texts_ok(question.get("low"), default_language)
                and _texts_ok(question.get("high"), default_language)):
            problems.append(_l("Label both ends of the scale."))
        if problems:
            errors[str(number)] = problems
    if errors:
        raise RuleViolation(errors={"questions": errors})


def _one(question: dict, value, problems: list) -> list[tuple[str | None, int | None,
                                                              str | None]]:
    """(choice_key, value, text) rows for one answer; problems added when it is wrong."""
    kind = question["kind"]
    if kind in CHOICE_KINDS:
        keys = {choice["key"] for choice in question["choices"]}
        chosen = value if isinstance(value, list) else [value]
        if kind == QuestionKind.SINGLE_CHOICE and len(chosen) != 1 or not chosen or any(
                not isinstance(key, str) or key not in keys for key in chosen) or len(
                set(chosen)) != len(chosen):
            problems.append(_l("Choose among the choices given."))
            return []
        return [(key, None, None) for key in chosen]
    if kind in (QuestionKind.SCALE, QuestionKind.NUMBER):
        if isinstance(value, str) and re.fullmatch(r"-?\d{1,9}", value.strip()):
            value = int(value)
        low, high = SCALE if kind == QuestionKind.SCALE else (
            question.get("min", -10**9), question.get("max", 10**9))
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            problems.append(_l("Give a whole number from %(low)d to %(high)d.",
                               low=low, high=high))
            return []
        return [(None, value, None)]
    limit = TEXT_LIMITS[QuestionKind(kind)]
    if not isinstance(value, str) or len(value) > limit or has_unstorable(value):
        problems.append(_l("Write at most %(num)d characters.", num=limit))
        return []
    return [(None, None, value.strip())]


def _blank(value) -> bool:
    return value is None or value == [] or (isinstance(value, str) and not value.strip())


def answer_rows(questions: list, answers: dict) -> list[tuple[str, str | None, int | None,
                                                              str | None]]:
    """Every answer as (question key, choice key, value, text) rows; RuleViolation naming
    each question answered wrongly, or required and not answered, and any unknown question."""
    if not isinstance(answers, dict):
        raise RuleViolation(errors={"answers": [_l("Give the answers by question key.")]})
    errors: dict[str, list] = {}
    known = {question["key"] for question in questions}
    for key in answers:
        if key not in known:
            errors[str(key)[:60]] = [_l("This questionnaire has no such question.")]
    rows = []
    for question in questions:
        value = answers.get(question["key"])
        if _blank(value):
            if question.get("required"):
                errors[question["key"]] = [_l("An answer is required.")]
            continue
        problems: list = []
        rows += [(question["key"], *row) for row in _one(question, value, problems)]
        if problems:
            errors[question["key"]] = problems
    if errors:
        raise RuleViolation(_l("Some answers cannot be accepted."), type="answers-invalid",
                            errors={"answers": errors})
    return rows


def shown(texts: dict | None, language: str, default_language: str) -> str:
    texts = texts or {}
    return texts.get(language) or texts.get(default_language) or next(iter(texts.values()), "")
