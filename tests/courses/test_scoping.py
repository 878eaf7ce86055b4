"""Who sees and who changes which course: Fiji, Jordan and regional courses."""

import pytest

from tests.courses.conftest import COURSES


@pytest.fixture
def jordan_course(as_user, author):
    return author(as_user("national_admin", country="JO"), code="JO-1", country="JO")


def test_another_countrys_published_course_is_404_for_a_national_admin(client, as_user,
                                                                       jordan_course):
    fiji = as_user("national_admin", country="FJ")
    assert client.get(f"{COURSES}/{jordan_course['id']}", headers=fiji).status_code == 404


def test_another_countrys_published_course_is_404_for_a_trainee(client, as_user, jordan_course):
    trainee = as_user("trainee", country="FJ")
    assert client.get(f"{COURSES}/{jordan_course['id']}", headers=trainee).status_code == 404


@pytest.mark.parametrize(("method", "path", "body"), [
    ("patch", "", {"category": "other"}),
    ("delete", "", None),
    ("post", "/publish", None),
    ("post", "/modules", {"title": {"en": "Extra"}}),
])
def test_touching_another_countrys_draft_is_404_and_changes_nothing(client, as_user, author,
                                                                   snapshot, method, path,
                                                                   body):
    draft = author(as_user("national_admin", country="JO"), code="JO-1", country="JO",
                   publish=False)
    fiji = as_user("national_admin", country="FJ")
    before = snapshot()
    response = getattr(client, method)(f"{COURSES}/{draft['id']}{path}", headers=fiji,
                                       json=body)
    assert response.status_code == 404
    assert snapshot() == before


def test_national_admin_reads_but_cannot_change_a_regional_course(client, as_user, author,
                                                                 snapshot):
    regional = author(as_user("programme_admin"), code="REG-1")
    jordan = as_user("national_admin", country="JO")
    assert client.get(f"{COURSES}/{regional['id']}", headers=jordan).status_code == 200
    before = snapshot()
    response = client.patch(f"{COURSES}/{regional['id']}", headers=jordan,
                            json={"title": {"en": "Mine now"}})
    assert response.status_code == 403
    assert client.post(f"{COURSES}/{regional['id']}/versions", headers=jordan).status_code == 403
    assert snapshot() == before


def test_a_draft_is_visible_to_its_editors_only(client, as_user, author):
    draft = author(as_user("national_admin", country="JO"), code="JO-1", country="JO",
                   publish=False)
    url = f"{COURSES}/{draft['id']}"
    assert client.get(url, headers=as_user("national_admin", country="JO")).status_code == 200
    assert client.get(url, headers=as_user("programme_admin")).status_code == 200
    assert client.get(url, headers=as_user("trainee", country="JO")).status_code == 404
    assert client.get(url, headers=as_user("trainer", country="JO")).status_code == 404


def test_editors_list_their_drafts_by_status(client, as_user, author):
    jordan = as_user("national_admin", country="JO")
    author(jordan, code="JO-1", country="JO", publish=False)
    author(as_user("national_admin", country="FJ"), code="FJ-1", country="FJ", publish=False)
    author(as_user("programme_admin"), code="REG-1", publish=False)
    drafts = client.get(COURSES, headers=jordan, query_string={"status": "draft"}).get_json()
    assert [item["code"] for item in drafts["items"]] == ["JO-1"]
    everything = client.get(COURSES, headers=as_user("programme_admin"),
                            query_string={"status": "draft"}).get_json()
    assert everything["total"] == 3


def test_national_admin_creates_in_own_country_by_default(client, as_user):
    response = client.post(COURSES, headers=as_user("national_admin", country="FJ"), json={
        "code": "FJ-9", "category": "skills", "default_language": "en", "languages": ["en"],
        "title": {"en": "Radio procedure"}})
    assert (response.status_code, response.get_json()["country"]) == (201, "FJ")


def test_trainees_cannot_create_courses(client, as_user):
    response = client.post(COURSES, headers=as_user("trainee"), json={
        "code": "X-1", "category": "skills", "default_language": "en", "languages": ["en"],
        "title": {"en": "X"}})
    assert response.status_code == 403


def test_the_catalogue_needs_a_signed_in_caller(client):
    assert client.get(COURSES).status_code == 401
