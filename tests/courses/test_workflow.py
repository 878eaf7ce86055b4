"""Draft → published → archived; versions; what may change once published."""

from tests.courses.conftest import COURSES, quiz_lesson


def test_published_title_can_be_corrected_in_place_and_is_searchable(client, as_user, author):
    admin = as_user("programme_admin")
    course = author(admin)
    response = client.patch(f"{COURSES}/{course['id']}", headers=admin,
                            json={"title": {"en": "Human rights and policing"}})
    assert response.status_code == 200
    assert (response.get_json()["status"], response.get_json()["version"]) == ("published", 1)
    found = client.get(COURSES, headers=admin, query_string={"q": "and policing"}).get_json()
    assert [item["id"] for item in found["items"]] == [course["id"]]


def test_adding_a_module_to_a_published_course_is_409_and_changes_nothing(client, as_user,
                                                                        author, snapshot):
    admin = as_user("programme_admin")
    course = author(admin)
    before = snapshot()
    response = client.post(f"{COURSES}/{course['id']}/modules", headers=admin,
                           json={"title": {"en": "Extra"}})
    assert (response.status_code, response.get_json()["type"]) == (409, "course-not-editable")
    assert snapshot() == before


def test_deleting_a_lesson_of_a_published_course_is_409(client, as_user, author):
    admin = as_user("programme_admin")
    course = author(admin)
    module = course["modules"][0]
    lesson = module["lessons"][0]
    response = client.delete(
        f"{COURSES}/{course['id']}/modules/{module['id']}/lessons/{lesson['id']}", headers=admin)
    assert response.status_code == 409


def test_only_drafts_can_be_deleted(client, as_user, author):
    admin = as_user("programme_admin")
    published = author(admin, code="PUB-1")
    draft = author(admin, code="DRAFT-1", publish=False)
    assert client.delete(f"{COURSES}/{published['id']}", headers=admin).status_code == 409
    assert client.delete(f"{COURSES}/{draft['id']}", headers=admin).status_code == 204
    assert client.get(f"{COURSES}/{draft['id']}", headers=admin).status_code == 404


def test_a_course_other_courses_require_cannot_be_deleted(client, as_user, author):
    admin = as_user("programme_admin")
    basics = author(admin, code="BASICS-1", publish=False)
    author(admin, code="ADV-1", publish=False, prerequisites=["BASICS-1"])
    response = client.delete(f"{COURSES}/{basics['id']}", headers=admin)
    assert (response.status_code, response.get_json()["type"]) == (409, "course-required")


def test_publishing_a_course_without_lessons_is_422(client, as_user, author):
    admin = as_user("programme_admin")
    course = author(admin, publish=False, lessons=0, quiz=False)
    response = client.post(f"{COURSES}/{course['id']}/publish", headers=admin)
    assert (response.status_code, response.get_json()["type"]) == (422, "course-incomplete")
    assert client.get(f"{COURSES}/{course['id']}", headers=admin).get_json()["status"] == "draft"


def test_publishing_twice_is_409(client, as_user, author):
    admin = as_user("programme_admin")
    course = author(admin)
    assert client.post(f"{COURSES}/{course['id']}/publish", headers=admin).status_code == 409


def test_new_version_copies_every_lesson_and_question(client, as_user, author):
    admin = as_user("programme_admin")
    first = author(admin)
    draft = client.post(f"{COURSES}/{first['id']}/versions", headers=admin).get_json()
    copy = client.get(f"{COURSES}/{draft['id']}", headers=admin).get_json()

    def shape(course):
        return [(lesson["key"], lesson["kind"], lesson["required"],
                 [q["kind"] for q in (lesson["quiz"] or {}).get("questions", [])])
                for module in course["modules"] for lesson in module["lessons"]]

    assert shape(copy) == shape(first)
    assert {lesson["id"] for lesson in copy["modules"][0]["lessons"]}.isdisjoint(
        lesson["id"] for lesson in first["modules"][0]["lessons"])


def test_a_second_draft_version_is_409(client, as_user, author):
    admin = as_user("programme_admin")
    first = author(admin)
    assert client.post(f"{COURSES}/{first['id']}/versions", headers=admin).status_code == 201
    again = client.post(f"{COURSES}/{first['id']}/versions", headers=admin)
    assert (again.status_code, again.get_json()["type"]) == (409, "draft-exists")


