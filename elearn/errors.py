"""Every error becomes an RFC 9457 `application/problem+json` answer, in the caller's language."""

from __future__ import annotations

import logging

from flask import Flask, has_request_context, json, request
from flask_babel import force_locale, gettext
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import (
    DataError,
    IntegrityError,
    InterfaceError,
    OperationalError,
    SQLAlchemyError,
)
from werkzeug.exceptions import HTTPException

from .extensions import PROBLEM_MIMETYPE
from .i18n import header_locale, translate_message

logger = logging.getLogger(__name__)



class ElearnError(Exception):
    """A domain error: a status, a stable `type` slug and a translated title and detail."""

    status = 400
    type = "bad-request"
    title = _l("Bad request")

    def __init__(self, detail=None, *, type=None, title=None, errors=None, headers=None,
                 extra=None):
        super().__init__(str(detail) if detail is not None else str(self.title))
        self.detail = detail
        if type is not None:
            self.type = type
        if title is not None:
            self.title = title
        self.errors = errors
        self.headers = headers or {}
        self.extra = extra or {}


class Unauthorized(ElearnError):
    status = 401
    type = "not-authenticated"
    title = _l("Not signed in")


class Forbidden(ElearnError):
    status = 403
    type = "forbidden"
    title = _l("Not allowed")


class NotFound(ElearnError):
    status = 404
    type = "not-found"
    title = _l("Not found")


class Conflict(ElearnError):
    status = 409
    type = "conflict"
    title = _l("Conflict")


class RuleViolation(ElearnError):
    """Well-formed input that breaks a rule (422)."""

    status = 422
    type = "validation-failed"
    title = _l("The request contains invalid data")


class TooManyRequests(ElearnError):
    status = 429
    type = "too-many-requests"
    title = _l("Too many requests")


def one_or_404(stmt, message):
    """The one row `stmt` selects, or NotFound with `message`: every scoped lookup."""
    from .extensions import db

    found = db.session.scalar(stmt)
    if found is None:
        raise NotFound(message)
    return found


# Titles for errors raised by Flask, Werkzeug and the request parser.
HTTP_TITLES = {
    400: ("malformed-request", _l("Malformed request")),
    401: ("not-authenticated", _l("Not signed in")),
    403: ("forbidden", _l("Not allowed")),
    404: ("not-found", _l("Not found")),
    405: ("method-not-allowed", _l("Method not allowed")),
    406: ("not-acceptable", _l("Format not available")),
    409: ("conflict", _l("Conflict")),
    413: ("payload-too-large", _l("The upload is too large")),
    415: ("unsupported-media-type", _l("Unsupported media type")),
    422: ("validation-failed", _l("The request contains invalid data")),
    429: ("too-many-requests", _l("Too many requests")),
    500: ("internal-error", _l("Something went wrong on our side")),
}


def translate_messages(messages):
    """Translate validation messages (strings, lists, nested dicts) to the caller's language."""
    if isinstance(messages, dict):
        return {str(key): translate_messages(value) for key, value in messages.items()}
    if isinstance(messages, list | tuple):
        return [translate_messages(value) for value in messages]
    if messages is None or isinstance(messages, bool | int | float):
        return messages
    text = str(messages)
    return translate_message(text) if text else text


#: How an error is shown to a browser that asked for a page: set by the web app
#: (`site/pages.py`); `(status, title, detail, errors) -> Response`.
page_renderer = None


def _wants_page() -> bool:
    return (page_renderer is not None and has_request_context()
            and not request.path.startswith("/api/")
            and request.accept_mimetypes.best_match(
                (PROBLEM_MIMETYPE, "application/json", "text/html")) == "text/html")


