"""Sign-in, sessions and the management of users and countries."""

from __future__ import annotations

import hashlib
import logging
import secrets
from datetime import datetime, timedelta
from functools import cache

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, bindparam, or_, select, update
from sqlalchemy.orm import joinedload

from ..audit.services import record
from ..errors import (
    Conflict,
    Forbidden,
    NotFound,
    RuleViolation,
    TooManyRequests,
    Unauthorized,
)
from ..extensions import db
from . import throttle
from .invitations import invite, withdraw_open
from .models import AuthSession, Country, RoleAssignment, User, lower_email
from .passwords import hash_password, hasher, password_problems, verify_password
from .permissions import (
    assignable_roles,
    can_manage_user,
    is_programme_admin,
    require_admin,
    require_country_admin,
    scope_users,
)

logger = logging.getLogger(__name__)

# Who someone is (the changed field and the attribute that holds its value): every change
# is audited with its old and new value, whoever makes it.
IDENTITY_FIELDS = {"name": "name", "email": "email", "gender": "gender",
                   "country": "country_code"}
SELF_EDITABLE = {"name", "gender", "agency", "rank", "language", "timezone", "password"}
USER_FIELDS = ("name", "gender", "agency", "rank", "language", "timezone", "active")
# Said of an address held by someone outside the admin's scope: neither who, nor where, nor
# that it is a user.
UNAVAILABLE_EMAIL = _l("This e-mail address cannot be used here. A programme admin can help.")


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# Sign-in ----------------------------------------------------------------------------------


def sign_in(email: str, password: str, *, ip: str | None, user_agent: str | None,
            now: datetime) -> tuple[str, AuthSession]:
    """Check credentials and open a session; return the bearer token and its session row.

    Raises TooManyRequests after repeated failures (see `throttle`), and the same
    Unauthorized for an unknown address, a wrong password and an inactive account.
    """
    email = lower_email(email)
    user = db.session.scalar(select(User).where(User.email == email))
    known_address = user is not None and ip is not None and db.session.scalar(
        select(AuthSession.id).where(AuthSession.user_id == user.id, AuthSession.ip == ip)
        .limit(1)) is not None
    wait = throttle.admit(email, ip, known_address=known_address)
    if wait:
        raise TooManyRequests(
            _l("Too many failed sign-in attempts. Try again in %(seconds)d seconds.",
               seconds=wait),
            headers={"Retry-After": str(wait)},
        )
    valid = verify_password(user.password_hash if user else None, password)
    if not valid or user is None or not user.active:
        throttle.failed(ip)
        logger.info("failed sign-in for %s from %s", email, ip)
        raise Unauthorized(_l("The e-mail address or the password is wrong."),
                           type="invalid-credentials")
    throttle.succeeded(email, ip)
    if hasher().check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    token = secrets.token_urlsafe(32)
    ttl = timedelta(hours=current_app.config["TOKEN_TTL_HOURS"])
    session = AuthSession(
        user=user, token_hash=hash_token(token), created_at=now, expires_at=now + ttl,
        ip=ip, user_agent=(user_agent or "")[:200] or None,
    )
    db.session.add(session)
    db.session.flush()
    return token, session


@cache
def _session_lookup():
    """The session with its user, the user's country and roles, in one round trip (every
    request asks). Built once: making the statement cost more than running it."""
    return (select(AuthSession)
            .options(joinedload(AuthSession.user).joinedload(User.role_rows))
            .where(AuthSession.token_hash == bindparam("token_hash")))


def session_for_token(token: str, *, now: datetime) -> AuthSession | None:
    """The live session a token belongs to, if any (expired, revoked and inactive: none)."""
    session = db.session.scalars(_session_lookup(), {"token_hash": hash_token(token)}
                                 ).unique().first()
    if session is None or not session.is_live(now) or not session.user.active:
        return None
    return session


def sign_out(session: AuthSession, *, now: datetime) -> None:
    session.revoked_at = now
    db.session.flush()


def revoke_sessions(user: User, *, now: datetime, keep: AuthSession | None = None) -> int:
    """End every session and token the user holds, but `keep`; return how many were live."""
    others = [AuthSession.id != keep.id] if keep is not None else []
    result = db.session.execute(
        update(AuthSession)
        .where(AuthSession.user_id == user.id, AuthSession.revoked_at.is_(None), *others)
        .values(revoked_at=now)
    )
    return result.rowcount