def test_the_catalogue_shows_one_version_per_code(client, as_user, author):
    admin = as_user("programme_admin")
    first = author(admin)
    draft = client.post(f"{COURSES}/{first['id']}/versions", headers=admin).get_json()
    trainee = as_user("trainee")
    before = client.get(COURSES, headers=trainee).get_json()["items"]
    client.post(f"{COURSES}/{draft['id']}/publish", headers=admin)
    after = client.get(COURSES, headers=trainee).get_json()["items"]
    assert [(item["code"], item["version"]) for item in before] == [("HR-101", 1)]
    assert [(item["code"], item["version"]) for item in after] == [("HR-101", 2)]


def test_archived_course_leaves_the_catalogue_but_stays_readable(client, as_user, author):
    admin = as_user("programme_admin")
    course = author(admin)
    archived = client.post(f"{COURSES}/{course['id']}/archive", headers=admin)
    assert archived.get_json()["status"] == "archived"
    trainee = as_user("trainee")
    assert client.get(COURSES, headers=trainee).get_json()["total"] == 0
    assert client.get(f"{COURSES}/{course['id']}", headers=trainee).status_code == 200


def test_prerequisites_of_a_published_course_can_change_and_are_audited(client, as_user,
                                                                        author):
    admin = as_user("programme_admin")
    author(admin, code="BASICS-1")
    course = author(admin, code="ADV-1")
    response = client.patch(f"{COURSES}/{course['id']}", headers=admin,
                            json={"prerequisites": ["BASICS-1"]})
    assert response.get_json()["prerequisites"] == ["BASICS-1"]
    events = client.get("/api/v1/audit-events", headers=admin,
                        query_string={"action": "course.update"}).get_json()["items"]
    assert events[0]["details"]["fields"] == ["prerequisites"]


def test_draft_content_can_be_changed_moved_and_deleted(client, as_user, author):
    admin = as_user("programme_admin")
    course = author(admin, publish=False, lessons=3, quiz=False)
    module = course["modules"][0]
    url = f"{COURSES}/{course['id']}/modules/{module['id']}/lessons"
    first, second, third = (lesson["id"] for lesson in module["lessons"])
    moved = client.patch(f"{url}/{third}", headers=admin,
                         json={"position": 1, "title": {"en": "Start here"}, "required": False})
    assert (moved.get_json()["title"], moved.get_json()["required"]) == ("Start here", False)
    assert client.delete(f"{url}/{second}", headers=admin).status_code == 204
    client.patch(f"{COURSES}/{course['id']}/modules/{module['id']}", headers=admin,
                 json={"title": {"en": "Basics", "ar": "الأساسيات"}})
    modules = client.get(f"{COURSES}/{course['id']}/modules", headers=admin).get_json()
    assert modules[0]["title"] == "Basics"
    assert [lesson["id"] for lesson in modules[0]["lessons"]] == [third, first]


def test_draft_quiz_questions_can_be_added_replaced_and_deleted(client, as_user, author):
    admin = as_user("programme_admin")
    course = author(admin, publish=False)
    quiz = course["modules"][0]["lessons"][-1]["quiz"]
    question = quiz_lesson()["quiz"]["questions"][0]
    added = client.post(f"/api/v1/quizzes/{quiz['id']}/questions", headers=admin,
                        json=question | {"kind": "multiple_choice", "points": 2})
    assert added.status_code == 201
    replaced = client.put(f"/api/v1/quizzes/{quiz['id']}/questions/{quiz['questions'][0]['id']}",
                          headers=admin, json=question | {"text": {"en": "Which is lawful now?"}})
    assert replaced.get_json()["text"] == "Which is lawful now?"
    client.delete(f"/api/v1/quizzes/{quiz['id']}/questions/{quiz['questions'][1]['id']}",
                  headers=admin)
    client.patch(f"/api/v1/quizzes/{quiz['id']}", headers=admin, json={"pass_mark": 80})
    view = client.get(f"/api/v1/quizzes/{quiz['id']}", headers=admin).get_json()
    assert view["pass_mark"] == 80
    assert [(q["text"], q["points"]) for q in view["questions"]] == [
        ("Which is lawful now?", 1), ("Which is lawful?", 2)]
