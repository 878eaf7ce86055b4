"""Quizzes: the answer key stays on the server."""

import json

import pytest

from elearn.courses.models import Question, Quiz
from elearn.courses.scoring import score_quiz
from elearn.errors import RuleViolation
from tests.courses.conftest import COURSES, quiz_lesson


def _quiz(course):
    return course["modules"][0]["lessons"][-1]["quiz"]


def test_trainee_never_sees_the_answer_key(client, as_user, author):
    course = author(as_user("programme_admin"))
    headers = as_user("trainee")
    detail = client.get(f"{COURSES}/{course['id']}", headers=headers).get_data(as_text=True)
    quiz = client.get(f"/api/v1/quizzes/{_quiz(course)['id']}", headers=headers).get_json()
    assert "correct" not in detail and "correct" not in json.dumps(quiz)
    assert "answer_key" not in quiz
    assert [choice["key"] for choice in quiz["questions"][1]["choices"]] == ["true", "false"]


def test_editor_gets_the_answer_key(client, as_user, author):
    admin = as_user("programme_admin")
    course = author(admin)
    quiz = client.get(f"/api/v1/quizzes/{_quiz(course)['id']}", headers=admin).get_json()
    assert sorted(quiz["answer_key"].values()) == [["a"], ["true"]]


def test_answers_are_scored_on_the_server(client, as_user, author, make_offering_for):
    course = author(as_user("programme_admin"))
    headers = as_user("trainee")
    offering = make_offering_for(course["id"])
    client.post(f"/api/v1/offerings/{offering}/enrollments", headers=headers, json={})
    quiz = _quiz(course)
    first, second = (question["id"] for question in quiz["questions"])
    half = client.post(f"/api/v1/quizzes/{quiz['id']}/attempts", headers=headers, json={
        "answers": {str(first): ["a"], str(second): ["false"]}}).get_json()
    assert (half["points"], half["percent"], half["passed"]) == (1, 50, True)


def test_unknown_choice_is_422(client, as_user, author, make_offering_for):
    course = author(as_user("programme_admin"))
    headers = as_user("trainee")
    client.post(f"/api/v1/offerings/{make_offering_for(course['id'])}/enrollments",
                headers=headers, json={})
    quiz = _quiz(course)
    response = client.post(f"/api/v1/quizzes/{quiz['id']}/attempts", headers=headers, json={
        "answers": {str(quiz["questions"][0]["id"]): ["zz"]}})
    assert response.status_code == 422


def test_editor_sees_explanations_and_trainee_does_not(client, as_user, author):
    admin = as_user("programme_admin")
    course = author(admin, publish=False, quiz=False)
    lesson = quiz_lesson()
    lesson["quiz"]["questions"][0]["explanation"] = {"en": "Force must be necessary."}
    url = f"{COURSES}/{course['id']}/modules/{course['modules'][0]['id']}/lessons"
    quiz_id = client.post(url, headers=admin, json=lesson).get_json()["quiz"]["id"]
    client.post(f"{COURSES}/{course['id']}/publish", headers=admin)
    editor = client.get(f"/api/v1/quizzes/{quiz_id}", headers=admin).get_json()
    assert editor["questions"][0]["explanation"] == "Force must be necessary."
    trainee = client.get(f"/api/v1/quizzes/{quiz_id}", headers=as_user("trainee")).get_json()
    assert "explanation" not in trainee["questions"][0]


def test_quiz_of_a_draft_is_404_for_trainees(client, as_user, author):
    course = author(as_user("programme_admin"), publish=False)
    response = client.get(f"/api/v1/quizzes/{_quiz(course)['id']}", headers=as_user("trainee"))
    assert response.status_code == 404


def _stored_quiz(kinds_and_keys, pass_mark=50):
    """A quiz in memory: each question (id, kind, choice keys, correct keys), one point."""
    quiz = Quiz(id=1, pass_mark=pass_mark)
    for position, (question_id, kind, keys, correct) in enumerate(kinds_and_keys, start=1):
        quiz.questions.append(Question(
            id=question_id, position=position, kind=kind, points=1, text={"en": "?"},
            choices=[{"key": key, "text": {"en": key}, "correct": key in correct}
                     for key in keys]))
    return quiz


QUIZ = [(10, "single_choice", "abc", "b"), (11, "multiple_choice", "abcd", "ac"),
        (12, "true_false", ("true", "false"), ("false",))]


def test_score_quiz_counts_points_and_passes_at_the_mark():
    result = score_quiz(_stored_quiz(QUIZ, pass_mark=66),
                        {"10": ["b"], "11": ["a", "c"], "12": ["true"]})
    assert (result.points, result.max_points, result.percent, result.passed) == (2, 3, 66, True)
    assert result.correct == {10: True, 11: True, 12: False}


def test_multiple_choice_needs_exactly_the_correct_set():
    result = score_quiz(_stored_quiz(QUIZ), {11: ["a"]})
    assert result.correct[11] is False
    assert (result.points, result.passed) == (0, False)


@pytest.mark.parametrize("answers", [
    {"99": ["a"]},  # not a question of the quiz
    {"10": ["z"]},  # not a choice of the question
    {"10": ["a", "b"]},  # two answers to a single-choice question
    {"10": "b"},  # not a list
])
def test_score_quiz_refuses_answers_that_do_not_fit(answers):
    with pytest.raises(RuleViolation) as raised:
        score_quiz(_stored_quiz(QUIZ), answers)
    assert raised.value.status == 422
    assert raised.value.type == "invalid-answers"


def test_quiz_view_query_count_does_not_grow_with_its_questions(client, as_user, author,
                                                                count_queries):
    admin = as_user("programme_admin")
    quiz = _quiz(author(admin, publish=False))
    question = quiz_lesson()["quiz"]["questions"][0]
    counts = []
    for _round in range(2):
        with count_queries() as queries:
            assert client.get(f"/api/v1/quizzes/{quiz['id']}", headers=admin).status_code == 200
        counts.append(len(queries))
        for _ in range(5):
            client.post(f"/api/v1/quizzes/{quiz['id']}/questions", headers=admin, json=question)
    assert counts[0] == counts[1]
