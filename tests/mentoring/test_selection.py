"""Applications: the window, eligibility, the national shortlist, seats and the guarantee."""

from tests.mentoring.conftest import PROGRAMMES
from tests.test_conventions import assert_problem


def test_programme_defaults_to_24_months_and_the_standard_milestones(make_programme):
    programme = make_programme()
    assert programme["ends_on"] == "2029-03-01"
    assert programme["eligible_gender"] == "female"
    assert programme["final_milestone_key"] == "final_review"
    assert {"key": "mid_programme_review", "title": "Mid-programme review",
            "month": 12} in programme["milestone_template"]


def test_only_programme_admins_create_programmes(client, clock, as_user):
    response = client.post(PROGRAMMES, headers=as_user("national_admin"), json={
        "name": "X", "starts_on": "2027-03-01", "applications_open_on": "2027-01-01",
        "applications_close_on": "2027-02-01", "countries": [{"country": "FJ", "seats": 1}]})
    assert_problem(response, 403)


def test_a_female_officer_applies_in_the_window(make_programme, applicant, apply):
    programme = make_programme()
    response = apply(programme["id"], applicant("TO"))
    assert response.status_code == 201
    assert response.get_json()["status"] == "submitted"
    assert response.get_json()["country"] == "TO"


def test_applying_outside_the_window_is_422_naming_the_rule(make_programme, applicant, apply,
                                                            clock):
    programme = make_programme()
    headers = applicant("FJ")
    clock.move_to("2027-02-20T09:00Z")
    body = assert_problem(apply(programme["id"], headers), 422, "application-window-closed")
    assert body["rule"] == "window"


def test_a_male_officer_is_not_eligible(make_programme, applicant, apply):
    programme = make_programme()
    body = assert_problem(apply(programme["id"], applicant("FJ", gender="male")), 422,
                          "not-eligible")
    assert body["rule"] == "gender"


def test_rank_and_experience_criteria_are_configurable(make_programme, applicant, apply):
    programme = make_programme(eligible_ranks=["Sergeant", "Inspector"], min_years_experience=5)
    assert apply(programme["id"], applicant("FJ", rank="Constable")).get_json()["rule"] == "rank"
    response = apply(programme["id"], applicant("FJ", rank="Sergeant"), years_experience=2)
    assert response.get_json()["rule"] == "experience"
    assert apply(programme["id"], applicant("FJ", rank="Inspector")).status_code == 201


def test_a_country_outside_the_partnership_is_not_eligible(make_programme, applicant, apply):
    programme = make_programme()
    assert apply(programme["id"], applicant("MA")).get_json()["rule"] == "country"


def test_applying_twice_is_409(make_programme, applicant, apply):
    programme = make_programme()
    headers = applicant("FJ")
    apply(programme["id"], headers)
    assert_problem(apply(programme["id"], headers), 409, "already-applied")


def test_demographics_need_consent(make_programme, applicant, apply):
    programme = make_programme()
    response = apply(programme["id"], applicant("FJ"), demographics={"disability": "none"})
    assert "demographics_consent" in assert_problem(response, 422)["errors"]
    response = apply(programme["id"], applicant("FJ"), demographics={"disability": "none"},
                     demographics_consent=True)
    assert response.status_code == 201


def test_a_national_admin_nominates_only_their_own_country(make_programme, as_user, apply,
                                                           make_user):
    programme = make_programme()
    fiji_admin = as_user("national_admin", country="FJ")
    tongan = make_user(country="TO", gender="female")
    fijian = make_user(country="FJ", gender="female")
    assert apply(programme["id"], fiji_admin, user_id=tongan).status_code == 404
    response = apply(programme["id"], fiji_admin, user_id=fijian)
    assert response.status_code == 201
    assert response.get_json()["nominated_by_id"] is not None


