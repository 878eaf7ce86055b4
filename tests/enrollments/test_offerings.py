"""Offerings: who opens them, who sees them, capacity changes."""

from datetime import timedelta

from elearn.timeutils import utcnow

OFFERINGS = "/api/v1/offerings"


def payload(course_id, **fields):
    return {"course_id": course_id, "starts_at": utcnow().isoformat(),
            "ends_at": (utcnow() + timedelta(days=30)).isoformat()} | fields


def test_national_admin_opens_offering_for_own_country(client, as_user, make_course):
    course = make_course()
    response = client.post(OFFERINGS, headers=as_user("national_admin", country="JO"),
                           json=payload(course["id"], capacity=20, mode="blended"))
    assert response.status_code == 201
    body = response.get_json()
    assert (body["country"], body["capacity"], body["mode"], body["seats_taken"]) == (
        "JO", 20, "blended", 0)


def test_national_admin_cannot_open_offering_for_another_country(client, as_user, make_course):
    course = make_course()
    response = client.post(OFFERINGS, headers=as_user("national_admin", country="JO"),
                           json=payload(course["id"], country="FJ"))
    assert response.status_code == 403


def test_draft_course_cannot_be_offered(client, as_user, make_course):
    course = make_course(status="draft")
    response = client.post(OFFERINGS, headers=as_user("programme_admin"),
                           json=payload(course["id"]))
    assert response.status_code == 409
    assert response.get_json()["type"] == "course-not-published"


def test_national_course_is_offered_only_in_its_country(client, as_user, make_course):
    course = make_course(country="TO")
    response = client.post(OFFERINGS, headers=as_user("programme_admin"),
                           json=payload(course["id"], country="FJ"))
    assert response.status_code == 422


def test_end_before_start_is_422(client, as_user, make_course):
    course = make_course()
    response = client.post(OFFERINGS, headers=as_user("programme_admin"), json=payload(
        course["id"], ends_at=(utcnow() - timedelta(days=3)).isoformat()))
    assert response.status_code == 422
    assert "ends_at" in response.get_json()["errors"]


def test_trainers_must_hold_the_trainer_role(client, as_user, make_course, make_user):
    course = make_course()
    trainee = make_user(country="FJ")
    response = client.post(OFFERINGS, headers=as_user("programme_admin"), json=payload(
        course["id"], trainers=[{"user_id": trainee, "role": "lead"}]))
    assert response.status_code == 422
    assert "trainers" in response.get_json()["errors"]


def test_learners_see_their_countrys_and_regional_offerings(client, as_user, make_course,
                                                            make_offering):
    course = make_course()
    fiji = make_offering(course["id"], country="FJ")
    jordan = make_offering(course["id"], country="JO")
    regional = make_offering(course["id"])
    headers = as_user("trainee", country="JO")
    listed = {item["id"] for item in client.get(OFFERINGS, headers=headers).get_json()["items"]}
    assert listed == {jordan["id"], regional["id"]}
    assert client.get(f"{OFFERINGS}/{fiji['id']}", headers=headers).status_code == 404


def test_capacity_cannot_drop_below_places_taken(client, as_user, make_course, make_offering,
                                                 enroll):
    offering = make_offering(make_course()["id"], capacity=5)
    for _ in range(3):
        enroll(offering["id"], as_user("trainee", country="FJ"))
    response = client.patch(f"{OFFERINGS}/{offering['id']}", headers=as_user("programme_admin"),
                            json={"capacity": 2})
    assert response.status_code == 409
    assert response.get_json()["type"] == "capacity-below-enrolled"


def test_more_capacity_promotes_the_waitlist_in_order(client, as_user, make_course,
                                                      make_offering, enroll):
    offering = make_offering(make_course()["id"], capacity=1)
    first = enroll(offering["id"], as_user("trainee")).get_json()
    waiting = [enroll(offering["id"], as_user("trainee")).get_json() for _ in range(3)]
    assert first["status"] == "enrolled"
    assert [w["status"] for w in waiting] == ["waitlisted"] * 3
    client.patch(f"{OFFERINGS}/{offering['id']}", headers=as_user("programme_admin"),
                 json={"capacity": 3})
    admin = as_user("programme_admin")
    statuses = [client.get(f"/api/v1/enrollments/{w['id']}", headers=admin).get_json()["status"]
                for w in waiting]
    assert statuses == ["enrolled", "enrolled", "waitlisted"]


def test_offering_changes_are_audited(client, as_user, make_course, make_offering):
    offering = make_offering(make_course()["id"], country="FJ")
    admin = as_user("national_admin", country="FJ")
    client.patch(f"{OFFERINGS}/{offering['id']}", headers=admin, json={"capacity": 30})
    events = client.get("/api/v1/audit-events", headers=admin,
                        query_string={"action": "offering.update"}).get_json()["items"]
    assert events[0]["details"]["fields"] == ["capacity"]
