"""Threads and posts: Markdown made safe, quotes, mentions, edits, follows and read state."""

from __future__ import annotations

from datetime import timedelta

import time_machine

from elearn.extensions import db
from elearn.reminders.models import Notification
from tests.enrollments.test_progress import sql

from .conftest import SPACES


def test_a_member_starts_a_thread_and_another_replies(client, make_space, as_user,
                                                      start_thread, reply_to):
    space = make_space()
    ana, sione = as_user("trainee", country="TO"), as_user("trainee", country="FJ")
    thread = start_thread(space["id"], ana)
    assert reply_to(thread["id"], sione).status_code == 201
    posts = client.get(f"/api/v1/threads/{thread['id']}/posts", headers=ana).get_json()
    assert [p["body"] for p in posts["items"]] == ["How do you reach the outer islands?",
                                                    "By boat, once a month."]
    listed = client.get(f"{SPACES}/{space['id']}/threads", headers=ana).get_json()
    assert listed["items"][0]["replies"] == 1


def test_script_in_a_post_is_shown_as_text(client, make_space, as_user, start_thread):
    space = make_space()
    ana = as_user("trainee", country="TO")
    thread = start_thread(space["id"], ana, body="<script>alert(1)</script> **bold**")
    post = client.get(f"/api/v1/threads/{thread['id']}/posts", headers=ana).get_json()[
        "items"][0]
    assert "<script>" not in post["body_html"]
    assert "&lt;script&gt;" in post["body_html"] and "<strong>bold</strong>" in post["body_html"]


def test_a_blank_post_is_refused_with_nothing_stored(client, make_space, as_user):
    space = make_space()
    ana = as_user("trainee", country="TO")
    answer = client.post(f"{SPACES}/{space['id']}/threads", headers=ana,
                         json={"title": "  ", "body": "\n"})
    assert answer.status_code == 422
    assert set(answer.get_json()["errors"]) == {"title", "body"}
    assert client.get(f"{SPACES}/{space['id']}/threads", headers=ana).get_json()["total"] == 0


def test_a_reply_quotes_a_post_of_the_same_thread(client, make_space, as_user, start_thread,
                                                  reply_to):
    space = make_space()
    ana = as_user("trainee", country="TO", name="Ana Taufa")
    thread = start_thread(space["id"], ana)
    first = client.get(f"/api/v1/threads/{thread['id']}/posts", headers=ana).get_json()[
        "items"][0]
    assert reply_to(thread["id"], ana, quote_id=first["id"]).status_code == 201
    posts = client.get(f"/api/v1/threads/{thread['id']}/posts", headers=ana).get_json()
    assert posts["items"][1]["quote_author"] == "Ana Taufa"
    assert posts["items"][1]["quote_text"].startswith("How do you reach")
    other = start_thread(space["id"], ana, title="Another")
    assert reply_to(other["id"], ana, quote_id=first["id"]).status_code == 404


def test_a_mention_notifies_the_member_once(app, client, make_space, as_user, user_id,
                                            start_thread):
    space = make_space()
    ana, josefa = as_user("trainee", country="TO"), as_user("trainee", country="FJ")
    start_thread(space["id"], ana, mentions=[user_id(josefa)])
    with app.app_context():
        rows = db.session.scalars(db.select(Notification).where(
            Notification.kind == "network-mention")).all()
        assert {(row.user_id, row.channel) for row in rows} == {
            (user_id(josefa), "email"), (user_id(josefa), "in_app")}


def test_only_members_can_be_mentioned(client, make_space, as_user, user_id):
    space = make_space()
    ana, outsider = as_user("trainee", country="TO"), as_user("trainee", country="JO")
    answer = client.post(f"{SPACES}/{space['id']}/threads", headers=ana, json={
        "title": "Hello", "body": "Hi", "mentions": [user_id(outsider)]})
    assert answer.status_code == 422 and "mentions" in answer.get_json()["errors"]


def test_followers_are_told_of_a_reply_but_not_its_author(app, client, make_space, as_user,
                                                          user_id, start_thread, reply_to):
    space = make_space()
    ana, josefa = as_user("trainee", country="TO"), as_user("trainee", country="FJ")
    thread = start_thread(space["id"], ana)
    reply_to(thread["id"], josefa)
    with app.app_context():
        told = {row.user_id for row in db.session.scalars(db.select(Notification).where(
            Notification.kind == "network-reply"))}
    assert told == {user_id(ana)}


