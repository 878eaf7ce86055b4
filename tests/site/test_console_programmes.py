"""The mentoring programme's selection in the console: seats per country, what the seat rule
does to a selection before it is confirmed, and all decisions or none."""

from __future__ import annotations

import re

import pytest

from tests.site.conftest import text


@pytest.fixture
def programme_admin(clock, make_user, browser):  # signed in at the programme's time
    make_user("mere@example.org", country="FJ", roles=("programme_admin",), language="en")
    return browser("mere@example.org")


@pytest.fixture
def jordanians(make_programme, apply, applicant, decide):
    """A programme (JO: 2 seats) with three Jordanian applications shortlisted:
    (programme id, [application ids])."""
    programme = make_programme()
    ids = []
    for number in range(3):
        application = apply(programme["id"], applicant("JO", name=f"Officer {number}")).get_json()
        assert decide(programme["id"], application["id"], "shortlist").status_code == 200
        ids.append(application["id"])
    return programme["id"], ids


def _status(client, admin, programme_id, application_id):
    items = client.get(f"/api/v1/programmes/{programme_id}/applications",
                       headers=admin).get_json()["items"]
    return next(item["status"] for item in items if item["id"] == application_id)


def test_the_programme_page_shows_seats_per_country(programme_admin, jordanians):
    programme_id, _ids = jordanians
    page = text(programme_admin.get(f"/console/programmes/{programme_id}"))
    assert '<th scope="row">JO</th><td>2</td><td>0</td><td>3</td>' in page


def test_selecting_more_than_the_seats_says_who_would_be_refused_and_changes_nothing(
        programme_admin, jordanians, client, admin):
    programme_id, ids = jordanians
    programme_admin.get(f"/console/programmes/{programme_id}")
    review = programme_admin.post(f"/console/programmes/{programme_id}/decisions", {
        "decision": "select", "reason": "Strong leadership plan",
        "application": [str(i) for i in ids]})
    page = text(review)
    assert page.count("goes through") == 2
    assert "All seats of this country are taken." in page
    assert "/decisions/confirm" not in page
    assert {_status(client, admin, programme_id, i) for i in ids} == {"shortlisted"}


def test_a_selection_within_the_seats_is_confirmed_all_together(programme_admin, jordanians,
                                                               client, admin):
    programme_id, ids = jordanians
    programme_admin.get(f"/console/programmes/{programme_id}")
    chosen = {"decision": "select", "reason": "Strong leadership plan",
              "application": [str(i) for i in ids[:2]]}
    review = programme_admin.post(f"/console/programmes/{programme_id}/decisions", chosen)
    assert '<th scope="row">JO</th><td>2</td><td>2</td><td>1</td>' in text(review)
    assert _status(client, admin, programme_id, ids[0]) == "shortlisted"
    done = programme_admin.post(f"/console/programmes/{programme_id}/decisions/confirm", chosen)
    assert done.status_code == 302
    assert [_status(client, admin, programme_id, i) for i in ids] == [
        "selected", "selected", "shortlisted"]


def test_a_rejection_needs_a_reason(programme_admin, jordanians):
    programme_id, ids = jordanians
    programme_admin.get(f"/console/programmes/{programme_id}")
    answer = programme_admin.post(f"/console/programmes/{programme_id}/decisions", {
        "decision": "reject", "application": [str(ids[0])]})
    assert answer.status_code == 422 and "needs a reason" in text(answer)


def test_a_national_admin_sees_their_country_only_and_cannot_select(jordanians, jordan_admin):
    programme_id, ids = jordanians
    page = text(jordan_admin.get(f"/console/programmes/{programme_id}"))
    assert re.findall(r'<th scope="row">([A-Z]{2})</th>', page) == ["JO"]
    review = jordan_admin.post(f"/console/programmes/{programme_id}/decisions", {
        "decision": "select", "reason": "Strong", "application": [str(ids[0])]})
    assert "Only programme administrators may do this." in text(review)


def test_applications_download_as_csv_with_the_filters_shown(programme_admin, jordanians):
    programme_id, _ids = jordanians
    page = text(programme_admin.get(f"/console/programmes/{programme_id}?country=JO"))
    assert "country=JO&amp;format=csv" in page
    answer = programme_admin.get(
        f"/console/programmes/{programme_id}?status=shortlisted&country=JO&format=csv")
    assert answer.status_code == 200 and answer.mimetype == "text/csv"
    lines = answer.get_data(as_text=True).lstrip("\ufeff").splitlines()
    assert lines[0].startswith("name,email,country,state")
    assert sorted(line.split(",")[0] for line in lines[1:]) == [
        "Officer 0", "Officer 1", "Officer 2"]
    selected = programme_admin.get(f"/console/programmes/{programme_id}?status=selected"
                                   "&format=csv").get_data(as_text=True)
    assert len(selected.splitlines()) == 1
