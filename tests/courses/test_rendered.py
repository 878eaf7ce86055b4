"""A published course's detail is kept rendered per worker; every change shows on the next read."""

from tests.courses.conftest import COURSES


def _detail(client, headers, course_id, **extra):
    response = client.get(f"{COURSES}/{course_id}", headers=headers | extra)
    assert response.status_code in (200, 304), response.get_json()
    return response


def test_a_repeated_read_is_one_query_after_the_session_and_answers_304(client, as_user,
                                                                        author, count_queries):
    course = author(as_user("programme_admin"), lessons=25)
    headers = as_user("trainee")
    first = _detail(client, headers, course["id"])
    with count_queries() as statements:
        again = _detail(client, headers, course["id"])
    assert again.data == first.data and again.headers["ETag"] == first.headers["ETag"]
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 2
    with count_queries() as statements:
        unchanged = _detail(client, headers, course["id"],
                            **{"If-None-Match": first.headers["ETag"]})
    assert unchanged.status_code == 304 and unchanged.data == b""
    assert not [s for s in statements if "FROM lessons" in s]


def test_each_language_is_kept_apart(client, as_user, author):
    course = author(as_user("programme_admin"))
    english = _detail(client, as_user("trainee"), course["id"]).get_json()
    arabic = _detail(client, as_user("trainee", language="ar"), course["id"]).get_json()
    assert (english["title"], english["language"]) == ("Human rights in policing", "en")
    assert (arabic["title"], arabic["language"]) == ("حقوق الإنسان في عمل الشرطة", "ar")


def test_an_edit_of_a_published_course_shows_on_the_next_read(client, as_user, author):
    admin = as_user("programme_admin")
    author(admin, code="BASIC-1")
    course = author(admin, code="HR-1")
    headers = as_user("trainee")
    before = _detail(client, headers, course["id"])
    changed = client.patch(f"{COURSES}/{course['id']}", headers=admin, json={
        "title": {"en": "Human rights, revised"}, "estimated_minutes": 90})
    assert changed.status_code == 200, changed.get_json()
    after = _detail(client, headers, course["id"], **{"If-None-Match": before.headers["ETag"]})
    assert after.status_code == 200
    assert (after.get_json()["title"], after.get_json()["estimated_minutes"]) == (
        "Human rights, revised", 90)
    required = client.patch(f"{COURSES}/{course['id']}", headers=admin,
                            json={"prerequisites": ["BASIC-1"]})
    assert required.status_code == 200, required.get_json()
    assert _detail(client, headers, course["id"]).get_json()["prerequisites"] == ["BASIC-1"]


def test_archiving_and_a_new_version_show_on_the_next_read(client, as_user, author):
    admin = as_user("programme_admin")
    course = author(admin)
    headers = as_user("trainee")
    assert _detail(client, headers, course["id"]).get_json()["status"] == "published"
    draft = client.post(f"{COURSES}/{course['id']}/versions", headers=admin).get_json()
    module = draft_module = _detail(client, admin, draft["id"]).get_json()["modules"][0]
    added = client.post(f"{COURSES}/{draft['id']}/modules/{draft_module['id']}/lessons",
                        headers=admin, json={"key": "extra", "kind": "text",
                                             "title": {"en": "Extra"}, "body": {"en": "New."}})
    assert added.status_code == 201, added.get_json()
    assert len(_detail(client, admin, draft["id"]).get_json()["modules"][0]["lessons"]) == len(
        module["lessons"]) + 1  # a draft is rendered afresh on every read
    assert client.post(f"{COURSES}/{draft['id']}/publish", headers=admin).status_code == 200
    assert _detail(client, headers, course["id"]).get_json()["status"] == "archived"
    published = _detail(client, headers, draft["id"]).get_json()
    assert (published["status"], published["version"]) == ("published", 2)
    assert client.post(f"{COURSES}/{draft['id']}/archive", headers=admin).status_code == 200
    assert _detail(client, headers, draft["id"]).get_json()["status"] == "archived"


def test_an_invisible_course_stays_404_once_rendered(client, as_user, author):
    course = author(as_user("programme_admin"), country="FJ")
    assert _detail(client, as_user("trainee", country="FJ"), course["id"]).status_code == 200
    response = client.get(f"{COURSES}/{course['id']}", headers=as_user("trainee", country="TO"))
    assert response.status_code == 404


def _renders(client, count_queries, headers, course_id):
    with count_queries() as statements:
        _detail(client, headers, course_id)
    return any("FROM lessons" in s for s in statements)


def test_the_cache_keeps_at_most_its_size_and_no_large_bodies(app, client, as_user, author,
                                                              count_queries, monkeypatch):
    app.config["COURSE_CACHE_SIZE"] = 1
    admin = as_user("programme_admin")
    first, second = author(admin, code="ONE-1"), author(admin, code="TWO-1")
    headers = as_user("trainee")
    assert _renders(client, count_queries, headers, first["id"])
    assert not _renders(client, count_queries, headers, first["id"])
    assert _renders(client, count_queries, headers, second["id"])
    assert _renders(client, count_queries, headers, first["id"])  # pushed out by the second
    monkeypatch.setattr("elearn.courses.rendered.MAX_KEPT_BYTES", 100)
    assert _renders(client, count_queries, headers, second["id"])
    assert _renders(client, count_queries, headers, second["id"])
