"""The OpenAPI document tells the truth: error answers are documented as problem+json,
public operations without security, and every other operation refuses an anonymous caller
with 401 before it reads the input."""

import re

import pytest

METHODS = ("get", "post", "put", "patch", "delete")


@pytest.fixture
def spec(app):
    return app.test_client().get("/api/v1/openapi.json").get_json()


def _operations(spec):
    for path, item in spec["paths"].items():
        for method in METHODS:
            if method in item:
                yield path, method, item[method]


def _is_page(operation):
    return all(set(response.get("content", {})) == {"text/html"}
               for status, response in operation["responses"].items() if status[0] == "2")


def test_every_error_answer_is_documented_as_a_problem(spec):
    components = spec["components"]["responses"]
    for path, method, operation in _operations(spec):
        if _is_page(operation):
            continue
        for status, response in operation["responses"].items():
            if status != "default" and int(status) < 400:
                continue
            if "$ref" in response:
                response = components[response["$ref"].rsplit("/", 1)[1]]
            assert set(response.get("content", {})) == {"application/problem+json"}, (
                method, path, status)
            schema = response["content"]["application/problem+json"]["schema"]
            assert schema == {"$ref": "#/components/schemas/Problem"}, (method, path, status)


def test_a_page_for_people_answers_its_errors_as_a_page(client, spec):
    operation = spec["paths"]["/password-setup/{token}"]["post"]
    assert set(operation["responses"]["default"]["content"]) == {"text/html"}
    answer = client.post("/password-setup/made-up", data={})
    assert answer.status_code == 422 and answer.mimetype == "text/html"


def test_public_operations_are_documented_without_security(spec):
    public = {(method, path) for path, method, operation in _operations(spec)
              if operation.get("security") == []}
    assert {("post", "/api/v1/auth/login"), ("get", "/api/v1/countries"),
            ("get", "/verify/{code}"), ("get", "/.well-known/jwks.json"),
            ("get", "/.well-known/revocations.json"),
            ("post", "/api/v1/auth/password-setup")} <= public
    assert spec["security"] == [{"bearer": []}]


def test_every_other_operation_answers_401_to_an_anonymous_caller_before_its_input(
        client, spec):
    for path, method, operation in _operations(spec):
        if operation.get("security") == []:
            continue
        url = re.sub(r"\{[^}]+\}", "1", path)
        answer = client.open(url, method=method.upper(), data="not json",
                             headers={"Content-Type": "application/json"})
        assert answer.status_code == 401, (method, path, answer.status_code)
        assert answer.mimetype == "application/problem+json"


def test_a_405_says_which_methods_are_allowed(client):
    answer = client.delete("/api/v1/countries")
    assert answer.status_code == 405 and "GET" in answer.headers["Allow"]
    assert answer.mimetype == "application/problem+json"



def test_an_id_beyond_the_database_range_is_not_found_whatever_the_method(client, as_user):
    headers = as_user("programme_admin")
    for method in ("patch", "delete"):
        answer = client.open("/api/v1/courses/1/modules/862484053613310", method=method.upper(),
                             headers=headers, json={})
        assert answer.status_code == 404, method


def test_the_exemptions_of_a_rule_do_not_advertise_the_rule_deletion(client, as_user):
    answer = client.options("/api/v1/mandatory-rules/HRGM-101/exemptions",
                            headers=as_user("programme_admin"))
    assert set(answer.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS", "POST"}


def test_exemptions_cannot_name_a_category_of_a_mandatory_rule(client, as_user):
    answer = client.post("/api/v1/mandatory-rules", headers=as_user("programme_admin"),
                         json={"required_code": "HRGM-101", "category": "exemptions"})
    assert answer.status_code == 422
    assert answer.get_json()["errors"] == {"category": ["This name is reserved."]}


def test_the_document_states_the_storable_text_and_the_years(spec):
    user = spec["components"]["schemas"]["UserCreate"]["properties"]
    assert user["name"]["pattern"] == "^[^\\u0000]*$"
    assert "Pacific/Tongatapu" in user["timezone"]["enum"]
    period = spec["components"]["schemas"]["PeriodCreate"]["properties"]["from"]
    assert period["pattern"] == "^(19|2[0-9])[0-9]{2}-"


def test_a_cross_field_rule_is_in_the_document(spec):
    decision = spec["components"]["schemas"]["ApplicationDecision"]
    assert {"required": ["decision", "reason"], "properties": {"reason": {"minLength": 1}}} in (
        decision["anyOf"])


def test_descriptions_are_markdown_without_doubled_backticks(spec):
    texts = []

    def walk(node):
        if isinstance(node, dict):
            texts.extend(value for key, value in node.items()
                         if key in ("summary", "description") and isinstance(value, str))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(spec)
    assert texts and not [text for text in texts if "``" in text]