def problem(status, type_, title, detail=None, errors=None, headers=None, extra=None):
    if _wants_page():
        response = page_renderer(status, str(title), None if detail is None else str(detail),
                                 translate_messages(errors) if errors else None)
        for name, value in (headers or {}).items():
            response.headers[name] = value
        return response
    body = {"type": type_, "title": str(title), "status": status}
    if detail is not None:
        body["detail"] = str(detail)
    if errors:
        body["errors"] = translate_messages(errors)
    for name, value in (extra or {}).items():
        body[name] = translate_messages(value) if name.endswith("errors") else value
    response = Flask.response_class(
        json.dumps(body, ensure_ascii=False), status=status, mimetype=PROBLEM_MIMETYPE
    )
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def _flatten_parser_messages(messages):
    """webargs nests errors by location ({"json": {...}}); clients want {field: [messages]}."""
    errors = {}
    for location, fields in messages.items():
        if isinstance(fields, dict):
            errors.update(fields)
        else:
            errors[location] = fields
    return errors


def _rollback() -> None:
    """Nothing a failed request wrote may be committed later (an after-request hook commits)."""
    from .extensions import db

    db.session.rollback()


def handle_domain_error(error: ElearnError):
    _rollback()
    return problem(
        error.status, error.type, error.title, error.detail, error.errors, error.headers,
        error.extra,
    )


def handle_http_exception(error: HTTPException):
    _rollback()
    status = error.code or 500
    type_, title = HTTP_TITLES.get(status, ("http-error", error.name))
    data = getattr(error, "data", None) or {}
    errors = None
    detail = None
    if "messages" in data:
        errors = _flatten_parser_messages(data["messages"])
        if status == 400:
            # The parser could not read the body at all (bad JSON, wrong content type).
            detail = gettext("The request body could not be read as JSON.")
            errors = None
    headers = {
        name: value
        for name, value in error.get_headers()
        if name.lower() not in {"content-type", "content-length"}
    }
    headers.update(data.get("headers") or {})
    return problem(status, type_, title, detail, errors, headers)


def handle_csrf_error(error: CSRFError):
    _rollback()
    if _wants_page():  # a form kept open too long, or posted from elsewhere
        return problem(403, "csrf-failed", _l("Not allowed"),
                       gettext("The form expired. Please try again."))
    return problem(
        403, "csrf-failed", _l("Not allowed"),
        gettext("The CSRF token is missing or invalid. Send it in the X-CSRFToken header."),
    )


def handle_integrity_error(error: IntegrityError):
    from .extensions import db

    db.session.rollback()
    logger.info("integrity error turned into 409: %s", error.orig)
    return problem(
        409, "conflict", _l("Conflict"), gettext("This conflicts with data that already exists.")
    )


def handle_data_error(error: DataError):
    """A value the database cannot store (too long, out of range) that validation let
    through: the caller's input, so 422, and a warning for us to add the missing check."""
    from .extensions import db

    db.session.rollback()
    logger.warning("database refused a value: %s", error.orig)
    return problem(422, "value-not-storable", _l("The request contains invalid data"),
                   gettext("A value is too long or out of range."))


def handle_operational_error(error: OperationalError | InterfaceError):
    """The database is down or busy: 503 with Retry-After, without asking the database
    anything more (not even the caller's language: that comes from Accept-Language)."""
    from .extensions import db

    try:
        db.session.rollback()
    except SQLAlchemyError:
        db.session.invalidate()
    logger.error("database unavailable: %s", error)
    with force_locale(header_locale()):
        return problem(
            503, "database-unavailable", gettext("Service temporarily unavailable"),
            gettext("The database is busy or unavailable. Please try again shortly."),
            headers={"Retry-After": "5"},
        )


def handle_unexpected_error(error: Exception):
    from .extensions import db

    db.session.rollback()
    logger.exception("unhandled error")
    type_, title = HTTP_TITLES[500]
    return problem(500, type_, title)


def init_app(app: Flask) -> None:
    app.register_error_handler(ElearnError, handle_domain_error)
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(IntegrityError, handle_integrity_error)
    app.register_error_handler(DataError, handle_data_error)
    app.register_error_handler(OperationalError, handle_operational_error)
    app.register_error_handler(InterfaceError, handle_operational_error)
    app.register_error_handler(Exception, handle_unexpected_error)
