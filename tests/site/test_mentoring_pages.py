"""The mentoring pages: a mentor's mentees, the pairing's plan, logging a check-in, setting a
milestone's status and raising a concern; scoped like the API."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.site.conftest import text


@pytest.fixture
def paired(active_pairing, client, browser, clock):  # noqa: F811
    """An active pairing three weeks into its programme, and a signed-in browser for each
    side."""
    made = active_pairing()
    clock.move_to(datetime(2027, 3, 20, 9, 0, tzinfo=UTC))

    def opened(headers):
        return browser(client.get("/api/v1/me", headers=headers).get_json()["email"])

    return made, opened(made["mentor"]), opened(made["mentee"])


def test_the_mentor_sees_the_mentee_and_the_plan(paired):
    made, mentor_page, _mentee_page = paired
    listing = text(mentor_page.get("/mentoring"))
    assert f'/pairings/{made["id"]}' in listing
    plan = text(mentor_page.get(f"/pairings/{made['id']}"))
    assert "milestones-heading" in plan and "Log the check-in" in plan


def test_a_mentor_logs_a_check_in(paired, client):
    made, mentor_page, _mentee_page = paired
    mentor_page.get(f"/pairings/{made['id']}")
    answer = mentor_page.post(f"/pairings/{made['id']}/checkins", {
        "held_on": "2027-03-18", "minutes": "45", "topics": "First meeting"})
    assert answer.status_code == 302
    detail = client.get(made["url"], headers=made["mentor"]).get_json()
    assert [checkin["topics"] for checkin in detail["checkins"]] == ["First meeting"]


def test_a_refused_check_in_keeps_what_was_typed_and_says_why_beside_the_field(paired):
    made, mentor_page, _mentee_page = paired
    mentor_page.get(f"/pairings/{made['id']}")
    answer = mentor_page.post(f"/pairings/{made['id']}/checkins", {
        "held_on": "2031-01-01", "minutes": "45", "topics": "From the future"})
    assert answer.status_code == 422
    page = text(answer)
    assert 'value="From the future"' in page and 'id="held_on-error"' in page
    assert 'aria-describedby="held_on-error"' in page


def test_the_mentee_updates_a_milestone(paired, client):
    made, _mentor_page, mentee_page = paired
    milestone = client.get(made["url"], headers=made["mentee"]).get_json()["milestones"][0]
    mentee_page.get(f"/pairings/{made['id']}")
    mentee_page.post(f"/pairings/{made['id']}/milestones/{milestone['id']}",
                     {"status": "on_track"})
    after = client.get(made["url"], headers=made["mentee"]).get_json()["milestones"][0]
    assert after["status"] == "on_track"


def test_a_concern_goes_to_the_programme_admins_only(paired, client, admin):  # noqa: F811
    made, _mentor_page, mentee_page = paired
    mentee_page.get(f"/pairings/{made['id']}")
    mentee_page.post(f"/pairings/{made['id']}/concerns", {"text": "Meetings keep moving."})
    concerns = client.get("/api/v1/concerns", headers=admin).get_json()["items"]
    assert [concern["text"] for concern in concerns] == ["Meetings keep moving."]


def test_someone_outside_the_pairing_gets_the_not_found_page(paired, make_user, browser):
    made, _mentor_page, _mentee_page = paired
    make_user("outsider@example.org")
    outsider = browser("outsider@example.org")
    assert outsider.get(f"/pairings/{made['id']}").status_code == 404
    assert outsider.post(f"/pairings/{made['id']}/concerns",
                         {"text": "Not mine"}).status_code == 404


def test_a_mentees_home_shows_the_next_milestone_and_check_in(paired):
    made, _mentor_page, mentee_page = paired
    home = text(mentee_page.get("/"))
    assert "mentoring-heading" in home and f'/pairings/{made["id"]}' in home
    assert "Next milestone:" in home
