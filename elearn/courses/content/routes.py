"""A course's content: modules, lessons, quizzes and questions (changed in drafts only)."""

from __future__ import annotations

from flask_smorest import Blueprint

from ...accounts.auth import actor
from ...extensions import db
from ...timeutils import utcnow
from .. import services
from ..access import get_course, get_quiz
from ..schemas import TranslationsArgsSchema
from . import authoring
from .schemas import (
    LessonCreateSchema,
    LessonSchema,
    LessonUpdateSchema,
    ModuleCreateSchema,
    ModuleSchema,
    ModuleUpdateSchema,
    QuestionCreateSchema,
    QuestionSchema,
    QuizUpdateSchema,
    QuizViewSchema,
)

modules_bp = Blueprint("course_modules", __name__, url_prefix="/api/v1/courses",
                       description="Modules and lessons of a course")
quizzes_bp = Blueprint("quizzes", __name__, url_prefix="/api/v1/quizzes",
                       description="Quizzes: the answer key only for the course's editors")

LESSONS = "/<int:course_id>/modules/<int:module_id>/lessons"


@modules_bp.get("/<int:course_id>/modules")
@modules_bp.arguments(TranslationsArgsSchema, location="query")
@modules_bp.response(200, ModuleSchema(many=True))
def list_modules(args, course_id):
    """The modules with their lessons and quizzes, in order, in the caller's language."""
    return services.course_detail(actor(), course_id,
                                  translations=bool(args.get("translations"))).modules


@modules_bp.post("/<int:course_id>/modules")
@modules_bp.arguments(ModuleCreateSchema)
@modules_bp.response(201, ModuleSchema)
def create_module(data, course_id):
    """Add a module at the end of a draft."""
    module = authoring.add_module(actor(), get_course(actor(), course_id), data, now=utcnow())
    db.session.commit()
    return module


@modules_bp.patch("/<int:course_id>/modules/<int:module_id>")
@modules_bp.arguments(ModuleUpdateSchema)
@modules_bp.response(200, ModuleSchema)
def update_module(data, course_id, module_id):
    """Retitle or move a module of a draft."""
    module = authoring.update_module(actor(), get_course(actor(), course_id), module_id, data,
                                   now=utcnow())
    db.session.commit()
    return module


@modules_bp.delete("/<int:course_id>/modules/<int:module_id>")
@modules_bp.response(204)
def delete_module(course_id, module_id):
    """Delete a module of a draft, with its lessons."""
    authoring.delete_module(actor(), get_course(actor(), course_id), module_id, now=utcnow())
    db.session.commit()


@modules_bp.post(LESSONS)
@modules_bp.arguments(LessonCreateSchema)
@modules_bp.response(201, LessonSchema)
def create_lesson(data, course_id, module_id):
    """Add a lesson (with its quiz and questions) at the end of a module of a draft."""
    lesson = authoring.add_lesson(actor(), get_course(actor(), course_id), module_id, data,
                                now=utcnow())
    db.session.commit()
    return lesson


@modules_bp.patch(f"{LESSONS}/<int:lesson_id>")
@modules_bp.arguments(LessonUpdateSchema)
@modules_bp.response(200, LessonSchema)
def update_lesson(data, course_id, module_id, lesson_id):
    """Change or move a lesson of a draft (its key and kind stay)."""
    lesson = authoring.update_lesson(actor(), get_course(actor(), course_id), module_id,
                                   lesson_id, data, now=utcnow())
    db.session.commit()
    return lesson


@modules_bp.delete(f"{LESSONS}/<int:lesson_id>")
@modules_bp.response(204)
def delete_lesson(course_id, module_id, lesson_id):
    """Delete a lesson of a draft, with its quiz."""
    authoring.delete_lesson(actor(), get_course(actor(), course_id), module_id, lesson_id,
                          now=utcnow())
    db.session.commit()


@quizzes_bp.get("/<int:quiz_id>")
@quizzes_bp.arguments(TranslationsArgsSchema, location="query")
@quizzes_bp.response(200, QuizViewSchema)
def get_quiz_detail(args, quiz_id):
    """A quiz's questions and choices; only the course's editors get the answer key."""
    return authoring.quiz_view(actor(), get_quiz(actor(), quiz_id),
                             translations=bool(args.get("translations")))


@quizzes_bp.patch("/<int:quiz_id>")
@quizzes_bp.arguments(QuizUpdateSchema)
@quizzes_bp.response(200, QuizViewSchema)
def update_quiz(data, quiz_id):
    """Change a draft quiz's pass mark or attempt limit."""
    quiz = authoring.update_quiz(actor(), get_quiz(actor(), quiz_id), data, now=utcnow())
    db.session.commit()
    return authoring.quiz_view(actor(), quiz)


@quizzes_bp.post("/<int:quiz_id>/questions")
@quizzes_bp.arguments(QuestionCreateSchema)
@quizzes_bp.response(201, QuestionSchema)
def create_question(data, quiz_id):
    """Add a question at the end of a draft quiz."""
    question = authoring.add_question(actor(), get_quiz(actor(), quiz_id), data, now=utcnow())
    db.session.commit()
    return question


@quizzes_bp.put("/<int:quiz_id>/questions/<int:question_id>")
@quizzes_bp.arguments(QuestionCreateSchema)
@quizzes_bp.response(200, QuestionSchema)
def replace_question(data, quiz_id, question_id):
    """Replace a question of a draft quiz, in its place."""
    question = authoring.replace_question(actor(), get_quiz(actor(), quiz_id), question_id, data,
                                        now=utcnow())
    db.session.commit()
    return question


@quizzes_bp.delete("/<int:quiz_id>/questions/<int:question_id>")
@quizzes_bp.response(204)
def delete_question(quiz_id, question_id):
    """Delete a question of a draft quiz."""
    authoring.delete_question(actor(), get_quiz(actor(), quiz_id), question_id, now=utcnow())
    db.session.commit()


BLUEPRINTS = (modules_bp, quizzes_bp)
