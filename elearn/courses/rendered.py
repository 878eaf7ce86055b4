"""A course's detail as rendered JSON, kept per worker for the courses that no longer change.

A published or archived course's structure never changes in place (edits go into a new draft
version), so its detail depends only on its own row, its code's prerequisites and the
language. The key holds all of them, read by one small query on every request: an edit of the
texts, publishing, archiving or a change of prerequisites is a new key on every worker at once,
and the old entry simply ages out. Drafts are rendered on every read.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from functools import lru_cache

from flask import Response, current_app, jsonify
from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, select
from werkzeug.http import generate_etag

from ..accounts.models import User
from ..errors import NotFound
from ..extensions import db
from ..web.conditional import conditional
from .access import course_visibility, get_course, visible_courses
from .catalogue import SHOWN, prerequisite_codes
from .content.schemas import CourseDetailSchema
from .models import Course, CourseStatus

_EXTENSION = "elearn-rendered-courses"
# Bodies above this are rendered on every read, so the cache stays within a few tens of MB.
MAX_KEPT_BYTES = 512 * 1024


class RenderedCourses:
    """A small LRU of (body, ETag) by key, shared by the threads of one worker."""

    def __init__(self, size: int):
        self.size = size
        self._items: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key) -> tuple[bytes, str] | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key, value: tuple[bytes, str]) -> None:
        if self.size <= 0 or len(value[0]) > MAX_KEPT_BYTES:
            return
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)


def rendered_courses() -> RenderedCourses:
    """The app's cache, of `ELEARN_COURSE_CACHE_SIZE` entries."""
    cache = current_app.extensions.get(_EXTENSION)
    if cache is None:
        cache = RenderedCourses(current_app.config["COURSE_CACHE_SIZE"])
        current_app.extensions[_EXTENSION] = cache
    return cache


@lru_cache(maxsize=64)
def _stamp_statement(visibility: str, country: str):
    """Built once per visibility: making the statement costs more than running it."""
    return visible_courses(select(*SHOWN, prerequisite_codes())
                           .where(Course.id == bindparam("course_id")), visibility, country)


def _stamp(actor: User, course_id: int):
    """The course's shown columns and prerequisite codes in one query, or NotFound: any
    change of one of them is a new key."""
    row = db.session.execute(_stamp_statement(*course_visibility(actor)),
                             {"course_id": course_id}).first()
    if row is None:
        raise NotFound(_l("No such course."))
    return row.status, repr(tuple(row))


def _conditional(body: bytes, etag: str) -> Response:
    response = current_app.response_class(body, mimetype="application/json")
    response.set_etag(etag, weak=True)  # as for every other GET (web.conditional)
    return conditional(response)


def course_detail_response(actor: User, course_id: int, *, language: str) -> Response:
    """The detail of a course the actor may see, in `language`, as a conditional response.

    Raises NotFound for a course the actor may not see.
    """
    status, stamp = _stamp(actor, course_id)
    cache, key = rendered_courses(), (course_id, language, stamp)
    found = cache.get(key) if status != CourseStatus.DRAFT else None
    if found is None:
        body = jsonify(CourseDetailSchema().dump(get_course(actor, course_id, tree=True)))
        found = body.get_data(), generate_etag(body.get_data())
        if status != CourseStatus.DRAFT:
            cache.put(key, found)
    return _conditional(*found)
