"""What a certificate says to the world: the public view, the Open Badges 3.0 credential
(a VC-JWT signed with Ed25519) and the compact signed form printed in the QR code."""

from __future__ import annotations

from datetime import datetime

from flask import current_app

from ..courses.texts import localize
from . import signing
from .models import Certificate, CertificateKind, display_status
from .services import display_code

OB_CONTEXT = ["https://www.w3.org/ns/credentials/v2",
              "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]


def issuer_name() -> str:
    return current_app.config["ISSUER_NAME"]


def verify_url(base_url: str, certificate: Certificate) -> str:
    return f"{base_url.rstrip('/')}/verify/{certificate.short_code}"


def public_view(found, *, language: str, now: datetime) -> dict:
    """What a verifier may see: the holder's name, what, by whom, when, status. Nothing else.
    `found` is a row of `services.verification_by_code`."""
    default = "en" if "en" in found.title else next(iter(found.title), "en")
    return {
        "code": display_code(found.short_code),
        "holder_name": found.holder_name,
        "certified": localize(found.title, default, language),
        "course_code": found.course_code,
        "kind": found.kind,
        "issuer": issuer_name(),
        "issued_at": found.issued_at,
        "expires_at": found.expires_at,
        "status": display_status(found.revoked_at, found.expires_at, now).value,
        "revoked_at": found.revoked_at,
    }


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat().replace("+00:00", "Z") if moment else None


def open_badge(certificate: Certificate, *, base_url: str) -> dict:
    """The OpenBadgeCredential (W3C VC data model 2.0) of a certificate."""
    base = base_url.rstrip("/")
    title = certificate.title.get("en") or next(iter(certificate.title.values()), "")
    credential = {
        "@context": OB_CONTEXT,
        "id": verify_url(base, certificate),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": base, "type": ["Profile"], "name": issuer_name()},
        "validFrom": _iso(certificate.issued_at),
        "name": title,
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "name": certificate.holder_name,
            "achievement": {
                "id": f"{base}/achievements/{certificate.kind}/{certificate.course_code}",
                "type": ["Achievement"],
                "achievementType": ("License" if certificate.kind == CertificateKind.TRAINER
                                    else "Certificate"),
                "name": title,
                "description": {"course": "Completion of the course",
                                "trainer": "Certified to deliver the course",
                                "programme": "Completion of the mentoring programme"}[
                                    certificate.kind],
                "criteria": {"narrative": "All required lessons completed and every quiz "
                                          "passed at its pass mark."},
            },
        },
        "credentialStatus": {"id": f"{base}/.well-known/revocations.json",
                             "type": "RevocationList"},
    }
    if certificate.expires_at:
        credential["validUntil"] = _iso(certificate.expires_at)
    return credential


def credential_jwt(certificate: Certificate, *, base_url: str) -> str:
    """The credential as a VC-JWT: verifiable with the published key and nothing else."""
    credential = open_badge(certificate, base_url=base_url)
    claims = {"iss": credential["issuer"]["id"], "jti": credential["id"],
              "sub": credential["id"], "nbf": int(certificate.issued_at.timestamp()),
              "iat": int(certificate.issued_at.timestamp()), "vc": credential}
    if certificate.expires_at:
        claims["exp"] = int(certificate.expires_at.timestamp())
    return signing.sign(claims, typ="vc+jwt")


def compact_token(certificate: Certificate) -> str:
    """A short signed summary for the QR code, checkable offline at a checkpoint."""
    return signing.sign({
        "c": certificate.short_code, "n": certificate.holder_name,
        "a": certificate.course_code, "i": certificate.issued_at.date().isoformat(),
        "e": certificate.expires_at.date().isoformat() if certificate.expires_at else None,
    }, typ="JWT")


def qr_payload(certificate: Certificate, *, base_url: str) -> str:
    """The verification address, with the signed summary after '#' (never sent to servers)."""
    return f"{verify_url(base_url, certificate)}#{compact_token(certificate)}"


def revocation_list(*, base_url: str, now: datetime, revoked) -> dict:
    return {"issuer": base_url.rstrip("/"), "updated_at": _iso(now),
            "revoked": [{"code": code, "revoked_at": _iso(at)} for code, at in revoked]}
