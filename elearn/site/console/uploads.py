"""A file uploaded for an import waits in the instance folder between its preview and its
confirmation, named for the admin who sent it: nobody else can confirm it, and an upload
left unconfirmed is forgotten after a day."""

from __future__ import annotations

import secrets
import time
from pathlib import Path

from flask import current_app
from flask_babel import gettext

from ...errors import NotFound
from ..pages import me

KEPT_FOR = 24 * 3600  # seconds an unconfirmed upload waits


def _folder() -> Path:
    path = Path(current_app.instance_path) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def stash(data: bytes) -> str:
    """Keep the upload for the confirmation; forget those left unconfirmed for a day."""
    folder = _folder()
    for old in folder.glob("*.upload"):
        if old.stat().st_mtime < time.time() - KEPT_FOR:
            old.unlink(missing_ok=True)
    token = secrets.token_urlsafe(16)
    (folder / f"{me().id}-{token}.upload").write_bytes(data)
    return token


def stashed(token: str) -> Path:
    path = _folder() / f"{me().id}-{token}.upload"
    if not token.replace("-", "").replace("_", "").isalnum() or not path.is_file():
        raise NotFound(gettext("This import is no longer waiting; upload the file again."))
    return path
