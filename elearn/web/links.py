"""Addresses people follow from outside a page: in mail, on a certificate and its QR code, in
a calendar feed. One base for all of them."""

from __future__ import annotations

from flask import current_app, has_request_context, request, url_for

DEVELOPMENT_BASE = "http://127.0.0.1:5000"


def public_base() -> str:
    """Where people reach this server, without a trailing slash: `PUBLIC_URL` when it is set
    (`serve` sets it from its address), else the host of the request being answered, else
    the development address."""
    configured = current_app.config.get("PUBLIC_URL")
    if configured:
        return configured.rstrip("/")
    return request.host_url.rstrip("/") if has_request_context() else DEVELOPMENT_BASE


def public_link(endpoint: str, **values) -> str:
    """The address of `endpoint` as someone outside reaches it."""
    return public_base() + url_for(endpoint, **values)
