"""What makes the pages an installable app that works offline: the manifest, the service
worker (served from the root so it may look after every page) and the offline page."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from flask import Response, url_for

from ..i18n import RTL_LANGUAGES
from .pages import ASSETS, asset, bp, language, render

WORKER = (Path(__file__).parent / "worker" / "sw.js").read_text(encoding="utf-8")


@bp.get("/sw.js")
def service_worker():
    """The service worker, with the fingerprinted files it keeps; a new release of any of
    them is a new worker."""
    assets = [asset(name) for name in sorted(ASSETS)]
    version = hashlib.sha256(json.dumps(assets).encode()).hexdigest()[:12]
    script = WORKER.replace("__VERSION__", version).replace("__ASSETS__", json.dumps(assets))
    return Response(script, mimetype="text/javascript", headers={
        "Cache-Control": "no-cache", "Service-Worker-Allowed": "/"})


@bp.get("/manifest.webmanifest")
def manifest():
    """Installable: name, colours, icon and the home page, in the reader's language."""
    lang = language()
    body = {"name": "elearn", "short_name": "elearn", "start_url": url_for("site.dashboard"),
            "scope": "/", "display": "standalone", "background_color": "#f3f5f8",
            "theme_color": "#0b4ea2", "lang": lang,
            "dir": "rtl" if lang in RTL_LANGUAGES else "ltr",
            "icons": [{"src": asset("icon.svg"), "sizes": "any", "type": "image/svg+xml"}]}
    return Response(json.dumps(body), mimetype="application/manifest+json",
                    headers={"Cache-Control": "no-cache"})


@bp.get("/offline")
def offline_page():
    """What opens offline in place of a page that was not kept."""
    return render("site/offline.html")
