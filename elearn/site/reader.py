"""Taking a course: a lesson to read, marking it complete, a quiz and its result."""

from __future__ import annotations

import uuid

from flask import flash, redirect, request, url_for
from flask_babel import gettext

from ..courses.access import get_quiz
from ..courses.models import Lesson, LessonKind
from ..courses.scoring import score_quiz
from ..courses.texts import is_fallback, localize
from ..enrollments import progress, read_models
from ..enrollments.models import Enrollment, EnrollmentStatus, ProgressKind
from ..enrollments.scoping import get_enrollment
from ..errors import ElearnError, NotFound
from ..extensions import db
from ..timeutils import utcnow
from ..web.markdown import safe_html as lesson_html
from .pages import bp, me, render, signed_in


def _own_enrollment(enrollment_id: int) -> Enrollment:
    """The caller's own enrolment: an administrator reads lessons through their own."""
    enrollment = get_enrollment(me(), enrollment_id, *progress.FOR_PROGRESS)
    if enrollment.user_id != me().id:
        raise NotFound(gettext("No such enrolment."))
    return enrollment


def _neighbours(lessons: list[dict], lesson_id: int):
    ids = [lesson["lesson_id"] for lesson in lessons]
    if lesson_id not in ids:
        raise NotFound(gettext("No such lesson."))
    at = ids.index(lesson_id)
    return (lessons[at], lessons[at - 1] if at else None,
            lessons[at + 1] if at + 1 < len(lessons) else None)


def _event_id() -> str:
    """The id a form's submission carries: sent twice, it counts once."""
    return uuid.uuid4().hex


@bp.get("/learn/<int:enrollment_id>/lessons/<int:lesson_id>")
@signed_in
def lesson_page(enrollment_id, lesson_id):
    """A lesson in my language (or a note saying which language it falls back to),
    previous and next, and a button to mark it complete; a quiz lesson shows its quiz."""
    enrollment = _own_enrollment(enrollment_id)
    course = enrollment.offering.course
    lessons = read_models.lesson_progress(enrollment)
    current, previous, following = _neighbours(lessons, lesson_id)
    lesson = db.session.get(Lesson, lesson_id)
    quiz = lesson.quiz if lesson.kind == LessonKind.QUIZ else None
    return render(
        "site/lesson.html", enrollment=enrollment, course=course, lessons=lessons,
        lesson=lesson, current=current, previous=previous, following=following,
        body=lesson_html(localize(lesson.body, course.default_language)),
        falls_back=bool(lesson.body) and is_fallback(lesson.body),
        link=localize(lesson.url, course.default_language) if lesson.url else None,
        quiz=quiz, event_id=_event_id(), localize=lambda texts: localize(
            texts, course.default_language),
        keep=[url_for("site.dashboard"), *(
            url_for("site.lesson_page", enrollment_id=enrollment.id, lesson_id=item["lesson_id"])
            for item in lessons)],
        active=enrollment.status == EnrollmentStatus.ENROLLED)


@bp.post("/learn/<int:enrollment_id>/lessons/<int:lesson_id>/complete")
@signed_in
def complete_lesson(enrollment_id, lesson_id):
    """Mark the lesson complete and go on to the next one."""
    enrollment, lesson = progress.find_for_progress(me(), enrollment_id, lesson_id)
    if enrollment.user_id != me().id:
        raise NotFound(gettext("No such enrolment."))
    event_id = (request.form.get("event_id") or _event_id())[:64]
    try:
        progress.record_progress(me(), enrollment, lesson=lesson, lesson_id=lesson_id,
                                 kind=ProgressKind.COMPLETED, client_event_id=event_id,
                                 now=utcnow())
    except ElearnError as error:
        db.session.rollback()
        flash(str(error.detail or error.title), "problem")
        return redirect(url_for("site.lesson_page", enrollment_id=enrollment_id,
                                lesson_id=lesson_id))
    db.session.commit()
    if enrollment.status == EnrollmentStatus.COMPLETED:
        flash(gettext("Course completed. Your certificate is on the certificates page."),
              "done")
    following = request.form.get("next", type=int)
    return redirect(url_for("site.lesson_page", enrollment_id=enrollment_id,
                            lesson_id=following or lesson_id))


@bp.post("/learn/<int:enrollment_id>/quizzes/<int:quiz_id>")
@signed_in
def submit_quiz(enrollment_id, quiz_id):
    """Score an attempt on the server; the same attempt sent twice counts once."""
    enrollment = _own_enrollment(enrollment_id)
    quiz = get_quiz(me(), quiz_id)
    if quiz.lesson.course_id != enrollment.offering.course_id:
        raise NotFound(gettext("No such quiz."))
    answers = {str(question.id): request.form.getlist(f"question-{question.id}")
               for question in quiz.questions}
    attempt_id = (request.form.get("attempt_id") or _event_id())[:64]
    try:
        status, attempt = progress.submit_attempt(me(), quiz, answers, enrollment=enrollment,
                                                  client_attempt_id=attempt_id, now=utcnow())
    except ElearnError as error:
        db.session.rollback()
        flash(str(error.detail or error.title), "problem")
        return redirect(url_for("site.lesson_page", enrollment_id=enrollment_id,
                                lesson_id=quiz.lesson_id))
    db.session.commit()
    course = quiz.lesson.course
    return render("site/quiz_result.html", enrollment=enrollment, quiz=quiz,
                  summary=progress.attempt_summary(status, attempt, quiz),
                  right=score_quiz(quiz, attempt.answers).correct,
                  localize=lambda texts: localize(texts, course.default_language))
