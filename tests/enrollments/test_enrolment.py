"""Enrolment rules: duplicates, deadlines, capacity, waitlist, approval, prerequisites."""

from datetime import timedelta

from elearn.courses.models import Prerequisite
from elearn.extensions import db
from elearn.timeutils import utcnow


def test_trainee_enrols_themselves(as_user, make_course, make_offering, enroll):
    offering = make_offering(make_course()["id"])
    response = enroll(offering["id"], as_user("trainee", country="TO"))
    assert response.status_code == 201
    body = response.get_json()
    assert body["status"] == "enrolled" and body["progress_percent"] == 0
    assert body["due_at"] is not None


def test_enrolling_twice_is_409(as_user, make_course, make_offering, enroll):
    offering = make_offering(make_course()["id"])
    headers = as_user("trainee")
    enroll(offering["id"], headers)
    response = enroll(offering["id"], headers)
    assert response.status_code == 409
    assert response.get_json()["type"] == "already-enrolled"


def test_enrolling_after_the_deadline_is_409(as_user, make_course, make_offering, enroll):
    offering = make_offering(make_course()["id"], enrollment_deadline=(
        utcnow() - timedelta(hours=1)).isoformat())
    response = enroll(offering["id"], as_user("trainee"))
    assert response.status_code == 409
    assert response.get_json()["type"] == "deadline-passed"


def test_full_offering_without_waitlist_is_409(as_user, make_course, make_offering, enroll):
    offering = make_offering(make_course()["id"], capacity=1, waitlist_enabled=False)
    enroll(offering["id"], as_user("trainee"))
    response = enroll(offering["id"], as_user("trainee"))
    assert response.status_code == 409
    assert response.get_json()["type"] == "offering-full"


def test_withdrawal_frees_the_place_for_the_first_waiting(client, as_user, make_course,
                                                          make_offering, enroll):
    offering = make_offering(make_course()["id"], capacity=1)
    holder = as_user("trainee")
    held = enroll(offering["id"], holder).get_json()
    first = enroll(offering["id"], as_user("trainee")).get_json()
    second = enroll(offering["id"], as_user("trainee")).get_json()
    response = client.patch(f"/api/v1/enrollments/{held['id']}", headers=holder,
                            json={"status": "withdrawn"})
    assert response.get_json()["status"] == "withdrawn"
    admin = as_user("programme_admin")
    assert client.get(f"/api/v1/enrollments/{first['id']}",
                      headers=admin).get_json()["status"] == "enrolled"
    assert client.get(f"/api/v1/enrollments/{second['id']}",
                      headers=admin).get_json()["status"] == "waitlisted"
    assert client.get(f"/api/v1/offerings/{offering['id']}",
                      headers=admin).get_json()["seats_taken"] == 1


def test_withdrawn_trainee_can_enrol_again(client, as_user, make_course, make_offering, enroll):
    offering = make_offering(make_course()["id"])
    headers = as_user("trainee")
    enrollment = enroll(offering["id"], headers).get_json()
    client.patch(f"/api/v1/enrollments/{enrollment['id']}", headers=headers,
                 json={"status": "withdrawn"})
    again = enroll(offering["id"], headers)
    assert again.status_code == 201
    assert again.get_json()["id"] == enrollment["id"]
    assert again.get_json()["status"] == "enrolled"


def test_approval_required_waits_for_an_admin(client, as_user, make_course, make_offering,
                                              enroll):
    offering = make_offering(make_course()["id"], approval_required=True)
    headers = as_user("trainee", country="FJ")
    pending = enroll(offering["id"], headers).get_json()
    assert pending["status"] == "pending"
    refused = client.patch(f"/api/v1/enrollments/{pending['id']}", headers=headers,
                           json={"status": "enrolled"})
    assert refused.status_code == 403
    approved = client.patch(f"/api/v1/enrollments/{pending['id']}",
                            headers=as_user("national_admin", country="FJ"),
                            json={"status": "enrolled"})
    assert approved.get_json()["status"] == "enrolled"


