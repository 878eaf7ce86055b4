"""The catalogue and a course's life: create, change, publish, version, archive, delete."""

from __future__ import annotations

from flask_smorest import Blueprint

from ..accounts.auth import actor
from ..extensions import db
from ..timeutils import utcnow
from ..web.pagination import page_of
from . import catalogue, rendered, services
from .access import get_course
from .content.routes import BLUEPRINTS as CONTENT_BLUEPRINTS
from .content.schemas import CourseDetailSchema
from .mandatory_routes import BLUEPRINTS as RULE_BLUEPRINTS
from .packages import uploads
from .schemas import (
    CourseCreateSchema,
    CourseQueryArgsSchema,
    CourseSchema,
    CourseUpdateSchema,
    PackageUploadSchema,
    TranslationsArgsSchema,
)
from .texts import current_language

bp = Blueprint("courses", __name__, url_prefix="/api/v1/courses",
               description="The catalogue and course authoring")
# Argument schemas are given as instances: given a class, webargs builds one per request.


@bp.get("")
@bp.arguments(CourseQueryArgsSchema(), location="query")
@bp.response(200, page_of(CourseSchema))
def list_courses(args):
    """The catalogue: search in any language, filter, sort, paginate."""
    return catalogue.catalogue(actor(), args, language=current_language())


@bp.post("")
@bp.arguments(CourseCreateSchema())
@bp.response(201, CourseSchema)
def create_course(data):
    """Create a draft course (national admins: their country's; programme admins: any)."""
    course = services.create_course(actor(), data, now=utcnow())
    db.session.commit()
    return course


@bp.post("/import")
@bp.arguments(PackageUploadSchema(), location="files")
@bp.response(201, CourseSchema)
def import_course(files):
    """Import a course package (a .zip of course.yaml and lessons/) as a draft, all or nothing."""
    course = uploads.import_upload(actor(), files, now=utcnow())
    db.session.commit()
    return course


@bp.get("/<int:course_id>")
@bp.arguments(TranslationsArgsSchema(), location="query")
@bp.response(200, CourseDetailSchema)
def get_course_detail(args, course_id):
    """One course with its modules, lessons and quizzes, in the caller's language."""
    if args.get("translations"):
        return services.course_detail(actor(), course_id, translations=True)
    return rendered.course_detail_response(actor(), course_id, language=current_language())


@bp.patch("/<int:course_id>")
@bp.arguments(CourseUpdateSchema())
@bp.response(200, CourseSchema)
def update_course(data, course_id):
    """Change a draft; of a published course only its texts, estimated time, prerequisites."""
    course = services.update_course(actor(), get_course(actor(), course_id), data, now=utcnow())
    db.session.commit()
    return course


@bp.delete("/<int:course_id>")
@bp.response(204)
def delete_course(course_id):
    """Delete a draft."""
    services.delete_course(actor(), get_course(actor(), course_id), now=utcnow())
    db.session.commit()


@bp.post("/<int:course_id>/publish")
@bp.response(200, CourseSchema)
def publish_course(course_id):
    """Publish a draft; the version published before it is archived."""
    course = services.publish(actor(), get_course(actor(), course_id), now=utcnow())
    db.session.commit()
    return course


@bp.post("/<int:course_id>/archive")
@bp.response(200, CourseSchema)
def archive_course(course_id):
    """Take a published course out of the catalogue."""
    course = services.archive(actor(), get_course(actor(), course_id), now=utcnow())
    db.session.commit()
    return course


@bp.post("/<int:course_id>/versions")
@bp.response(201, CourseSchema)
def create_version(course_id):
    """Start the next version of a published course as a draft copy, lesson keys kept."""
    course = services.new_version(actor(), get_course(actor(), course_id), now=utcnow())
    db.session.commit()
    return course


BLUEPRINTS = (bp, *CONTENT_BLUEPRINTS, *RULE_BLUEPRINTS)
