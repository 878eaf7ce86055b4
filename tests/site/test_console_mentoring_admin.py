"""The programme admin's care of the mentoring programme in the console: a mentor found and
paired for a selected mentee, and the confidential concerns queue."""

from __future__ import annotations

import re

import pytest

from tests.mentoring.test_completion import finish_final_review, two_mentees  # noqa: F401
from tests.site.conftest import text


@pytest.fixture
def programme_admin(clock, make_user, browser):
    make_user("mere@example.org", country="FJ", roles=("programme_admin",), language="en")
    return browser("mere@example.org")


def test_a_selected_mentee_is_paired_with_the_best_matched_mentor(
        make_programme, selected, mentor, programme_admin, client, admin):
    programme = make_programme()
    _headers, mentee = selected(programme["id"], "FJ")
    mentor(programme["id"], country="WS", expertise=("family violence",))
    page = f"/console/programmes/{programme['id']}/applications/{mentee['id']}/mentors"
    proposals = text(programme_admin.get(page))
    assert "family violence" in proposals
    mentor_id = re.search(r'name="mentor_id" value="(\d+)"', proposals).group(1)
    answer = programme_admin.post(page, {"mentor_id": mentor_id})
    assert answer.status_code == 302
    pairings = client.get(f"/api/v1/programmes/{programme['id']}/pairings",
                          headers=admin).get_json()["items"]
    assert [(p["status"], str(p["mentor_id"])) for p in pairings] == [("proposed", mentor_id)]


def test_a_national_admin_cannot_pair(make_programme, selected, jordan_admin):
    programme = make_programme()
    _headers, mentee = selected(programme["id"], "JO")
    page = f"/console/programmes/{programme['id']}/applications/{mentee['id']}/mentors"
    assert jordan_admin.get(page).status_code == 403


def test_a_concern_is_read_and_closed_with_what_was_done(active_pairing, programme_admin,
                                                         client, admin):
    pairing = active_pairing()
    client.post(f"{pairing['url']}/concerns", headers=pairing["mentee"],
                json={"text": "Meetings keep being cancelled."})
    queue = text(programme_admin.get("/console/concerns?status=open"))
    assert "Meetings keep being cancelled." in queue
    concern = re.search(r'/console/concerns/(\d+)"', queue).group(1)
    answer = programme_admin.post(f"/console/concerns/{concern}",
                                  {"action": "Called both; new schedule agreed."})
    assert answer.status_code == 302
    listed = client.get("/api/v1/concerns", headers=admin).get_json()["items"]
    assert (listed[0]["status"], listed[0]["action"]) == (
        "acted", "Called both; new schedule agreed.")


def test_a_concern_closed_without_saying_what_was_done_is_refused(active_pairing,
                                                                  programme_admin, client):
    pairing = active_pairing()
    client.post(f"{pairing['url']}/concerns", headers=pairing["mentee"],
                json={"text": "Meetings keep being cancelled."})
    queue = text(programme_admin.get("/console/concerns"))
    concern = re.search(r'/console/concerns/(\d+)"', queue).group(1)
    answer = programme_admin.post(f"/console/concerns/{concern}", {"action": ""})
    assert answer.status_code == 422 and 'class="field-error"' in text(answer)


def test_a_national_admin_never_reads_the_concerns(jordan_admin):
    answer = jordan_admin.get("/console/concerns")
    assert answer.status_code == 403
    assert "/console/concerns" not in text(jordan_admin.get("/console"))


def test_completion_is_said_person_by_person_first_then_recorded(two_mentees, client, clock,  # noqa: F811
                                                                 make_user, browser):
    programme, (done, _not_done) = two_mentees
    finish_final_review(client, done)
    clock.move_to("2029-03-02T09:00Z")
    make_user("mere@example.org", country="FJ", roles=("programme_admin",), language="en")
    console = browser("mere@example.org")
    console.get(f"/console/programmes/{programme['id']}")
    review = console.post(f"/console/programmes/{programme['id']}/completion")
    page = text(review)
    assert "1 becomes an alumna or alumnus with a certificate" in page
    assert "final review not done" in page
    assert client.get("/api/v1/me/certificates", headers=done["headers"]).get_json()[
        "total"] == 0
    recorded = console.post(f"/console/programmes/{programme['id']}/completion",
                            {"confirmed": "yes"})
    assert recorded.status_code == 302
    assert client.get("/api/v1/me/certificates", headers=done["headers"]).get_json()[
        "total"] == 1


def test_completion_before_the_end_says_when(make_programme, programme_admin):
    programme = make_programme()
    programme_admin.get(f"/console/programmes/{programme['id']}")
    answer = programme_admin.post(f"/console/programmes/{programme['id']}/completion")
    assert answer.status_code == 409 and "complete it then" in text(answer)


def test_an_opportunity_is_announced_and_mentees_nominated_and_confirmed(
        two_mentees, programme_admin, client, admin):  # noqa: F811
    programme, (first, _second) = two_mentees
    programme_admin.get(f"/console/programmes/{programme['id']}/opportunities")
    made = programme_admin.post(f"/console/programmes/{programme['id']}/opportunities", {
        "kind": "conference", "title": "Women in policing conference", "place": "Amman",
        "starts_on": "2028-05-01", "ends_on": "2028-05-03", "audience": "mentees",
        "seats": "1"})
    assert made.status_code == 302
    page = made.headers["Location"]
    programme_admin.get(page)
    nominated = programme_admin.post(f"{page}/nominations",
                                     {"application_id": str(first["application"]["id"])})
    assert nominated.status_code == 302
    listing = text(programme_admin.get(page))
    nomination = re.search(r'/nominations/(\d+)"', listing).group(1)
    programme_admin.post(f"{page}/nominations/{nomination}", {"status": "confirmed"})
    opportunity = page.rsplit("/", 1)[-1]
    items = client.get(f"/api/v1/opportunities/{opportunity}/nominations",
                       headers=admin).get_json()["items"]
    assert [i["status"] for i in items] == ["confirmed"]


def test_an_opportunity_ending_before_it_starts_comes_back_with_what_was_typed(
        make_programme, programme_admin):
    programme = make_programme()
    programme_admin.get(f"/console/programmes/{programme['id']}/opportunities")
    answer = programme_admin.post(f"/console/programmes/{programme['id']}/opportunities", {
        "kind": "conference", "title": "Regional conference", "place": "Suva",
        "starts_on": "2028-05-05", "ends_on": "2028-05-01", "audience": "both"})
    assert answer.status_code == 422
    assert 'id="ends_on-error"' in text(answer) and 'value="Regional conference"' in text(answer)
