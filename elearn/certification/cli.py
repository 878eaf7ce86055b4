"""`elearn keys generate|list`: the Ed25519 keys that sign credentials; and
`elearn certificates revoke`."""

from __future__ import annotations

import click
from flask.cli import with_appcontext
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..accounts.cli import acting_admin
from ..errors import one_or_404
from ..timeutils import utcnow
from . import services, signing
from .models import Certificate


@click.group("keys")
def keys_group():
    """Manage the keys that sign certificates' credentials."""


@keys_group.command("generate")
@with_appcontext
def generate_command():
    """Create a new signing key and make it the active one (rotation).

    Older keys stay published so that what they signed still verifies; delete an old key's
    file from the keys folder to retire it.
    """
    kid = signing.generate_key()
    click.echo(f"New active signing key {kid} in {signing.keys_dir()}.")


@keys_group.command("list")
@with_appcontext
def list_command():
    """List the published keys, the active one last."""
    for key in signing.jwks()["keys"]:
        click.echo(f"{key['kid']}  {key['x']}")


@click.group("certificates")
def certificates_group():
    """Manage certificates from the command line."""


@certificates_group.command("revoke")
@click.argument("code")
@click.option("--reason", required=True, help="Why; verifiers see that it is revoked")
@acting_admin
def revoke_command(actor, code, reason):
    """Revoke the certificate with this verification code (full or short, as printed)."""
    code = services.normalise_code(code)
    column = Certificate.short_code if len(code) == services.SHORT_LENGTH else Certificate.code
    certificate = one_or_404(services.scope_certificates(
        select(Certificate).where(column == code), actor), _l("No such certificate."))
    services.revoke(actor, certificate, reason, now=utcnow())
    click.echo(f"Revoked certificate {services.display_code(certificate.short_code)}.")
