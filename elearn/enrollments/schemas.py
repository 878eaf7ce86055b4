"""Input validation and output shape for offerings, enrolments, progress and sync."""

from __future__ import annotations

import marshmallow as ma
from flask_babel import lazy_gettext as _l
from marshmallow import validate

from ..web.pagination import PaginationArgsSchema, ReadSchema, page_of
from ..web.tables import TableReportSchema
from ..web.validation import AwareDateTime, Text, choice, id_field
from .models import EnrollmentStatus, Mode, ProgressKind, TrainerRole

MAX_SYNC_EVENTS = 500


class TrainerSchema(ma.Schema):
    user_id = id_field(required=True)
    role = ma.fields.String(load_default=TrainerRole.CO_FACILITATOR.value,
                            validate=choice(TrainerRole))
    name = ma.fields.Function(lambda trainer: trainer.user.name, dump_only=True)


class OfferingSchema(ma.Schema):
    id = ma.fields.Integer()
    course_id = id_field()
    course_code = ma.fields.Function(lambda offering: offering.course.code)
    course_version = ma.fields.Function(lambda offering: offering.course.version)
    country = ma.fields.String(attribute="country_code", allow_none=True)
    title = ma.fields.String(allow_none=True)
    mode = ma.fields.String()
    starts_at = AwareDateTime()
    ends_at = AwareDateTime(allow_none=True)
    enrollment_deadline = AwareDateTime(allow_none=True)
    capacity = ma.fields.Integer(allow_none=True)
    seats_taken = ma.fields.Integer()
    waitlist_enabled = ma.fields.Boolean()
    approval_required = ma.fields.Boolean()
    self_enrollment = ma.fields.Boolean()
    due_days = ma.fields.Integer(allow_none=True)
    min_sessions_attended = ma.fields.Integer(allow_none=True)
    min_attendance_percent = ma.fields.Integer(allow_none=True)
    cancelled_at = AwareDateTime(allow_none=True)
    trainers = ma.fields.List(ma.fields.Nested(TrainerSchema))
    updated_at = AwareDateTime()


class _OfferingFieldsSchema(ma.Schema):
    title = ma.fields.String(allow_none=True, validate=validate.Length(max=200))
    mode = ma.fields.String(validate=choice(Mode))
    starts_at = AwareDateTime()
    ends_at = AwareDateTime(allow_none=True)
    enrollment_deadline = AwareDateTime(allow_none=True)
    capacity = ma.fields.Integer(allow_none=True, validate=validate.Range(min=0, max=100_000))
    waitlist_enabled = ma.fields.Boolean()
    approval_required = ma.fields.Boolean()
    self_enrollment = ma.fields.Boolean()
    due_days = ma.fields.Integer(allow_none=True, validate=validate.Range(min=1, max=3650))
    min_sessions_attended = ma.fields.Integer(allow_none=True, validate=validate.Range(
        min=1, max=500), metadata={"description": "Live sessions to attend for completion"})
    min_attendance_percent = ma.fields.Integer(allow_none=True, validate=validate.Range(
        min=1, max=100), metadata={"description": "Or this share of the sessions held"})
    trainers = ma.fields.List(ma.fields.Nested(TrainerSchema), validate=validate.Length(max=20))


class OfferingCreateSchema(_OfferingFieldsSchema):
    course_id = id_field(required=True)
    country = ma.fields.String(allow_none=True, validate=validate.Length(equal=2))
    starts_at = AwareDateTime(required=True)


class OfferingUpdateSchema(_OfferingFieldsSchema):
    cancelled = ma.fields.Boolean(metadata={"description": "true cancels the offering"})


class OfferingQueryArgsSchema(PaginationArgsSchema):
    course_id = id_field()
    country = ma.fields.String(validate=validate.Length(equal=2))
    mode = ma.fields.String(validate=choice(Mode))
    open = ma.fields.Boolean(metadata={"description": "only offerings still open for enrolment"})


class EnrollmentSchema(ReadSchema):
    """Dumped from an enrolment, or from a row of the columns shown (`read_models.py`)."""

    id = ma.fields.Integer()
    user_id = id_field()
    user_name = ma.fields.String()
    offering_id = ma.fields.Integer()
    course_id = ma.fields.Integer()
    status = ma.fields.String()
    progress_percent = ma.fields.Integer()
    due_at = AwareDateTime(allow_none=True)
    enrolled_at = AwareDateTime(allow_none=True)
    waitlisted_at = AwareDateTime(allow_none=True)
    completed_at = AwareDateTime(allow_none=True)
    withdrawn_at = AwareDateTime(allow_none=True)
    updated_at = AwareDateTime()


class NextLessonSchema(ReadSchema):
    id = ma.fields.Integer()
    key = ma.fields.String()
    kind = ma.fields.String()
    title = ma.fields.String()


class MyEnrollmentSchema(EnrollmentSchema):
    course_code = ma.fields.String()
    course_title = ma.fields.String()
    course_version = ma.fields.Integer()
    course_updated_at = AwareDateTime()
    lessons_total = ma.fields.Integer()
    lessons_completed = ma.fields.Integer()
    next_lesson = ma.fields.Nested(NextLessonSchema, allow_none=True)


