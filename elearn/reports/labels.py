"""Words the reports share for their categories, in the reader's language."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

GENDER_LABELS = {"female": _l("Women"), "male": _l("Men"), "other": _l("Other"),
                 "undisclosed": _l("Undisclosed")}


def suppression_note(report: dict) -> str | None:
    """Why figures are missing, in words: the threshold and how many cells it hid."""
    hidden = report.get("suppressed_cells") or 0
    if not hidden:
        return None
    return ngettext("Figures under %(threshold)d are hidden to protect privacy; "
                    "%(num)d cell hidden.",
                    "Figures under %(threshold)d are hidden to protect privacy; "
                    "%(num)d cells hidden.", hidden,
                    threshold=report.get("suppression_threshold") or 0)
