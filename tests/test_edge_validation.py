"""Hostile input is refused at the edge with a translated 4xx, never a 500: text no database
column can hold, JSON nested beyond reason, dates outside 1900-2999."""

import pytest

USERS = "/api/v1/users"


def problem(response, status, type_):
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["type"] == type_
    return response.get_json()


@pytest.fixture
def admin(as_user):
    return as_user("national_admin", country="FJ")


def test_a_nul_in_a_query_filter_is_422(client, admin):
    body = problem(client.get(USERS, headers=admin, query_string={"q": "a\x00b"}), 422,
                   "validation-failed")
    assert "q" in body["errors"]


def test_a_nul_in_a_body_field_is_422_and_creates_nothing(client, admin):
    body = problem(client.post(USERS, headers=admin, json={"email": "x@example.org",
                                                           "name": "A\x00B"}),
                   422, "validation-failed")
    assert "name" in body["errors"]
    listed = client.get(USERS, headers=admin, query_string={"q": "x@example.org"}).get_json()
    assert listed["total"] == 0


def test_a_nul_in_a_path_segment_is_422(client):
    problem(client.get("/verify/ABC%00DEF", headers={"Accept": "application/json"}), 422,
            "validation-failed")


def test_a_lone_surrogate_in_a_name_is_422(client, admin):
    response = client.post(USERS, headers=admin | {"Content-Type": "application/json"},
                           data='{"email": "x@example.org", "name": "Ana \\ud800"}')
    assert "name" in problem(response, 422, "validation-failed")["errors"]


def test_the_message_is_in_the_callers_language(client, admin):
    body = problem(client.get(USERS, headers=admin | {"Accept-Language": "fr"},
                              query_string={"q": "\x00"}), 422, "validation-failed")
    assert "NUL" in body["errors"]["q"][0] and "Le texte" in body["errors"]["q"][0]


@pytest.mark.parametrize("depth", [100, 50_000])
def test_deeply_nested_json_is_400(client, admin, depth):
    response = client.post(USERS, headers=admin | {"Content-Type": "application/json"},
                           data="[" * depth + "]" * depth)
    problem(response, 400, "malformed-request")


@pytest.mark.parametrize("moment", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-12:00",
                                    "1899-12-31T00:00:00Z", "3000-01-01T00:00:00Z"])
def test_a_date_outside_1900_to_2999_is_422(client, as_user, make_course, moment):
    course = make_course()
    response = client.post("/api/v1/offerings", headers=as_user("programme_admin"),
                           json={"course_id": course["id"], "starts_at": moment})
    assert "starts_at" in problem(response, 422, "validation-failed")["errors"]


def test_an_extreme_date_in_a_query_filter_is_422(client, as_user):
    response = client.get("/api/v1/audit-events", headers=as_user("programme_admin"),
                          query_string={"since": "0001-01-01T00:00:00+14:00"})
    assert "since" in problem(response, 422, "validation-failed")["errors"]


def test_a_json_body_without_its_content_type_is_415_in_the_callers_language(client, admin):
    response = client.post(USERS, headers=admin | {"Accept-Language": "fr"},
                           data='{"email": "x@example.org", "name": "X"}')
    body = problem(response, 415, "unsupported-media-type")
    assert "application/json" in body["detail"] and "Envoyez" in body["detail"]


def test_a_patch_without_a_body_is_refused(client, admin, make_user):
    user_id = make_user("x@example.org", country="FJ")
    problem(client.patch(f"{USERS}/{user_id}", headers=admin), 400, "body-missing")


def test_an_upload_still_takes_multipart(client, admin):
    import io

    response = client.post(f"{USERS}/import", headers=admin, content_type="multipart/form-data",
                           data={"file": (io.BytesIO(b"email,name,country\n"), "u.csv")})
    assert response.status_code != 415


def test_a_value_the_database_refuses_is_a_translated_422(app):
    """The safety net under validation: the database's refusal is the caller's error."""
    from sqlalchemy.exc import DataError

    from elearn import create_app

    own = create_app(dict(app.config))  # a route of its own, added before any request

    @own.get("/refused-value")
    def refused():
        raise DataError("INSERT …", {}, Exception("value too long for type character varying(20)"))

    answer = own.test_client().get("/refused-value", headers={"Accept-Language": "fr"})
    assert answer.status_code == 422 and answer.mimetype == "application/problem+json"
    assert answer.get_json()["type"] == "value-not-storable"
    assert answer.get_json()["detail"] == "Une valeur est trop longue ou hors limites."
