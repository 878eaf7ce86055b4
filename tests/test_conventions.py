"""The shared HTTP conventions: problem+json, languages, idempotent POSTs, ETags, gzip, docs."""

import gzip
import io
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import pytest

USERS = "/api/v1/users"


def assert_problem(response, status, type_=None):
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    body = response.get_json()
    assert body["status"] == status and body["title"]
    if type_:
        assert body["type"] == type_
    return body


def test_malformed_json_is_400(client, as_user):
    response = client.post(USERS, headers=as_user("programme_admin"), data="{not json",
                           content_type="application/json")
    assert_problem(response, 400, "malformed-request")


def test_wrong_type_is_422_with_field_errors(client, as_user):
    response = client.post(USERS, headers=as_user("programme_admin"),
                           json={"email": 42, "name": ["x"]})
    body = assert_problem(response, 422, "validation-failed")
    assert set(body["errors"]) == {"email", "name"}


def test_unknown_field_is_422(client, as_user):
    response = client.post(USERS, headers=as_user("programme_admin"),
                           json={"email": "x@example.org", "name": "X", "is_root": True})
    body = assert_problem(response, 422)
    assert body["errors"] == {"is_root": ["Unknown field."]}


def test_body_that_is_not_an_object_is_422(client, as_user):
    response = client.post(USERS, headers=as_user("programme_admin"), json=[1, 2])
    assert_problem(response, 422)


def test_bad_query_parameter_is_422(client, as_user):
    response = client.get(USERS, headers=as_user("programme_admin"),
                          query_string={"page": "first"})
    assert "page" in assert_problem(response, 422)["errors"]


def test_unknown_path_is_404_problem(client):
    assert_problem(client.get("/api/v1/nowhere"), 404, "not-found")


def test_wrong_method_is_405_with_allow(client):
    response = client.delete("/api/v1/countries")
    assert_problem(response, 405, "method-not-allowed")
    assert "GET" in response.headers["Allow"]


def test_out_of_range_id_is_404_not_500(client, as_user):
    response = client.get(f"{USERS}/99999999999999999999", headers=as_user("programme_admin"))
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("language", "title"),
    [("fr", "Données invalides"), ("ar", "بيانات"), ("es", "datos")],
)
def test_validation_errors_speak_the_callers_language(client, as_user, language, title):
    response = client.post(USERS, headers=as_user("programme_admin") | {
        "Accept-Language": language}, json={"name": "X"})
    body = assert_problem(response, 422)
    assert body["title"] != "The request contains invalid data"
    assert body["errors"]["email"][0] != "Missing data for required field."


def test_arabic_detail_for_unauthenticated_caller(client):
    body = client.get("/api/v1/me", headers={"Accept-Language": "ar"}).get_json()
    assert body["title"] != "Not signed in"
    assert any("\u0600" <= char <= "\u06ff" for char in body["detail"])


def test_french_wrong_password_message(client, make_user):
    make_user("ana@example.org")
    body = client.post("/api/v1/auth/login", headers={"Accept-Language": "fr"},
                       json={"email": "ana@example.org", "password": "wrong one!"}).get_json()
    assert "mot de passe" in body["detail"].lower()


def test_user_language_preference_wins_over_accept_language(client, as_user):
    headers = as_user("trainee", language="ar") | {"Accept-Language": "fr"}
    body = client.get("/api/v1/nowhere", headers=headers).get_json()
    assert any("\u0600" <= char <= "\u06ff" for char in body["title"])


def test_idempotency_key_replays_the_first_answer(client, as_user):
    headers = as_user("national_admin") | {"Idempotency-Key": "create-sione-1"}
    payload = {"email": "sione@example.org", "name": "Sione"}
    first = client.post(USERS, headers=headers, json=payload)
    again = client.post(USERS, headers=headers, json=payload)
    assert first.status_code == again.status_code == 201
    assert first.get_json() == again.get_json()
    assert again.headers["Idempotent-Replayed"] == "true"
    listed = client.get(USERS, headers=headers, query_string={"q": "sione"}).get_json()
    assert listed["total"] == 1


