"""The one-page landscape PDFs elearn prints (certificates, the donor summary): the shipped
fonts, and Arabic shaped by HarfBuzz and laid out right to left."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

from .i18n import RTL_LANGUAGES

FONTS = Path(__file__).resolve().parent / "fonts"


def landscape_page(title: str, language: str, *, margin_mm: float | None = None) -> FPDF:
    """An A4 landscape document of one page, its fonts loaded as `DejaVu` (regular and
    `B`), its text shaped in `language`'s direction."""
    pdf = FPDF(orientation="L", unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    if margin_mm is not None:
        pdf.set_margins(margin_mm, margin_mm)
    pdf.set_title(title)
    pdf.set_lang(language)
    pdf.add_font("DejaVu", "", FONTS / "DejaVuSans.ttf")
    pdf.add_font("DejaVu", "B", FONTS / "DejaVuSans-Bold.ttf")
    pdf.set_text_shaping(use_shaping_engine=True,
                         direction="rtl" if language in RTL_LANGUAGES else "ltr")
    pdf.add_page()
    return pdf


def isolate(text: str) -> str:
    """`text` set apart from the direction around it (Unicode FSI ... PDI): a Latin code or
    name inside an Arabic sentence keeps its order and its brackets, on the page and in the
    text a reader copies."""
    return f"\u2068{text}\u2069"
