"""Enrolment from a CSV of e-mail addresses: all or nothing, with a report."""

import io


def upload(client, offering_id, headers, text, dry_run=False):
    return client.post(
        f"/api/v1/offerings/{offering_id}/enrollments/import", headers=headers,
        data={"file": (io.BytesIO(text.encode()), "people.csv")},
        content_type="multipart/form-data",
        query_string={"dry_run": "true"} if dry_run else None)


def roster_total(client, offering_id, headers):
    return client.get(f"/api/v1/offerings/{offering_id}/enrollments",
                      headers=headers).get_json()["total"]


def test_import_enrols_and_waitlists_beyond_capacity(client, as_user, make_user, make_course,
                                                     make_offering):
    offering = make_offering(make_course()["id"], capacity=2)
    for number in range(3):
        make_user(f"p{number}@example.org", country="FJ")
    admin = as_user("national_admin", country="FJ")
    text = "email\np0@example.org\nP1@example.org\np2@example.org\n"
    body = upload(client, offering["id"], admin, text).get_json()
    assert (body["enrolled"], body["waitlisted"]) == (2, 1)
    assert roster_total(client, offering["id"], admin) == 3


def test_one_bad_row_enrols_nobody(client, as_user, make_user, make_course, make_offering):
    offering = make_offering(make_course()["id"])
    make_user("p0@example.org", country="FJ")
    make_user("tongan@example.org", country="TO")
    admin = as_user("national_admin", country="FJ")
    text = "email\np0@example.org\ntongan@example.org\nnobody@example.org\np0@example.org\n"
    response = upload(client, offering["id"], admin, text)
    assert response.status_code == 422
    assert [row["line"] for row in response.get_json()["row_errors"]] == [3, 4, 5]
    assert roster_total(client, offering["id"], admin) == 0


def test_dry_run_reports_without_enrolling(client, as_user, make_user, make_course,
                                           make_offering):
    offering = make_offering(make_course()["id"])
    make_user("p0@example.org", country="FJ")
    admin = as_user("national_admin", country="FJ")
    body = upload(client, offering["id"], admin, "email\np0@example.org\n", dry_run=True)
    assert body.get_json()["rows"] == [{"line": 2, "email": "p0@example.org",
                                        "status": "enrolled"}]
    assert roster_total(client, offering["id"], admin) == 0
    seats = client.get(f"/api/v1/offerings/{offering['id']}", headers=admin).get_json()
    assert seats["seats_taken"] == 0
