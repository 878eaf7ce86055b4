"""The console's first pages: at a glance and people, for each role, scoped by country."""

from __future__ import annotations

import pytest

from tests.site.conftest import text


def test_a_trainee_gets_the_not_found_page_for_the_console(trainee):
    page, _user, _email = trainee
    for path in ("/console", "/console/people", "/console/people/new"):
        answer = page.get(path)
        assert answer.status_code == 404 and answer.mimetype == "text/html"


def test_the_glance_counts_what_waits_in_my_country_only(jordan_admin, make_course,
                                                          make_offering, as_user, enroll):
    course = make_course()
    offering = make_offering(course["id"], approval_required=True)
    enroll(offering["id"], as_user(country="JO"))
    enroll(offering["id"], as_user(country="FJ"))
    glance = text(jordan_admin.get("/console"))
    assert "1 enrolment awaits approval" in glance


def test_people_lists_my_country_only_and_filters_in_the_address(jordan_admin, make_user):
    make_user("lina@example.org", name="Lina Khalil", country="JO")
    make_user("mele@example.org", name="Mele Taufa", country="TO")
    listing = text(jordan_admin.get("/console/people"))
    assert "Lina Khalil" in listing and "Mele Taufa" not in listing
    found = text(jordan_admin.get("/console/people?q=lina"))
    assert "Lina Khalil" in found and "Rania Haddad" not in found
    assert "/api/v1/users?format=csv&amp;q=lina" in found


def test_the_people_list_takes_the_same_statements_for_ten_or_thirty(jordan_admin, make_user,
                                                                     count_queries):
    counts = []
    for batch in (10, 20):
        for number in range(batch):
            make_user(f"p{batch}-{number}@example.org", country="JO")
        with count_queries() as statements:
            jordan_admin.get("/console/people")
        counts.append(len(statements))
    assert counts[0] == counts[1]


def test_an_admin_adds_a_person_of_their_own_country_who_is_invited(jordan_admin, client,
                                                                    as_user):
    jordan_admin.get("/console/people/new")
    answer = jordan_admin.post("/console/people/new", {
        "email": "new.officer@example.org", "name": "New Officer", "gender": "female",
        "roles": ["trainee"], "country": "FJ"})
    assert answer.status_code == 302
    admin = as_user("programme_admin")
    found = client.get("/api/v1/users?q=new.officer", headers=admin).get_json()["items"]
    assert [(user["country"], user["name"]) for user in found] == [("JO", "New Officer")]


def test_a_refused_person_keeps_what_was_typed_with_the_reason_beside_the_field(jordan_admin):
    jordan_admin.get("/console/people/new")
    answer = jordan_admin.post("/console/people/new", {"email": "not-an-address",
                                                       "name": "Someone"})
    assert answer.status_code == 422
    page = text(answer)
    assert 'id="email-error"' in page and 'value="Someone"' in page


def _upload(page, path, text_of_file, **form):
    from io import BytesIO

    return page.post(path, {"file": (BytesIO(text_of_file.encode()), "people.csv"), **form},
                     content_type="multipart/form-data")


GOOD = ("email,name,country,gender\nali@example.org,Ali Saleh,JO,male\n"
        "huda@example.org,Huda Omar,JO,female\n")
BAD = GOOD + "not-an-address,Broken Row,JO,female\nmele@example.org,Mele Taufa,TO,female\n"


def test_an_import_preview_shows_each_error_beside_its_row_and_writes_nothing(jordan_admin,
                                                                             client, as_user):
    jordan_admin.get("/console/people/import")
    preview = text(_upload(jordan_admin, "/console/people/import", BAD))
    assert "2 to create" in preview and "2 with errors" in preview
    assert "Confirm the import" not in preview
    assert "You can only manage your own country." in preview
    found = client.get("/api/v1/users?q=ali@", headers=as_user("programme_admin")).get_json()
    assert found["total"] == 0


def test_a_clean_preview_is_confirmed_and_imports_every_row(jordan_admin, client, as_user):
    jordan_admin.get("/console/people/import")
    preview = _upload(jordan_admin, "/console/people/import", GOOD)
    token = __import__("re").search(r'name="token" value="([^"]+)"', text(preview)).group(1)
    done = jordan_admin.post("/console/people/import/confirm", {"token": token})
    assert done.status_code == 302
    found = client.get("/api/v1/users?country=JO&per_page=50",
                       headers=as_user("programme_admin")).get_json()["items"]
    assert {"ali@example.org", "huda@example.org"} <= {user["email"] for user in found}
    again = jordan_admin.post("/console/people/import/confirm", {"token": token})
    assert again.status_code == 404  # confirmed once


