"""Invitations: imported and admin-created users choose their password from a mailed link."""

import io
import re
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from elearn.accounts.models import Invitation
from elearn.extensions import db
from elearn.reminders.models import Notification
from elearn.timeutils import utcnow

SETUP = "/api/v1/auth/password-setup"
HEADER = "email,name,country,gender,agency,rank,language,timezone,roles,active\n"
NEW_PASSWORD = "a long and unusual passphrase"
LINK = re.compile(r"/password-setup/([A-Za-z0-9_-]{20,})")


def upload(client, headers, text):
    data = {"file": (io.BytesIO(text.encode()), "users.csv")}
    return client.post("/api/v1/users/import", headers=headers, data=data,
                       content_type="multipart/form-data")


def daytime():
    """Tomorrow 09:00 UTC: daytime in Amman, Suva and Paris, within every invitation's life."""
    return (utcnow() + timedelta(days=1)).replace(hour=9, minute=0, second=0, microsecond=0)


def mailed_token(smtp, address):
    mails = smtp.inbox.to(address)
    assert len(mails) == 1, [m["Subject"] for m in smtp.inbox.messages]
    text = mails[0].get_body(("plain",)).get_content()
    html = mails[0].get_body(("html",)).get_content()
    token = LINK.search(text).group(1)
    assert f"/password-setup/{token}" in html
    return mails[0], text, token


@pytest.fixture
def jordan_admin(as_user):
    return as_user("national_admin", country="JO", email="admin.jo@example.org")


def test_imported_user_gets_a_mail_sets_a_password_and_signs_in(client, jordan_admin, smtp,
                                                                  tick, app):
    text = HEADER + ("lina@example.org,Lina Khalil,JO,female,,,fr,,trainee,true\n"
                     "omar@example.org,Omar Haddad,JO,male,,,ar,,trainee,true\n"
                     "sleeping@example.org,Not Yet,JO,male,,,en,,trainee,false\n")
    assert upload(client, jordan_admin, text).status_code == 200
    tick(daytime())
    mail, body, token = mailed_token(smtp, "lina@example.org")
    assert "Choisissez votre mot de passe" in mail["Subject"]
    assert "lina@example.org" in body
    arabic, _body, _token = mailed_token(smtp, "omar@example.org")
    assert "اختر كلمة المرور" in arabic["Subject"]
    assert smtp.inbox.to("sleeping@example.org") == []  # inactive: not invited
    with app.app_context():  # neither the outbox nor the invitation keeps the token
        kept = [(n.dedupe_key, n.subject_line or "") for n in db.session.scalars(
            select(Notification))]
        invitation = db.session.scalars(select(Invitation)).first()
        assert token not in str(kept) and token not in (invitation.nonce, invitation.token_hash)
        assert {n.channel for n in db.session.scalars(select(Notification))} == {"email"}

    login = {"email": "lina@example.org", "password": NEW_PASSWORD}
    assert client.post("/api/v1/auth/login", json=login).status_code == 401
    response = client.post(SETUP, json={"token": token, "password": NEW_PASSWORD})
    assert response.status_code == 204, response.get_json()
    assert client.post("/api/v1/auth/login", json=login).status_code == 200

    again = client.post(SETUP, json={"token": token, "password": "another fine passphrase"},
                        headers={"Accept-Language": "fr"})
    assert again.status_code == 409
    assert again.mimetype == "application/problem+json"
    assert again.get_json()["type"] == "invitation-used"
    assert "déjà" in again.get_json()["detail"]
    tick(daytime() + timedelta(hours=1))
    assert len(smtp.inbox.to("lina@example.org")) == 1  # sent once


