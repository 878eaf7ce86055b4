"""The catalogue: what the caller may see, searched in any language, filtered and sorted."""

from __future__ import annotations

from functools import lru_cache

from sqlalchemy import String, TypeDecorator, case, cast, func, select, type_coerce

from ..accounts.models import User
from ..extensions import db
from ..i18n import LANGUAGES
from ..web.pagination import page_query, run_page
from .access import course_visibility, editable_courses, visible_courses
from .models import Course, CourseStatus, Prerequisite
from .texts import fold

# Every column CourseSchema shows.
SHOWN = (Course.id, Course.code, Course.version, Course.status, Course.owner_country_code,
         Course.category, Course.level, Course.default_language, Course.languages,
         Course.title, Course.description, Course.estimated_minutes,
         Course.certificate_validity_months, Course.published_at, Course.updated_at)


def _title_in(language: str):
    """The title in `language`, else in the course's default language, for ORDER BY."""
    default = case(*((Course.default_language == other, Course.title[other].as_string())
                     for other in LANGUAGES))
    return func.lower(func.coalesce(Course.title[language].as_string(), default))


def _sort_columns(sort: str, language: str) -> tuple:
    if sort == "title":  # only when asked: the expression covers every language
        return (_title_in(language),)
    return {"code": (Course.code, Course.version), "published_at": (Course.published_at,),
            "updated_at": (Course.updated_at,)}[sort]


FILTERS = ("status", "q", "category", "level", "country", "regional", "language", "sort",
           "translations")


def catalogue_query(visibility: tuple[str, str], args: dict, *, language: str):
    """A select of the courses of this `course_visibility`, filtered and sorted as `args`
    ask.

    Only published courses unless `status` says otherwise; publishing a version archives
    the one before, so a code appears once: its newest published version.
    `q` matches every word in the folded titles and descriptions of every language.
    """
    stmt = visible_courses(select(Course), *visibility)
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
    columns = _sort_columns(sort.lstrip("-"), language)
    order = [column.desc() if sort.startswith("-") else column for column in columns]
    return stmt.order_by(*order, Course.id)


class _Codes(TypeDecorator):
    """Codes aggregated comma-separated (codes have no commas), read as a sorted list."""

    impl = String
    cache_ok = True

    def process_result_value(self, value, dialect):
        return sorted(value.split(",")) if value else []


def prerequisite_codes():
    """A column of each course's prerequisite codes, as `Course.prerequisite_codes` lists
    them."""
    return type_coerce(select(func.aggregate_strings(Prerequisite.required_code, ","))
                       .where(Prerequisite.code == Course.code).scalar_subquery(),
                       _Codes).label("prerequisite_codes")


@lru_cache(maxsize=256)
def _page_query(visibility: tuple[str, str], filters: tuple, language: str):
    """The catalogue's page query for a visibility, filters and language, with its
    prerequisites and, when `translations` is among the filters, whether the caller may edit
    each course (`show_translations`). Built once: making it costs more than running it."""
    args = dict(filters)
    stmt = catalogue_query(visibility, args, language=language)
    shown = [*SHOWN, prerequisite_codes()]
    if args.get("translations"):
        shown.append(editable_courses(*visibility).label("show_translations"))
    return page_query(stmt.with_only_columns(*shown))


def catalogue(actor: User, args: dict, *, language: str) -> dict:
    """One page of the catalogue: rows of the columns `CourseSchema` shows, in one query
    whatever the page size. `translations` in `args`: every translation of the courses the
    actor may edit."""
    filters = tuple((name, args[name]) for name in FILTERS if name in args)
    return run_page(_page_query(course_visibility(actor), filters, language), args)


def categories(actor: User) -> list[str]:
    """The categories of the published courses the actor may see, for a filter."""
    stmt = visible_courses(select(Course.category).distinct(), *course_visibility(actor))
    return list(db.session.scalars(stmt.where(Course.status == CourseStatus.PUBLISHED)
                                   .order_by(Course.category)))
