"""Quizzes are scored here, on the server: the answer key never leaves it."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from ..errors import RuleViolation
from .models import Question, QuestionKind, Quiz


@dataclass(frozen=True)
class QuizScore:
    points: int
    max_points: int
    percent: int
    passed: bool
    correct: dict[int, bool]  # question id → answered right


def _check_answer(question: Question, chosen) -> list:
    if not isinstance(chosen, list | tuple) or not all(isinstance(key, str) for key in chosen):
        return [_l("Give the chosen choice keys as a list.")]
    keys = {choice["key"] for choice in question.choices}
    problems = []
    if set(chosen) - keys:
        problems.append(_l("Unknown choice."))
    if question.kind != QuestionKind.MULTIPLE_CHOICE and len(chosen) > 1:
        problems.append(_l("Choose one answer."))
    return problems


def score_quiz(quiz: Quiz, answers: dict) -> QuizScore:
    """Score `answers` (question id → chosen choice keys); an unanswered question scores 0.

    A multiple-choice question scores only when exactly the correct set is chosen. Pure:
    nothing is read or written but the quiz and its questions.
    Raises RuleViolation (`invalid-answers`) for questions not in the quiz, choices not in
    the question and more than one choice for a single-choice or true/false question.
    """
    questions = {str(question.id): question for question in quiz.questions}
    chosen_by_id = {str(question_id): chosen for question_id, chosen in answers.items()}
    errors = {}
    for question_id, chosen in chosen_by_id.items():
        question = questions.get(question_id)
        if question is None:
            errors[question_id] = [_l("This question is not part of the quiz.")]
        elif problems := _check_answer(question, chosen):
            errors[question_id] = problems
    if errors:
        raise RuleViolation(errors={"answers": [errors]}, type="invalid-answers")
    correct = {question.id: set(chosen_by_id.get(key, ())) == question.correct_keys
               for key, question in questions.items()}
    points = sum(question.points for question in quiz.questions if correct[question.id])
    max_points = sum(question.points for question in quiz.questions)
    percent = 100 * points // max_points if max_points else 0
    return QuizScore(points=points, max_points=max_points, percent=percent,
                     passed=percent >= quiz.pass_mark, correct=correct)
