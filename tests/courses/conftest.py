"""Fixtures for courses: authoring over HTTP, and what the database holds."""

import pytest
from sqlalchemy import func, select

from elearn.audit.models import AuditEvent
from elearn.courses.models import Course, Lesson, MandatoryExemption, Module, Question
from elearn.extensions import db

COURSES = "/api/v1/courses"
COUNTED = (Course, Module, Lesson, Question, MandatoryExemption, AuditEvent)


def quiz_lesson(key="final-quiz"):
    return {
        "key": key, "kind": "quiz", "title": {"en": "Final quiz"},
        "quiz": {"pass_mark": 50, "max_attempts": 2, "questions": [
            {"kind": "single_choice", "text": {"en": "Which is lawful?"},
             "choices": [{"key": "a", "text": {"en": "Necessary force"}, "correct": True},
                         {"key": "b", "text": {"en": "Punishment"}}]},
            {"kind": "true_false", "text": {"en": "A detained person may see a lawyer."},
             "choices": [{"key": "true", "text": {"en": "True"}, "correct": True},
                         {"key": "false", "text": {"en": "False"}}]},
        ]},
    }


@pytest.fixture
def author(client):
    """Create a course over HTTP with ``lessons`` text lessons and a quiz; returns its JSON."""

    def create(headers, *, code="HR-101", publish=True, lessons=2, quiz=True, **fields):
        body = {"code": code, "category": "human-rights", "default_language": "en",
                "languages": ["en", "ar"],
                "title": {"en": "Human rights in policing", "ar": "حقوق الإنسان في عمل الشرطة"},
                "description": {"en": "Legality, necessity, proportionality."}} | fields
        response = client.post(COURSES, headers=headers, json=body)
        assert response.status_code == 201, response.get_json()
        course = response.get_json()
        module = client.post(f"{COURSES}/{course['id']}/modules", headers=headers,
                             json={"title": {"en": "Foundations"}}).get_json()
        for number in range(1, lessons + 1):
            added = client.post(
                f"{COURSES}/{course['id']}/modules/{module['id']}/lessons", headers=headers,
                json={"key": f"lesson-{number}", "kind": "text",
                      "title": {"en": f"Lesson {number}"}, "body": {"en": "Read this."}})
            assert added.status_code == 201, added.get_json()
        if quiz:
            added = client.post(f"{COURSES}/{course['id']}/modules/{module['id']}/lessons",
                                headers=headers, json=quiz_lesson())
            assert added.status_code == 201, added.get_json()
        if publish:
            published = client.post(f"{COURSES}/{course['id']}/publish", headers=headers)
            assert published.status_code == 200, published.get_json()
        return client.get(f"{COURSES}/{course['id']}", headers=headers).get_json()

    return create


@pytest.fixture
def make_offering_for(client, as_user):
    from datetime import timedelta

    from elearn.timeutils import utcnow

    admin = as_user("programme_admin")

    def make(course_id):
        return client.post("/api/v1/offerings", headers=admin, json={
            "course_id": course_id, "starts_at": utcnow().isoformat(),
            "ends_at": (utcnow() + timedelta(days=30)).isoformat()}).get_json()["id"]

    return make


@pytest.fixture
def snapshot(app):
    """``snapshot()``: the row counts of the course tables and the audit log, and every
    course's (status, updated_at), to show that a refused request changed nothing."""

    def take():
        with app.app_context():
            counts = {model.__name__: db.session.scalar(select(func.count()).select_from(model))
                      for model in COUNTED}
            courses = db.session.execute(select(Course.id, Course.status, Course.updated_at,
                                                Course.title)).all()
            return counts, sorted(map(tuple, courses))

    return take
