"""Secrets carried by links: stored only as SHA-256, derived from the secret key where a
message must be written later."""

from __future__ import annotations

import base64
import hashlib
import hmac

from flask import current_app


def digest(value: str) -> str:
    """The SHA-256 (hex) under which a token is stored and looked up."""
    return hashlib.sha256(value.encode()).hexdigest()


def invitation_token(nonce: str) -> str:
    """The token of an invitation link (43 URL-safe characters): HMAC of its nonce."""
    key = current_app.config["SECRET_KEY"].encode()
    mac = hmac.digest(key, b"invitation:" + nonce.encode(), "sha256")
    return base64.urlsafe_b64encode(mac).rstrip(b"=").decode()