def test_another_admin_cannot_confirm_my_upload(jordan_admin, make_user, browser):
    jordan_admin.get("/console/people/import")
    preview = _upload(jordan_admin, "/console/people/import", GOOD)
    token = __import__("re").search(r'name="token" value="([^"]+)"', text(preview)).group(1)
    make_user("other.admin@example.org", country="JO", roles=("national_admin",))
    other = browser("other.admin@example.org")
    assert other.post("/console/people/import/confirm", {"token": token}).status_code == 404


@pytest.fixture
def awaiting(make_course, make_offering, as_user, enroll, client):
    """A Jordanian offering needing approval, with two Jordanians waiting: (offering, ids)."""
    offering = make_offering(make_course()["id"], approval_required=True, country="JO")
    ids = [enroll(offering["id"], as_user(country="JO")).get_json()["id"] for _ in range(2)]
    return offering, ids


def test_approving_a_selection_says_how_many_first_then_approves_them_all(
        jordan_admin, awaiting, client, as_user):
    offering, ids = awaiting
    jordan_admin.get(f"/console/offerings/{offering['id']}")
    review = jordan_admin.post(f"/console/offerings/{offering['id']}/selection",
                               {"action": "approve", "enrollment": [str(i) for i in ids]})
    assert "Admit 2 enrolments?" in text(review)
    done = jordan_admin.post(f"/console/offerings/{offering['id']}/selection/confirm",
                             {"action": "approve", "enrollment": [str(i) for i in ids]})
    assert done.status_code == 302
    admin = as_user("programme_admin")
    assert {client.get(f"/api/v1/enrollments/{i}", headers=admin).get_json()["status"]
            for i in ids} == {"enrolled"}


def test_a_selection_with_one_that_cannot_change_changes_none(jordan_admin, awaiting, client,
                                                              as_user):
    offering, ids = awaiting
    admin = as_user("programme_admin")
    client.patch(f"/api/v1/enrollments/{ids[1]}", headers=admin, json={"status": "enrolled"})
    jordan_admin.get(f"/console/offerings/{offering['id']}")
    refused = jordan_admin.post(f"/console/offerings/{offering['id']}/selection/confirm",
                                {"action": "approve", "enrollment": [str(i) for i in ids]})
    assert refused.status_code == 409 and "Nothing was changed" in text(refused)
    assert client.get(f"/api/v1/enrollments/{ids[0]}", headers=admin).get_json()[
        "status"] == "pending"


def test_another_countrys_offering_is_the_not_found_page(jordan_admin, make_course, client,
                                                        as_user):
    course = make_course(country="TO")
    tongan = client.post("/api/v1/offerings", headers=as_user("national_admin", country="TO"),
                         json={"course_id": course["id"], "country": "TO",
                               "starts_at": "2026-12-01T00:00:00+00:00"}).get_json()
    assert jordan_admin.get(f"/console/offerings/{tongan['id']}").status_code == 404
    assert f"/console/offerings/{tongan['id']}" not in text(jordan_admin.get("/console/offerings"))


def test_the_audit_log_shows_my_countrys_events_filtered_in_the_address(jordan_admin):
    jordan_admin.get("/console/people/new")
    jordan_admin.post("/console/people/new", {"email": "audited@example.org",
                                              "name": "Audited Person"})
    log = text(jordan_admin.get("/console/audit?action=user.create"))
    assert "user.create" in log and "rania@example.org" in log
    assert "user.create" not in text(jordan_admin.get("/console/audit?action=user.update"))


def test_the_audit_log_says_what_is_wrong_with_a_date(jordan_admin):
    answer = jordan_admin.get("/console/audit?since=yesterday")
    assert answer.status_code == 422 and 'id="since-error"' in text(answer)


@pytest.fixture
def jordanian_certificate(certified):
    return certified(country="JO", code="HRGM-101")["certificate"]


