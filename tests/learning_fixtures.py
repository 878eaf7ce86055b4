"""Fixtures shared by the learning domains: published courses built directly, offerings and
enrolments over HTTP."""

from __future__ import annotations

from datetime import timedelta

import pytest

from elearn.courses.models import Course, Lesson, Module, Question, Quiz
from elearn.courses.texts import search_text
from elearn.extensions import db
from elearn.timeutils import utcnow


@pytest.fixture
def make_course(app):
    """A published course with ``lessons`` text lessons and a final quiz; returns ids."""
    counter = iter(range(1, 10_000))

    def make(*, code=None, country=None, lessons=3, quiz=True, status="published",
             max_attempts=3, pass_mark=50, category="skills", optional_lessons=0):
        with app.app_context():
            course = Course(
                code=code or f"C-{next(counter)}", owner_country_code=country, status=status,
                category=category, default_language="en", languages=["en", "ar"],
                title={"en": "Community policing", "ar": "الشرطة المجتمعية"},
                description={"en": "Working with communities."},
                published_at=utcnow() if status == "published" else None,
            )
            module = Module(course=course, position=1, title={"en": "Basics"})
            made = []
            for position in range(1, lessons + optional_lessons + 1):
                made.append(Lesson(
                    module=module, course=course, key=f"lesson-{position}", position=position,
                    kind="text", required=position <= lessons,
                    title={"en": f"Lesson {position}", "ar": f"الدرس {position}"},
                    body={"en": "Text"}))
            quiz_row = None
            if quiz:
                lesson = Lesson(module=module, course=course, key="final-quiz",
                                position=len(made) + 1, kind="quiz", required=True,
                                title={"en": "Final quiz"})
                quiz_row = Quiz(lesson=lesson, pass_mark=pass_mark, max_attempts=max_attempts)
                for position, correct in ((1, "a"), (2, "b")):
                    quiz_row.questions.append(Question(
                        position=position, kind="single_choice", points=1,
                        text={"en": f"Question {position}"},
                        choices=[{"key": key, "text": {"en": key}, "correct": key == correct}
                                 for key in ("a", "b", "c")]))
                made.append(lesson)
            course.search_text = search_text(course.title, course.description)
            db.session.add(course)
            db.session.commit()
            return {
                "id": course.id, "code": course.code,
                "lessons": [lesson.id for lesson in made if lesson.kind == "text"],
                "required": [lesson.id for lesson in made if lesson.required],
                "quiz": quiz_row.id if quiz_row else None,
                "questions": [q.id for q in quiz_row.questions] if quiz_row else [],
            }

    return make


@pytest.fixture
def make_offering(client, as_user):
    """Create an offering over HTTP as a programme admin; returns its JSON."""
    admin = as_user("programme_admin", country="FJ")

    def make(course_id, **fields):
        payload = {"course_id": course_id,
                   "starts_at": (utcnow() - timedelta(days=1)).isoformat(),
                   "ends_at": (utcnow() + timedelta(days=60)).isoformat()} | fields
        response = client.post("/api/v1/offerings", headers=admin, json=payload)
        assert response.status_code == 201, response.get_json()
        return response.get_json()

    return make


@pytest.fixture
def enroll(client):
    def post(offering_id, headers, **payload):
        return client.post(f"/api/v1/offerings/{offering_id}/enrollments", headers=headers,
                           json=payload)

    return post




def answers(question_ids, right=True):
    """Answers keyed by question id; all right or all wrong."""
    keys = ("a", "b") if right else ("c", "c")
    return {str(qid): [key] for qid, key in zip(question_ids, keys, strict=True)}
