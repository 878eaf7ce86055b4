"""A trainee who completes a course, so a certificate exists."""

import pytest

from tests.learning_fixtures import answers


@pytest.fixture
def complete(client):
    """Complete an enrolment over HTTP: every text lesson, then a passing quiz attempt."""

    def run(headers, enrollment_id, course):
        for lesson in course["lessons"]:
            client.post(f"/api/v1/enrollments/{enrollment_id}/progress", headers=headers,
                        json={"lesson_id": lesson, "kind": "completed"})
        response = client.post(f"/api/v1/quizzes/{course['quiz']}/attempts", headers=headers,
                               json={"answers": answers(course["questions"]),
                                     "enrollment_id": enrollment_id})
        assert response.get_json()["enrollment"]["status"] == "completed"

    return run


@pytest.fixture
def certified(as_user, make_course, make_offering, enroll, complete, client):
    """A Tongan trainee who completed a course valid 24 months; returns ids and headers."""

    def make(*, country="TO", language="en", name="Ana Taufa", validity=24,
             roles=("trainee",), gender="female", **fields):
        course = make_course(lessons=1, **fields)
        if validity:
            from elearn.courses.models import Course
            from elearn.extensions import db

            with client.application.app_context():
                db.session.get(Course, course["id"]).certificate_validity_months = validity
                db.session.commit()
        headers = as_user(*roles, country=country, language=language, name=name,
                          gender=gender)
        enrollment = enroll(make_offering(course["id"])["id"], headers).get_json()
        complete(headers, enrollment["id"], course)
        certificate = client.get("/api/v1/me/certificates", headers=headers).get_json()[
            "items"][0]
        return {"headers": headers, "course": course, "enrollment": enrollment["id"],
                "certificate": certificate}

    return make