def test_admin_enrols_someone_of_their_country(client, as_user, make_course, make_offering,
                                               make_user, enroll):
    offering = make_offering(make_course()["id"], self_enrollment=False)
    person = make_user(country="JO")
    response = enroll(offering["id"], as_user("national_admin", country="JO"), user_id=person)
    assert response.status_code == 201
    assert response.get_json()["user_id"] == person


def test_admin_cannot_enrol_another_countrys_officer(as_user, make_course, make_offering,
                                                     make_user, enroll):
    offering = make_offering(make_course()["id"])
    person = make_user(country="FJ")
    response = enroll(offering["id"], as_user("national_admin", country="JO"), user_id=person)
    assert response.status_code == 404


def test_self_enrolment_closed_is_403(as_user, make_course, make_offering, enroll):
    offering = make_offering(make_course()["id"], self_enrollment=False)
    response = enroll(offering["id"], as_user("trainee"))
    assert response.status_code == 403
    assert response.get_json()["type"] == "self-enrollment-closed"


def test_other_countrys_offering_is_404(as_user, make_course, make_offering, enroll):
    offering = make_offering(make_course()["id"], country="FJ")
    assert enroll(offering["id"], as_user("trainee", country="JO")).status_code == 404


def test_missing_prerequisite_is_409_with_the_courses(app, as_user, make_course, make_offering,
                                                      enroll):
    basics = make_course(code="BASICS-1")
    advanced = make_course(code="ADV-1")
    with app.app_context():
        db.session.add(Prerequisite(code="ADV-1", required_code="BASICS-1"))
        db.session.commit()
    offering = make_offering(advanced["id"])
    response = enroll(offering["id"], as_user("trainee"))
    assert response.status_code == 409
    body = response.get_json()
    assert body["type"] == "prerequisites-missing"
    assert body["missing_courses"] == ["BASICS-1"]
    assert basics["code"] in body["detail"]


def test_refused_enrolment_with_idempotency_key_leaves_nothing_behind(
    client, as_user, make_course, make_offering, enroll
):
    offering = make_offering(make_course()["id"], capacity=1, waitlist_enabled=False)
    enroll(offering["id"], as_user("trainee"))
    headers = as_user("trainee") | {"Idempotency-Key": "retry-me"}
    assert enroll(offering["id"], headers).status_code == 409
    assert enroll(offering["id"], headers).status_code == 409  # replayed, same answer
    assert client.get("/api/v1/me/enrollments", headers=headers).get_json()["total"] == 0


def test_a_waitlisted_person_is_not_admitted_past_a_full_offering(client, as_user, make_course,
                                                                   make_offering, enroll):
    offering = make_offering(make_course()["id"], capacity=1)
    enroll(offering["id"], as_user("trainee"))
    waiting = enroll(offering["id"], as_user("trainee")).get_json()
    admin = as_user("programme_admin")
    response = client.patch(f"/api/v1/enrollments/{waiting['id']}", headers=admin,
                            json={"status": "enrolled"})
    assert response.status_code == 409 and response.get_json()["type"] == "offering-full"
    assert client.get(f"/api/v1/enrollments/{waiting['id']}",
                      headers=admin).get_json()["status"] == "waitlisted"


def test_a_waitlisted_person_is_admitted_when_a_place_is_free(client, app, as_user,
                                                              make_course, make_offering,
                                                              enroll):
    from elearn.enrollments.models import Enrollment

    offering = make_offering(make_course()["id"], capacity=1)
    enroll(offering["id"], as_user("trainee"))
    waiting = [enroll(offering["id"], as_user("trainee")).get_json() for _ in range(2)]
    with app.app_context():  # a place freed without the list moving (e.g. before an upgrade)
        from elearn.enrollments.models import Offering

        db.session.get(Offering, offering["id"]).capacity = 2
        db.session.commit()
    admin = as_user("programme_admin")
    response = client.patch(f"/api/v1/enrollments/{waiting[1]['id']}", headers=admin,
                            json={"status": "enrolled"})
    assert response.status_code == 200 and response.get_json()["status"] == "enrolled"
    with app.app_context():
        assert db.session.get(Enrollment, waiting[0]["id"]).status == "waitlisted"
    assert client.get(f"/api/v1/offerings/{offering['id']}",
                      headers=admin).get_json()["seats_taken"] == 2
