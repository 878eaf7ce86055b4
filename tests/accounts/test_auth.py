"""Sign-in and sign-out, by token and by cookie; CSRF; throttling; password rules."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
import redis
import time_machine

from elearn import create_app
from elearn.timeutils import utcnow
from tests.conftest import PASSWORD

ME = "/api/v1/me"
LOGIN = "/api/v1/auth/login"
LOGOUT = "/api/v1/auth/logout"


def test_login_returns_token_and_user(client, make_user):
    make_user("ana@example.org", country="TO", roles=("trainee",))
    response = client.post(LOGIN, json={"email": "Ana@Example.org", "password": PASSWORD})
    assert response.status_code == 200
    body = response.get_json()
    assert body["token"] and body["csrf_token"]
    assert body["user"]["email"] == "ana@example.org"
    assert body["user"]["country"]["code"] == "TO"
    assert body["user"]["roles"] == ["trainee"]


def test_bearer_token_identifies_the_caller(client, make_user, login):
    make_user("ana@example.org", country="TO")
    token = login("ana@example.org")
    fresh = client.application.test_client()  # no cookie
    response = fresh.get(ME, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    assert response.get_json()["email"] == "ana@example.org"


def test_me_without_credentials_is_401_problem(client):
    response = client.get(ME)
    assert response.status_code == 401
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["type"] == "not-authenticated"


def test_cookie_session_identifies_the_caller(client, make_user, login):
    make_user("ana@example.org")
    login("ana@example.org")
    assert client.get(ME).get_json()["email"] == "ana@example.org"


def test_logout_by_token_revokes_the_token(client, make_user, login):
    make_user("ana@example.org")
    token = login("ana@example.org")
    headers = {"Authorization": f"Bearer {token}"}
    fresh = client.application.test_client()
    assert fresh.post(LOGOUT, headers=headers).status_code == 204
    assert fresh.get(ME, headers=headers).status_code == 401


def test_logout_by_cookie_needs_csrf_token(client, make_user):
    make_user("ana@example.org")
    csrf = client.post(LOGIN, json={"email": "ana@example.org", "password": PASSWORD}).get_json()[
        "csrf_token"
    ]
    refused = client.post(LOGOUT)
    assert refused.status_code == 403
    assert refused.get_json()["type"] == "csrf-failed"
    assert client.get(ME).status_code == 200  # still signed in
    assert client.post(LOGOUT, headers={"X-CSRFToken": csrf}).status_code == 204
    assert client.get(ME).status_code == 401


def test_cookie_write_without_csrf_token_is_refused(client, make_user):
    make_user("admin@example.org", roles=("national_admin",))
    client.post(LOGIN, json={"email": "admin@example.org", "password": PASSWORD})
    response = client.post("/api/v1/users", json={"email": "x@example.org", "name": "X"})
    assert response.status_code == 403
    assert response.get_json()["type"] == "csrf-failed"


def test_bearer_write_needs_no_csrf_token(client, as_user):
    headers = as_user("national_admin", country="FJ")
    response = client.post("/api/v1/users", headers=headers,
                           json={"email": "x@example.org", "name": "X"})
    assert response.status_code == 201


def test_wrong_password_unknown_email_and_inactive_account_look_the_same(client, make_user):
    make_user("ana@example.org")
    make_user("gone@example.org", active=False)
    answers = [
        client.post(LOGIN, json={"email": email, "password": password})
        for email, password in (
            ("ana@example.org", "not the password"),
            ("nobody@example.org", PASSWORD),
            ("gone@example.org", PASSWORD),
        )
    ]
    assert {answer.status_code for answer in answers} == {401}
    assert len({answer.get_data() for answer in answers}) == 1


def test_repeated_failures_are_throttled_with_retry_after(client, make_user):
    make_user("ana@example.org")
    for _ in range(5):
        assert client.post(LOGIN, json={"email": "ana@example.org",
                                        "password": "wrong password!"}).status_code == 401
    response = client.post(LOGIN, json={"email": "ana@example.org", "password": PASSWORD})
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) > 0
    assert response.get_json()["type"] == "too-many-requests"


def test_throttle_of_one_account_leaves_others_alone(client, make_user, login):
    make_user("ana@example.org")
    make_user("sione@example.org")
    for _ in range(6):
        client.post(LOGIN, json={"email": "ana@example.org", "password": "wrong password!"})
    assert login("sione@example.org")


def _attempt(client, address, password="wrong password!", email="ana@example.org", **headers):
    return client.post(LOGIN, json={"email": email, "password": password},
                       environ_base={"REMOTE_ADDR": address}, headers=headers)


def test_an_attacker_from_one_address_cannot_lock_the_owner_out_from_another(client,
                                                                             make_user):
    make_user("ana@example.org")
    answers = [_attempt(client, "203.0.113.9").status_code for _ in range(30)]
    assert answers[:5] == [401] * 5 and set(answers[5:]) == {429}
    assert _attempt(client, "198.51.100.7", PASSWORD).status_code == 200


def test_the_waits_grow_for_an_address_that_keeps_failing(client, make_user):
    make_user("ana@example.org")
    with time_machine.travel("2026-12-05 08:00:00+00:00", tick=False) as clock:
        for _ in range(5):
            _attempt(client, "203.0.113.9")
        first = _attempt(client, "203.0.113.9")
        assert first.status_code == 429 and int(first.headers["Retry-After"]) <= 60
        clock.shift(61)
        for _ in range(5):
            assert _attempt(client, "203.0.113.9").status_code == 401
        second = _attempt(client, "203.0.113.9")
        assert second.status_code == 429 and int(second.headers["Retry-After"]) > 60


def test_guessing_from_many_addresses_does_not_hold_back_an_address_the_owner_used(
        app, client, make_user):
    make_user("ana@example.org")
    assert _attempt(client, "198.51.100.7", PASSWORD).status_code == 200  # the owner's office
    app.config["LOGIN_MAX_FAILURES_PER_ACCOUNT"] = 3
    for number in range(3):
        assert _attempt(client, f"203.0.113.{number}").status_code == 401
    assert _attempt(client, "203.0.113.200").status_code == 429  # a new address: held back
    assert _attempt(client, "198.51.100.7", PASSWORD).status_code == 200


def test_simultaneous_wrong_passwords_get_no_more_tries_than_the_limit(app, make_user):
    make_user("ana@example.org")
    start = threading.Barrier(20)

    def attempt(_):
        client = app.test_client()
        start.wait()
        return _attempt(client, "203.0.113.9").status_code

    with ThreadPoolExecutor(20) as pool:
        answers = list(pool.map(attempt, range(20)))
    assert answers.count(401) == 5 and answers.count(429) == 15


def test_a_failed_sign_in_answers_in_the_callers_language(client, make_user):
    make_user("lina@example.org", country="JO", language="ar")
    answer = _attempt(client, "203.0.113.9", email="lina@example.org", **{"Accept-Language": "ar"})
    assert answer.get_json()["type"] == "invalid-credentials"
    assert answer.get_json()["detail"] == "البريد الإلكتروني أو كلمة المرور غير صحيحة."


def test_deactivating_a_user_ends_all_their_sessions(client, make_user, login, as_user):
    user_id = make_user("ana@example.org")
    tokens = [login("ana@example.org") for _ in range(2)]
    admin = as_user("national_admin", country="FJ")
    response = client.patch(f"/api/v1/users/{user_id}", headers=admin, json={"active": False})
    assert response.status_code == 200
    fresh = client.application.test_client()
    for token in tokens:
        assert fresh.get(ME, headers={"Authorization": f"Bearer {token}"}).status_code == 401
    assert fresh.post(LOGIN, json={"email": "ana@example.org",
                                   "password": PASSWORD}).status_code == 401


def test_deactivation_also_ends_the_cookie_session(app, make_user, as_user):
    user_id = make_user("ana@example.org")
    browser = app.test_client()
    browser.post(LOGIN, json={"email": "ana@example.org", "password": PASSWORD})
    assert browser.get(ME).status_code == 200
    app.test_client().patch(f"/api/v1/users/{user_id}", json={"active": False},
                            headers=as_user("programme_admin"))
    assert browser.get(ME).status_code == 401


def test_token_expires(client, make_user, login):
    make_user("ana@example.org")
    token = login("ana@example.org")
    later = utcnow() + timedelta(hours=client.application.config["TOKEN_TTL_HOURS"], minutes=1)
    with time_machine.travel(later):
        response = client.application.test_client().get(
            ME, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401


def test_stale_token_on_write_is_401_invalid_token(client):
    response = client.post("/api/v1/users", headers={"Authorization": "Bearer nope"},
                           json={"email": "x@example.org", "name": "X"})
    assert response.status_code == 401
    assert response.get_json()["type"] == "invalid-token"


def test_long_arabic_password_is_accepted_without_truncation(client, make_user, login):
    password = "كلمة المرور الطويلة جدا للشرطة في الأردن " * 3
    assert len(password) > 64
    make_user("rania@example.org", country="JO", password=password)
    assert login("rania@example.org", password)
    wrong = client.post(LOGIN, json={"email": "rania@example.org", "password": password[:-1]})
    assert wrong.status_code == 401


def test_password_hashes_are_argon2id(app, make_user):
    from elearn.accounts.models import User
    from elearn.extensions import db

    user_id = make_user("ana@example.org")
    with app.app_context():
        assert db.session.get(User, user_id).password_hash.startswith("$argon2id$")


def test_common_password_is_refused(client, as_user):
    response = client.post("/api/v1/users", headers=as_user("national_admin"), json={
        "email": "new@example.org", "name": "New", "password": "password123"})
    assert response.status_code == 422
    assert response.get_json()["type"] == "weak-password"
    assert "password" in response.get_json()["errors"]


def test_user_changes_own_password_with_current_one(client, make_user, login):
    user_id = make_user("ana@example.org")
    headers = {"Authorization": f"Bearer {login('ana@example.org')}"}
    url = f"/api/v1/users/{user_id}"
    wrong = client.patch(url, headers=headers, json={"password": "a new long passphrase",
                                                     "current_password": "nope"})
    assert wrong.status_code == 422
    assert "current_password" in wrong.get_json()["errors"]
    right = client.patch(url, headers=headers, json={"password": "a new long passphrase",
                                                     "current_password": PASSWORD})
    assert right.status_code == 200
    assert login("ana@example.org", "a new long passphrase")


def test_changing_your_password_ends_your_other_sessions_but_not_this_one(client, make_user,
                                                                         login):
    user_id = make_user("ana@example.org")
    this, other = login("ana@example.org"), login("ana@example.org")
    changed = client.patch(f"/api/v1/users/{user_id}", headers={"Authorization": f"Bearer {this}"},
                           json={"password": "a new long passphrase",
                                 "current_password": PASSWORD})
    assert changed.status_code == 200
    assert client.get(ME, headers={"Authorization": f"Bearer {this}"}).status_code == 200
    assert client.get(ME, headers={"Authorization": f"Bearer {other}"}).status_code == 401


@pytest.mark.parametrize("password", ["Passw0rd!!", "abcabcabcabc", "Qwerty123456"])
def test_an_easily_guessed_password_is_refused_with_the_reason(client, as_user, password):
    response = client.post("/api/v1/users", headers=as_user("national_admin"), json={
        "email": "new@example.org", "name": "New", "password": password})
    assert response.status_code == 422
    assert response.get_json()["type"] == "weak-password"
    [reason] = response.get_json()["errors"]["password"]
    assert "easy to guess" in reason or "too common" in reason


def test_a_password_made_of_your_own_name_is_refused_in_your_language(client, as_user):
    response = client.post("/api/v1/users", headers=as_user("national_admin") | {
        "Accept-Language": "fr"}, json={"email": "josefa@example.org", "name": "Josefa Ratuvuki",
                                       "password": "RatuvukiJosefa"})
    assert response.status_code == 422
    [reason] = response.get_json()["errors"]["password"]
    assert "deviner" in reason


def test_throttle_state_can_live_in_redis(app, make_user):
    """With Redis storage the count is shared: a second app (another worker) sees it."""
    url = "redis://127.0.0.1:6379/15"
    try:
        redis.Redis.from_url(url).flushdb()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis server on 127.0.0.1:6379")
    make_user("ana@example.org")
    app.config["RATELIMIT_STORAGE_URL"] = url
    worker_a = app.test_client()
    for _ in range(5):
        worker_a.post(LOGIN, json={"email": "ana@example.org", "password": "wrong password!"})
    other = create_app(dict(app.config))
    response = other.test_client().post(LOGIN, json={"email": "ana@example.org",
                                                     "password": PASSWORD})
    assert response.status_code == 429


def test_a_signed_in_request_finds_session_user_and_country_in_one_query(client, as_user,
                                                                         count_queries):
    headers = as_user("trainee", country="TO")
    with count_queries() as statements:
        assert client.get("/api/v1/me", headers=headers).get_json()["country"]["code"] == "TO"
    lookups = [s for s in statements if "FROM auth_sessions" in s]
    assert len(lookups) == 1
    assert "JOIN users" in lookups[0] and "JOIN countries" in lookups[0]
    assert "LEFT OUTER JOIN (users" not in lookups[0]  # nested: SQLite materialises it
    assert not [s for s in statements if "FROM users" in s]


def test_a_signed_in_request_reads_the_roles_in_the_same_query(client, as_user,
                                                               count_queries):
    headers = as_user("national_admin", country="FJ")
    with count_queries() as statements:
        assert client.get("/api/v1/me", headers=headers).get_json()["roles"] == [
            "national_admin"]
    assert not [s for s in statements if "FROM role_assignments" in s]
    lookups = [s for s in statements if "FROM auth_sessions" in s]
    assert "JOIN role_assignments" in lookups[0]


def test_a_role_change_applies_to_the_very_next_request_of_a_live_token(client, make_user,
                                                                        login, as_user):
    user_id = make_user("ana@example.org")
    headers = {"Authorization": f"Bearer {login('ana@example.org')}"}
    assert client.get(ME, headers=headers).get_json()["roles"] == ["trainee"]
    admin = as_user("programme_admin")
    changed = client.patch(f"/api/v1/users/{user_id}", headers=admin,
                           json={"roles": ["trainee", "trainer"]})
    assert changed.status_code == 200, changed.get_json()
    assert client.get(ME, headers=headers).get_json()["roles"] == ["trainee", "trainer"]
    assert client.patch(f"/api/v1/users/{user_id}", headers=admin,
                        json={"active": False}).status_code == 200
    assert client.get(ME, headers=headers).status_code == 401
