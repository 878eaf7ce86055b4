"""The printable certificate: A4 landscape, in the holder's language, Arabic shaped right to
left, with a QR code carrying the verification address and a signed summary."""

from __future__ import annotations

import segno
from babel.dates import format_date
from flask_babel import force_locale, gettext, pgettext

from ..accounts.models import Gender
from ..courses.texts import localize
from ..pdfpages import isolate, landscape_page
from .credentials import issuer_name, qr_payload, verify_url
from .models import Certificate, CertificateKind
from .services import display_code

NAVY = (20, 45, 90)
# A checkpoint photographs a printed copy: the code must still read from a 72 dpi image,
# which takes about three pixels a module (the signed summary makes it 65 modules wide).
QR_MM, QR_X, QR_Y = 62, 219, 130


def _lines(certificate: Certificate, language: str, zone) -> dict[str, str]:
    with force_locale(language):
        heading = {CertificateKind.COURSE: gettext("Certificate of completion"),
                   CertificateKind.TRAINER: gettext("Trainer certificate"),
                   CertificateKind.PROGRAMME: gettext("Programme certificate")}[certificate.kind]
        # Arabic, French and Spanish agree the words with the holder: say who they are.
        form = certificate.holder.gender if certificate.holder.gender in (
            Gender.FEMALE, Gender.MALE) else "neutral"
        achievement = (pgettext(form, "is certified to deliver the course")
                       if certificate.kind == CertificateKind.TRAINER
                       else pgettext(form, "has successfully completed"))
        issued = format_date(certificate.issued_at.astimezone(zone), "long", locale=language)
        validity = (gettext("Valid until %(date)s", date=format_date(
            certificate.expires_at.astimezone(zone), "long", locale=language))
            if certificate.expires_at else gettext("Does not expire"))
        return {
            "heading": heading,
            "intro": gettext("This certifies that"),
            "achievement": achievement,
            "issued": gettext("Issued on %(date)s by %(issuer)s", date=isolate(issued),
                              issuer=isolate(issuer_name())),
            "validity": validity,
            "verify": gettext("Verification code: %(code)s",
                              code=isolate(display_code(certificate.short_code))),
        }


def render(certificate: Certificate, *, language: str, base_url: str, zone) -> bytes:
    """The certificate as PDF bytes."""
    lines = _lines(certificate, language, zone)
    pdf = landscape_page(lines["heading"], language)
    pdf.set_author(issuer_name())
    pdf.set_draw_color(*NAVY)
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, 277, 190)
    pdf.set_line_width(0.3)
    pdf.rect(14, 14, 269, 182)
    pdf.set_text_color(*NAVY)

    def line(text: str, size: int, style: str = "", gap: float = 4) -> None:
        pdf.set_font("DejaVu", style, size)
        pdf.multi_cell(w=0, h=size * 0.5, text=text, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(gap)

    pdf.set_y(32)
    line(lines["heading"], 30, "B", 10)
    line(lines["intro"], 14)
    line(certificate.holder_name, 26, "B", 6)
    line(lines["achievement"], 14)
    line(f"{localize(certificate.title, 'en', language)} "
         f"{isolate(f'({certificate.course_code})')}", 20, "B", 10)
    line(lines["issued"], 12, gap=2)
    line(lines["validity"], 12, gap=2)
    _draw_qr(pdf, qr_payload(certificate, base_url=base_url), QR_X, QR_Y, QR_MM)
    pdf.set_xy(20, 176)
    pdf.set_font("DejaVu", "", 9)
    pdf.cell(w=200, h=5, text=lines["verify"], new_x="LMARGIN", new_y="NEXT")
    pdf.set_x(20)
    pdf.cell(w=200, h=5, text=verify_url(base_url, certificate))
    return bytes(pdf.output())


def _draw_qr(pdf, payload: str, x: float, y: float, size: float) -> None:
    """The QR code as filled rectangles (crisp at any resolution, unlike a scaled image),
    on white with a quiet zone of two modules."""
    matrix = segno.make(payload, error="l").matrix
    module = size / (len(matrix) + 4)
    pdf.set_fill_color(255, 255, 255)
    pdf.rect(x, y, size, size, style="F")
    pdf.set_fill_color(0, 0, 0)
    for row, cells in enumerate(matrix):
        column = 0
        while column < len(cells):
            if not cells[column]:
                column += 1
                continue
            start = column
            while column < len(cells) and cells[column]:
                column += 1
            pdf.rect(x + (start + 2) * module, y + (row + 2) * module,
                     (column - start) * module, module, style="F")


def filename(certificate: Certificate) -> str:
    return f"certificate-{certificate.course_code}-{certificate.short_code}.pdf"


