"""Fixtures of the report tests: a small mentoring data set built over HTTP."""

from __future__ import annotations

import pytest

from tests.mentoring import conftest as mentoring

PROGRAMMES = mentoring.PROGRAMMES
# The mentoring tests' fixtures, reused as they are.
clock, admin, applicant, apply, decide = (mentoring.clock, mentoring.admin, mentoring.applicant,
                                          mentoring.apply, mentoring.decide)
make_programme, mentor, pair = mentoring.make_programme, mentoring.mentor, mentoring.pair
selected = mentoring.selected

TEMPLATE = [{"key": "plan", "title": "Development plan", "month": 1},
            {"key": "final_review", "title": "Final review", "month": 24}]


@pytest.fixture
def mentoring_dataset(client, clock, admin, make_programme, selected, apply, decide, applicant,
                      mentor, pair, make_course):
    """Two programmes, milestones ("plan" due 2027-04-01, "final_review" due 2029-03-01):

    Programme "current" (pathway: one course), running:
      FJ woman 1, paired, plan done; FJ woman 2, paired, plan at risk; FJ man, selected, not
      paired; TO woman, paired, plan on track; TO other, paired, plan not started; an FJ
      woman rejected. A mentees' workshop starting 2027-06-01: FJ woman 1 attended, FJ woman
      2 declined, TO woman nominated.
    Programme "finished", completed the day after its end (2029-03-02): JO man (final review
      done) alumnus, JO woman not completed; an alumni exercise starting 2029-05-01 the JO man
      attended.
    """
    course = make_course(code="PATH-1")
    current = make_programme(
        name="Current", milestone_template=TEMPLATE, eligible_gender=None,
        pathway_course_ids=[course["id"]],
        countries=[{"country": "FJ", "seats": 3}, {"country": "TO", "seats": 2}])
    finished = make_programme(name="Finished", milestone_template=TEMPLATE,
                              eligible_gender=None, countries=[{"country": "JO", "seats": 2}])
    people = {}
    for name, country, gender in (("fj_woman_1", "FJ", "female"), ("fj_woman_2", "FJ", "female"),
                                  ("fj_man", "FJ", "male"), ("to_woman", "TO", "female"),
                                  ("to_other", "TO", "other")):
        people[name] = selected(current["id"], country, gender=gender)
    rejected = apply(current["id"], applicant("FJ")).get_json()
    assert decide(current["id"], rejected["id"], "reject").status_code == 200
    for name, country, gender in (("jo_man", "JO", "male"), ("jo_woman", "JO", "female")):
        people[name] = selected(finished["id"], country, gender=gender)

    pairings = {}
    for programme, names in ((current, ("fj_woman_1", "fj_woman_2", "to_woman", "to_other")),
                             (finished, ("jo_man", "jo_woman"))):
        for index, name in enumerate(names):
            if index % 2 == 0:
                mentor_headers = mentor(programme["id"])
            headers, application = people[name]
            pairings[name] = pair(programme["id"], application["id"], mentor_headers, headers)

    def set_milestone(name, key, status):
        url = f"/api/v1/pairings/{pairings[name]['id']}"
        milestones = client.get(url, headers=admin).get_json()["milestones"]
        milestone = next(m for m in milestones if m["key"] == key)
        response = client.patch(f"{url}/milestones/{milestone['id']}", headers=admin,
                                json={"status": status})
        assert response.status_code == 200, response.get_json()

    set_milestone("fj_woman_1", "plan", "done")
    set_milestone("fj_woman_2", "plan", "at_risk")
    set_milestone("to_woman", "plan", "on_track")
    set_milestone("jo_man", "final_review", "done")
    clock.move_to("2029-03-02T09:00Z")  # completion waits for the programme's end
    assert client.post(f"{PROGRAMMES}/{finished['id']}/completion",
                       headers=admin).status_code == 200
    clock.move_to(mentoring.START)

    def opportunity(programme, audience, starts_on, ends_on):
        response = client.post(f"{PROGRAMMES}/{programme['id']}/opportunities", headers=admin,
                               json={"kind": "coaching", "title": "Workshop", "place": "Suva",
                                     "starts_on": starts_on, "ends_on": ends_on,
                                     "audience": audience})
        assert response.status_code == 201, response.get_json()
        return f"/api/v1/opportunities/{response.get_json()['id']}/nominations"

    def nominate(url, name, *statuses):
        response = client.post(url, headers=admin,
                               json={"application_id": people[name][1]["id"]})
        assert response.status_code == 201, response.get_json()
        for status in statuses:
            assert client.patch(f"{url}/{response.get_json()['id']}", headers=admin,
                                json={"status": status}).status_code == 200

    workshop = opportunity(current, "mentees", "2027-06-01", "2027-06-03")
    nominate(workshop, "fj_woman_1", "confirmed", "attended")
    nominate(workshop, "fj_woman_2", "declined")
    nominate(workshop, "to_woman")
    exercise = opportunity(finished, "alumni", "2029-05-01", "2029-05-05")
    nominate(exercise, "jo_man", "confirmed", "attended")
    return {"current": current, "finished": finished, "course": course, "people": people}
