"""Texts in several languages as console forms carry them: one field per language, named
`<name>-<language>`, kept only where something was typed."""

from __future__ import annotations

from ...i18n import LANGUAGES


def texts_from(form: dict, name: str, languages=LANGUAGES) -> dict[str, str]:
    """{language: text} of the fields `name-xx` that are not empty."""
    return {language: form[f"{name}-{language}"].strip() for language in languages
            if (form.get(f"{name}-{language}") or "").strip()}


def texts_typed(texts: dict | None, name: str) -> dict[str, str]:
    """The form fields of a {language: text}: what the form shows before anything is typed."""
    return {f"{name}-{language}": text for language, text in (texts or {}).items()}
