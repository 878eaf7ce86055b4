"""Texts the programme writes for people: the template's milestone titles, stored once in
English with their template key and read in each reader's language."""

from __future__ import annotations

from flask_babel import gettext

from ..i18n import N_

QUARTERLY = N_("Quarterly review %(number)s")
# Template key → (message, its parameters).
TEMPLATE_TITLES: dict[str, tuple[str, dict]] = {
    "onboarding": (N_("Onboarding"), {}),
    "development_plan": (N_("Individual development plan"), {}),
    **{f"quarterly_review_{n}": (QUARTERLY, {"number": n}) for n in (1, 2, 3, 5, 6, 7)},
    "mid_programme_review": (N_("Mid-programme review"), {}),
    "final_review": (N_("Final review"), {}),
}


def template_title(key: str) -> str:
    """The stored (English) title of a template milestone."""
    message, params = TEMPLATE_TITLES[key]
    return message % params if params else message


def shown_title(key: str, title: str) -> str:
    """The title in the reader's language: a template milestone that nobody renamed is
    translated; a title the pair or the programme wrote is shown as written."""
    known = TEMPLATE_TITLES.get(key)
    if known is None or title != template_title(key):
        return title
    message, params = known
    return gettext(message, **params)


def milestone_title(milestone) -> str:
    return shown_title(milestone.key, milestone.title)
