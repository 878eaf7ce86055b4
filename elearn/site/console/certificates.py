"""Certificates in the console: search those of my countries, and revoke one with its
reason after a confirmation; verifiers see the revocation at once."""

from __future__ import annotations

import marshmallow as ma
from flask import flash, redirect, request, url_for
from flask_babel import gettext

from ...certification.schemas import CertificateQueryArgsSchema, RevokeSchema
from ...certification.services import certificates_query, get_certificate, revoke
from ...courses.texts import localize
from ...errors import ElearnError
from ...extensions import db
from ...timeutils import utcnow
from ...web.pagination import paginate
from ..pages import admin_only, bp, me, problems_of, render


class CertificateArgsSchema(CertificateQueryArgsSchema):
    class Meta:
        unknown = ma.EXCLUDE


@bp.get("/console/certificates")
@admin_only
def console_certificates_page():
    """Certificates of my countries, newest first, filtered by course and state."""
    wanted = {name: value for name, value in request.args.items() if value.strip()}
    try:
        args = CertificateArgsSchema().load(wanted | {"per_page": 50})
    except ma.ValidationError as error:
        return render("site/console/certificates.html", status=422, page=None, wanted=wanted,
                      problems=problems_of(error))
    page = paginate(certificates_query(me(), args), args)
    return render("site/console/certificates.html", page=page, wanted=wanted, problems={},
                  now=utcnow(), title=lambda certificate: localize(certificate.title, "en"))


def _certificate_page(certificate_id: int, *, status: int = 200, typed: str = "",
                      problems: dict | None = None):
    certificate = get_certificate(me(), certificate_id)
    return render("site/console/certificate.html", status=status, certificate=certificate,
                  state=certificate.display_status(utcnow()), typed=typed,
                  problems=problems or {}, title=localize(certificate.title, "en"))


@bp.get("/console/certificates/<int:certificate_id>")
@admin_only
def console_certificate_page(certificate_id):
    """One certificate, and revoking it with the reason."""
    return _certificate_page(certificate_id)


@bp.post("/console/certificates/<int:certificate_id>/revoke")
@admin_only
def revoke_certificate_page(certificate_id):
    typed = request.form.get("reason", "")
    try:
        data = RevokeSchema().load({"reason": typed.strip()})
        revoke(me(), get_certificate(me(), certificate_id), data["reason"], now=utcnow())
    except (ma.ValidationError, ElearnError) as error:
        db.session.rollback()
        return _certificate_page(certificate_id, status=getattr(error, "status", 422),
                                 typed=typed, problems=problems_of(error))
    db.session.commit()
    flash(gettext("The certificate is revoked; anyone who checks it now sees so."), "done")
    return redirect(url_for("site.console_certificate_page", certificate_id=certificate_id))