def test_the_setup_is_audited(client, jordan_admin, smtp, tick, user_id):
    upload(client, jordan_admin, HEADER + "lina@example.org,Lina,JO,female,,,,,,\n")
    tick(daytime())
    _mail, _text, token = mailed_token(smtp, "lina@example.org")
    client.post(SETUP, json={"token": token, "password": NEW_PASSWORD})
    events = client.get("/api/v1/audit-events", headers=jordan_admin,
                        query_string={"action": "user.password-setup"}).get_json()["items"]
    assert len(events) == 1


def test_an_expired_link_is_refused(client, jordan_admin, smtp, tick, app):
    upload(client, jordan_admin, HEADER + "lina@example.org,Lina,JO,female,,,,,,\n")
    tick(daytime())
    _mail, _text, token = mailed_token(smtp, "lina@example.org")
    with app.app_context():
        db.session.execute(update(Invitation).values(expires_at=utcnow() - timedelta(hours=1)))
        db.session.commit()
    response = client.post(SETUP, json={"token": token, "password": NEW_PASSWORD})
    assert response.status_code == 409
    assert response.get_json()["type"] == "invitation-expired"
    login = {"email": "lina@example.org", "password": NEW_PASSWORD}
    assert client.post("/api/v1/auth/login", json=login).status_code == 401


def test_an_expired_invitation_is_not_mailed(client, jordan_admin, smtp, tick, app):
    app.config["INVITATION_TTL_DAYS"] = 0
    upload(client, jordan_admin, HEADER + "lina@example.org,Lina,JO,female,,,,,,\n")
    tick(daytime())
    assert smtp.inbox.to("lina@example.org") == []


def test_an_unknown_token_is_404_in_the_callers_language(client):
    response = client.post(SETUP, json={"token": "x" * 43, "password": NEW_PASSWORD},
                           headers={"Accept-Language": "es"})
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["type"] == "invalid-invitation"
    assert response.get_json()["detail"] == "Este enlace no es válido."


@pytest.mark.parametrize("body", [{}, {"token": "abc"}, {"password": NEW_PASSWORD},
                                  {"token": "", "password": NEW_PASSWORD}])
def test_malformed_setup_is_422(client, body):
    response = client.post(SETUP, json=body)
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"


def test_a_weak_password_is_refused_and_the_link_still_works(client, jordan_admin, smtp, tick):
    upload(client, jordan_admin, HEADER + "lina@example.org,Lina,JO,female,,,,,,\n")
    tick(daytime())
    _mail, _text, token = mailed_token(smtp, "lina@example.org")
    weak = client.post(SETUP, json={"token": token, "password": "password"})
    assert weak.status_code == 422
    assert weak.get_json()["type"] == "weak-password"
    assert client.post(SETUP, json={"token": token, "password": NEW_PASSWORD}).status_code == 204


def test_guessing_tokens_is_throttled_like_sign_in(client, app):
    app.config["LOGIN_MAX_FAILURES_PER_ADDRESS"] = 3
    for _ in range(3):
        client.post(SETUP, json={"token": "guess" * 8, "password": NEW_PASSWORD})
    response = client.post(SETUP, json={"token": "guess" * 8, "password": NEW_PASSWORD})
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) > 0


def test_a_user_created_without_a_password_is_invited(client, jordan_admin, smtp, tick):
    created = client.post("/api/v1/users", headers=jordan_admin, json={
        "email": "new@example.org", "name": "New Officer", "language": "es"})
    assert created.status_code == 201, created.get_json()
    tick(daytime())
    mail, _text, token = mailed_token(smtp, "new@example.org")
    assert "Elija su contraseña" in mail["Subject"]
    assert client.post(SETUP, json={"token": token, "password": NEW_PASSWORD}).status_code == 204
    assert client.post("/api/v1/auth/login", json={
        "email": "new@example.org", "password": NEW_PASSWORD}).status_code == 200


def test_a_user_created_with_a_password_is_not_invited(client, jordan_admin, smtp, tick):
    client.post("/api/v1/users", headers=jordan_admin, json={
        "email": "new@example.org", "name": "New Officer", "password": NEW_PASSWORD})
    tick(daytime())
    assert smtp.inbox.to("new@example.org") == []


