"""Certificates for admins and holders, and the public verification of any certificate."""

from __future__ import annotations

from flask import Response, current_app, render_template, request
from flask_babel import force_locale, format_date, gettext
from flask_babel import lazy_gettext as _l
from flask_smorest import Blueprint

from ..accounts.auth import actor
from ..accounts.permissions import get_user
from ..errors import NotFound, TooManyRequests
from ..extensions import db
from ..i18n import LANGUAGES, RTL_LANGUAGES, user_locale
from ..timeutils import utcnow, zone
from ..web.links import public_base
from ..web.pagination import page_of, paginate
from ..web.ratelimit import hit, per_minutes, seconds_to_wait
from . import credentials, services, signing
from .schemas import (
    CertificateCreateSchema,
    CertificateQueryArgsSchema,
    CertificateSchema,
    CredentialSchema,
    RevokeSchema,
    VerificationSchema,
)

bp = Blueprint("certificates", __name__, url_prefix="/api/v1/certificates",
               description="Certificates, scoped to the caller")
my_bp = Blueprint("my_certificates", __name__, url_prefix="/api/v1/me/certificates",
                  description="The signed-in user's certificates")
public_bp = Blueprint("verification", __name__, url_prefix="",
                      description="Public verification, for anyone, without an account")

STATUS_COLOURS = {"valid": "#1d7a46", "expiring_soon": "#9a6b00", "expired": "#8a1c1c",
                  "revoked": "#8a1c1c"}


@bp.get("")
@bp.arguments(CertificateQueryArgsSchema, location="query")
@bp.response(200, page_of(CertificateSchema))
def list_certificates(args):
    """Certificates in the caller's scope, newest first."""
    return paginate(services.certificates_query(actor(), args), args)


@bp.post("")
@bp.arguments(CertificateCreateSchema)
@bp.response(201, CertificateSchema)
def create_certificate(data):
    """Issue a certificate by hand (admins, for people of their country)."""
    holder = get_user(actor(), data["holder_id"])
    certificate = services.issue_by_hand(actor(), holder, data, now=utcnow())
    db.session.commit()
    return certificate


@bp.get("/<int:certificate_id>")
@bp.response(200, CertificateSchema)
def get_certificate(certificate_id):
    """One certificate."""
    return services.get_certificate(actor(), certificate_id)


@bp.post("/<int:certificate_id>/revoke")
@bp.arguments(RevokeSchema)
@bp.response(200, CertificateSchema)
def revoke_certificate(data, certificate_id):
    """Revoke a certificate, with the reason; verifiers see it at once."""
    certificate = services.revoke(actor(), services.get_certificate(actor(), certificate_id),
                                  data["reason"], now=utcnow())
    db.session.commit()
    return certificate


@bp.get("/<int:certificate_id>/pdf")
@bp.response(200, description="The certificate as PDF (A4 landscape)",
             content_type="application/pdf")
def get_certificate_pdf(certificate_id):
    """The printable certificate, in the holder's language (`?language=` to choose)."""
    certificate = services.get_certificate(actor(), certificate_id)
    language = request.args.get("language")
    if language not in LANGUAGES:
        language = user_locale(certificate.holder)
    from . import pdf  # fpdf2 and HarfBuzz load on the first PDF, not in every worker

    body = pdf.render(certificate, language=language, base_url=public_base(),
                      zone=zone(certificate.holder.effective_timezone))
    return Response(body, mimetype="application/pdf", headers={
        "Content-Disposition": f'inline; filename="{pdf.filename(certificate)}"'})


@bp.get("/<int:certificate_id>/credential")
@bp.response(200, CredentialSchema)
def get_credential(certificate_id):
    """The Open Badges 3.0 credential, signed (VC-JWT, EdDSA); keys at /.well-known/jwks.json."""
    certificate = services.get_certificate(actor(), certificate_id)
    base = public_base()
    return {"format": "vc+jwt",
            "jwt": credentials.credential_jwt(certificate, base_url=base),
            "credential": credentials.open_badge(certificate, base_url=base)}