def test_an_admin_revokes_a_certificate_of_their_country_with_a_reason(
        jordan_admin, jordanian_certificate, client):
    certificate = jordanian_certificate
    listing = text(jordan_admin.get("/console/certificates?course_code=HRGM-101"))
    assert f"/console/certificates/{certificate['id']}" in listing
    jordan_admin.get(f"/console/certificates/{certificate['id']}")
    short = jordan_admin.post(f"/console/certificates/{certificate['id']}/revoke",
                              {"reason": "x"})
    assert short.status_code == 422 and 'id="reason-error"' in text(short)
    done = jordan_admin.post(f"/console/certificates/{certificate['id']}/revoke",
                             {"reason": "Issued in error"})
    assert done.status_code == 302
    verified = client.get(f"/verify/{certificate['code']}",
                          headers={"Accept": "application/json"}).get_json()
    assert verified["status"] == "revoked"


def test_another_countrys_certificate_is_the_not_found_page(jordan_admin, certified):
    tongan = certified(country="TO")["certificate"]
    assert jordan_admin.get(f"/console/certificates/{tongan['id']}").status_code == 404
    assert jordan_admin.post(f"/console/certificates/{tongan['id']}/revoke",
                             {"reason": "Not mine to revoke"}).status_code == 404


def _lina(make_user):
    return make_user("lina@example.org", name="Lina Khalil", country="JO")


def test_an_admin_edits_a_persons_details_and_roles(jordan_admin, make_user, client, as_user):
    user = _lina(make_user)
    jordan_admin.get(f"/console/people/{user}")
    answer = jordan_admin.post(f"/console/people/{user}", {
        "name": "Lina K.", "gender": "female", "language": "ar", "agency": "PSD",
        "rank": "", "roles": ["trainee", "trainer"]})
    assert answer.status_code == 302
    found = client.get(f"/api/v1/users/{user}", headers=as_user("programme_admin")).get_json()
    assert (found["name"], found["agency"], sorted(found["roles"])) == (
        "Lina K.", "PSD", ["trainee", "trainer"])


def test_deactivating_asks_first_then_ends_the_persons_sessions(jordan_admin, make_user,
                                                                browser):
    user = _lina(make_user)
    lina = browser("lina@example.org")
    jordan_admin.get(f"/console/people/{user}")
    review = jordan_admin.post(f"/console/people/{user}/deactivation")
    assert "Deactivate Lina Khalil?" in text(review)
    jordan_admin.post(f"/console/people/{user}/active", {"active": "false"})
    assert lina.get("/").status_code == 302  # signed out at once
    jordan_admin.get(f"/console/people/{user}")
    jordan_admin.post(f"/console/people/{user}/active", {"active": "true"})
    assert browser("lina@example.org").get("/").status_code == 200


def test_a_person_of_another_country_is_the_not_found_page(jordan_admin, make_user):
    tongan = make_user("mele@example.org", country="TO")
    assert jordan_admin.get(f"/console/people/{tongan}").status_code == 404
    assert jordan_admin.post(f"/console/people/{tongan}/active",
                             {"active": "false"}).status_code == 404


def test_an_admin_opens_an_offering_starting_at_the_start_of_a_day_in_their_time_zone(
        jordan_admin, make_course, client, as_user):
    course = make_course(code="REG-1")
    jordan_admin.get("/console/offerings/new")
    answer = jordan_admin.post("/console/offerings/new", {
        "course_id": str(course["id"]), "mode": "self_paced", "starts_at": "2027-02-01",
        "capacity": "20", "self_enrollment": "on", "waitlist_enabled": "on"})
    assert answer.status_code == 302
    offering_id = int(answer.headers["Location"].rsplit("/", 1)[-1])
    offering = client.get(f"/api/v1/offerings/{offering_id}",
                          headers=as_user("programme_admin")).get_json()
    assert offering["country"] == "JO" and offering["capacity"] == 20
    assert offering["starts_at"].startswith("2027-01-31T2")  # midnight in Amman, in UTC


def test_an_offering_with_a_wrong_date_comes_back_with_what_was_typed(jordan_admin,
                                                                       make_course):
    course = make_course()
    jordan_admin.get("/console/offerings/new")
    answer = jordan_admin.post("/console/offerings/new", {
        "course_id": str(course["id"]), "mode": "blended", "starts_at": "1 Feb",
        "title": "February run"})
    assert answer.status_code == 422
    assert 'id="starts_at-error"' in text(answer) and 'value="February run"' in text(answer)
