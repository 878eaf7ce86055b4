"""Texts per language: pick the caller's language, fall back to the course's default."""

from __future__ import annotations

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