def test_national_admins_see_and_shortlist_their_country_only(make_programme, applicant, apply,
                                                              decide, as_user, client):
    programme = make_programme()
    fijian = apply(programme["id"], applicant("FJ")).get_json()
    tongan = apply(programme["id"], applicant("TO")).get_json()
    fiji_admin = as_user("national_admin", country="FJ")
    listed = client.get(f"{PROGRAMMES}/{programme['id']}/applications", headers=fiji_admin)
    assert [item["id"] for item in listed.get_json()["items"]] == [fijian["id"]]
    assert decide(programme["id"], tongan["id"], "shortlist", as_=fiji_admin).status_code == 404
    assert decide(programme["id"], fijian["id"], "shortlist", as_=fiji_admin).status_code == 200
    assert_problem(decide(programme["id"], fijian["id"], "select", as_=fiji_admin), 403)


def test_selection_needs_a_shortlist_and_a_reason(make_programme, applicant, apply, decide):
    programme = make_programme()
    application = apply(programme["id"], applicant("FJ")).get_json()
    assert_problem(decide(programme["id"], application["id"], "select"), 409,
                   "application-state")
    decide(programme["id"], application["id"], "shortlist")
    body = assert_problem(decide(programme["id"], application["id"], "select", reason=None), 422)
    assert "reason" in body["errors"]
    response = decide(programme["id"], application["id"], "select", reason="Top of the list")
    assert response.get_json()["status"] == "selected"
    assert response.get_json()["decided_at"] and response.get_json()["reason"]


def test_selecting_beyond_a_countrys_seats_is_409(make_programme, selected, applicant, apply,
                                                  decide):
    programme = make_programme()
    selected(programme["id"], "TO")
    another = apply(programme["id"], applicant("TO")).get_json()
    decide(programme["id"], another["id"], "shortlist")
    assert_problem(decide(programme["id"], another["id"], "select"), 409, "seats-full")


def test_the_last_seats_are_kept_for_countries_with_no_one_selected(
        make_programme, selected, applicant, apply, decide):
    programme = make_programme(total_seats=3)
    selected(programme["id"], "FJ")
    jordanian = apply(programme["id"], applicant("JO")).get_json()
    decide(programme["id"], jordanian["id"], "shortlist")
    second_fijian = apply(programme["id"], applicant("FJ")).get_json()
    decide(programme["id"], second_fijian["id"], "shortlist")
    # Three seats: Fiji has one, Jordan waits with a shortlisted applicant, Tonga none.
    assert decide(programme["id"], second_fijian["id"], "select").status_code == 200
    tongan = apply(programme["id"], applicant("TO")).get_json()
    decide(programme["id"], tongan["id"], "shortlist")
    assert decide(programme["id"], jordanian["id"], "select").status_code == 200
    assert decide(programme["id"], tongan["id"], "select").status_code == 409


def test_the_guarantee_blocks_a_second_seat_for_a_country(make_programme, selected, applicant,
                                                          apply, decide):
    programme = make_programme(total_seats=2)
    selected(programme["id"], "FJ")
    tongan = apply(programme["id"], applicant("TO")).get_json()
    decide(programme["id"], tongan["id"], "shortlist")
    second_fijian = apply(programme["id"], applicant("FJ")).get_json()
    decide(programme["id"], second_fijian["id"], "shortlist")
    body = assert_problem(decide(programme["id"], second_fijian["id"], "select"), 409,
                          "country-guarantee")
    assert "TO" in body["detail"]
    assert decide(programme["id"], tongan["id"], "select").status_code == 200


def test_rejection_is_recorded_with_its_reason_and_audited(make_programme, applicant, apply,
                                                           decide, client, admin):
    programme = make_programme()
    application = apply(programme["id"], applicant("JO")).get_json()
    response = decide(programme["id"], application["id"], "reject", reason="Incomplete file")
    assert response.get_json()["status"] == "rejected"
    assert response.get_json()["reason"] == "Incomplete file"
    events = client.get("/api/v1/audit-events", headers=admin,
                        query_string={"action": "application.reject"}).get_json()
    assert events["total"] == 1


def test_the_failed_rule_is_explained_in_the_callers_language(make_programme, applicant, apply,
                                                               clock):
    programme = make_programme()
    headers = applicant("FJ", language="fr")
    clock.move_to("2027-03-01T09:00Z")
    body = assert_problem(apply(programme["id"], headers), 422, "application-window-closed")
    assert body["detail"].startswith("Les candidatures sont acceptées du 2027-01-01")