EnrollmentPageSchema = page_of(EnrollmentSchema)


class MyEnrollmentPageSchema(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(MyEnrollmentSchema))
    page = ma.fields.Integer()
    per_page = ma.fields.Integer()
    total = ma.fields.Integer()
    synced_at = AwareDateTime(
        metadata={"description": "Send as ?since= on the next sync"})


class MyEnrollmentQueryArgsSchema(PaginationArgsSchema):
    since = AwareDateTime(
        metadata={"description": "Only enrolments changed after this time"})
    status = ma.fields.String(validate=choice(EnrollmentStatus))


class RosterQueryArgsSchema(PaginationArgsSchema):
    status = ma.fields.String(validate=choice(EnrollmentStatus))


class EnrollmentCreateSchema(ma.Schema):
    user_id = id_field(
        metadata={"description": "Whom to enrol (admins); default: the caller"})


class EnrollmentUpdateSchema(ma.Schema):
    status = ma.fields.String(
        required=True,
        validate=validate.OneOf(["withdrawn", "enrolled"],
                                error=_l("Set withdrawn or enrolled.")),
    )


class ImportedEnrollmentSchema(ma.Schema):
    line = ma.fields.Integer()
    email = ma.fields.String()
    status = ma.fields.String(metadata={"description": "enrolled, waitlisted or pending"})


class EnrollmentImportReportSchema(TableReportSchema):
    enrolled = ma.fields.Integer()
    waitlisted = ma.fields.Integer()
    rows = ma.fields.List(ma.fields.Nested(ImportedEnrollmentSchema))
    row_errors = ma.fields.List(ma.fields.Dict())


class LessonProgressSchema(ma.Schema):
    lesson_id = id_field()
    key = ma.fields.String()
    module_position = ma.fields.Integer()
    position = ma.fields.Integer()
    kind = ma.fields.String()
    required = ma.fields.Boolean()
    title = ma.fields.String()
    first_viewed_at = AwareDateTime(allow_none=True)
    completed_at = AwareDateTime(allow_none=True)
    best_score = ma.fields.Integer(allow_none=True)


class ProgressCreateSchema(ma.Schema):
    lesson_id = id_field(required=True)
    kind = ma.fields.String(required=True, validate=choice(ProgressKind))
    client_event_id = ma.fields.String(validate=validate.Length(min=1, max=64))
    occurred_at = AwareDateTime()


class ProgressResultSchema(ma.Schema):
    status = ma.fields.String(metadata={"description": "accepted or duplicate"})
    enrollment = ma.fields.Nested(EnrollmentSchema)


class AttemptCreateSchema(ma.Schema):
    answers = ma.fields.Dict(
        keys=ma.fields.String(), values=ma.fields.List(ma.fields.String()), required=True,
        metadata={"description": "question id → chosen choice keys"},
    )
    enrollment_id = id_field()
    client_attempt_id = ma.fields.String(validate=validate.Length(min=1, max=64))
    occurred_at = AwareDateTime()


class AttemptSchema(ma.Schema):
    id = ma.fields.Integer()
    status = ma.fields.String(metadata={"description": "accepted or duplicate"})
    number = ma.fields.Integer()
    points = ma.fields.Integer()
    max_points = ma.fields.Integer()
    percent = ma.fields.Integer()
    passed = ma.fields.Boolean()
    attempts_left = ma.fields.Integer(allow_none=True)
    enrollment = ma.fields.Nested(EnrollmentSchema)


class SyncEventSchema(ma.Schema):
    id = Text(required=True, validate=validate.Length(min=1, max=64))
    type = Text(required=True, validate=validate.OneOf(["progress", "quiz_attempt"]))
    enrollment_id = id_field(required=True)
    occurred_at = AwareDateTime(required=True)
    lesson_id = id_field()
    kind = Text(validate=choice(ProgressKind))
    quiz_id = id_field()
    answers = ma.fields.Dict(keys=Text(), values=ma.fields.List(Text()))


class SyncBatchSchema(ma.Schema):
    events = ma.fields.List(
        ma.fields.Raw(allow_none=True), required=True,
        validate=validate.Length(min=1, max=MAX_SYNC_EVENTS),
        metadata={"description": "Events, each checked on its own: a malformed one (even one "
                  "that is not an object) is answered `rejected` in its place and the others "
                  "still count. Fields: `id`, "
                  "`type` (progress or attempt), `enrollment_id`, `occurred_at`, and "
                  "`lesson_id` + `kind` or `quiz_id` + `answers`."})


class SyncResultSchema(ma.Schema):
    id = ma.fields.String(allow_none=True)
    status = ma.fields.String(metadata={"description": "accepted, duplicate or rejected"})
    reason = ma.fields.Dict(allow_none=True)


class SyncAnswerSchema(ma.Schema):
    results = ma.fields.List(ma.fields.Nested(SyncResultSchema))
    synced_at = AwareDateTime()
