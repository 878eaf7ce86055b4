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


def people(make_user, count, prefix="p"):
    for number in range(count):
        make_user(f"{prefix}{number}@example.org", country="FJ")
    return "email\n" + "".join(f"{prefix}{number}@example.org\n" for number in range(count))


def test_rows_beyond_capacity_without_a_waitlist_enrol_nobody(client, as_user, make_user,
                                                              make_course, make_offering):
    offering = make_offering(make_course()["id"], capacity=1, waitlist_enabled=False)
    admin = as_user("national_admin", country="FJ")
    response = upload(client, offering["id"], admin, people(make_user, 3))
    assert response.status_code == 422
    assert [row["line"] for row in response.get_json()["row_errors"]] == [3, 4]
    assert roster_total(client, offering["id"], admin) == 0


def test_missing_prerequisites_are_reported_per_row(app, client, as_user, make_user,
                                                    make_course, make_offering):
    from elearn.courses.models import Prerequisite
    from elearn.extensions import db

    make_course(code="BASICS-1")
    offering = make_offering(make_course(code="ADV-1")["id"])
    with app.app_context():
        db.session.add(Prerequisite(code="ADV-1", required_code="BASICS-1"))
        db.session.commit()
    admin = as_user("national_admin", country="FJ")
    body = upload(client, offering["id"], admin, people(make_user, 2), dry_run=True).get_json()
    assert [row["line"] for row in body["row_errors"]] == [2, 3]
    assert "BASICS-1" in body["row_errors"][0]["errors"]["email"][0]


def test_a_withdrawn_learner_is_enrolled_again_and_audited(client, as_user, make_user,
                                                           make_course, make_offering):
    offering = make_offering(make_course()["id"])
    admin = as_user("national_admin", country="FJ")
    text = people(make_user, 2)
    assert upload(client, offering["id"], admin, text).status_code == 200
    roster = client.get(f"/api/v1/offerings/{offering['id']}/enrollments",
                        headers=admin).get_json()["items"]
    first = next(row for row in roster if row["user_name"] == "p0@example.org")
    answer = client.patch(f"/api/v1/enrollments/{first['id']}", headers=admin,
                          json={"status": "withdrawn"})
    assert answer.status_code == 200, answer.get_json()
    again = upload(client, offering["id"], admin, text)
    assert [row["line"] for row in again.get_json()["row_errors"]] == [3]  # still enrolled
    body = upload(client, offering["id"], admin, "email\np0@example.org\n")
    assert body.get_json()["enrolled"] == 1
    seats = client.get(f"/api/v1/offerings/{offering['id']}", headers=admin).get_json()
    assert seats["seats_taken"] == 2
    events = client.get("/api/v1/audit-events", headers=admin,
                        query_string={"per_page": 100}).get_json()["items"]
    assert sum(event["action"] == "enrollment.create" for event in events) == 3


def test_statements_do_not_grow_with_the_rows(client, as_user, make_user, make_course,
                                              make_offering, count_queries):
    admin = as_user("national_admin", country="FJ")

    def statements(text):
        offering = make_offering(make_course()["id"], capacity=5)
        with count_queries() as queries:
            assert upload(client, offering["id"], admin, text).status_code == 200
        return len(queries)

    assert statements(people(make_user, 3, "a")) == statements(people(make_user, 30, "b"))
