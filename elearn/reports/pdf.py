"""The donor summary as a one-page PDF (A4 landscape): a heading, what the figures cover, the
headline totals and the same charts as the PNG, in the caller's language (Arabic right to left)."""

from __future__ import annotations

import io

from babel.dates import format_datetime
from flask_babel import gettext

from ..courses.texts import current_language
from ..i18n import RTL_LANGUAGES
from ..pdfpages import landscape_page
from .charts import HEIGHT_PX, WIDTH_PX, donor_summary_png
from .exports import column_headers
from .labels import suppression_note

PAGE_WIDTH_MM, MARGIN_MM = 297, 10
CHART_TOP_MM, CHART_BOTTOM_MM = 40, 200  # the charts keep the PNG's proportions
NAVY = (20, 45, 90)
HEADLINES = ("enrolled", "completed", "certificates_issued", "trainers_certified",
             "mentees_selected", "alumni", "opportunities_attended")


def _headline(report: dict) -> str:
    """The overall totals, a hidden one shown as such."""
    names, mark = column_headers(), gettext("suppressed")
    values = [(names[key], report["total"].get(key)) for key in HEADLINES]
    return " · ".join(f"{name}: {mark if value is None else value}" for name, value in values)


def _period(filters: dict) -> str:
    if "from" not in filters and "to" not in filters:
        return gettext("all dates")
    return " – ".join(filters.get(key, "…")[:10] for key in ("from", "to"))


def donor_summary_pdf(report: dict, trends: dict) -> bytes:
    """One page: the heading, the period and threshold, the totals, then the four charts."""
    language = current_language()
    title = gettext("Donor summary")
    pdf = landscape_page(title, language, margin_mm=MARGIN_MM)
    pdf.set_text_color(*NAVY)
    align = "R" if language in RTL_LANGUAGES else "L"  # the header starts where reading does
    pdf.set_font("DejaVu", "B", 18)
    pdf.cell(w=0, h=9, text=title, align=align, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 9)
    lines = [gettext(
        "Generated %(when)s · period: %(period)s · cells under %(threshold)s hidden",
        when=format_datetime(report["generated_at"], "medium", locale=language),
        period=_period(report["filters"]), threshold=report.get("suppression_threshold")),
        _headline(report), suppression_note(report)]
    for line in filter(None, lines):
        pdf.multi_cell(w=0, h=5, text=line, align=align, new_x="LMARGIN", new_y="NEXT")
    height = CHART_BOTTOM_MM - CHART_TOP_MM
    width = height * WIDTH_PX / HEIGHT_PX
    pdf.image(io.BytesIO(donor_summary_png(report, trends)), x=(PAGE_WIDTH_MM - width) / 2,
              y=CHART_TOP_MM, w=width, h=height)
    return bytes(pdf.output())
