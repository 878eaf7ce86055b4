"""`Idempotency-Key` on POST: the same key and body replay the first answer for a day.

A trainee on a dropping connection retries safely: the first request reserves the key, the
answer is stored when it is ready, and every retry gets that answer instead of a second action.
A reservation is a lease of `IDEMPOTENCY_LEASE_SECONDS`: if the request that took it died
with its worker, a retry after the lease runs the request again instead of a 409 for a day.
A multipart upload counts as the same body whatever its boundary: its fields and the digests
of its files are compared, not its bytes.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from flask import Flask, Response, current_app, g, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import (
    JSON,
    Integer,
    LargeBinary,
    String,
    UniqueConstraint,
    delete,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from ..database import begin_writing
from ..errors import Conflict, ElearnError
from ..extensions import db
from ..timeutils import UTCDateTime, utcnow

HEADER = "Idempotency-Key"
REPLAYED_HEADERS = ("Content-Type", "Location", "Retry-After")


class IdempotencyRecord(db.Model):
    __tablename__ = "idempotency_records"
    __table_args__ = (UniqueConstraint("scope", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    scope: Mapped[str] = mapped_column(String(40))
    key: Mapped[str] = mapped_column(String(200))
    request_hash: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int | None] = mapped_column(Integer)  # None: still being answered
    body: Mapped[bytes | None] = mapped_column(LargeBinary)
    headers: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


class IdempotencyKeyReused(ElearnError):
    status = 422
    type = "idempotency-key-reused"
    title = _l("This Idempotency-Key was used for a different request")


def _request_hash() -> str:
    digest = hashlib.sha256()

    def add(part: str | bytes) -> None:
        digest.update(part if isinstance(part, bytes) else part.encode())
        digest.update(b"\0")

    for part in (request.method, request.path, request.query_string):
        add(part)
    if request.mimetype == "multipart/form-data":
        for name, value in sorted(request.form.items(multi=True)):
            add(name)
            add(value)
        for name, upload in sorted(request.files.items(multi=True), key=lambda item: item[0]):
            add(name)
            add(upload.filename or "")
            add(hashlib.file_digest(upload.stream, "sha256").digest())
            upload.stream.seek(0)
    else:
        add(request.get_data())
    return digest.hexdigest()


def _before_request() -> Response | None:
    key = request.headers.get(HEADER)
    if request.method != "POST" or not key or not current_user.is_authenticated:
        return None
    if len(key) > 200:
        raise ElearnError(_l("The Idempotency-Key header is longer than 200 characters."),
                          type="invalid-idempotency-key")
    scope, request_hash, now = f"user:{current_user.id}", _request_hash(), utcnow()
    expiry = now - timedelta(hours=current_app.config["IDEMPOTENCY_TTL_HOURS"])
    existing = db.session.scalar(
        select(IdempotencyRecord).where(IdempotencyRecord.scope == scope,
                                        IdempotencyRecord.key == key)
    )
    if existing is not None and existing.created_at < expiry:
        begin_writing()
        db.session.delete(existing)
        db.session.flush()
        existing = None
    if existing is not None and _abandoned(existing, request_hash, now):
        begin_writing()
        taken = db.session.execute(
            update(IdempotencyRecord)
            .where(IdempotencyRecord.id == existing.id,
                   IdempotencyRecord.created_at == existing.created_at,
                   IdempotencyRecord.status_code.is_(None))
            .values(created_at=now)).rowcount == 1
        db.session.commit()
        if not taken:  # another retry took it over first
            raise _in_progress()
        g.idempotency_record_id = existing.id
        return None
    if existing is not None:
        return _replay(existing, request_hash)
    begin_writing()
    record = IdempotencyRecord(scope=scope, key=key, request_hash=request_hash, created_at=now)
    db.session.add(record)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise _in_progress() from None
    g.idempotency_record_id = record.id
    return None


def _abandoned(record: IdempotencyRecord, request_hash: str, now: datetime) -> bool:
    """A reservation for this very request whose lease ran out unanswered."""
    lease = timedelta(seconds=current_app.config["IDEMPOTENCY_LEASE_SECONDS"])
    return (record.status_code is None and record.request_hash == request_hash
            and record.created_at < now - lease)


def _in_progress() -> Conflict:
    return Conflict(_l("The first request with this Idempotency-Key is still being answered."),
                    type="request-in-progress", headers={"Retry-After": "1"})


def _replay(record: IdempotencyRecord, request_hash: str) -> Response:
    if record.request_hash != request_hash:
        raise IdempotencyKeyReused(
            _l("Send a new Idempotency-Key for a request with a different body.")
        )
    if record.status_code is None:
        raise _in_progress()
    response = Response(record.body, status=record.status_code)
    for name, value in record.headers.items():
        response.headers[name] = value
    response.headers["Idempotent-Replayed"] = "true"
    return response


def _after_request(response: Response) -> Response:
    record_id = g.pop("idempotency_record_id", None)
    if record_id is None:
        return response
    begin_writing()
    record = db.session.get(IdempotencyRecord, record_id)
    if record is None:
        return response
    if response.status_code >= 500 or response.is_streamed:
        db.session.delete(record)  # a failure on our side may be retried for real
    else:
        record.status_code = response.status_code
        record.body = response.get_data()
        record.headers = {name: response.headers[name] for name in REPLAYED_HEADERS
                          if name in response.headers}
    db.session.commit()
    return response


def purge_expired(*, now: datetime) -> int:
    """Delete records past their lifetime; for the scheduler."""
    expiry = now - timedelta(hours=current_app.config["IDEMPOTENCY_TTL_HOURS"])
    result = db.session.execute(
        delete(IdempotencyRecord).where(IdempotencyRecord.created_at < expiry)
    )
    return result.rowcount


def init_app(app: Flask) -> None:
    app.before_request(_before_request)
    app.after_request(_after_request)
