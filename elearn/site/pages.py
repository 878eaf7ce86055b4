"""What every page shares: the blueprint, rendering in the reader's language and direction,
the signed-in check, fingerprinted static files, security headers and error pages."""

from __future__ import annotations

import hashlib
from functools import wraps
from pathlib import Path
from urllib.parse import urlsplit

import marshmallow as ma
from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    send_from_directory,
    url_for,
)
from flask_babel import format_date, format_datetime
from flask_login import current_user

from ..accounts.models import User
from ..accounts.permissions import is_admin
from ..courses.texts import current_language as language
from ..errors import NotFound, translate_messages
from ..i18n import RTL_LANGUAGES
from ..web.csvfiles import write_csv_for_spreadsheets
from .names import NAMES

bp = Blueprint("site", __name__, template_folder="templates")

STATIC = Path(__file__).parent / "static"
# Content Security Policy: nothing inline, nothing from another host.
POLICY = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
          "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; "
          "object-src 'none'; manifest-src 'self'; worker-src 'self'")
YEAR = 365 * 24 * 3600


def _fingerprints() -> dict[str, str]:
    """Each static file's address with its content's hash, so it can be kept for a year."""
    names = {}
    for path in sorted(STATIC.iterdir()):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:10]
        names[path.name] = f"{path.stem}.{digest}{path.suffix}"
    return names


ASSETS = _fingerprints()
ORIGINALS = {fingerprinted: name for name, fingerprinted in ASSETS.items()}


def asset(name: str) -> str:
    return url_for("site.static_file", name=ASSETS[name])


@bp.get("/assets/<name>")
def static_file(name):
    """A fingerprinted static file, kept by browsers for a year without asking again."""
    original = ORIGINALS.get(name)
    if original is None:
        abort(404)
    response = send_from_directory(STATIC, original, max_age=YEAR)
    response.headers["Cache-Control"] = f"public, max-age={YEAR}, immutable"
    return response


def me() -> User:
    return current_user._get_current_object()


def _page_html(template: str, lang: str, signed: bool, **context) -> str:
    return render_template(template, language=lang, rtl=lang in RTL_LANGUAGES, asset=asset,
                           me=me() if signed else None, format_date=format_date,
                           format_datetime=format_datetime,
                           **NAMES, **context)


def render(template: str, status: int = 200, **context) -> Response:
    html = _page_html(template, language(), current_user.is_authenticated, **context)
    return Response(html, status=status, mimetype="text/html")


CSV_ROWS = 50_000  # a list downloaded whole, up to this many rows


def wants_csv() -> bool:
    """The list is asked for as a CSV download of exactly what the page's filters show."""
    return request.args.get("format") == "csv"


def csv_download(name: str, header, rows) -> Response:
    """A CSV file that spreadsheets open as UTF-8 (Arabic included)."""
    return Response(write_csv_for_spreadsheets(header, rows), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})


def page_args(per_page: int) -> dict:
    """The page of a list asked for in the address (`?page=`, 1 if missing or wrong)."""
    return {"page": max(request.args.get("page", 1, type=int) or 1, 1), "per_page": per_page}


@bp.app_template_filter("combine")
def combine(mapping: dict, **changes) -> dict:
    """`mapping` with `changes`: the same search on another page."""
    return {**mapping, **changes}


def form_fields(schema) -> dict:
    """The posted fields a schema knows, blanks left out so that `required` speaks for them
    (a list field takes every value posted under its name)."""
    found = {}
    for name, field in schema.fields.items():
        if isinstance(field, ma.fields.List):
            values = [value for value in request.form.getlist(name) if value.strip()]
            if values:
                found[name] = values
        elif (value := request.form.get(name, "")).strip():
            found[name] = value
    return found


def problems_of(error: Exception) -> dict[str, list[str]]:
    """A refused form's reasons by field, translated: from the schema (ValidationError) or
    from the service (ElearnError; `form` when it names no field)."""
    messages = getattr(error, "messages", None) or getattr(error, "errors", None)
    if messages:
        return translate_messages(messages)
    return {"form": [str(getattr(error, "detail", None) or getattr(error, "title", ""))]}


def reasons_of(error: Exception) -> list[str]:
    """A refusal's reasons as sentences, whatever field (or nested field) each was for."""
    found: list[str] = []

    def walk(messages):
        for value in messages.values() if isinstance(messages, dict) else messages:
            if isinstance(value, dict | list):
                walk(value)
            else:
                found.append(str(value))

    walk(problems_of(error))
    return found


def local_target(target: str | None, default: str = "/") -> str:
    """A redirect target on this site only: a path, never another host."""
    if not target:
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return default
    return target


def signed_in(view):
    """A page for signed-in people: anyone else is sent to sign in, and back afterwards."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        if not current_user.is_authenticated:
            return redirect(url_for("site.sign_in", next=request.full_path.rstrip("?")))
        return view(*args, **kwargs)

    return wrapper


def admin_only(view):
    """A console page: national and programme admins; anyone else gets the not-found page,
    as the API answers for what they may not see."""

    @wraps(view)
    @signed_in
    def wrapper(*args, **kwargs):
        if not is_admin(me()):
            raise NotFound()
        return view(*args, **kwargs)

    return wrapper


@bp.after_request
def _headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", POLICY)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    if response.mimetype == "text/html":
        # Pages show personal data: never kept by a shared cache, revalidated by the browser.
        response.headers.setdefault("Cache-Control", "private, no-cache")
    return response


def error_page(status: int, title: str, detail: str | None, errors: dict | None) -> Response:
    """An error answered to a browser: the same message as the API's, as a page."""
    try:
        signed = current_user.is_authenticated
    except Exception:  # the database may be the reason for the error
        signed = False
    lang = language() if signed else (request.accept_languages.best_match(
        current_app.config["LANGUAGES"]) or "en")
    html = _page_html("site/error.html", lang, False, status=status, title=title,
                      detail=detail, errors=errors or {})
    response = Response(html, status=status, mimetype="text/html")
    return _headers(response)
