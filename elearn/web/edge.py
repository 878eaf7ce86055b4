"""What every request is checked for before a view reads it: text that no database column can
hold, anywhere in the path, the query, a form or a JSON body (a NUL character: PostgreSQL
refuses it; an unpaired UTF-16 surrogate: it cannot be encoded), and JSON nested beyond
reason. Each is a translated 4xx here, once, instead of a 500 deep in a view.

A view that checks the items of its body one by one (the offline sync rejects one bad event
and keeps the rest) is marked `checks_own_items`: its body is left to it.
"""

from __future__ import annotations

import re

from flask import Flask, current_app, request
from flask_babel import lazy_gettext as _l

from ..errors import ElearnError, RuleViolation

UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
MAX_JSON_DEPTH = 64


def unstorable_text() -> str:
    return _l("Text must not contain the NUL character or an unpaired surrogate.")


def has_unstorable(text: str) -> bool:
    return UNSTORABLE.search(text) is not None


def checks_own_items(view):
    """Mark a view that validates the text of its body's items itself."""
    view.checks_own_items = True
    return view


# Room for a form's other fields around the file it carries.
UPLOAD_ALLOWANCE = 64 * 1024


def larger_uploads(setting: str):
    """Mark a view whose uploads may be as large as the configuration value `setting` (the
    request's limit is raised before anything reads its body; beyond it, 413)."""

    def mark(view):
        view.upload_limit_setting = setting
        return view

    return mark


class UnsupportedMediaType(ElearnError):
    status = 415
    type = "unsupported-media-type"
    title = _l("The body is not in a format this operation takes")


class MalformedRequest(ElearnError):
    status = 400
    type = "malformed-request"
    title = _l("The request could not be read")


def _json_problems(body, *, text: bool) -> list[str]:
    """The top-level fields holding unstorable text (when `text`); MalformedRequest when
    nested too deep."""
    fields, stack = set(), [(body, None, 0)]
    while stack:
        value, field, depth = stack.pop()
        if depth > MAX_JSON_DEPTH:
            raise MalformedRequest(_l("The JSON body is nested more than %(num)d levels deep.",
                                      num=MAX_JSON_DEPTH))
        if isinstance(value, str):
            if text and has_unstorable(value):
                fields.add(field or "body")
        elif isinstance(value, dict):
            for key, item in value.items():
                if text and has_unstorable(key):
                    fields.add(field or "body")
                stack.append((item, field or key, depth + 1))
        elif isinstance(value, list):
            stack.extend((item, field, depth + 1) for item in value)
    return sorted(fields)


BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})


def _takes_json(view) -> bool:
    """Whether the operation reads a JSON body (as flask-smorest documents its arguments)."""
    parameters = getattr(view, "_apidoc", {}).get("arguments", {}).get("parameters", [])
    return any(parameter.get("in") == "json" for parameter in parameters)


def _check_body_format(view) -> None:
    """A JSON operation gets JSON: 415 for another Content-Type, and a PATCH needs a body."""
    if request.method not in BODY_METHODS or not _takes_json(view):
        return
    has_body = bool(request.content_length) or "chunked" in request.headers.get(
        "Transfer-Encoding", "").lower()
    if has_body and not request.is_json:
        raise UnsupportedMediaType(_l("Send the body as JSON, with the header "
                                      "Content-Type: application/json."))
    if not has_body and request.method == "PATCH":
        raise MalformedRequest(_l("This request needs a JSON body: the fields to change."),
                               type="body-missing")


def _check_request() -> None:
    errors: dict[str, list] = {}
    if has_unstorable(request.path):
        errors["path"] = [unstorable_text()]
    for name, value in request.args.items(multi=True):
        if has_unstorable(name) or has_unstorable(value):
            errors[name if not has_unstorable(name) else "query"] = [unstorable_text()]
    view = current_app.view_functions.get(request.endpoint)
    setting = getattr(view, "upload_limit_setting", None)
    if setting and request.method in BODY_METHODS:
        request.max_content_length = current_app.config[setting] + UPLOAD_ALLOWANCE
    _check_body_format(view)
    own_items = getattr(view, "checks_own_items", False)
    if request.is_json and request.content_length != 0:
        try:
            body = request.get_json(silent=True)
        except RecursionError:
            raise MalformedRequest(_l("The JSON body is nested too deeply.")) from None
        for field in _json_problems(body, text=not own_items):
            errors[field] = [unstorable_text()]
    elif request.mimetype in ("multipart/form-data", "application/x-www-form-urlencoded"):
        for name, value in request.form.items(multi=True):
            if has_unstorable(name) or has_unstorable(value):
                errors[name] = [unstorable_text()]
        for name, upload in request.files.items(multi=True):
            if has_unstorable(upload.filename or ""):
                errors[name] = [unstorable_text()]
    if errors:
        raise RuleViolation(errors=errors)


def init_app(app: Flask) -> None:
    app.before_request(_check_request)