# Users ------------------------------------------------------------------------------------

_CHUNK = 500  # e-mails per IN (...) list, well under every database's parameter limit


def users_by_email(emails: list[str], *, actor: User | None = None) -> dict[str, User]:
    """The users with these e-mail addresses (those the actor may see, if one is given)."""
    found = {}
    for start in range(0, len(emails), _CHUNK):
        stmt = select(User).where(User.email.in_(emails[start:start + _CHUNK]))
        if actor is not None:
            stmt = scope_users(stmt, actor)
        found.update({user.email: user for user in db.session.scalars(stmt)})
    return found


def _country(code: str) -> Country:
    country = db.session.get(Country, code)
    if country is None:
        raise RuleViolation(errors={"country": [_l("Unknown country.")]})
    return country


def _check_password(password: str, email: str, name: str | None) -> None:
    problems = password_problems(password, email=email, name=name)
    if problems:
        raise RuleViolation(errors={"password": problems}, type="weak-password")


def _check_roles(actor: User, roles) -> None:
    refused = set(roles) - assignable_roles(actor)
    if refused:
        raise Forbidden(_l("You may not assign the role %(role)s.", role=sorted(refused)[0]))


def _check_email_free(actor: User | None, email: str, *, except_id: int | None = None) -> None:
    """Refuse an address someone else holds, without telling an admin about people outside
    their scope: those addresses are only "not yours to use", as in imports."""
    owner = db.session.scalar(select(User).where(User.email == email))
    if owner is None or owner.id == except_id:
        return
    if actor is not None and not can_manage_user(actor, owner):
        raise Conflict(UNAVAILABLE_EMAIL, type="email-unavailable")
    raise Conflict(_l("A user with this e-mail address already exists."), type="email-taken")


def create_user(actor: User | None, data: dict, *, now: datetime) -> User:
    """Create a user in the actor's scope. `actor=None` is the command line (trusted).

    An active user created without a password is invited by e-mail to choose one.

    Raises Forbidden (not an admin, other country, role not assignable), Conflict (e-mail
    taken) and RuleViolation (unknown country, weak password).
    """
    email = lower_email(data["email"])
    if actor is not None:
        require_admin(actor)
        data.setdefault("country", actor.country_code)
    if "country" not in data:
        raise RuleViolation(errors={"country": [_l("Missing data for required field.")]})
    if actor is not None:
        require_country_admin(actor, data["country"])
        _check_roles(actor, data.get("roles", []))
    country = _country(data["country"])
    _check_email_free(actor, email)
    user = User(email=email, country=country, created_at=now, updated_at=now,
                name=data["name"].strip())
    for field in USER_FIELDS:
        if field in data and field != "name":
            setattr(user, field, data[field])
    user.set_roles(data.get("roles", ["trainee"]))
    if data.get("password"):
        _check_password(data["password"], email, data.get("name"))
        user.password_hash = hash_password(data["password"])
    db.session.add(user)
    db.session.flush()
    if user.password_hash is None and user.active:
        invite(actor, user, now=now)
    record(actor, "user.create", "user", user.id, country_code=user.country_code,
           details={"email": email, "roles": sorted(user.roles),
                    "invited": user.password_hash is None and user.active}, now=now)
    return user


def update_user(actor: User, user: User, data: dict, *, now: datetime,
                current: AuthSession | None = None) -> User:
    """Change a user the actor can see. Users edit a few of their own fields; admins the rest.

    Deactivating a user ends all their sessions at once; a new password ends every other
    session and token (users changing their own keep `current`, the one they use). Raises
    Forbidden, Conflict and RuleViolation as `create_user` does, and Unauthorized-like
    RuleViolation when users change their own password without the current one.
    """
    own = actor.id == user.id
    manages = can_manage_user(actor, user)
    if not manages and (not own or set(data) - SELF_EDITABLE - {"current_password"}):
        raise Forbidden(_l("You may only change your own name, language and password."))
    if "password" in data and own and not verify_password(
        user.password_hash, data.get("current_password", "")
    ):
        raise RuleViolation(errors={"current_password": [_l("The current password is wrong.")]})
    before = {field: getattr(user, column) for field, column in IDENTITY_FIELDS.items()}
    changed = _apply_user_changes(actor, user, data)
    if not changed:
        return user
    user.updated_at = now
    if "active" in changed and not user.active:
        revoke_sessions(user, now=now)
    if "password" in changed:
        withdraw_open(user.id, now=now)  # an invitation link must not reset it later
        revoke_sessions(user, now=now, keep=current if own else None)
    db.session.flush()
    identity = {field: {"from": before[field], "to": getattr(user, IDENTITY_FIELDS[field])}
                for field in sorted(changed & IDENTITY_FIELDS.keys())}
    if manages or identity:
        record(actor, "user.update", "user", user.id, country_code=user.country_code,
               details={"fields": sorted(changed)} | ({"identity": identity} if identity
                                                       else {}), now=now)
    return user


