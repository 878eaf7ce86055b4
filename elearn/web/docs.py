"""Interactive API docs at /api/docs, served from the installed Swagger UI bundle (no CDN);
a browser that opens `/` is sent there."""

from __future__ import annotations

from flask import Flask, redirect, request
from flask_swagger_ui import get_swaggerui_blueprint
from werkzeug.exceptions import NotFound

DOCS_PATH = "/api/docs"


def init_app(app: Flask) -> None:
    blueprint = get_swaggerui_blueprint(
        DOCS_PATH, "/api/v1/openapi.json", config={"app_name": "elearn API"}
    )
    app.register_blueprint(blueprint)
    app.add_url_rule("/", "home", home)


def home():
    """A browser goes to the API docs; an API client gets the usual 404."""
    if request.accept_mimetypes.accept_html:
        return redirect(f"{DOCS_PATH}/", 302)
    raise NotFound()
