"""``elearn keys generate|list``: the Ed25519 keys that sign credentials."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from . import signing


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
