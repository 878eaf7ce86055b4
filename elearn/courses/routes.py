"""The catalogue, course authoring, quizzes and mandatory courses."""

from __future__ import annotations

from flask_smorest import Blueprint
from sqlalchemy import select

from ..accounts.models import User
from ..accounts.permissions import get_user, require_admin, scope_users
from ..errors import NotFound
from ..extensions import db
from ..timeutils import utcnow
from ..web.auth import actor
from ..web.pagination import PaginationArgsSchema, page_of, paginate
from . import services
from .access import get_course
from .models import MandatoryExemption, MandatoryRule, Quiz
from .schemas import (
    CourseCreateSchema,
    CourseDetailSchema,
    CourseQueryArgsSchema,
    CourseSchema,
    CourseUpdateSchema,
    ExemptionCreateSchema,
    ExemptionSchema,
    LessonCreateSchema,
    LessonSchema,
    MandatoryRuleSchema,
    ModuleCreateSchema,
    ModuleSchema,
    QuizViewSchema,
)

bp = Blueprint("courses", __name__, url_prefix="/api/v1/courses",
               description="The catalogue and course authoring")
quizzes_bp = Blueprint("quizzes", __name__, url_prefix="/api/v1/quizzes",
                       description="Quizzes, without their answer key")
rules_bp = Blueprint("mandatory_rules", __name__, url_prefix="/api/v1/mandatory-rules",
                     description="Courses required before whole categories, and exemptions")


def _detail(course_id):
    course = services.load_tree(get_course(actor(), course_id).id)
    services.prerequisite_codes([course])
    return course


@bp.get("")
@bp.arguments(CourseQueryArgsSchema, location="query")
@bp.response(200, page_of(CourseSchema))
def list_courses(args):
    """The catalogue: search in any language, filter, sort, paginate."""
    page = paginate(services.catalogue_query(actor(), args), args)
    services.prerequisite_codes(page["items"])
    return page


@bp.post("")
@bp.arguments(CourseCreateSchema)
@bp.response(201, CourseSchema)
def create_course(data):
    """Create a draft course (national admins: their country's; programme admins: any)."""
    course = services.create_course(actor(), data, now=utcnow())
    db.session.commit()
    return course


@bp.get("/<int:course_id>")
@bp.response(200, CourseDetailSchema)
def get_course_detail(course_id):
    """One course with its modules, lessons and quizzes, in the caller's language."""
    return _detail(course_id)


@bp.patch("/<int:course_id>")
@bp.arguments(CourseUpdateSchema)
@bp.response(200, CourseSchema)
def update_course(data, course_id):
    """Change a draft; a published course changes through a new version."""
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
    """Start the next version of a published course as a draft copy."""
    course = services.new_version(actor(), get_course(actor(), course_id), now=utcnow())
    db.session.commit()
    return course


@bp.get("/<int:course_id>/modules")
@bp.response(200, ModuleSchema(many=True))
def list_modules(course_id):
    """The modules with their lessons and quizzes, in order."""
    return _detail(course_id).modules


@bp.post("/<int:course_id>/modules")
@bp.arguments(ModuleCreateSchema)
@bp.response(201, ModuleSchema)
def create_module(data, course_id):
    """Add a module at the end of a draft."""
    module = services.add_module(actor(), get_course(actor(), course_id), data, now=utcnow())
    db.session.commit()
    return module


@bp.post("/<int:course_id>/modules/<int:module_id>/lessons")
@bp.arguments(LessonCreateSchema)
@bp.response(201, LessonSchema)
def create_lesson(data, course_id, module_id):
    """Add a lesson (and its quiz) at the end of a module of a draft."""
    lesson = services.add_lesson(actor(), get_course(actor(), course_id), module_id, data,
                                 now=utcnow())
    db.session.commit()
    return lesson


@quizzes_bp.get("/<int:quiz_id>")
@quizzes_bp.response(200, QuizViewSchema)
def get_quiz(quiz_id):
    """A quiz's questions; only the course's editors also get the answer key."""
    quiz = db.session.get(Quiz, quiz_id)
    if quiz is None:
        raise NotFound()
    course = get_course(actor(), quiz.lesson.course_id)
    view = {"id": quiz.id, "lesson_id": quiz.lesson_id, "pass_mark": quiz.pass_mark,
            "max_attempts": quiz.max_attempts, "questions": quiz.questions}
    if services.can_edit(actor(), course):
        view["answer_key"] = {str(q.id): sorted(q.correct_keys) for q in quiz.questions}
    return view


@rules_bp.get("")
@rules_bp.response(200, MandatoryRuleSchema(many=True))
def list_rules():
    """Mandatory courses and the categories they come before."""
    actor()
    return db.session.scalars(select(MandatoryRule).order_by(MandatoryRule.required_code,
                                                             MandatoryRule.category))


@rules_bp.post("")
@rules_bp.arguments(MandatoryRuleSchema)
@rules_bp.response(201, MandatoryRuleSchema)
def create_rule(data):
    """Require a course before every course of a category, in every country."""
    rule = services.create_rule(actor(), data, now=utcnow())
    db.session.commit()
    return rule


@rules_bp.delete("/<code>/<category>")
@rules_bp.response(204)
def delete_rule(code, category):
    """Remove a mandatory rule."""
    services.delete_rule(actor(), code, category, now=utcnow())
    db.session.commit()


@rules_bp.get("/<code>/exemptions")
@rules_bp.arguments(PaginationArgsSchema, location="query")
@rules_bp.response(200, page_of(ExemptionSchema))
def list_exemptions(args, code):
    """People excused from a mandatory course, within the caller's scope."""
    require_admin(actor())
    people = scope_users(select(User.id), actor())
    stmt = select(MandatoryExemption).where(MandatoryExemption.required_code == code,
                                            MandatoryExemption.user_id.in_(people))
    return paginate(stmt.order_by(MandatoryExemption.created_at), args)


@rules_bp.post("/<code>/exemptions")
@rules_bp.arguments(ExemptionCreateSchema)
@rules_bp.response(201, ExemptionSchema)
def create_exemption(data, code):
    """Excuse one person from a mandatory course, with the reason."""
    exemption = services.grant_exemption(actor(), code, get_user(actor(), data["user_id"]),
                                         data["reason"], now=utcnow())
    db.session.commit()
    return exemption


BLUEPRINTS = (bp, quizzes_bp, rules_bp)
