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


def test_a_programme_is_set_up_with_seats_per_country_and_a_pathway(programme_admin,
                                                                    make_course, client,
                                                                    admin):
    make_course(code="LEAD-1")
    programme_admin.get("/console/programmes/new")
    answer = programme_admin.post("/console/programmes/new", {
        "name": "Women in leadership 2028", "applications_open_on": "2027-06-01",
        "applications_close_on": "2027-07-01", "starts_on": "2027-09-01",
        "countries": "fj:2, JO:3", "pathway": "lead-1", "eligible_gender": "female"})
    assert answer.status_code == 302, text(answer)[:3000]
    programme_id = answer.headers["Location"].rsplit("/", 1)[-1]
    made = client.get(f"/api/v1/programmes/{programme_id}", headers=admin).get_json()
    assert {(c["country"], c["seats"]) for c in made["countries"]} == {("FJ", 2), ("JO", 3)}
    assert [step["course_code"] for step in made["pathway"]] == ["LEAD-1"]


def test_seats_written_wrongly_come_back_with_what_was_typed(programme_admin):
    programme_admin.get("/console/programmes/new")
    answer = programme_admin.post("/console/programmes/new", {
        "name": "Leadership", "applications_open_on": "2027-06-01",
        "applications_close_on": "2027-07-01", "starts_on": "2027-09-01",
        "countries": "Fiji two", "pathway": "NOPE-9"})
    assert answer.status_code == 422
    page = text(answer)
    assert 'id="countries-error"' in page and 'id="pathway-error"' in page
    assert 'value="Fiji two"' in page


def test_a_mentor_joins_the_pool_with_places_languages_and_expertise(
        make_programme, programme_admin, make_user, client, admin):
    programme = make_programme()
    make_user("tala@example.org", name="Tala Faleolo", country="WS", roles=("mentor",))
    programme_admin.get(f"/console/programmes/{programme['id']}/mentors")
    answer = programme_admin.post(f"/console/programmes/{programme['id']}/mentors", {
        "email": "tala@example.org", "max_mentees": "2", "languages": "en, sm",
        "expertise": "family violence, leadership"})
    assert answer.status_code == 302
    pool = client.get(f"/api/v1/programmes/{programme['id']}/mentors", headers=admin).get_json()
    assert [(m["name"], m["max_mentees"], m["languages"]) for m in pool] == [
        ("Tala Faleolo", 2, ["en", "sm"])]
    assert "0 of 2" in text(programme_admin.get(answer.headers["Location"]))


def test_someone_who_is_not_a_mentor_is_refused_for_the_pool(make_programme, programme_admin,
                                                             make_user):
    programme = make_programme()
    make_user("lina@example.org", country="JO")
    programme_admin.get(f"/console/programmes/{programme['id']}/mentors")
    answer = programme_admin.post(f"/console/programmes/{programme['id']}/mentors",
                                  {"email": "lina@example.org", "max_mentees": "2"})
    assert answer.status_code == 422 and "not a mentor" in text(answer)


def test_a_proposed_pairing_is_confirmed_once_both_acknowledged_the_code(
        make_programme, selected, mentor, programme_admin, client, admin, user_id):
    programme = make_programme()
    mentee_headers, mentee = selected(programme["id"], "FJ")
    mentor_headers = mentor(programme["id"])
    proposed = client.post(f"/api/v1/programmes/{programme['id']}/pairings", headers=admin,
                           json={"application_id": mentee["id"],
                                 "mentor_id": user_id(mentor_headers)}).get_json()
    page = f"/console/programmes/{programme['id']}/pairings"
    programme_admin.get(page)
    early = programme_admin.post(f"{page}/{proposed['id']}", {"action": "confirm"})
    assert early.status_code == 409 and "code of conduct" in text(early)
    for headers in (mentor_headers, mentee_headers):
        client.post(f"/api/v1/pairings/{proposed['id']}/conduct", headers=headers)
    assert programme_admin.post(f"{page}/{proposed['id']}",
                                {"action": "confirm"}).status_code == 302
    assert client.get(f"/api/v1/pairings/{proposed['id']}", headers=admin).get_json()[
        "pairing"]["status"] == "active"


def test_a_mentor_is_replaced_and_the_old_pairing_keeps_its_history(
        active_pairing, mentor, programme_admin, client, admin, user_id):
    made = active_pairing()
    programme_id = made["programme"]["id"]
    newcomer = user_id(mentor(programme_id, country="TO"))
    page = f"/console/programmes/{programme_id}/pairings"
    programme_admin.get(page)
    refused = programme_admin.post(f"{page}/{made['id']}", {
        "action": "replace", "mentor_id": str(newcomer), "reason": ""})
    assert refused.status_code == 422
    done = programme_admin.post(f"{page}/{made['id']}", {
        "action": "replace", "mentor_id": str(newcomer), "reason": "Mentor redeployed"})
    assert done.status_code == 302
    pairings = client.get(f"/api/v1/programmes/{programme_id}/pairings",
                          headers=admin).get_json()["items"]
    assert [(p["status"], p["mentor_id"]) for p in pairings][-2:] == [
        ("ended", made["pairing"]["mentor_id"]), ("proposed", newcomer)]


def test_a_pairing_is_extended_to_a_later_end_with_its_reason(active_pairing, programme_admin,
                                                               client, admin):
    from datetime import date, timedelta

    made = active_pairing()
    programme_id = made["programme"]["id"]
    page = f"/console/programmes/{programme_id}/pairings"
    current = date.fromisoformat(made["pairing"]["ends_on"])
    programme_admin.get(page)
    earlier = programme_admin.post(f"{page}/{made['id']}", {
        "action": "extend", "ends_on": (current - timedelta(days=1)).isoformat(),
        "reason": "Leave"})
    assert earlier.status_code == 422 and "after the current one" in text(earlier)
    later = (current + timedelta(days=90)).isoformat()
    done = programme_admin.post(f"{page}/{made['id']}", {
        "action": "extend", "ends_on": later, "reason": "Maternity leave"})
    assert done.status_code == 302
    pairing = client.get(f"/api/v1/pairings/{made['id']}", headers=admin).get_json()["pairing"]
    assert (pairing["ends_on"], pairing["status"]) == (later, "active")