def test_idempotency_key_with_another_body_is_422(client, as_user):
    headers = as_user("national_admin") | {"Idempotency-Key": "k1"}
    client.post(USERS, headers=headers, json={"email": "a@example.org", "name": "A"})
    response = client.post(USERS, headers=headers, json={"email": "b@example.org", "name": "B"})
    assert_problem(response, 422, "idempotency-key-reused")


def test_idempotency_keys_belong_to_their_user(client, as_user):
    payload = {"email": "a@example.org", "name": "A"}
    first = client.post(USERS, headers=as_user("programme_admin") | {"Idempotency-Key": "k"},
                        json=payload)
    second = client.post(USERS, headers=as_user("programme_admin") | {"Idempotency-Key": "k"},
                         json=payload)
    assert (first.status_code, second.status_code) == (201, 409)


def test_get_has_etag_and_304(client):
    first = client.get("/api/v1/countries")
    assert first.headers["ETag"]
    second = client.get("/api/v1/countries", headers={"If-None-Match": first.headers["ETag"]})
    assert second.status_code == 304
    assert second.get_data() == b""
    for response in (first, second):  # an HTTP date, current to the second
        sent = parsedate_to_datetime(response.headers["Date"])
        assert abs((sent - datetime.now(UTC)).total_seconds()) < 5


def test_json_is_gzipped_when_accepted(client):
    response = client.get("/api/v1/countries", headers={"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"
    assert b"Tonga" in gzip.decompress(response.get_data())
    plain = client.get("/api/v1/countries")
    assert "Content-Encoding" not in plain.headers


def test_openapi_document_lists_the_contract(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    for path in ("/api/v1/auth/login", "/api/v1/me", "/api/v1/users",
                 "/api/v1/users/import", "/api/v1/audit-events", "/api/v1/countries"):
        assert path in spec["paths"], path
    assert spec["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"


def test_docs_page_is_served_without_a_cdn(client):
    page = client.get("/api/docs/").get_data(as_text=True)
    assert "swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower()
    assert client.get("/api/docs/swagger-ui-bundle.js").status_code == 200



def _reservation(app, headers, payload, *, age):
    """The record a request leaves when its worker dies before answering, ``age`` ago."""

    from elearn.extensions import db
    from elearn.timeutils import utcnow
    from elearn.web import idempotency

    with app.test_request_context(USERS, method="POST", json=payload):
        request_hash = idempotency._request_hash()
    with app.app_context():
        me = app.test_client().get("/api/v1/me", headers=headers).get_json()["id"]
        db.session.add(idempotency.IdempotencyRecord(
            scope=f"user:{me}", key=headers["Idempotency-Key"], request_hash=request_hash,
            created_at=utcnow() - age))
        db.session.commit()


def test_a_key_whose_request_died_runs_again_after_its_lease(app, client, as_user):
    from datetime import timedelta

    headers = as_user("national_admin") | {"Idempotency-Key": "died-mid-request"}
    payload = {"email": "sione@example.org", "name": "Sione"}
    _reservation(app, headers, payload, age=timedelta(minutes=3))
    retried = client.post(USERS, headers=headers, json=payload)
    assert retried.status_code == 201
    again = client.post(USERS, headers=headers, json=payload)
    assert again.headers["Idempotent-Replayed"] == "true"


def test_a_key_whose_request_is_still_running_is_409(app, client, as_user):
    from datetime import timedelta

    headers = as_user("national_admin") | {"Idempotency-Key": "still-running"}
    payload = {"email": "sione@example.org", "name": "Sione"}
    _reservation(app, headers, payload, age=timedelta(seconds=5))
    assert_problem(client.post(USERS, headers=headers, json=payload), 409, "request-in-progress")


def test_a_retried_upload_with_another_boundary_is_the_same_request(client, as_user):
    headers = as_user("national_admin", country="FJ") | {"Idempotency-Key": "import-1"}
    text = "email,name,country\nmere@example.org,Mere,FJ\n"

    def upload():
        return client.post("/api/v1/users/import", headers=headers, content_type=(
            "multipart/form-data"), data={"file": (io.BytesIO(text.encode()), "users.csv")})

    first, second = upload(), upload()
    assert first.status_code == second.status_code == 200, second.get_json()
    assert second.headers["Idempotent-Replayed"] == "true"
    assert first.get_json() == second.get_json()
