"""Fixtures: a fresh database per test (SQLite, or PostgreSQL via ELEARN_TEST_DATABASE_URL)."""

from __future__ import annotations

import os
import uuid
from contextlib import contextmanager

import pytest
from flask_migrate import upgrade
from sqlalchemy import event, make_url

from elearn import create_app
from elearn.accounts.countries import seed_countries
from elearn.accounts.services import create_user
from elearn.config import TestConfig
from elearn.extensions import db
from elearn.timeutils import utcnow

pytest_plugins = ["tests.learning_fixtures"]

PASSWORD = "correct horse battery staple"
# The longest tests (whole servers started in a row, the fuzzer's group) go first, so that
# no worker is left with one of them while the others have finished.
LONGEST_FIRST = ("tests/test_serving.py", "tests/test_fuzzing.py")


def pytest_collection_modifyitems(items):
    def rank(item):
        path = item.nodeid.split("::", 1)[0]
        return LONGEST_FIRST.index(path) if path in LONGEST_FIRST else len(LONGEST_FIRST)

    items.sort(key=rank)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    """A database of our own for this run: a new PostgreSQL database, or a SQLite file."""
    server_url = os.environ.get("ELEARN_TEST_DATABASE_URL")
    if not server_url:
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
        return
    import psycopg

    url = make_url(server_url).set(drivername="postgresql+psycopg")
    name = f"elearn_test_{uuid.uuid4().hex[:12]}"
    admin_dsn = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield url.set(database=name).render_as_string(hide_password=False)
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def keys_dir(tmp_path_factory):
    return str(tmp_path_factory.mktemp("keys"))


@pytest.fixture(scope="session")
def _migrated(database_url):
    """Build the schema once per run through the migrations themselves."""
    app = create_app(_config(database_url))
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)
        db.engine.dispose()
    return database_url


def _config(database_url: str) -> dict:
    return {key: getattr(TestConfig, key) for key in dir(TestConfig) if key.isupper()} | {
        "SQLALCHEMY_DATABASE_URI": database_url,
    }


def _empty_tables() -> None:
    """Every row gone, children first. (A DELETE of the few rows a test leaves costs
    PostgreSQL a hundredth of what a TRUNCATE of every table does; ids go on from where
    they were, so no test may count on a particular id.)"""
    with db.engine.begin() as conn:
        for table in reversed(db.metadata.sorted_tables):
            conn.execute(table.delete())


@pytest.fixture(scope="session")
def _app(_migrated, keys_dir):
    """One application per worker: building one (routes, the OpenAPI document) costs more
    than most tests, and a test only ever changes its configuration and lazily made
    extensions, which `app` puts back."""
    return create_app(_config(_migrated) | {"SIGNING_KEYS_DIR": keys_dir})


@pytest.fixture
def app(_app):
    """The application on an empty database (countries seeded), as every test starts."""
    config, extensions = dict(_app.config), dict(_app.extensions)
    with _app.app_context():
        _empty_tables()
        seed_countries()
        db.session.commit()
    yield _app
    with _app.app_context():
        db.session.remove()
        db.engine.dispose()
    _app.config.clear()
    _app.config.update(config)
    _app.extensions.clear()
    _app.extensions.update(extensions)  # a rate limiter's counts, a cache: not the next test's


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def make_user(app):
    """Create a user directly; returns its id. Defaults: a trainee in Fiji."""
    counter = iter(range(1, 1_000_000))

    def make(email=None, *, country="FJ", roles=("trainee",), password=PASSWORD, **fields):
        email = email or f"user{next(counter)}.{country.lower()}@example.org"
        with app.app_context():
            user = create_user(None, {"email": email, "name": fields.pop("name", email),
                                      "country": country, "roles": list(roles),
                                      "password": password, **fields}, now=utcnow())
            db.session.commit()
            return user.id

    return make


@pytest.fixture
def login(client):
    """Sign in over HTTP; returns the bearer token."""

    def sign_in(email, password=PASSWORD):
        response = client.post("/api/v1/auth/login", json={"email": email, "password": password})
        assert response.status_code == 200, response.get_json()
        return response.get_json()["token"]

    return sign_in


@pytest.fixture
def as_user(app, make_user, login):
    """Bearer headers for a new user: ``as_user("national_admin", country="FJ")``."""

    def headers(*roles, country="FJ", **fields):
        email = fields.pop("email", None) or (
            f"{'-'.join(roles) or 'x'}.{uuid.uuid4().hex[:8]}@example.org")
        make_user(email, country=country, roles=roles or ("trainee",), **fields)
        return {"Authorization": f"Bearer {login(email)}"}

    return headers


@pytest.fixture
def user_id(client):
    """The id of the user behind a set of headers."""

    def lookup(headers):
        return client.get("/api/v1/me", headers=headers).get_json()["id"]

    return lookup


@pytest.fixture
def count_queries(app):
    """``with count_queries() as queries: ...`` then ``len(queries)`` statements ran."""

    @contextmanager
    def counting():
        statements = []

        def before(conn, cursor, statement, parameters, context, executemany):
            statements.append(statement)

        with app.app_context():
            engine = db.engine
        event.listen(engine, "before_cursor_execute", before)
        try:
            yield statements
        finally:
            event.remove(engine, "before_cursor_execute", before)

    return counting
