"""Certificates in the console: search those of my countries, issue one by hand with the
reason, and revoke one with its reason; verifiers see the revocation at once."""

from __future__ import annotations

import marshmallow as ma
from flask import flash, redirect, request, url_for
from flask_babel import gettext

from ...accounts.permissions import is_programme_admin
from ...certification.models import CertificateKind
from ...certification.schemas import (
    CertificateCreateSchema,
    CertificateQueryArgsSchema,
    RevokeSchema,
)
from ...certification.services import certificates_query, get_certificate, issue_by_hand, revoke
from ...courses.texts import localize
from ...errors import ElearnError
from ...extensions import db
from ...timeutils import utcnow
from ...web.pagination import paginate
from ..pages import (
    CSV_ROWS,
    admin_only,
    bp,
    csv_download,
    me,
    problems_of,
    render,
    wants_csv,
)
from .lookup import person_by_email


class CertificateArgsSchema(CertificateQueryArgsSchema):
    class Meta:
        unknown = ma.EXCLUDE


@bp.get("/console/certificates")
@admin_only
def console_certificates_page():
    """Certificates of my countries, newest first, filtered by course and state."""
    wanted = {name: value for name, value in request.args.items()
              if value.strip() and name != "format"}
    try:
        args = CertificateArgsSchema().load(wanted | {"per_page": 50})
    except ma.ValidationError as error:
        return render("site/console/certificates.html", status=422, page=None, wanted=wanted,
                      problems=problems_of(error))
    if wants_csv():
        now = utcnow()
        found = db.session.scalars(certificates_query(me(), args).limit(CSV_ROWS))
        return csv_download("certificates", ("code", "holder", "course", "kind", "country",
                                             "issued", "expires", "state"),
                            ((c.code, c.holder_name, c.course_code, c.kind, c.country_code,
                              c.issued_at.date().isoformat(),
                              c.expires_at.date().isoformat() if c.expires_at else "",
                              c.display_status(now)) for c in found))
    page = paginate(certificates_query(me(), args), args)
    return render("site/console/certificates.html", page=page, wanted=wanted, problems={},
                  now=utcnow(), title=lambda certificate: localize(certificate.title, "en"))


def _new_page(*, status: int = 200, typed: dict | None = None, problems: dict | None = None):
    return render("site/console/certificate_new.html", status=status, typed=typed or {},
                  problems=problems or {}, any_kind=is_programme_admin(me()),
                  kinds=[kind.value for kind in CertificateKind])


@bp.get("/console/certificates/new")
@admin_only
def new_certificate_page():
    return _new_page()


@bp.post("/console/certificates/new")
@admin_only
def issue_certificate_page():
    """Issue a certificate by hand to someone of my countries, with the reason."""
    typed = {name: request.form.get(name, "").strip()
             for name in ("email", "course_code", "kind", "reason")}
    problems: dict = {}
    holder = person_by_email(typed, "email", problems)
    data = {"course_code": typed["course_code"].upper(), "kind": typed["kind"] or "course"}
    if typed["reason"]:
        data["reason"] = typed["reason"]
    try:
        if problems:
            raise ma.ValidationError(problems)
        certificate = issue_by_hand(me(), holder, CertificateCreateSchema().load(
            data | {"holder_id": holder.id}), now=utcnow())
    except (ma.ValidationError, ElearnError) as error:
        db.session.rollback()
        return _new_page(status=getattr(error, "status", 422), typed=typed,
                         problems=problems_of(error))
    db.session.commit()
    flash(gettext("The certificate is issued and can be verified at once."), "done")
    return redirect(url_for("site.console_certificate_page", certificate_id=certificate.id))


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
