"""Table leases: a named lock taken by one conditional UPDATE (or the INSERT of its row), so
it works on every database and survives connection drops; it lapses by itself after a crash."""

from __future__ import annotations

import os
import socket
from datetime import datetime, timedelta

from sqlalchemy import or_, update

from ..database import dialect_insert
from ..extensions import db
from .models import Lease


def holder_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:80]


def take(name: str, *, now: datetime, seconds: int) -> bool:
    """Take or extend lease ``name`` until ``now + seconds``; commits. True if ours."""
    holder, expires = holder_id(), now + timedelta(seconds=seconds)
    result = db.session.execute(
        update(Lease).where(Lease.name == name,
                            or_(Lease.expires_at <= now, Lease.holder == holder))
        .values(holder=holder, expires_at=expires))
    taken = result.rowcount == 1
    if not taken:
        taken = db.session.scalar(
            dialect_insert()(Lease).values(name=name, holder=holder, expires_at=expires)
            .on_conflict_do_nothing(index_elements=["name"]).returning(Lease.name)) is not None
    db.session.commit()
    return taken


def release(name: str, *, now: datetime) -> None:
    db.session.execute(update(Lease).where(Lease.name == name, Lease.holder == holder_id())
                       .values(expires_at=now))
    db.session.commit()
