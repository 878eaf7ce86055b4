"""Table leases: a named lock taken by one conditional UPDATE (or the INSERT of its row), so
it works on every database and survives connection drops; it lapses by itself after a crash.

Leases live on the real clock, whatever moment a tick is run for: `reminders run-once --now`
in the future must not keep the live scheduler out until then. A lease held by a process of
this host that no longer exists is taken over at once rather than after it lapses.
"""

from __future__ import annotations

import os
import socket
from datetime import timedelta

from sqlalchemy import or_, select, update

from ..database import dialect_insert
from ..extensions import db
from ..timeutils import utcnow
from .models import Lease


def holder_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:80]


def _gone(holder: str) -> bool:
    """True when `holder` is a process of this host that has ended."""
    host, _, pid = holder.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def take(name: str, *, seconds: int) -> bool:
    """Take or extend lease `name` for `seconds` from now; commits. True if ours."""
    now, holder = utcnow(), holder_id()
    expires = now + timedelta(seconds=seconds)
    takeable = or_(Lease.expires_at <= now, Lease.holder == holder)
    current = db.session.scalar(select(Lease.holder).where(Lease.name == name))
    if current is not None and current != holder and _gone(current):
        takeable = or_(takeable, Lease.holder == current)
    result = db.session.execute(update(Lease).where(Lease.name == name, takeable)
                                .values(holder=holder, expires_at=expires))
    taken = result.rowcount == 1
    if not taken:
        taken = db.session.scalar(
            dialect_insert()(Lease).values(name=name, holder=holder, expires_at=expires)
            .on_conflict_do_nothing(index_elements=["name"]).returning(Lease.name)) is not None
    db.session.commit()
    return taken


def release(name: str) -> None:
    db.session.execute(update(Lease).where(Lease.name == name, Lease.holder == holder_id())
                       .values(expires_at=utcnow()))
    db.session.commit()


def why_not(name: str) -> str:
    """Why lease `name` could not be taken, for the log and the command's output."""
    lease = db.session.get(Lease, name)
    if lease is None:
        return f"lease {name!r} is free"
    return (f"lease {name!r} is held by {lease.holder} until "
            f"{lease.expires_at.isoformat(timespec='seconds')}")
