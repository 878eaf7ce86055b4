"""Authoring, publishing and versioning, scoped by country."""

from tests.courses.conftest import COURSES, quiz_lesson


def test_national_admin_authors_and_publishes_own_course(client, as_user, author):
    admin = as_user("national_admin", country="JO")
    course = author(admin, country="JO")
    assert (course["status"], course["country"], course["version"]) == ("published", "JO", 1)
    assert [len(module["lessons"]) for module in course["modules"]] == [3]


def test_national_admin_cannot_create_regional_or_foreign_courses(client, as_user):
    admin = as_user("national_admin", country="JO")
    body = {"code": "X-1", "category": "skills", "default_language": "en",
            "languages": ["en"], "title": {"en": "X"}}
    assert client.post(COURSES, headers=admin, json=body | {"country": None}).status_code == 403
    assert client.post(COURSES, headers=admin, json=body | {"country": "FJ"}).status_code == 403


def test_other_countrys_draft_is_invisible(client, as_user, author):
    course = author(as_user("national_admin", country="JO"), country="JO", publish=False)
    fiji = as_user("national_admin", country="FJ")
    assert client.get(f"{COURSES}/{course['id']}", headers=fiji).status_code == 404
    response = client.patch(f"{COURSES}/{course['id']}", headers=fiji,
                            json={"category": "other"})
    assert response.status_code == 404


def test_trainees_see_published_regional_and_own_country_courses(client, as_user, author):
    programme = as_user("programme_admin")
    regional = author(programme, code="REG-1")
    jordan = author(as_user("national_admin", country="JO"), code="JO-1", country="JO")
    author(as_user("national_admin", country="FJ"), code="FJ-1", country="FJ")
    author(programme, code="DRAFT-1", publish=False)
    listed = client.get(COURSES, headers=as_user("trainee", country="JO")).get_json()
    assert {item["code"] for item in listed["items"]} == {regional["code"], jordan["code"]}


def test_editing_a_published_course_in_place_is_409(client, as_user, author):
    admin = as_user("programme_admin")
    course = author(admin)
    response = client.patch(f"{COURSES}/{course['id']}", headers=admin,
                            json={"certificate_validity_months": 24})
    assert response.status_code == 409
    assert response.get_json()["type"] == "course-not-editable"
    module_id = course["modules"][0]["id"]
    added = client.post(f"{COURSES}/{course['id']}/modules/{module_id}/lessons", headers=admin,
                        json={"key": "late", "kind": "text", "title": {"en": "Late"}})
    assert added.status_code == 409


def test_new_version_replaces_the_published_one_on_publish(client, as_user, author):
    admin = as_user("programme_admin")
    first = author(admin)
    draft = client.post(f"{COURSES}/{first['id']}/versions", headers=admin).get_json()
    assert (draft["version"], draft["status"], draft["code"]) == (2, "draft", first["code"])
    assert client.get(f"{COURSES}/{first['id']}", headers=admin).get_json()["status"] == (
        "published")
    client.patch(f"{COURSES}/{draft['id']}", headers=admin, json={"title": {"en": "Rights v2"}})
    client.post(f"{COURSES}/{draft['id']}/publish", headers=admin)
    assert client.get(f"{COURSES}/{first['id']}", headers=admin).get_json()["status"] == (
        "archived")
    detail = client.get(f"{COURSES}/{draft['id']}", headers=admin).get_json()
    assert [lesson["key"] for lesson in detail["modules"][0]["lessons"]] == [
        "lesson-1", "lesson-2", "final-quiz"]


def test_unknown_language_is_422(client, as_user):
    response = client.post(COURSES, headers=as_user("programme_admin"), json={
        "code": "X-1", "category": "skills", "default_language": "en", "languages": ["en", "xx"],
        "title": {"en": "X"}})
    assert response.status_code == 422
    assert "languages" in response.get_json()["errors"]


def test_text_in_a_language_the_course_lacks_is_422(client, as_user):
    response = client.post(COURSES, headers=as_user("programme_admin"), json={
        "code": "X-1", "category": "skills", "default_language": "en", "languages": ["en"],
        "title": {"en": "X", "fr": "X"}})
    assert response.status_code == 422
    assert "title" in response.get_json()["errors"]


def test_quiz_without_a_correct_answer_is_422_and_adds_nothing(client, as_user, author):
    admin = as_user("programme_admin")
    course = author(admin, publish=False, quiz=False)
    lesson = quiz_lesson()
    for choice in lesson["quiz"]["questions"][0]["choices"]:
        choice["correct"] = False
    url = f"{COURSES}/{course['id']}/modules/{course['modules'][0]['id']}/lessons"
    response = client.post(url, headers=admin, json=lesson)
    assert response.status_code == 422
    detail = client.get(f"{COURSES}/{course['id']}", headers=admin).get_json()
    assert len(detail["modules"][0]["lessons"]) == 2


def test_circular_prerequisites_are_422(client, as_user, author):
    admin = as_user("programme_admin")
    author(admin, code="A-1", publish=False)
    second = author(admin, code="B-1", publish=False, prerequisites=["A-1"])
    first_id = client.get(COURSES, headers=admin, query_string={"status": "draft"}).get_json()[
        "items"][0]["id"]
    response = client.patch(f"{COURSES}/{first_id}", headers=admin,
                            json={"prerequisites": ["B-1"]})
    assert response.status_code == 422
    assert response.get_json()["type"] == "circular-prerequisites"
    assert second["prerequisites"] == ["A-1"]


