"""My certificates: the PDF, the public verification link and its QR code to show at a
checkpoint, and whether each is still valid."""

from __future__ import annotations

import segno
from flask import url_for

from ..certification.services import certificates_query
from ..courses.texts import localize
from ..timeutils import utcnow
from ..web.links import public_link
from ..web.pagination import paginate
from .pages import bp, me, page_args, render, signed_in


def _qr(address: str) -> str:
    """The verification address as an SVG QR code, inline (no request to anywhere)."""
    return segno.make(address, error="m").svg_data_uri(scale=4, border=2)


@bp.get("/certificates")
@signed_in
def certificates_page():
    """My certificates, newest first."""
    page = paginate(certificates_query(me(), {}, mine=True), page_args(20))
    now = utcnow()
    shown = []
    for certificate in page["items"]:
        address = public_link("verification.verify_certificate", code=certificate.code)
        shown.append({"certificate": certificate, "status": certificate.display_status(now),
                      "title": localize(certificate.title, "en"), "verify": address,
                      "pdf": url_for("certificates.get_certificate_pdf",
                                     certificate_id=certificate.id),
                      "qr": _qr(address)})
    return render("site/certificates.html", page=page, shown=shown)
