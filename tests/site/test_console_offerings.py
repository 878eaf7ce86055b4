"""Changing an offering from the console (dates, seats, trainers) and moving people from its
waiting list; scoped by country, nothing saved when refused."""

from __future__ import annotations

import pytest

from tests.site.conftest import text


@pytest.fixture
def full_run(make_course, make_offering, as_user, enroll):
    """A Jordanian offering of one seat, taken, with two Jordanians waiting:
    (offering, [waiting ids])."""
    offering = make_offering(make_course(code="CP-301")["id"], capacity=1, country="JO")
    enroll(offering["id"], as_user(country="JO", name="Holder"))
    waiting = [enroll(offering["id"], as_user(country="JO", name=name)).get_json()["id"]
               for name in ("First Waiting", "Second Waiting")]
    return offering, waiting


def _status(client, as_user, enrollment_id):
    return client.get(f"/api/v1/enrollments/{enrollment_id}",
                      headers=as_user("programme_admin")).get_json()["status"]


def test_the_edit_form_shows_the_offering_in_my_time_zone(jordan_admin, full_run):
    offering, _waiting = full_run
    page = text(jordan_admin.get(f"/console/offerings/{offering['id']}/edit"))
    assert 'name="capacity" inputmode="numeric" value="1"' in page
    assert "CP-301" in page and "Asia/Amman" in page


def test_more_seats_move_the_waiting_list_up_in_order(jordan_admin, full_run, client, as_user):
    offering, waiting = full_run
    form = text(jordan_admin.get(f"/console/offerings/{offering['id']}/edit"))
    assert "Save the offering" in form
    answer = jordan_admin.post(f"/console/offerings/{offering['id']}/edit", {
        "mode": "self_paced", "starts_at": "2026-11-01", "capacity": "2",
        "self_enrollment": "on", "waitlist_enabled": "on"})
    assert answer.status_code == 302
    assert [_status(client, as_user, i) for i in waiting] == ["enrolled", "waitlisted"]


def test_a_capacity_below_the_places_held_is_refused_and_nothing_saved(jordan_admin, full_run,
                                                                      client, as_user):
    offering, _waiting = full_run
    jordan_admin.get(f"/console/offerings/{offering['id']}/edit")
    answer = jordan_admin.post(f"/console/offerings/{offering['id']}/edit", {
        "mode": "self_paced", "starts_at": "2026-11-01", "capacity": "0",
        "title": "Renamed run"})
    assert answer.status_code == 409 and 'value="Renamed run"' in text(answer)
    kept = client.get(f"/api/v1/offerings/{offering['id']}",
                      headers=as_user("programme_admin")).get_json()
    assert (kept["capacity"], kept["title"]) == (1, None)


def test_a_trainer_of_my_country_is_added_as_co_facilitator(jordan_admin, full_run, make_user,
                                                           client, as_user):
    offering, _waiting = full_run
    trainer = make_user("omar@example.org", name="Omar Trainer", country="JO",
                        roles=("trainer",))
    make_user("sione@example.org", name="Sione Trainer", country="TO", roles=("trainer",))
    form = text(jordan_admin.get(f"/console/offerings/{offering['id']}/edit"))
    assert "Omar Trainer (JO)" in form and "Sione Trainer" not in form
    answer = jordan_admin.post(f"/console/offerings/{offering['id']}/edit", {
        "mode": "self_paced", "starts_at": "2026-11-01", "capacity": "1",
        "trainer-0": str(trainer), "role-0": "co_facilitator"})
    assert answer.status_code == 302
    saved = client.get(f"/api/v1/offerings/{offering['id']}",
                       headers=as_user("programme_admin")).get_json()
    assert [(t["user_id"], t["role"]) for t in saved["trainers"]] == [
        (trainer, "co_facilitator")]


def test_an_uncertified_lead_trainer_is_refused_beside_the_trainers(jordan_admin, full_run,
                                                                   make_user):
    offering, _waiting = full_run
    trainer = make_user("omar@example.org", country="JO", roles=("trainer",))
    jordan_admin.get(f"/console/offerings/{offering['id']}/edit")
    answer = jordan_admin.post(f"/console/offerings/{offering['id']}/edit", {
        "mode": "self_paced", "starts_at": "2026-11-01", "capacity": "1",
        "trainer-0": str(trainer), "role-0": "lead"})
    assert answer.status_code == 422 and 'id="trainers-error"' in text(answer)


def test_someone_chosen_from_the_waiting_list_takes_a_free_place(jordan_admin, full_run,
                                                                 client, as_user, app):
    from elearn.enrollments.models import Offering
    from elearn.extensions import db

    offering, waiting = full_run
    with app.app_context():  # a second seat, without the list moving yet
        db.session.get(Offering, offering["id"]).capacity = 2
        db.session.commit()
    jordan_admin.get(f"/console/offerings/{offering['id']}")
    chosen = {"action": "approve", "enrollment": [str(waiting[1])]}
    review = jordan_admin.post(f"/console/offerings/{offering['id']}/selection", chosen)
    assert "Admit 1 enrolment?" in text(review)
    done = jordan_admin.post(f"/console/offerings/{offering['id']}/selection/confirm", chosen)
    assert done.status_code == 302
    assert [_status(client, as_user, i) for i in waiting] == ["waitlisted", "enrolled"]


def test_moving_two_into_one_free_place_moves_none(jordan_admin, full_run, client, as_user,
                                                   app):
    from elearn.enrollments.models import Offering
    from elearn.extensions import db

    offering, waiting = full_run
    with app.app_context():
        db.session.get(Offering, offering["id"]).capacity = 2
        db.session.commit()
    jordan_admin.get(f"/console/offerings/{offering['id']}")
    refused = jordan_admin.post(f"/console/offerings/{offering['id']}/selection/confirm", {
        "action": "approve", "enrollment": [str(i) for i in waiting]})
    assert refused.status_code == 409 and "Nothing was changed" in text(refused)
    assert [_status(client, as_user, i) for i in waiting] == ["waitlisted", "waitlisted"]


def test_another_countrys_offering_cannot_be_changed(jordan_admin, make_course, make_offering):
    tongan = make_offering(make_course()["id"], country="TO")
    assert jordan_admin.get(f"/console/offerings/{tongan['id']}/edit").status_code == 404
    jordan_admin.get("/console/offerings")
    assert jordan_admin.post(f"/console/offerings/{tongan['id']}/edit",
                             {"mode": "self_paced"}).status_code == 404


def test_a_withdrawal_is_undone_by_enrolling_the_same_people_again(jordan_admin, make_course,
                                                                   make_offering, as_user,
                                                                   enroll, client):
    offering = make_offering(make_course()["id"], country="JO")
    ids = [enroll(offering["id"], as_user(country="JO", name=name)).get_json()["id"]
           for name in ("Lina Khalil", "Noor Saleh")]
    jordan_admin.get(f"/console/offerings/{offering['id']}")
    chosen = {"action": "withdraw", "enrollment": [str(i) for i in ids]}
    jordan_admin.post(f"/console/offerings/{offering['id']}/selection/confirm", chosen)
    assert {_status(client, as_user, i) for i in ids} == {"withdrawn"}
    jordan_admin.get(f"/console/offerings/{offering['id']}")
    again = chosen | {"action": "reenrol"}
    review = jordan_admin.post(f"/console/offerings/{offering['id']}/selection", again)
    assert "Enrol 2 people again?" in text(review)
    done = jordan_admin.post(f"/console/offerings/{offering['id']}/selection/confirm", again)
    assert done.status_code == 302
    assert {_status(client, as_user, i) for i in ids} == {"enrolled"}
