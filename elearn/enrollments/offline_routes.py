"""What a learner's device calls: the dashboard, progress, quiz attempts, sync, course bundles."""

from __future__ import annotations

from flask import Response, request
from flask_smorest import Blueprint

from ..accounts.auth import actor
from ..courses.access import get_course
from ..courses.models import Quiz
from ..database import commit_keeping_loaded, reads_first
from ..errors import NotFound
from ..extensions import db
from ..timeutils import utcnow
from ..web.edge import checks_own_items
from . import progress, read_models, sync
from .bundles import BundleSchema, bundle_etag, load_bundle
from .schemas import (
    AttemptCreateSchema,
    AttemptSchema,
    MyEnrollmentPageSchema,
    MyEnrollmentQueryArgsSchema,
    ProgressCreateSchema,
    ProgressResultSchema,
    SyncAnswerSchema,
    SyncBatchSchema,
)
from .scoping import get_enrollment

my_bp = Blueprint("my_enrollments", __name__, url_prefix="/api/v1/me/enrollments",
                  description="The signed-in learner's courses")
progress_bp = Blueprint("progress", __name__, url_prefix="/api/v1",
                        description="Progress, quiz attempts and offline sync")
bundles_bp = Blueprint("course_bundles", __name__, url_prefix="/api/v1/courses",
                       description="Course content to take offline")


@my_bp.get("")
@my_bp.arguments(MyEnrollmentQueryArgsSchema, location="query")
@my_bp.response(200, MyEnrollmentPageSchema)
def list_my_enrollments(args):
    """My enrolments with progress and the next lesson; `?since=` gives only what changed."""
    return read_models.my_enrollments(actor(), args, now=utcnow())


@progress_bp.post("/enrollments/<int:enrollment_id>/progress")
@progress_bp.arguments(ProgressCreateSchema)
@progress_bp.response(201, ProgressResultSchema)
@reads_first
def create_progress(data, enrollment_id):
    """Record a lesson viewed or completed; the same `client_event_id` counts once."""
    enrollment, lesson = progress.find_for_progress(actor(), enrollment_id, data["lesson_id"])
    status = progress.record_progress(actor(), enrollment, lesson=lesson, now=utcnow(), **data)
    commit_keeping_loaded()  # the answer shows the enrolment just written
    return {"status": status, "enrollment": enrollment}


@progress_bp.post("/quizzes/<int:quiz_id>/attempts")
@progress_bp.arguments(AttemptCreateSchema)
@progress_bp.response(201, AttemptSchema)
def create_attempt(data, quiz_id):
    """Answer a quiz: scored on the server, within the attempt limit."""
    quiz = db.session.get(Quiz, quiz_id)
    if quiz is None:
        raise NotFound()
    enrollment = (get_enrollment(actor(), data.pop("enrollment_id"))
                  if "enrollment_id" in data else None)
    status, attempt = progress.submit_attempt(actor(), quiz, data.pop("answers"),
                                              enrollment=enrollment, now=utcnow(), **data)
    db.session.commit()
    return progress.attempt_summary(status, attempt, quiz)


@progress_bp.post("/sync")
@progress_bp.arguments(SyncBatchSchema)
@progress_bp.response(200, SyncAnswerSchema)
@reads_first
@checks_own_items
def sync_events(data):
    """Apply a batch recorded offline; per event: accepted, duplicate or rejected with why."""
    now = utcnow()
    results = sync.apply_batch(actor(), data["events"], now=now)
    db.session.commit()
    return {"results": results, "synced_at": now}


@bundles_bp.get("/<int:course_id>/bundle")
@bundles_bp.response(200, BundleSchema)
def get_course_bundle(course_id):
    """The whole course in every language, to take offline; honours If-None-Match."""
    course = get_course(actor(), course_id)
    etag = bundle_etag(course)
    if etag in request.if_none_match:
        return Response(status=304, headers={"ETag": f'"{etag}"'})
    return load_bundle(course), 200, {
        "ETag": f'"{etag}"', "Cache-Control": "private, max-age=0, must-revalidate"}


BLUEPRINTS = (my_bp, progress_bp, bundles_bp)
