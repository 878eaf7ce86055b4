"""The delivery pass: claim due notifications in small batches, check each is still wanted,
respect local hours and the daily cap (merging the overflow into one digest), send, record.

Claiming takes exactly one batch: a CTE picks the rows (`FOR UPDATE SKIP LOCKED` on
PostgreSQL, so concurrent passes never take the same row) and one UPDATE … RETURNING claims
the ids it picked. (`UPDATE … WHERE id IN (SELECT … LIMIT n FOR UPDATE SKIP LOCKED)` may
claim far more than n: the planner can run the subquery again.) On SQLite, where writers are
serialised anyway, a table lease keeps to one pass at a time. While a pass sends, it renews
the claim on the rest of its batch (and its lease), so however slow the relay, no other pass
takes those rows back. Each sent message is committed on its own. A crash after the SMTP
server accepted a message but before its row was marked sent leaves the row `sending`;
after `STALE_AFTER` without renewal it is claimed again and sent a second time, with the
same Message-ID (at least once at the SMTP boundary; exactly once everywhere before it).
"""

from __future__ import annotations

import logging
import time
from collections import Counter, defaultdict
from datetime import datetime, timedelta
from email.utils import parseaddr

from flask import current_app
from sqlalchemy import select, update

from ..database import commit_keeping_loaded
from ..enrollments.models import Enrollment
from ..extensions import db
from . import leases, live_messages
from .account_messages import KINDS as STANDALONE_KINDS
from .mailer import Mailer, PermanentError, TransientError, build_email, ics_invitation
from .messages import load_subjects, render, subject_line
from .models import Channel, Notification, OptOut, Status
from .rules import LIVE_MODES, RULES
from .timing import calendars, local_day_start, next_allowed, next_local_day

logger = logging.getLogger(__name__)

STALE_AFTER = timedelta(minutes=15)
LEASE_SECONDS = 600
MAX_BATCHES = 1000


def optional_kinds() -> set[str]:
    return {kind for kind, rule in RULES.items() if rule.optional}


class Claim:
    """What one delivery pass holds: the moment it runs for, advanced by the real time it
    has taken, and the batch it is sending, whose claim it renews as it goes."""

    def __init__(self, now: datetime, *, guarded: bool):
        self.now, self.guarded = now, guarded
        self.started = self.renewed = time.monotonic()
        self.ids: list[int] = []

    def moment(self) -> datetime:
        return self.now + timedelta(seconds=time.monotonic() - self.started)

    def take(self, size: int) -> list[int]:
        """Claim the next batch of due rows, exactly `size` at most; commits."""
        picked = (select(Notification.id)
                  .where(Notification.status == Status.PENDING,
                         Notification.scheduled_for <= self.now)
                  .order_by(Notification.scheduled_for, Notification.id).limit(size))
        if db.session.get_bind().dialect.name == "postgresql":
            picked = picked.with_for_update(skip_locked=True)
        picked = picked.cte("picked")
        self.ids = db.session.scalars(
            update(Notification)
            .where(Notification.id.in_(select(picked.c.id)),
                   Notification.status == Status.PENDING)
            .values(status=Status.SENDING.value, claimed_at=self.moment())
            .returning(Notification.id)
            .execution_options(synchronize_session=False)).all()
        db.session.commit()
        self.renewed = time.monotonic()
        return self.ids

    def renew(self) -> None:
        """Keep the batch's rows (and the lease) ours while sending takes its time."""
        if time.monotonic() - self.renewed < STALE_AFTER.total_seconds() / 3:
            return
        db.session.execute(
            update(Notification)
            .where(Notification.id.in_(self.ids), Notification.status == Status.SENDING)
            .values(claimed_at=self.moment())
            .execution_options(synchronize_session=False))
        db.session.commit()
        if self.guarded:
            leases.take("delivery", seconds=LEASE_SECONDS)
        self.renewed = time.monotonic()


