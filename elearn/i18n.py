"""Languages: the locale selector, catalogue compilation and translation of validation messages."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import current_app, has_request_context, request, session
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user

logger = logging.getLogger(__name__)

RTL_LANGUAGES = frozenset({"ar"})


def N_(text: str) -> str:  # noqa: N802 - the name gettext's extractor looks for
    """Mark a message for extraction; it is translated where it is shown (in the reader's
    language: a mail inside `force_locale`, a page in the request's)."""
    return text


def user_locale(user) -> str:
    """The language to write to `user` in outside a request (mail, certificates)."""
    if user.language:
        return user.language
    country = getattr(user, "country", None)
    return (country.default_language if country else None) or "en"


def select_locale() -> str:
    """The user's preference, else Accept-Language, else the country's default, else English."""
    languages = current_app.config["LANGUAGES"]
    user = current_user if has_request_context() and current_user.is_authenticated else None
    if user is not None and user.language in languages:
        return user.language
    if has_request_context() and session.get("language") in languages:
        return session["language"]  # chosen on a page before signing in
    if has_request_context():
        match = request.accept_languages.best_match(languages)
        if match:
            return match
    if user is not None and user.country is not None:
        return user.country.default_language
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def header_locale() -> str:
    """The caller's language from Accept-Language alone, for answers that must not query
    the database (it may be down)."""
    languages = current_app.config["LANGUAGES"]
    match = request.accept_languages.best_match(languages) if has_request_context() else None
    return match or current_app.config["BABEL_DEFAULT_LOCALE"]


def select_timezone() -> str | None:
    if has_request_context() and current_user.is_authenticated:
        return current_user.effective_timezone
    return None


def compile_catalogues(directory: str | Path) -> int:
    """Compile every `messages.po` whose `.mo` is missing or older; return how many."""
    compiled = 0
    for po_path in Path(directory).glob("*/LC_MESSAGES/messages.po"):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file, locale=po_path.parent.parent.name)
        try:
            with mo_path.open("wb") as mo_file:
                write_mo(mo_file, catalog)
        except OSError:
            logger.warning("cannot write %s; translations stay in English", mo_path)
            continue
        compiled += 1
    return compiled


# The parser's own messages, marked here so that they are extracted into the catalogues.
PARSER_MESSAGES = (
    _l("Missing data for required field."),
    _l("Field may not be null."),
    _l("Invalid value."),
    _l("Invalid type."),
    _l("Invalid input."),
    _l("Invalid input type."),
    _l("Unknown field."),
    _l("Not a valid string."),
    _l("Not a valid integer."),
    _l("Not a valid number."),
    _l("Not a valid boolean."),
    _l("Not a valid list."),
    _l("Not a valid mapping type."),
    _l("Not a valid datetime."),
    _l("Not a valid date."),
    _l("Not a valid email address."),
    _l("Not a valid URL."),
    _l("Not a valid UUID."),
    _l("Number too large."),
    _l("String does not match expected pattern."),
)

# Messages that carry values: English pattern → translatable template.
PARSER_PATTERNS = (
    (re.compile(r"^Shorter than minimum length (?P<min>\S+)\.$"),
     _l("Shorter than minimum length %(min)s.")),
    (re.compile(r"^Longer than maximum length (?P<max>\S+)\.$"),
     _l("Longer than maximum length %(max)s.")),
    (re.compile(r"^Length must be between (?P<min>\S+) and (?P<max>\S+)\.$"),
     _l("Length must be between %(min)s and %(max)s.")),
    (re.compile(r"^Must be greater than or equal to (?P<min>\S+)\.$"),
     _l("Must be greater than or equal to %(min)s.")),
    (re.compile(r"^Must be less than or equal to (?P<max>\S+)\.$"),
     _l("Must be less than or equal to %(max)s.")),
    (re.compile(r"^Must be greater than or equal to (?P<min>\S+) and less than or equal to "
                r"(?P<max>\S+)\.$"),
     _l("Must be between %(min)s and %(max)s.")),
    (re.compile(r"^Must be one of: (?P<choices>.*)\.$"), _l("Must be one of: %(choices)s.")),
)


def translate_message(text: str) -> str:
    """Translate one validation message, including the parser's messages that carry values."""
    translated = gettext(text)
    if translated != text:
        return translated
    for pattern, template in PARSER_PATTERNS:
        match = pattern.match(text)
        if match:
            return str(template) % match.groupdict()
    return text


LANGUAGES = ("en", "fr", "ar", "es")