@my_bp.get("")
@my_bp.arguments(CertificateQueryArgsSchema, location="query")
@my_bp.response(200, page_of(CertificateSchema))
def list_my_certificates(args):
    """My certificates, newest first."""
    return paginate(services.certificates_query(actor(), args, mine=True), args)


def _throttle(found: bool) -> None:
    """Lookups per address are limited; misses far more, so codes cannot be guessed."""
    ip = request.remote_addr or "unknown"
    config = current_app.config
    items = [(per_minutes(config["VERIFY_MAX_PER_MINUTE"], 1), ("verify", ip)),
             (per_minutes(config["VERIFY_MAX_MISSES_PER_MINUTE"], 1), ("verify-miss", ip))]
    wait = seconds_to_wait(items)
    if wait:
        raise TooManyRequests(_l("Too many verification requests. Try again in %(seconds)d "
                                 "seconds.", seconds=wait), headers={"Retry-After": str(wait)})
    hit(items if not found else items[:1])


def _wants_html() -> bool:
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    return best == "text/html" and request.accept_mimetypes[best] > request.accept_mimetypes[
        "application/json"]


@public_bp.get("/verify/<code>")
@public_bp.doc(security=[])
@public_bp.response(200, VerificationSchema)
@public_bp.alt_response(200, description="A small page for browsers", content_type="text/html",
                        success=True)
def verify_certificate(code):
    """Check a certificate by its code: JSON for programs, a page for browsers."""
    found = services.verification_by_code(code)
    _throttle(found is not None)
    language = (request.accept_languages.best_match(LANGUAGES)
                or (found and (found.holder_language or found.country_language)) or "en")
    if found is None:
        if _wants_html():
            return _page(None, language, status=404)
        raise NotFound(_l("No certificate has this code."))
    view = credentials.public_view(found, language=language, now=utcnow())
    return _page(view, language) if _wants_html() else view


def _page(view, language: str, status: int = 200) -> Response:
    with force_locale(language):
        labels = {"holder": gettext("Holder"), "certified": gettext("Certified"),
                  "issuer": gettext("Issued by"), "issued": gettext("Issued on"),
                  "expires": gettext("Valid until"), "never": gettext("Does not expire"),
                  "code": gettext("Verification code")}
        status_labels = {"valid": gettext("Valid"),
                         "expiring_soon": gettext("Valid, expiring soon"),
                         "expired": gettext("Expired"), "revoked": gettext("Revoked")}
        html = render_template(
            "verify.html", language=language, rtl=language in RTL_LANGUAGES, view=view,
            heading=gettext("Certificate verification"), labels=labels,
            status_label=status_labels[view["status"]] if view else "",
            colour=STATUS_COLOURS[view["status"]] if view else "#555",
            issued=format_date(view["issued_at"], "long") if view else "",
            expires=(format_date(view["expires_at"], "long")
                     if view and view["expires_at"] else ""),
            not_found=gettext("No certificate has this code."))
    return Response(html, status=status, mimetype="text/html")


@public_bp.get("/.well-known/jwks.json")
@public_bp.doc(security=[])
@public_bp.response(200, description="The issuer's public keys (JWK Set)")
def get_jwks():
    """The public keys that verify our credentials."""
    return signing.jwks()


@public_bp.get("/.well-known/revocations.json")
@public_bp.doc(security=[])
@public_bp.response(200, description="Revoked certificate codes, signed; cache it")
def get_revocations():
    """Every revoked certificate's code, and the same list signed for offline verifiers."""
    listing = credentials.revocation_list(base_url=public_base(), now=utcnow(),
                                          revoked=services.revoked_codes())
    return listing | {"jwt": signing.sign(listing, typ="JWT")}


BLUEPRINTS = (bp, my_bp, public_bp)