def _recover_stale(now: datetime) -> None:
    """Rows left `sending` by a pass that died go back to pending (at least once)."""
    db.session.execute(
        update(Notification)
        .where(Notification.status == Status.SENDING, Notification.claimed_at < now - STALE_AFTER)
        .values(status=Status.PENDING.value, claimed_at=None))
    db.session.commit()


def _cancel(notification: Notification, reason: str) -> None:
    notification.status = Status.CANCELLED.value
    notification.last_error = reason


def _still_wanted(rows: list[Notification], now: datetime) -> list[Notification]:
    """Cancel what no longer applies: one relevance query per kind, one for opt-outs."""
    by_kind = defaultdict(list)
    for row in rows:
        by_kind[row.kind].append(row.id)
    relevant = set()
    for kind, ids in by_kind.items():
        if kind in RULES:
            relevant |= set(db.session.scalars(RULES[kind].relevant(ids, now)))
    opted_out = {tuple(found) for found in db.session.execute(
        select(OptOut.user_id, OptOut.kind)
        .where(OptOut.user_id.in_({row.user_id for row in rows})))}
    live = []
    for row in rows:
        if not row.user.active:
            _cancel(row, "account deactivated")
        elif row.id not in relevant:
            _cancel(row, "no longer relevant")
        elif RULES[row.kind].optional and (row.user_id, row.kind) in opted_out:
            _cancel(row, "opted out")
        else:
            live.append(row)
    return live


def _defer(row: Notification, when: datetime) -> None:
    row.status = Status.PENDING.value
    row.scheduled_for = when
    row.claimed_at = None


def _sent_today(user_zones: dict[int, str], now: datetime) -> Counter:
    """Mails already sent to each person since their local midnight (a digest counts once)."""
    counts = Counter()
    for user_id, sent_at in db.session.execute(
            select(Notification.user_id, Notification.sent_at)
            .where(Notification.user_id.in_(user_zones), Notification.channel == Channel.EMAIL,
                   Notification.status == Status.SENT, Notification.digest_id.is_(None),
                   Notification.sent_at > now - timedelta(days=1))):
        if sent_at >= local_day_start(now, user_zones[user_id]):
            counts[user_id] += 1
    return counts


def _attachment(row: Notification, subject, now: datetime) -> str | None:
    if row.kind in live_messages.WITH_ICS:
        return live_messages.attachment(row, subject, now=now,
                                        sender=parseaddr(current_app.config["MAIL_FROM"])[1])
    if not (RULES[row.kind].attach_ics and isinstance(subject, Enrollment)
            and subject.offering.mode in LIVE_MODES):
        return None
    title = subject.offering.title or subject.offering.course.code
    return ics_invitation(subject, title=title, now=now)


def _retry_or_fail(row: Notification, reason: str, now: datetime) -> None:
    config = current_app.config
    row.last_error = reason
    row.claimed_at = None
    if row.attempts >= config["REMINDER_MAX_ATTEMPTS"]:
        row.status = Status.FAILED.value
    else:
        row.status = Status.PENDING.value
        row.scheduled_for = now + timedelta(
            minutes=config["REMINDER_RETRY_MINUTES"] * 2 ** (row.attempts - 1))


def _send(mailer: Mailer, items: list[Notification], subjects: dict, now: datetime,
          counts: Counter, claim: Claim) -> None:
    """Send one mail carrying `items` (one reminder, or a digest of several); commit."""
    head = items[0]
    subject = subjects.get((head.subject_type, head.subject_id))
    single = len(items) == 1
    rendered = render(items, subjects, optional_kinds=optional_kinds())
    message = build_email(
        rendered, to=head.user.email, config=current_app.config, now=now,
        key=head.dedupe_key if single else f"digest-{head.dedupe_key}",
        unsubscribe=(head.user_id, head.kind) if single and RULES[head.kind].optional else None,
        ics=_attachment(head, subject, now) if single else None)
    for row in items:
        row.attempts += 1
    commit_keeping_loaded()  # no transaction (on SQLite: no write lock) waits on the relay
    try:
        kept_in = mailer.send(message)
    except TransientError as error:
        for row in items:
            _retry_or_fail(row, str(error), now)
        counts["retrying"] += len(items)
    except PermanentError as error:
        for row in items:
            row.status, row.last_error, row.claimed_at = Status.FAILED.value, str(error), None
        counts["failed"] += len(items)
    else:
        for row in items:
            row.status, row.sent_at, row.last_error = Status.SENT.value, now, None
            row.mail_file = kept_in
            row.digest_id = None if row is head else head.id
        head.subject_line = rendered.subject[:300]
        counts["sent"] += 1
        counts["merged"] += len(items) - 1
    db.session.commit()
    claim.renew()


