"""Signing in and out through the pages, and the language switch."""

from __future__ import annotations

from tests.site.conftest import text


def test_a_signed_out_visitor_is_sent_to_sign_in_and_back_afterwards(make_user, browser):
    make_user("ana@example.org")
    visitor = browser()
    assert visitor.get("/catalogue").headers["Location"] == "/sign-in?next=/catalogue"
    visitor.get("/sign-in?next=/catalogue")
    answer = visitor.post("/sign-in", {"email": "ana@example.org",
                                       "password": "correct horse battery staple",
                                       "next": "/catalogue"})
    assert answer.status_code == 302 and answer.headers["Location"] == "/catalogue"
    assert visitor.get("/catalogue").status_code == 200


def test_a_wrong_password_keeps_the_address_and_says_why_in_the_visitors_language(
        make_user, browser):
    make_user("ana@example.org")
    visitor = browser()
    visitor.get("/sign-in", headers={"Accept-Language": "fr"})
    answer = visitor.post("/sign-in", {"email": "ana@example.org", "password": "wrong"},
                          headers={"Accept-Language": "fr"})
    assert answer.status_code == 401
    assert 'value="ana@example.org"' in text(answer)
    assert 'role="alert"' in text(answer) and 'lang="fr"' in text(answer)


def test_a_sign_in_form_without_its_token_is_refused(make_user, browser):
    make_user("ana@example.org")
    visitor = browser()
    visitor.token = "forged"
    answer = visitor.post("/sign-in", {"email": "ana@example.org",
                                       "password": "correct horse battery staple"})
    assert answer.status_code == 400 and "/sign-out" not in text(answer)


def test_the_next_address_never_leads_to_another_site(make_user, browser):
    make_user("ana@example.org")
    for target in ("//evil.example/", "https://evil.example/", "javascript:alert(1)"):
        visitor = browser()
        answer = visitor.post("/sign-in", {"email": "ana@example.org",
                                           "password": "correct horse battery staple",
                                           "next": target})
        assert answer.headers["Location"] == "/"


def test_signing_out_ends_the_session_at_once(trainee):
    page, _user, _email = trainee
    page.get("/")
    assert page.post("/sign-out").headers["Location"] == "/sign-in"
    assert page.get("/").status_code == 302


def test_the_language_switch_is_kept_on_the_account(trainee, client, login):
    page, _user, email = trainee
    page.get("/")
    page.post("/language", {"language": "ar", "next": "/catalogue"})
    answer = page.get("/catalogue")
    assert 'lang="ar" dir="rtl"' in text(answer)
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {login(email)}"})
    assert me.get_json()["language"] == "ar"


def test_a_visitor_who_is_not_signed_in_can_switch_language_too(browser):
    visitor = browser()
    visitor.post("/language", {"language": "ar", "next": "/sign-in"})
    assert 'dir="rtl"' in text(visitor.get("/sign-in"))


def test_a_form_posted_with_a_stale_token_says_it_expired_in_plain_words(trainee):
    page, _user, _email = trainee
    page.get("/")
    page.token = "stale"
    refused = page.post("/sign-out")
    assert refused.status_code == 403 and "The form expired" in text(refused)
