"""Moderation: reports, hiding, removing with a reason, locking, moving, suspending — all
audited, nothing deleted."""

from __future__ import annotations

import pytest

from elearn.extensions import db
from elearn.networks.models import Post

from .conftest import SPACES


@pytest.fixture
def discussion(client, make_space, as_user, start_thread, boss, user_id):
    """A space moderated by a Fijian officer, with a thread by Ana and a reply by Josefa."""
    space = make_space()
    moderator = as_user("trainee", country="FJ")
    client.put(f"{SPACES}/{space['id']}/members/{user_id(moderator)}", headers=boss,
               json={"role": "moderator"})
    ana, josefa = as_user("trainee", country="TO"), as_user("trainee", country="FJ")
    thread = start_thread(space["id"], ana)
    reply = client.post(f"/api/v1/threads/{thread['id']}/posts", headers=josefa,
                        json={"body": "The suspect's address is 12 Beach Road."}).get_json()
    return {"space": space, "thread": thread, "reply": reply, "moderator": moderator,
            "ana": ana, "josefa": josefa}


def test_a_member_reports_a_post_and_the_moderators_see_it(client, discussion):
    d = discussion
    reported = client.post(f"/api/v1/posts/{d['reply']['id']}/reports", headers=d["ana"],
                           json={"reason": "Operational details"})
    assert reported.status_code == 201
    queue = client.get(f"{SPACES}/{d['space']['id']}/reports", headers=d["moderator"])
    assert [r["post_id"] for r in queue.get_json()["items"]] == [d["reply"]["id"]]
    assert client.get(f"{SPACES}/{d['space']['id']}/reports",
                      headers=d["ana"]).status_code == 403


def test_a_post_is_reported_once_per_member(client, discussion):
    d = discussion
    url = f"/api/v1/posts/{d['reply']['id']}/reports"
    client.post(url, headers=d["ana"], json={"reason": "Operational"})
    again = client.post(url, headers=d["ana"], json={"reason": "Operational"})
    assert again.status_code == 409 and again.get_json()["type"] == "reported-already"


def test_a_hidden_post_keeps_its_text_for_moderators_only(client, discussion):
    d = discussion
    client.post(f"/api/v1/posts/{d['reply']['id']}/reports", headers=d["ana"],
                json={"reason": "Operational"})
    hidden = client.post(f"/api/v1/posts/{d['reply']['id']}/moderation",
                         headers=d["moderator"], json={"action": "hide", "reason": "Operational"})
    assert hidden.status_code == 200 and hidden.get_json()["state"] == "hidden"
    url = f"/api/v1/threads/{d['thread']['id']}/posts"
    as_member = client.get(url, headers=d["ana"]).get_json()["items"][1]
    assert as_member["state"] == "hidden" and as_member["body"] is None
    as_moderator = client.get(url, headers=d["moderator"]).get_json()["items"][1]
    assert as_moderator["body"].startswith("The suspect")
    assert client.get(f"{SPACES}/{d['space']['id']}/reports",
                      headers=d["moderator"]).get_json()["total"] == 0


def test_removing_needs_a_reason_and_is_final(client, discussion):
    d = discussion
    url = f"/api/v1/posts/{d['reply']['id']}/moderation"
    assert client.post(url, headers=d["moderator"], json={"action": "remove"}).status_code == 422
    assert client.post(url, headers=d["moderator"],
                       json={"action": "remove", "reason": "Names a suspect"}).status_code == 200
    again = client.post(url, headers=d["moderator"], json={"action": "show"})
    assert again.status_code == 409


def test_a_removed_post_is_still_in_the_database(app, client, discussion):
    d = discussion
    client.post(f"/api/v1/posts/{d['reply']['id']}/moderation", headers=d["moderator"],
                json={"action": "remove", "reason": "Names a suspect"})
    with app.app_context():
        post = db.session.get(Post, d["reply"]["id"])
        assert post.state == "removed" and post.body.startswith("The suspect")


