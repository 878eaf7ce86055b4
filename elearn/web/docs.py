"""Interactive API docs at /api/docs, served from the installed Swagger UI bundle (no CDN)."""

from __future__ import annotations

from flask import Flask
from flask_swagger_ui import get_swaggerui_blueprint

DOCS_PATH = "/api/docs"


def init_app(app: Flask) -> None:
    blueprint = get_swaggerui_blueprint(
        DOCS_PATH, "/api/v1/openapi.json", config={"app_name": "elearn API"}
    )
    app.register_blueprint(blueprint)
