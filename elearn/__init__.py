"""elearn: online course delivery for national police training administrators."""

from __future__ import annotations

import logging
from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from .config import Config, ensure_secret_key
from .web.jsonbody import FastJSONProvider


class ElearnFlask(Flask):
    json_provider_class = FastJSONProvider


def create_app(config: type | dict | None = None) -> Flask:
    """Build the application: settings, extensions, error handling, blueprints."""
    app = ElearnFlask(__name__, instance_relative_config=True)
    app.config.from_object(Config)
    if isinstance(config, dict):
        app.config.update(config)
    elif config is not None:
        app.config.from_object(config)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    ensure_secret_key(app)
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        app.config["SQLALCHEMY_DATABASE_URI"] = (
            f"sqlite:///{Path(app.instance_path) / 'elearn.sqlite3'}"
        )
    logging.basicConfig(level=app.config["LOG_LEVEL"])
    if app.config.get("PROXY_COUNT"):
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=app.config["PROXY_COUNT"],
                                x_proto=app.config["PROXY_COUNT"])

    _init_extensions(app)
    _register_blueprints(app)
    _connect_receivers()
    return app


def _connect_receivers() -> None:
    """Each domain's reactions to the others' signals (see `signals.py`), in one list.
    Connecting twice is harmless: a receiver is connected once."""
    from .certification import receivers as certification
    from .live import receivers as live
    from .reminders import receivers as reminders
    from .surveys import receivers as surveys

    for domain in (certification, live, surveys, reminders):
        domain.connect()


def _init_extensions(app: Flask) -> None:
    from . import (
        cli,
        database,  # noqa: F401  (it registers SQLite's connection events)
        errors,
        i18n,
    )
    from .accounts import auth
    from .extensions import babel, csrf, db, login_manager, migrate
    from .web import conditional, docs, edge, idempotency

    db.init_app(app)
    migrate.init_app(app, db, directory=str(Path(__file__).parent.parent / "migrations"),
                     render_as_batch=True)
    i18n.compile_catalogues(app.config["BABEL_TRANSLATION_DIRECTORIES"])
    babel.init_app(app, locale_selector=i18n.select_locale,
                   timezone_selector=i18n.select_timezone)
    login_manager.init_app(app)
    csrf.init_app(app)
    errors.init_app(app)
    auth.init_app(app)  # first: a protected operation answers 401 before reading input
    edge.init_app(app)  # then the input, before any view reads it
    conditional.init_app(app)
    idempotency.init_app(app)  # after conditional: stores the plain body, before gzip
    docs.init_app(app)
    cli.init_app(app)


def _register_site(app: Flask) -> None:
    """The web app's pages (not API operations: they stay out of the OpenAPI document)."""
    from . import errors
    from .site import (  # noqa: F401 — their pages
        account,
        calendar,
        certificates,
        entry,
        learning,
        mentoring,
        offline,
        reader,
        space_library,
        spaces,
        surveys,
        teaching,
        threads,
    )
    from .site.console import (  # noqa: F401 — the console's pages
        audit,
        countries,
        courses,
        enrolment_import,
        glance,
        lessons,
        mandatory,
        mentoring_admin,
        offering_form,
        offerings,
        opportunities,
        outbox,
        packages,
        people,
        people_import,
        person,
        programme_setup,
        programmes,
        reminders,
        reports,
        trainer_requests,
    )
    from .site.console import certificates as console_certificates  # noqa: F401
    from .site.console import events as console_events  # noqa: F401
    from .site.console import sessions as console_sessions  # noqa: F401
    from .site.console import spaces as console_spaces  # noqa: F401
    from .site.console import surveys as console_surveys  # noqa: F401
    from .site.pages import bp, error_page

    app.register_blueprint(bp)
    errors.page_renderer = error_page


def _register_blueprints(app: Flask) -> None:
    from .accounts import routes as accounts
    from .accounts import setup_page
    from .audit import routes as audit
    from .certification import routes as certification
    from .certification import trainer_routes
    from .courses import routes as courses
    from .enrollments import offline_routes as learning
    from .enrollments import routes as enrollments
    from .extensions import api
    from .live import event_routes
    from .live import routes as live
    from .mentoring import routes as mentoring
    from .mentoring.opportunities import routes as opportunity_routes
    from .mentoring.pairings import routes as pairing_routes
    from .networks import library_routes
    from .networks import routes as networks
    from .reminders import mail_page
    from .reminders import routes as reminders
    from .reports import routes as reports
    from .surveys import routes as surveys
    from .web.converters import register_converters

    api.init_app(app, spec_kwargs={"servers": [{"url": "/"}]})
    register_converters(app, api)
    api.spec.components.security_scheme(
        "bearer", {"type": "http", "scheme": "bearer"}
    )
    api.spec.options["security"] = [{"bearer": []}]
    _register_site(app)
    app.register_blueprint(live.feed_bp)
    for module in (accounts, audit, courses, enrollments, learning, certification,
                   trainer_routes, reports, mentoring, pairing_routes, opportunity_routes,
                   networks, library_routes, surveys, live, event_routes, reminders, mail_page,
                   setup_page):
        for blueprint in module.BLUEPRINTS:
            api.register_blueprint(blueprint)