def test_an_admin_resends_and_the_older_link_stops_working(client, jordan_admin, smtp, tick,
                                                           app):
    created = client.post("/api/v1/users", headers=jordan_admin, json={
        "email": "new@example.org", "name": "New Officer"}).get_json()
    tick(daytime())
    _mail, _text, first = mailed_token(smtp, "new@example.org")
    response = client.post(f"/api/v1/users/{created['id']}/invitation", headers=jordan_admin)
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["user_id"] == created["id"]
    smtp.inbox.messages.clear()
    tick(daytime() + timedelta(minutes=5))
    _mail, _text, second = mailed_token(smtp, "new@example.org")
    assert second != first
    old = client.post(SETUP, json={"token": first, "password": NEW_PASSWORD})
    assert (old.status_code, old.get_json()["type"]) == (409, "invitation-superseded")
    assert client.post(SETUP, json={"token": second, "password": NEW_PASSWORD}).status_code == 204
    events = client.get("/api/v1/audit-events", headers=jordan_admin,
                        query_string={"action": "user.invite"}).get_json()["items"]
    assert len(events) == 1


def test_resending_is_scoped_like_user_admin(client, jordan_admin, as_user, make_user):
    fijian = make_user("fiji@example.org", country="FJ", password=None)
    colleague = make_user("boss@example.org", country="JO", roles=("programme_admin",),
                          password=None)
    trainee = make_user("trainee@example.org", country="JO", password=None)
    assert client.post(f"/api/v1/users/{fijian}/invitation",
                       headers=jordan_admin).status_code == 404
    assert client.post(f"/api/v1/users/{colleague}/invitation",
                       headers=jordan_admin).status_code == 403
    assert client.post(f"/api/v1/users/{trainee}/invitation",
                       headers=as_user("trainee", country="JO")).status_code == 404
    assert client.post(f"/api/v1/users/{trainee}/invitation",
                       headers=as_user("programme_admin", country="FJ")).status_code == 201


def test_no_invitation_for_someone_with_a_password_or_deactivated(client, jordan_admin,
                                                                  make_user):
    with_password = make_user("has@example.org", country="JO")
    asleep = make_user("asleep@example.org", country="JO", password=None, active=False)
    response = client.post(f"/api/v1/users/{with_password}/invitation", headers=jordan_admin)
    assert (response.status_code, response.get_json()["type"]) == (409, "password-already-set")
    response = client.post(f"/api/v1/users/{asleep}/invitation", headers=jordan_admin)
    assert (response.status_code, response.get_json()["type"]) == (409, "user-inactive")


def test_a_password_set_by_an_admin_withdraws_the_link(client, jordan_admin, smtp, tick):
    created = client.post("/api/v1/users", headers=jordan_admin, json={
        "email": "new@example.org", "name": "New Officer"}).get_json()
    tick(daytime())
    _mail, _text, token = mailed_token(smtp, "new@example.org")
    client.patch(f"/api/v1/users/{created['id']}", headers=jordan_admin,
                 json={"password": "chosen by the admin today"})
    response = client.post(SETUP, json={"token": token, "password": NEW_PASSWORD})
    assert response.status_code == 409


def test_the_invitation_is_never_held_by_the_daily_cap(client, jordan_admin, smtp, tick, app):
    app.config["REMINDER_DAILY_CAP"] = 0
    upload(client, jordan_admin, HEADER + "lina@example.org,Lina,JO,female,,,,,,\n")
    tick(daytime())
    mailed_token(smtp, "lina@example.org")