def _apply_user_changes(actor: User, user: User, data: dict) -> set[str]:
    changed = set()
    if "email" in data and lower_email(data["email"]) != user.email:
        email = lower_email(data["email"])
        _check_email_free(actor, email, except_id=user.id)
        user.email = email
        changed.add("email")
    if "country" in data and data["country"] != user.country_code:
        require_country_admin(actor, data["country"])
        user.country = _country(data["country"])
        changed.add("country")
    if "roles" in data and set(data["roles"]) != user.roles:
        _check_roles(actor, set(data["roles"]) ^ user.roles)
        user.set_roles(data["roles"])
        changed.add("roles")
    if data.get("password"):
        _check_password(data["password"], user.email, data.get("name", user.name))
        user.password_hash = hash_password(data["password"])
        changed.add("password")
    for field in USER_FIELDS:
        if field in data and getattr(user, field) != data[field]:
            setattr(user, field, data[field].strip() if field == "name" else data[field])
            changed.add(field)
    return changed


def create_country(actor: User, data: dict, *, now: datetime) -> Country:
    """Add a country (programme admins only). Raises Forbidden and Conflict."""
    if not is_programme_admin(actor):
        raise Forbidden(_l("Only programme administrators may add countries."))
    if db.session.get(Country, data["code"]) is not None:
        raise Conflict(_l("This country already exists."), type="country-exists")
    country = Country(**data, created_at=now)
    db.session.add(country)
    db.session.flush()
    record(actor, "country.create", "country", country.code, country_code=country.code,
           details=dict(data), now=now)
    return country


def update_country(actor: User, code: str, data: dict, *, now: datetime) -> Country:
    """Change a country's name, language, time zone, region or weekend (programme admins
    only): dates and reminders of its people follow at once. Raises Forbidden, NotFound and
    Conflict (a name another country has)."""
    if not is_programme_admin(actor):
        raise Forbidden(_l("Only programme administrators may change countries."))
    country = db.session.get(Country, code.upper()) if len(code) == 2 else None
    if country is None:
        raise NotFound(_l("No such country."))
    if "name" in data and db.session.scalar(select(Country.code).where(
            Country.name == data["name"], Country.code != country.code)):
        raise Conflict(_l("Another country has this name."), type="country-exists")
    changed = {field: value for field, value in data.items()
               if getattr(country, field) != value}
    for field, value in changed.items():
        setattr(country, field, value)
    db.session.flush()
    record(actor, "country.update", "country", country.code, country_code=country.code,
           details=changed, now=now)
    return country


def users_query(actor: User, args: dict) -> Select:
    """The users `actor` may see, filtered as the list's `args` ask, by country and name."""
    stmt = scope_users(select(User), actor)
    if "country" in args:
        stmt = stmt.where(User.country_code == args["country"].upper())
    if "role" in args:
        stmt = stmt.where(User.id.in_(
            select(RoleAssignment.user_id).where(RoleAssignment.role == args["role"])))
    if "gender" in args:
        stmt = stmt.where(User.gender == args["gender"])
    if "active" in args:
        stmt = stmt.where(User.active == args["active"])
    if "q" in args:
        q = args["q"]  # % and _ are letters here, not wildcards
        stmt = stmt.where(or_(User.email.icontains(q, autoescape=True),
                              User.name.icontains(q, autoescape=True)))
    return stmt.order_by(User.country_code, User.name, User.id)
