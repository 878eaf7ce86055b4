"""Quizzes: the answer key stays on the server."""

import json

from tests.courses.conftest import COURSES


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
