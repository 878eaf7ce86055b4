"""The catalogue: what the caller may see, searched in any language, filtered and sorted."""

from __future__ import annotations

from sqlalchemy import String, case, cast, func, select
from sqlalchemy.orm import selectinload

from ..accounts.models import User
from ..i18n import LANGUAGES
from ..web.pagination import paginate
from .access import can_edit, scope_courses
from .models import Course, CourseStatus
from .texts import fold


def _title_in(language: str):
    """The title in ``language``, else in the course's default language, for ORDER BY."""
    default = case(*((Course.default_language == other, Course.title[other].as_string())
                     for other in LANGUAGES))
    return func.lower(func.coalesce(Course.title[language].as_string(), default))


def _sorts(language: str) -> dict:
    return {"code": (Course.code, Course.version), "title": (_title_in(language),),
            "published_at": (Course.published_at,), "updated_at": (Course.updated_at,)}


def catalogue_query(actor: User, args: dict, *, language: str):
    """A select of the courses the actor may see, filtered and sorted as ``args`` ask.

    Only published courses unless ``status`` says otherwise; publishing a version archives
    the one before, so a code appears once: its newest published version.
    ``q`` matches every word in the folded titles and descriptions of every language.
    """
    stmt = scope_courses(select(Course), actor).options(selectinload(Course.prerequisites))
    stmt = stmt.where(Course.status == args.get("status", CourseStatus.PUBLISHED))
    for word in fold(args.get("q", "")).split():
        stmt = stmt.where(Course.search_text.contains(word, autoescape=True))
    for name, column in (("category", Course.category), ("level", Course.level),
                         ("country", Course.owner_country_code)):
        if name in args:
            stmt = stmt.where(column == args[name])
    if args.get("regional") is not None:
        stmt = stmt.where(Course.owner_country_code.is_(None) if args["regional"]
                          else Course.owner_country_code.is_not(None))
    if "language" in args:
        stmt = stmt.where(cast(Course.languages, String).contains(f'"{args["language"]}"'))
    sort = args.get("sort", "code")
    columns = _sorts(language)[sort.lstrip("-")]
    order = [column.desc() if sort.startswith("-") else column for column in columns]
    return stmt.order_by(*order, Course.id)


def catalogue(actor: User, args: dict, *, language: str) -> dict:
    """One page of the catalogue. ``translations`` in ``args``: every translation of the
    courses the actor may edit."""
    page = paginate(catalogue_query(actor, args, language=language), args)
    if args.get("translations"):
        for course in page["items"]:
            course.show_translations = can_edit(actor, course)
    return page
