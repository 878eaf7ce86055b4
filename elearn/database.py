"""The database connection: SQLite's settings, and when a request takes SQLite's write lock.

SQLite has one write lock for the whole file. GET, HEAD and OPTIONS begin deferred: under
WAL readers never wait for it. Other requests begin `IMMEDIATE`, so concurrent writers
queue on the busy timeout instead of failing when a reading transaction later wants to
write. Views marked `reads_first` (the hot writes of a learner's device) instead read the
caller and everything else they check in a deferred transaction, and call `begin_writing`
just before their first write: the lock is then held for the writes alone. PostgreSQL locks
rows, not the database: there, none of this applies.
"""

from __future__ import annotations

from flask import current_app, g, has_request_context, request
from sqlalchemy import event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine

from .extensions import db

READ_ONLY_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
DEFERRED = "elearn_deferred"  # connection info: the open transaction began deferred
WRITING = "elearn_writing"  # request flag: the transaction about to begin is for writing


def reads_first(view):
    """Mark a view that reads before it writes and calls `begin_writing` itself.

    Put it nearest the function: the outer decorators copy the mark onto their wrappers.
    """
    view.reads_first = True
    return view


def _reads_first_view() -> bool:
    view = current_app.view_functions.get(request.endpoint)
    return getattr(view, "reads_first", False)


def begin_writing() -> None:
    """About to write: on SQLite, hold the write lock from here to the commit.

    A deferred transaction that has read cannot safely become a write: under WAL it fails at
    once (`SQLITE_BUSY_SNAPSHOT`) when another writer committed meanwhile, instead of
    waiting its turn. So its reads end here and a fresh `BEGIN IMMEDIATE` waits for the
    lock. What was read stays in the session; the writes that depend on it are guarded by
    the database itself (unique keys, conditional UPDATEs). Not inside a savepoint.
    """
    if db.session.get_bind().dialect.name != "sqlite":
        return
    if has_request_context():
        setattr(g, WRITING, True)
    try:
        connection = db.session.connection()  # a transaction begun here is IMMEDIATE
    finally:
        if has_request_context():
            g.pop(WRITING, None)
    if connection.info.get(DEFERRED):
        if db.session().in_nested_transaction():
            raise RuntimeError("begin_writing() inside a savepoint")
        connection.exec_driver_sql("COMMIT")
        connection.exec_driver_sql("BEGIN IMMEDIATE")
        connection.info[DEFERRED] = False


def commit_keeping_loaded() -> None:
    """Commit without expiring what the session holds, for a view that answers with the
    objects it has just written: reading them back would cost a transaction and a query
    per object for values the request itself set."""
    session = db.session()
    session.expire_on_commit = False
    try:
        session.commit()
    finally:
        session.expire_on_commit = True


def dialect_insert():
    """The INSERT construct of the session's database, which knows ON CONFLICT."""
    dialect = db.session.get_bind().dialect.name
    return postgresql.insert if dialect == "postgresql" else sqlite.insert


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, connection_record):
    """SQLite: enforce foreign keys, allow concurrent readers, wait instead of failing.

    The driver's own transaction handling is switched off so that SQLAlchemy emits BEGIN
    itself: otherwise SAVEPOINTs (one per offline sync event) do not work. With WAL,
    `synchronous=NORMAL` is still safe against corruption and saves an fsync per commit.
    """
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()


@event.listens_for(Engine, "begin")
def _sqlite_begin(connection):
    """Deferred for reads and for the reading part of a `reads_first` view, else IMMEDIATE
    (outside a request too: commands and jobs write)."""
    if connection.dialect.name != "sqlite":
        return
    deferred = has_request_context() and not g.get(WRITING) and (
        request.method in READ_ONLY_METHODS or _reads_first_view())
    connection.info[DEFERRED] = deferred
    connection.exec_driver_sql("BEGIN" if deferred else "BEGIN IMMEDIATE")
