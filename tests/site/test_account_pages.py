"""My notifications and my settings, through the pages."""

from __future__ import annotations

from tests.site.conftest import text


def test_settings_change_my_language_and_time_zone(trainee, client, login):
    page, _user, email = trainee
    page.get("/settings")
    answer = page.post("/settings/profile", {"name": "Mele T.", "language": "ar",
                                             "timezone": "Pacific/Tongatapu"})
    assert answer.status_code == 302
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {login(email)}"}
                    ).get_json()
    assert (me["name"], me["language"], me["timezone"]) == ("Mele T.", "ar", "Pacific/Tongatapu")
    assert 'dir="rtl"' in text(page.get("/settings"))


def test_an_unknown_time_zone_is_refused_beside_the_field_and_nothing_is_saved(trainee, client,
                                                                              login):
    page, _user, email = trainee
    page.get("/settings")
    answer = page.post("/settings/profile", {"name": "Changed", "timezone": "Mars/Olympus"})
    assert answer.status_code == 422
    assert 'id="timezone-error"' in text(answer) and 'value="Changed"' in text(answer)
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {login(email)}"})
    assert me.get_json()["name"] == "Mele Taufa"


def test_a_wrong_current_password_changes_nothing(trainee, browser):
    page, _user, email = trainee
    page.get("/settings")
    answer = page.post("/settings/password", {"current_password": "not it",
                                              "password": "a brand new long passphrase 42"})
    assert answer.status_code == 422 and 'id="current_password-error"' in text(answer)
    assert browser(email).get("/").status_code == 200  # the old password still works


def test_turning_a_reminder_off_is_kept(trainee, client, login):
    page, _user, email = trainee
    page.get("/settings")
    page.post("/settings/reminders", {"kind": ["due-soon"]})
    kinds = client.get("/api/v1/me/notification-preferences", headers={
        "Authorization": f"Bearer {login(email)}"}).get_json()["kinds"]
    subscribed = {entry["kind"] for entry in kinds if entry["subscribed"]}
    assert subscribed == {"due-soon"}


def test_signing_out_everywhere_ends_my_other_sessions_too(trainee, browser):
    page, _user, email = trainee
    other = browser(email)
    page.get("/settings")
    page.post("/settings/sign-out-everywhere")
    assert other.get("/").status_code == 302 and page.get("/").status_code == 302


def test_notifications_list_is_empty_at_first(trainee):
    page, _user, _email = trainee
    assert "No notification." in text(page.get("/notifications"))


def test_someone_elses_notification_cannot_be_marked(trainee):
    page, _user, _email = trainee
    page.get("/notifications")
    assert page.post("/notifications/999/read").status_code == 404
