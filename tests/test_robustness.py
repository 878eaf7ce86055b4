"""Bad input never gets a 500: every documented operation, fed malformed requests."""

import re

import pytest

from elearn import create_app
from elearn.accounts.countries import seed_countries
from elearn.accounts.services import create_user
from elearn.config import TestConfig
from elearn.extensions import db
from elearn.timeutils import utcnow

from .conftest import PASSWORD, _config, _empty_tables

# One app and one admin serve the whole module: it runs whole on one worker, so that no
# other test empties the database under it.
pytestmark = pytest.mark.xdist_group("robustness")
WRONG_VALUES = (None, 12345678901234567890, -1, "", "x" * 5000, [], {}, True, "٣", "2026-13-45")


def _operations():
    app = create_app(TestConfig)
    spec = app.test_client().get("/api/v1/openapi.json").get_json()
    for path, item in sorted(spec["paths"].items()):
        for method, operation in item.items():
            if method in {"get", "post", "patch", "put", "delete"}:
                yield path, method, operation, spec


def _body_fields(operation, spec):
    content = operation.get("requestBody", {}).get("content", {})
    schema = content.get("application/json", {}).get("schema", {})
    if "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return list(schema.get("properties", {}))


OPERATIONS = list(_operations())


@pytest.fixture(scope="module")
def hardened(_migrated, keys_dir):
    """One app for every operation (malformed requests change nothing), a programme admin
    signed in; its test client and headers."""
    app = create_app(_config(_migrated) | {"SIGNING_KEYS_DIR": keys_dir})
    with app.app_context():
        _empty_tables()
        seed_countries()
        create_user(None, {"email": "robust@example.org", "name": "Robust", "country": "FJ",
                           "roles": ["programme_admin"], "password": PASSWORD}, now=utcnow())
        db.session.commit()
    client = app.test_client()
    token = client.post("/api/v1/auth/login", json={
        "email": "robust@example.org", "password": PASSWORD}).get_json()["token"]
    yield client, {"Authorization": f"Bearer {token}"}
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.mark.parametrize(("path", "method", "operation", "spec"), OPERATIONS,
                         ids=[f"{m.upper()} {p}" for p, m, _, _ in OPERATIONS])
def test_malformed_requests_get_4xx_not_500(hardened, path, method, operation, spec):
    client, headers = hardened
    url = re.sub(r"\{[^}]+\}", "1", path)  # every path parameter names object 1
    send = getattr(client, method)
    answers = []
    if method in {"post", "patch", "put"}:
        answers.append(send(url, headers=headers, data="{broken", content_type="application/json"))
        answers.append(send(url, headers=headers, json=[1, 2, 3]))
        answers.append(send(url, headers=headers, data="x", content_type="text/plain"))
        for field in _body_fields(operation, spec):
            for value in WRONG_VALUES:
                answers.append(send(url, headers=headers, json={field: value}))
    for parameter in operation.get("parameters", []):
        if parameter.get("in") == "query":
            for value in ("", "x" * 3000, "-1", "null", "٣"):
                answers.append(send(url, headers=headers, query_string={parameter["name"]: value}))
    # Pages for people answer their errors as pages; everything else as problems.
    documented = operation["responses"].get("default", {}).get(
        "content", {"application/problem+json": {}})
    for answer in answers:
        assert answer.status_code < 500, (answer.request.method, url, answer.get_data()[:300])
        if answer.status_code >= 400:
            assert answer.mimetype in documented


def test_a_browser_opening_the_root_signed_out_is_sent_to_sign_in(client):
    answer = client.get("/", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert answer.status_code == 302 and answer.headers["Location"] == "/sign-in?next=/"
    assert client.get(answer.headers["Location"]).status_code == 200


def test_an_unknown_address_is_a_page_for_a_browser_and_a_problem_for_a_program(client):
    page = client.get("/no-such-page", headers={"Accept": "text/html,*/*;q=0.8"})
    problem = client.get("/no-such-page", headers={"Accept": "application/json"})
    assert (page.status_code, page.mimetype) == (404, "text/html")
    assert (problem.status_code, problem.mimetype) == (404, "application/problem+json")


@pytest.fixture
def app_without_database(tmp_path, keys_dir):
    from elearn import create_app
    from tests.conftest import _config

    url = f"sqlite:///{tmp_path / 'missing-folder' / 'elearn.sqlite3'}"
    return create_app(_config(url) | {"SIGNING_KEYS_DIR": keys_dir})


@pytest.mark.parametrize(("method", "path", "body"), [
    ("GET", "/api/v1/me", None), ("GET", "/api/v1/countries", None),
    ("POST", "/api/v1/auth/login", {"email": "a@example.org", "password": "whatever it is"})])
def test_without_a_database_every_request_gets_a_503_problem_in_the_callers_language(
        app_without_database, method, path, body):
    answer = app_without_database.test_client().open(
        path, method=method, json=body,
        headers={"Authorization": "Bearer some-token", "Accept-Language": "ar"})
    assert answer.status_code == 503
    assert answer.mimetype == "application/problem+json"
    assert answer.headers["Retry-After"].isdigit()
    assert answer.get_json()["type"] == "database-unavailable"
    assert answer.get_json()["title"] != "Service temporarily unavailable"  # Arabic