def test_members_cannot_moderate(client, discussion):
    d = discussion
    answer = client.post(f"/api/v1/posts/{d['reply']['id']}/moderation", headers=d["ana"],
                         json={"action": "hide"})
    assert answer.status_code == 403


def test_a_locked_thread_takes_no_replies(client, discussion):
    d = discussion
    client.post(f"/api/v1/threads/{d['thread']['id']}/moderation", headers=d["moderator"],
                json={"action": "lock"})
    answer = client.post(f"/api/v1/threads/{d['thread']['id']}/posts", headers=d["ana"],
                         json={"body": "One more"})
    assert answer.status_code == 409 and answer.get_json()["type"] == "thread-locked"


def test_a_hidden_thread_is_gone_for_members(client, discussion):
    d = discussion
    client.post(f"/api/v1/threads/{d['thread']['id']}/moderation", headers=d["moderator"],
                json={"action": "hide", "reason": "Off topic"})
    assert client.get(f"/api/v1/threads/{d['thread']['id']}",
                      headers=d["ana"]).status_code == 404
    listed = client.get(f"{SPACES}/{d['space']['id']}/threads", headers=d["ana"]).get_json()
    assert listed["total"] == 0


def test_a_thread_moves_only_to_a_space_the_moderator_moderates(client, discussion,
                                                                make_space, boss):
    d = discussion
    other = make_space(name={"en": "Archive"})
    refused = client.post(f"/api/v1/threads/{d['thread']['id']}/moderation",
                          headers=d["moderator"], json={"action": "move",
                                                        "space_id": other["id"]})
    assert refused.status_code == 403
    moved = client.post(f"/api/v1/threads/{d['thread']['id']}/moderation", headers=boss,
                        json={"action": "move", "space_id": other["id"]})
    assert moved.status_code == 200 and moved.get_json()["space_id"] == other["id"]


def test_a_suspended_member_reads_nothing_new_and_writes_nothing(client, discussion,
                                                                 user_id, start_thread):
    d = discussion
    suspended = client.put(
        f"{SPACES}/{d['space']['id']}/members/{user_id(d['josefa'])}/suspension",
        headers=d["moderator"], json={"reason": "Shared operational details"})
    assert suspended.status_code == 200 and suspended.get_json()["suspended_at"]
    later = start_thread(d["space"]["id"], d["ana"], title="After the suspension")
    threads = client.get(f"{SPACES}/{d['space']['id']}/threads", headers=d["josefa"]).get_json()
    assert later["id"] not in [t["id"] for t in threads["items"]]
    assert d["thread"]["id"] in [t["id"] for t in threads["items"]]
    answer = client.post(f"/api/v1/threads/{d['thread']['id']}/posts", headers=d["josefa"],
                         json={"body": "Still here"})
    assert answer.status_code == 403 and answer.get_json()["type"] == "suspended"


def test_lifting_a_suspension_restores_the_member(client, discussion, user_id):
    d = discussion
    url = f"{SPACES}/{d['space']['id']}/members/{user_id(d['josefa'])}/suspension"
    client.put(url, headers=d["moderator"], json={"reason": "Cooling off"})
    assert client.delete(url, headers=d["moderator"]).status_code == 204
    answer = client.post(f"/api/v1/threads/{d['thread']['id']}/posts", headers=d["josefa"],
                         json={"body": "Back"})
    assert answer.status_code == 201


def test_every_moderation_action_is_audited(client, discussion, boss):
    d = discussion
    client.post(f"/api/v1/posts/{d['reply']['id']}/moderation", headers=d["moderator"],
                json={"action": "hide", "reason": "Operational"})
    client.post(f"/api/v1/threads/{d['thread']['id']}/moderation", headers=d["moderator"],
                json={"action": "lock"})
    actions = {e["action"] for e in client.get(
        "/api/v1/audit-events", headers=boss).get_json()["items"]}
    assert {"post.hide", "thread.lock", "space.moderator"} <= actions