def test_unfollowing_stops_the_replies(app, client, make_space, as_user, start_thread,
                                       reply_to):
    space = make_space()
    ana, josefa = as_user("trainee", country="TO"), as_user("trainee", country="FJ")
    thread = start_thread(space["id"], ana)
    answer = client.put(f"/api/v1/threads/{thread['id']}/follow", headers=ana,
                        json={"following": False})
    assert answer.get_json() == {"following": False}
    reply_to(thread["id"], josefa)
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Notification).where(
            Notification.kind == "network-reply")) == 0


def test_unread_counts_what_others_wrote_since_i_read(client, make_space, as_user,
                                                      start_thread, reply_to):
    space = make_space()
    ana, josefa = as_user("trainee", country="TO"), as_user("trainee", country="FJ")
    thread = start_thread(space["id"], ana)
    reply_to(thread["id"], josefa)
    reply_to(thread["id"], josefa, body="And by radio.")
    url = f"{SPACES}/{space['id']}/threads"
    assert client.get(url, headers=ana).get_json()["items"][0]["unread"] == 2
    assert client.get(url, headers=josefa).get_json()["items"][0]["unread"] == 0  # replied
    client.post(f"/api/v1/threads/{thread['id']}/read", headers=ana)
    assert client.get(url, headers=ana).get_json()["items"][0]["unread"] == 0


def test_the_author_edits_within_the_window_and_the_old_text_is_kept(app, client, make_space,
                                                                     as_user, start_thread):
    space = make_space()
    ana = as_user("trainee", country="TO")
    thread = start_thread(space["id"], ana)
    post = client.get(f"/api/v1/threads/{thread['id']}/posts", headers=ana).get_json()[
        "items"][0]
    edited = client.patch(f"/api/v1/posts/{post['id']}", headers=ana, json={"body": "Fixed."})
    assert edited.status_code == 200 and edited.get_json()["edited_at"]
    from elearn.networks.models import Post

    with app.app_context():
        assert db.session.get(Post, post["id"]).revisions[0]["body"] == (
            "How do you reach the outer islands?")


def test_an_edit_after_the_window_is_refused(client, make_space, as_user, start_thread):
    space = make_space()
    ana = as_user("trainee", country="TO")
    thread = start_thread(space["id"], ana)
    post = client.get(f"/api/v1/threads/{thread['id']}/posts", headers=ana).get_json()[
        "items"][0]
    with time_machine.travel(timedelta(minutes=31)):
        answer = client.patch(f"/api/v1/posts/{post['id']}", headers=ana, json={"body": "Late"})
    assert answer.status_code == 409 and answer.get_json()["type"] == "edit-window-closed"


def test_only_the_author_edits(client, make_space, as_user, start_thread):
    space = make_space()
    ana, josefa = as_user("trainee", country="TO"), as_user("trainee", country="FJ")
    thread = start_thread(space["id"], ana)
    post = client.get(f"/api/v1/threads/{thread['id']}/posts", headers=ana).get_json()[
        "items"][0]
    assert client.patch(f"/api/v1/posts/{post['id']}", headers=josefa,
                        json={"body": "Mine now"}).status_code == 403


def test_a_page_of_a_long_thread_costs_the_same_statements(app, client, make_space, as_user,
                                                           start_thread, count_queries):
    from elearn.networks.models import Post
    from elearn.timeutils import utcnow

    space = make_space()
    ana = as_user("trainee", country="TO")
    thread = start_thread(space["id"], ana)
    url = f"/api/v1/threads/{thread['id']}/posts?per_page=100"
    with count_queries() as short:
        client.get(url, headers=ana)
    with app.app_context():
        first = db.session.scalar(db.select(Post.id))
        db.session.execute(db.insert(Post), [
            {"thread_id": thread["id"], "space_id": space["id"], "author_id": None,
             "body": f"Reply {n}", "quote_id": first, "mentions": [], "created_at": utcnow(),
             "revisions": [], "state": "visible", "search_text": ""} for n in range(2000)])
        db.session.commit()
    with count_queries() as long:
        answer = client.get(url + "&page=15", headers=ana)
    assert len(answer.get_json()["items"]) == 100
    assert len(long) == len(short)
    # the caller, the thread, the space and the caller's place in it, then the page
    assert len(sql(long)) == 8, sql(long)