def test_publishing_is_audited(client, as_user, author):
    admin = as_user("national_admin", country="FJ")
    course = author(admin, country="FJ")
    events = client.get("/api/v1/audit-events", headers=admin,
                        query_string={"action": "course.publish"}).get_json()["items"]
    assert events[0]["object_id"] == str(course["id"])


def test_course_of_an_unknown_country_is_422(client, as_user):
    response = client.post(COURSES, headers=as_user("programme_admin"), json={
        "code": "X-1", "category": "skills", "default_language": "en", "languages": ["en"],
        "title": {"en": "X"}, "country": "ZZ"})
    assert response.status_code == 422
    assert response.get_json()["errors"] == {"country": ["Unknown country."]}


def _lessons_url(course):
    return f"{COURSES}/{course['id']}/modules/{course['modules'][0]['id']}/lessons"


def test_unknown_language_changes_nothing(client, as_user, snapshot):
    admin = as_user("programme_admin")
    before = snapshot()
    response = client.post(COURSES, headers=admin, json={
        "code": "X-1", "category": "skills", "default_language": "xx", "languages": ["xx"],
        "title": {"xx": "X"}})
    assert response.status_code == 422
    assert set(response.get_json()["errors"]) == {"default_language", "languages", "title"}
    assert snapshot() == before


def test_single_choice_with_two_correct_answers_is_422(client, as_user, author, snapshot):
    admin = as_user("programme_admin")
    course = author(admin, publish=False, quiz=False)
    lesson = quiz_lesson()
    lesson["quiz"]["questions"][0]["choices"][1]["correct"] = True
    before = snapshot()
    response = client.post(_lessons_url(course), headers=admin, json=lesson)
    assert response.status_code == 422
    assert "quiz" in response.get_json()["errors"]
    assert snapshot() == before


def test_a_choice_in_a_language_the_course_lacks_is_422(client, as_user, author, snapshot):
    admin = as_user("programme_admin")
    course = author(admin, publish=False, quiz=False)
    lesson = quiz_lesson()
    lesson["quiz"]["questions"][1]["choices"][0]["text"]["fr"] = "Vrai"
    before = snapshot()
    response = client.post(_lessons_url(course), headers=admin, json=lesson)
    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == ["quiz.questions.1.choices.0.text"]
    assert snapshot() == before


def test_a_text_lesson_needs_its_text_in_the_default_language(client, as_user, author):
    admin = as_user("programme_admin")
    course = author(admin, publish=False, quiz=False)
    response = client.post(_lessons_url(course), headers=admin, json={
        "key": "no-text", "kind": "text", "title": {"en": "Empty"}, "body": {"ar": "نص"}})
    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == ["body"]


def test_a_video_link_must_be_a_web_address(client, as_user, author):
    admin = as_user("programme_admin")
    course = author(admin, publish=False, quiz=False)
    response = client.post(_lessons_url(course), headers=admin, json={
        "key": "clip", "kind": "video", "title": {"en": "Clip"},
        "url": {"en": "javascript:alert(1)"}})
    assert response.status_code == 422
    assert "url" in response.get_json()["errors"]


def test_a_lesson_key_is_unique_in_the_course(client, as_user, author):
    admin = as_user("programme_admin")
    course = author(admin, publish=False, quiz=False)
    response = client.post(_lessons_url(course), headers=admin, json={
        "key": "lesson-1", "kind": "text", "title": {"en": "Again"}, "body": {"en": "Text"}})
    assert (response.status_code, response.get_json()["type"]) == (409, "lesson-key-taken")


def test_dropping_a_language_the_lessons_use_is_422(client, as_user, author, snapshot):
    admin = as_user("programme_admin")
    course = author(admin, publish=False, quiz=False)
    client.patch(f"{_lessons_url(course)}/{course['modules'][0]['lessons'][0]['id']}",
                 headers=admin, json={"title": {"en": "Lesson 1", "ar": "الدرس ١"}})
    before = snapshot()
    response = client.patch(f"{COURSES}/{course['id']}", headers=admin, json={
        "languages": ["en"], "title": {"en": "Human rights"}})
    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == ["modules.0.lessons.0.title"]
    assert snapshot() == before


def test_a_prerequisite_that_does_not_exist_is_422(client, as_user, author):
    response = client.post(COURSES, headers=as_user("programme_admin"), json={
        "code": "X-1", "category": "skills", "default_language": "en", "languages": ["en"],
        "title": {"en": "X"}, "prerequisites": ["NOPE-1"]})
    assert response.status_code == 422
    assert response.get_json()["errors"] == {"prerequisites": ["Unknown course: NOPE-1."]}


def test_circular_prerequisites_change_nothing(client, as_user, author, snapshot):
    admin = as_user("programme_admin")
    first = author(admin, code="A-1", publish=False)
    author(admin, code="B-1", publish=False, prerequisites=["A-1"])
    author(admin, code="C-1", publish=False, prerequisites=["B-1"])
    before = snapshot()
    response = client.patch(f"{COURSES}/{first['id']}", headers=admin,
                            json={"prerequisites": ["C-1"], "title": {"en": "Changed"}})
    assert response.get_json()["type"] == "circular-prerequisites"
    assert snapshot() == before
    assert client.get(f"{COURSES}/{first['id']}", headers=admin).get_json()[
        "prerequisites"] == []


def test_content_changes_are_audited(client, as_user, author):
    admin = as_user("national_admin", country="FJ")
    course = author(admin, country="FJ", publish=False, quiz=False)
    events = client.get("/api/v1/audit-events", headers=admin,
                        query_string={"object_type": "course"}).get_json()["items"]
    assert {"course.create", "course.module.create", "course.lesson.create"} <= {
        event["action"] for event in events}
    assert {event["object_id"] for event in events} == {str(course["id"])}
