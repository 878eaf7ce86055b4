"""Invitations to set a password: for imported users and users an admin created without one.

An invitation's token is `HMAC(secret key, nonce)`; the database keeps the nonce and the
token's SHA-256. The mail is written when it is sent, from the nonce, so the outbox holds no
token; a copy of the database without the secret key yields no working link, and the lookup
by hash needs no key at all. A newer invitation supersedes the older ones; each works once.
"""

from __future__ import annotations

import logging
import secrets
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import insert, select, update

from .. import signals
from ..audit.services import record
from ..errors import Conflict, Forbidden, NotFound, RuleViolation, TooManyRequests
from ..extensions import db
from ..web.ratelimit import hit, per_minutes, seconds_to_wait
from .models import Invitation, User
from .passwords import hash_password, password_problems
from .permissions import can_manage_user
from .tokens import digest, invitation_token

logger = logging.getLogger(__name__)


def _new_rows(user_ids: list[int], actor: User | None, now: datetime) -> list[dict]:
    expires = now + timedelta(days=current_app.config["INVITATION_TTL_DAYS"])
    created_by = actor.id if actor is not None else None
    noise = secrets.token_bytes(16 * len(user_ids))  # one system call for the whole batch
    rows = []
    for number, user_id in enumerate(user_ids):
        nonce = noise[16 * number:16 * number + 16].hex()
        rows.append({"user_id": user_id, "nonce": nonce,
                     "token_hash": digest(invitation_token(nonce)), "created_at": now,
                     "expires_at": expires, "created_by_id": created_by})
    return rows


def invite_new_users(user_ids: list[int], *, actor: User | None, now: datetime) -> int:
    """Invite users who were just created: one INSERT of the invitations and one
    INSERT … SELECT of their mails, whatever their number. Returns how many."""
    if not user_ids:
        return 0
    db.session.execute(insert(Invitation), _new_rows(user_ids, actor, now))
    # Every invitation of this unit of work carries its `now`; the mails go to those.
    return _mail(Invitation.created_at == now, Invitation.used_at.is_(None),
                 Invitation.superseded_at.is_(None), now=now)


def _mail(*where, now: datetime) -> int:
    """Ask for the invitations' mail (the reminders domain queues it); how many."""
    return sum(queued or 0 for _receiver, queued in
               signals.users_invited.send(None, where=where, now=now))


def withdraw_open(user_id: int, *, now: datetime, keep: int | None = None) -> None:
    """Supersede the user's open invitations (but `keep`): a newer one replaces them, or
    the password was chosen or set."""
    stmt = (update(Invitation)
            .where(Invitation.user_id == user_id, Invitation.used_at.is_(None),
                   Invitation.superseded_at.is_(None))
            .values(superseded_at=now).execution_options(synchronize_session=False))
    if keep is not None:
        stmt = stmt.where(Invitation.id != keep)
    db.session.execute(stmt)


def invite(actor: User | None, user: User, *, now: datetime) -> Invitation:
    """A new invitation for `user`, superseding any open one, and its mail."""
    withdraw_open(user.id, now=now)
    invitation = Invitation(**_new_rows([user.id], actor, now)[0])
    db.session.add(invitation)
    db.session.flush()
    _mail(Invitation.id == invitation.id, now=now)
    return invitation


def resend_invitation(actor: User, user: User, *, now: datetime) -> Invitation:
    """Invite `user` again (a user the actor can see). Raises Forbidden when the actor may
    not manage them, Conflict when they are inactive, already chose a password, or their
    country's admins switched invitation mail off."""
    if not can_manage_user(actor, user):
        raise Forbidden(_l("You may not manage this user."))
    if not user.active:
        raise Conflict(_l("This account is deactivated."), type="user-inactive")
    if user.password_hash is not None:
        raise Conflict(_l("This user has already chosen a password."),
                       type="password-already-set")
    if signals.refused(signals.invitation_mail_wanted, user.country_code):
        raise Conflict(_l("Invitation e-mails are switched off for this country."),
                       type="invitations-switched-off")
    invitation = invite(actor, user, now=now)
    record(actor, "user.invite", "user", user.id, country_code=user.country_code,
           details={"invitation": invitation.id}, now=now)
    return invitation


# Setting the password --------------------------------------------------------------------


def _failure_limits(ip: str | None):
    config = current_app.config
    if ip:
        yield (per_minutes(config["LOGIN_MAX_FAILURES_PER_ADDRESS"],
                           config["LOGIN_FAILURE_WINDOW_MINUTES"]), ("password-setup", ip))


def _refused(ip: str | None, error: Exception) -> Exception:
    """`error`, counted against the address (guessing tokens is throttled like sign-in)."""
    hit(_failure_limits(ip))
    return error


def holder_of(token: str) -> User | None:
    """Whom the link was sent to, whatever its state (to answer in their language)."""
    return db.session.scalar(select(User).join(Invitation, Invitation.user_id == User.id)
                             .where(Invitation.token_hash == digest(token)))


def check_link(token: str, *, ip: str | None, now: datetime) -> Invitation:
    """The open invitation of `token`; raises as `set_password` does for the link itself."""
    wait = seconds_to_wait(_failure_limits(ip))
    if wait:
        raise TooManyRequests(
            _l("Too many attempts with invalid links. Try again in %(seconds)d seconds.",
               seconds=wait), headers={"Retry-After": str(wait)})
    invitation = db.session.scalar(
        select(Invitation).where(Invitation.token_hash == digest(token)))
    if invitation is None or not invitation.user.active:
        raise _refused(ip, NotFound(_l("This link is not valid."), type="invalid-invitation"))
    if invitation.used_at is not None:
        raise _refused(ip, Conflict(_l("This link was already used. Sign in with your password."),
                             type="invitation-used"))
    if invitation.superseded_at is not None:
        raise _refused(ip, Conflict(_l("A newer invitation replaced this link. Use the latest "
                                "e-mail."), type="invitation-superseded"))
    if invitation.expires_at <= now:
        raise _refused(ip, Conflict(_l("This link has expired. Ask your administrator for a new "
                                "invitation."), type="invitation-expired"))
    return invitation


def set_password(token: str, password: str, *, ip: str | None, now: datetime) -> User:
    """Choose a password with an invitation's token; the invitation is used up.

    Raises NotFound (unknown token), Conflict (used, superseded or expired), RuleViolation
    (the password policy) and TooManyRequests after repeated invalid tokens from one address.
    """
    invitation = check_link(token, ip=ip, now=now)
    user = invitation.user
    problems = password_problems(password, email=user.email, name=user.name)
    if problems:
        raise RuleViolation(errors={"password": problems}, type="weak-password")
    claimed = db.session.execute(
        update(Invitation).where(Invitation.id == invitation.id, Invitation.used_at.is_(None))
        .values(used_at=now).execution_options(synchronize_session=False)).rowcount
    if claimed != 1:  # the same link, used at the same moment by another request
        raise Conflict(_l("This link was already used. Sign in with your password."),
                       type="invitation-used")
    withdraw_open(user.id, now=now, keep=invitation.id)
    user.password_hash = hash_password(password)
    user.updated_at = now
    db.session.flush()
    record(user, "user.password-setup", "user", user.id, country_code=user.country_code,
           details={"invitation": invitation.id}, now=now)
    logger.info("user %s set a password from invitation %s", user.id, invitation.id)
    return user