def test_import_statements_do_not_grow_with_the_rows(client, jordan_admin, count_queries):
    def rows(prefix, n):
        return HEADER + "".join(f"{prefix}{k}@example.org,Officer {k},JO,male,,,,,,\n"
                                for k in range(n))

    with count_queries() as few:
        assert upload(client, jordan_admin, rows("a", 3)).status_code == 200
    with count_queries() as many:
        assert upload(client, jordan_admin, rows("b", 60)).status_code == 200
    assert len(many) == len(few)
    assert sum("INSERT INTO invitations" in s for s in many) == 1
    assert sum("INSERT INTO notifications" in s for s in many) == 1


def test_the_mailed_link_opens_a_form_that_sets_the_password(client, jordan_admin, smtp, tick):
    upload(client, jordan_admin, HEADER + "lina@example.org,Lina,JO,female,,,,,,\n")
    tick(daytime())
    _mail, text, token = mailed_token(smtp, "lina@example.org")
    path = LINK.search(text).group(0)
    page = client.get(path, headers={"Accept-Language": "fr"})
    assert page.status_code == 200 and page.mimetype == "text/html"
    assert page.headers["Referrer-Policy"] == "no-referrer"
    assert "Choisissez votre mot de passe" in page.get_data(as_text=True)
    weak = client.post(path, data={"password": "password"}, headers={"Accept-Language": "fr"})
    assert weak.status_code == 422 and "trop courant" in weak.get_data(as_text=True)
    english = {"Accept-Language": "en"}
    done = client.post(path, data={"password": NEW_PASSWORD}, headers=english)
    assert done.status_code == 200 and "saved" in done.get_data(as_text=True)
    assert client.post("/api/v1/auth/login", json={
        "email": "lina@example.org", "password": NEW_PASSWORD}).status_code == 200
    used = client.post(path, data={"password": NEW_PASSWORD}, headers=english)
    assert used.status_code == 410 and "already used" in used.get_data(as_text=True)


def test_a_made_up_link_shows_that_it_is_not_valid_not_the_form(client):
    page = client.get("/password-setup/made-up-token-made-up-token", headers={
        "Accept-Language": "fr"})
    html = page.get_data(as_text=True)
    assert page.status_code == 404 and page.mimetype == "text/html"
    assert "Ce lien n&#39;est pas valide." in html and "<form" not in html


def test_a_used_link_is_gone_and_says_so_in_the_invited_persons_language(
        client, jordan_admin, smtp, tick):
    upload(client, jordan_admin, HEADER + "omar@example.org,Omar,JO,male,,,ar,,,\n")
    tick(daytime())
    _mail, text, token = mailed_token(smtp, "omar@example.org")
    path = LINK.search(text).group(0)
    assert client.post(path, data={"password": NEW_PASSWORD}).status_code == 200
    page = client.get(path, headers={"Accept-Language": "en"})
    html = page.get_data(as_text=True)
    assert page.status_code == 410 and "<form" not in html
    assert 'lang="ar" dir="rtl"' in html


def test_openapi_documents_the_invitation_paths(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    setup = paths["/api/v1/auth/password-setup"]["post"]
    assert setup["security"] == []
    assert {"204", "404", "409", "422", "429"} <= set(setup["responses"])
    resend = paths["/api/v1/users/{user_id}/invitation"]["post"]
    assert {"201", "404", "409"} <= set(resend["responses"])


def test_a_country_that_switched_invitations_off_gets_none(client, jordan_admin, smtp, tick,
                                                           make_user):
    switched = client.put("/api/v1/countries/JO/reminder-rules/account-invitation",
                          headers=jordan_admin, json={"enabled": False})
    assert switched.status_code == 200, switched.get_json()
    upload(client, jordan_admin, HEADER + "lina@example.org,Lina,JO,female,,,,,,\n")
    tick(daytime())
    assert smtp.inbox.to("lina@example.org") == []
    trainee = make_user("trainee@example.org", country="JO", password=None)
    response = client.post(f"/api/v1/users/{trainee}/invitation", headers=jordan_admin)
    assert (response.status_code, response.get_json()["type"]) == (409,
                                                                   "invitations-switched-off")
