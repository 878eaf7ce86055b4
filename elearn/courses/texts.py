"""Texts per language: pick the caller's language, fall back to the course's default."""

from __future__ import annotations

import unicodedata

from flask import has_request_context
from flask_babel import get_locale


def current_language() -> str:
    return str(get_locale() or "en") if has_request_context() else "en"


def localize(texts: dict | None, default_language: str, language: str | None = None) -> str:
    """The text in ``language`` (the caller's by default), else in the default language."""
    texts = texts or {}
    language = language or current_language()
    return texts.get(language) or texts.get(default_language) or ""


def is_fallback(texts: dict | None, language: str | None = None) -> bool:
    """Whether ``localize`` had to fall back for this text."""
    return not (texts or {}).get(language or current_language())


_ARABIC_FOLDS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه",
                               "ـ": None})


def fold(text: str) -> str:
    """Text for accent-, case- and diacritic-insensitive search, Arabic included."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(stripped.translate(_ARABIC_FOLDS).split())


def search_text(*maps: dict | None) -> str:
    """Every translation of the given texts, folded, for the catalogue's ``?q=``."""
    return "\n".join(fold(text) for texts in maps for text in (texts or {}).values() if text)
