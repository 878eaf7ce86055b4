"""Ed25519 signing keys, JSON Web Signatures and the published key set.

Private keys live as PEM files in the keys folder (`ELEARN_SIGNING_KEYS_DIR`, by default
`instance/keys`), never in the repository. The newest key signs; older ones stay
published so that credentials they signed still verify after a rotation.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from flask import current_app

from ..timeutils import utcnow


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def keys_dir() -> Path:
    configured = current_app.config.get("SIGNING_KEYS_DIR")
    return Path(configured) if configured else Path(current_app.instance_path) / "keys"


def generate_key() -> str:
    """Create a new signing key, which becomes the active one; return its key id."""
    folder = keys_dir()
    folder.mkdir(parents=True, exist_ok=True)
    # to the microsecond: two keys made in one second still sort in the order they were made
    kid = f"{utcnow():%Y%m%d%H%M%S%f}-{secrets.token_hex(3)}"
    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption())
    path = folder / f"{kid}.pem"
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(pem)
    return kid


def _private_keys() -> list[tuple[str, Ed25519PrivateKey]]:
    folder = keys_dir()
    keys = []
    for path in sorted(folder.glob("*.pem")) if folder.is_dir() else []:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
        if isinstance(key, Ed25519PrivateKey):
            keys.append((path.stem, key))
    return keys


def active_key() -> tuple[str, Ed25519PrivateKey]:
    """The newest key; one is generated on first use so a fresh install can sign."""
    keys = _private_keys()
    if not keys:
        generate_key()
        keys = _private_keys()
    return keys[-1]


def public_keys() -> dict[str, Ed25519PublicKey]:
    return {kid: key.public_key() for kid, key in _private_keys()}


def jwks() -> dict:
    """The JSON Web Key Set of every key that may have signed something still valid."""
    active_key()
    return {"keys": [
        {"kty": "OKP", "crv": "Ed25519", "alg": "EdDSA", "use": "sig", "kid": kid,
         "x": b64url(key.public_bytes(serialization.Encoding.Raw,
                                      serialization.PublicFormat.Raw))}
        for kid, key in public_keys().items()
    ]}


def _json(value: dict) -> bytes:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()


def sign(payload: dict, *, typ: str = "JWT") -> str:
    """A compact JWS (EdDSA) of `payload`."""
    kid, key = active_key()
    header = {"alg": "EdDSA", "kid": kid, "typ": typ}
    signing_input = f"{b64url(_json(header))}.{b64url(_json(payload))}"
    return f"{signing_input}.{b64url(key.sign(signing_input.encode()))}"


def verify(token: str) -> dict | None:
    """The payload of a JWS signed by one of our keys, or None if it does not verify."""
    try:
        header_part, payload_part, signature_part = token.split(".")
        header = json.loads(b64url_decode(header_part))
        key = public_keys().get(header.get("kid"))
        if key is None or header.get("alg") != "EdDSA":
            return None
        key.verify(b64url_decode(signature_part), f"{header_part}.{payload_part}".encode())
        return json.loads(b64url_decode(payload_part))
    except (ValueError, InvalidSignature, json.JSONDecodeError):
        return None
