"""What the networks send through the outbox: announcements to every member once, and the
weekly digest once, at the member's local hour, in their language."""

from __future__ import annotations

import time_machine

from tests.reminders.conftest import at

from .conftest import MENA, SPACES


def test_an_announcement_reaches_every_member_once(client, make_space, boss, as_user, rows,
                                                   user_id):
    space = make_space()
    members = [as_user("trainee", country=code) for code in ("TO", "FJ", "WS")]
    outsider = as_user("trainee", country="JO")
    sent = client.post(f"{SPACES}/{space['id']}/announcements", headers=boss,
                       json={"subject": "Monthly call", "body": "Thursday at 10:00 Suva time."})
    assert sent.status_code == 201
    mailed = {row.user_id for row in rows(kind="network-announcement", channel="email")}
    assert {user_id(h) for h in members} <= mailed and user_id(outsider) not in mailed
    assert sent.get_json()["recipients"] == len(mailed)
    archive = client.get(f"{SPACES}/{space['id']}/announcements", headers=members[0]).get_json()
    assert archive["items"][0]["subject"] == "Monthly call"


def test_members_cannot_announce(client, make_space, as_user):
    space = make_space()
    member = as_user("trainee", country="TO")
    answer = client.post(f"{SPACES}/{space['id']}/announcements", headers=member,
                         json={"subject": "Hi", "body": "All"})
    assert answer.status_code == 403


def test_the_digest_arrives_once_in_arabic_at_the_members_morning(
        client, make_space, as_user, start_thread, smtp, tick, base, rows, app):
    app.config["TOKEN_TTL_HOURS"] = 24 * 60
    with time_machine.travel(at(base, days=-2), tick=False):
        space = make_space(name={"ar": "فضاء المساواة"}, language="ar", countries=MENA)
        author = as_user("trainee", country="MA")
        reader = as_user("trainee", country="JO", language="ar",
                         email="lina.khalil@example.org")
        start_thread(space["id"], author, title="تجارب وحدات حماية الأسرة",
                     body="ما الذي نجح في بلدكم؟")
    tick(at(base, hours=1))  # 04:00 in Amman: the digest waits for the morning
    assert smtp.inbox.to("lina.khalil@example.org") == []
    tick(at(base, hours=6))  # 09:00 in Amman
    (mail,) = smtp.inbox.to("lina.khalil@example.org")
    html = mail.get_body(("html",)).get_content()
    assert 'dir="rtl"' in html and "تجارب وحدات حماية الأسرة" in html
    assert mail["Subject"] == "الجديد في فضاءاتك"
    tick(at(base, hours=30))
    tick(at(base, days=7, hours=6))
    assert len(smtp.inbox.to("lina.khalil@example.org")) == 1
    del reader


def test_the_author_gets_no_digest_of_their_own_posts(client, make_space, as_user,
                                                      start_thread, tick, base, rows, app,
                                                      user_id):
    app.config["TOKEN_TTL_HOURS"] = 24 * 60
    with time_machine.travel(at(base, days=-2), tick=False):
        space = make_space()
        author = as_user("trainee", country="TO")
        start_thread(space["id"], author)
    tick(at(base, hours=1))
    digests = {row.user_id for row in rows(kind="network-digest")}
    assert user_id(author) not in digests


def test_a_mention_mail_names_the_thread(client, make_space, as_user, start_thread, smtp,
                                         tick, base, user_id, app):
    app.config["TOKEN_TTL_HOURS"] = 24 * 60
    with time_machine.travel(at(base, hours=-1), tick=False):
        space = make_space()
        author = as_user("trainee", country="TO", name="Ana Taufa")
        mentioned = as_user("trainee", country="FJ", email="josefa@example.org")
        start_thread(space["id"], author, title="Outer islands",
                     mentions=[user_id(mentioned)])
    tick(at(base, hours=1))  # 13:00 in Suva
    subjects = [mail["Subject"] for mail in smtp.inbox.to("josefa@example.org")]
    assert subjects.count("Ana Taufa mentioned you in Outer islands") == 1
