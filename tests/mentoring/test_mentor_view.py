"""The mentor's list of mentees: what it shows, whom it shows, and its fixed query count."""

import pytest

MENTEES = "/api/v1/me/mentees"


@pytest.fixture
def mentor_with(client, clock, make_course, make_offering, enroll, make_programme, selected,
                mentor, pair):
    """A mentor in a programme with two pathway courses: ``add(count)`` gives them ``count``
    more active mentees, each enrolled in the first course and with a check-in on 18 March.
    Returns (mentor headers, add); the clock ends at 1 May 2027."""
    courses = [make_course(), make_course()]
    programme = make_programme(pathway_course_ids=[c["id"] for c in courses],
                               countries=[{"country": "FJ", "seats": 10}])
    offering = make_offering(courses[0]["id"])
    mentor_headers = mentor(programme["id"], max_mentees=10)

    def add(count):
        for _ in range(count):
            clock.move_to("2027-01-10T09:00Z")
            mentee_headers, mentee = selected(programme["id"], "FJ")
            pairing = pair(programme["id"], mentee["id"], mentor_headers, mentee_headers)
            enroll(offering["id"], mentee_headers)
            clock.move_to("2027-03-20T09:00Z")
            client.post(f"/api/v1/pairings/{pairing['id']}/checkins", headers=mentor_headers,
                        json={"held_on": "2027-03-18", "minutes": 30, "topics": "Plan"})
        clock.move_to("2027-05-01T09:00Z")

    return mentor_headers, add


def test_the_mentor_sees_each_mentee_with_plan_status_overdue_items_and_pathway(
        client, mentor_with):
    mentor_headers, add = mentor_with
    add(2)
    page = client.get(MENTEES, headers=mentor_headers).get_json()
    assert page["total"] == 2
    item = page["items"][0]
    assert item["plan_status"] == "at_risk"  # onboarding was due on 1 April
    assert len(item["overdue_milestones"]) == 1  # the development plan is due today
    assert item["checkin_overdue"] is True and item["last_checkin_on"] == "2027-03-18"
    assert [step["status"] for step in item["pathway"]] == ["enrolled", None]
    assert item["pairing"]["mentee_country"] == "FJ"


def test_another_mentors_mentees_are_not_listed(client, mentor_with, as_user):
    mentor_with[1](1)
    assert client.get(MENTEES, headers=as_user("mentor")).get_json()["total"] == 0


def _view_queries(client, count_queries, headers, expected_total):
    with count_queries() as queries:
        page = client.get(MENTEES, headers=headers).get_json()
    assert page["total"] == expected_total
    assert all(len(item["pathway"]) == 2 for item in page["items"])
    return len([sql for sql in queries if sql.lstrip().startswith("SELECT")])


def test_the_mentor_view_runs_in_a_fixed_number_of_queries(client, mentor_with,
                                                           count_queries):
    mentor_headers, add = mentor_with
    add(1)
    one = _view_queries(client, count_queries, mentor_headers, 1)
    add(4)
    five = _view_queries(client, count_queries, mentor_headers, 5)
    assert one == five
    # sign-in, the page with its total and last check-ins, milestones, pathways with enrolments
    assert five == 4


def test_the_mentor_view_shows_each_pairing_as_its_own_page_does(client, mentor_with):
    mentor_headers, add = mentor_with
    add(3)
    page = client.get(MENTEES, headers=mentor_headers,
                      query_string={"per_page": 2, "page": 2}).get_json()
    assert (page["page"], page["per_page"], page["total"], len(page["items"])) == (2, 2, 3, 1)
    item = page["items"][0]
    detail = client.get(f"/api/v1/pairings/{item['pairing']['id']}",
                        headers=mentor_headers).get_json()
    assert {key: detail[key] for key in item} == item