def _deliver_emails(mailer: Mailer, rows: list[Notification], subjects: dict, now: datetime,
                    counts: Counter, claim: Claim) -> None:
    weeks = calendars()
    ready: dict[int, list[Notification]] = defaultdict(list)
    for row in rows:
        week = weeks.get(row.country_code) if RULES[row.kind].optional else None
        when = next_allowed(now, row.user.effective_timezone,
                            scheduled=row.offset_days is not None, week=week)
        if when > now:
            _defer(row, when)
            counts["deferred"] += 1
        else:
            ready[row.user_id].append(row)
    sent = _sent_today({uid: items[0].user.effective_timezone for uid, items in ready.items()},
                       now)
    db.session.commit()
    cap = current_app.config["REMINDER_DAILY_CAP"]
    for user_id, items in ready.items():
        for row in [row for row in items if row.kind in STANDALONE_KINDS]:
            _send(mailer, [row], subjects, now, counts, claim)  # a link of its own: never capped
        items = [row for row in items if row.kind not in STANDALONE_KINDS]
        if not items:
            continue
        room = cap - sent[user_id]
        if room <= 0:
            for row in items:
                _defer(row, next_local_day(now, row.user.effective_timezone))
            counts["deferred"] += len(items)
            db.session.commit()
            continue
        singles = items if len(items) <= room else items[:room - 1]
        for row in singles:
            _send(mailer, [row], subjects, now, counts, claim)
        if len(items) > room:
            _send(mailer, items[room - 1:], subjects, now, counts, claim)


def _process(ids: list[int], mailer: Mailer, now: datetime, counts: Counter,
             claim: Claim) -> None:
    rows = db.session.scalars(
        select(Notification).where(Notification.id.in_(ids))
        .order_by(Notification.user_id, Notification.scheduled_for, Notification.id)).all()
    live = _still_wanted(rows, now)
    counts["cancelled"] += len(rows) - len(live)
    subjects = load_subjects(live)
    for row in live:
        if row.channel == Channel.IN_APP:
            row.subject_line = subject_line(row, subjects.get((row.subject_type,
                                                                row.subject_id)))[:300]
            row.status, row.sent_at = Status.SENT.value, now
            counts["in_app"] += 1
    db.session.commit()
    _deliver_emails(mailer, [row for row in live if row.channel == Channel.EMAIL], subjects,
                    now, counts, claim)


def deliver_due(*, now: datetime, batch_size: int = 50) -> dict[str, int]:
    """Send everything due at `now`; returns counts (sent, merged, retrying, failed…)."""
    counts: Counter = Counter()
    guarded = db.session.get_bind().dialect.name != "postgresql"
    if guarded and not leases.take("delivery", seconds=LEASE_SECONDS):
        return {"skipped": 1}
    try:
        _recover_stale(now)
        claim = Claim(now, guarded=guarded)
        with Mailer(current_app.config, current_app.instance_path) as mailer:
            for _ in range(MAX_BATCHES):
                ids = claim.take(batch_size)
                if not ids:
                    break
                _process(ids, mailer, now, counts, claim)
    finally:
        db.session.rollback()
        if guarded:
            leases.release("delivery")
    return dict(counts)
