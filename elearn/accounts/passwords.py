"""Password hashing (argon2id) and the password policy."""

from __future__ import annotations

import re
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from flask_babel import lazy_gettext as _l

MAX_PASSWORD_LENGTH = 4096


@cache
def _hasher(fast: bool) -> PasswordHasher:
    if fast:  # the test suite: still argon2id, but cheap
        return PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    return PasswordHasher()


def hasher() -> PasswordHasher:
    return _hasher(bool(current_app.config.get("ARGON2_FAST")))


@cache
def _dummy_hash(fast: bool) -> str:
    return _hasher(fast).hash("not a password anybody has")


def hash_password(password: str) -> str:
    return hasher().hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Check a password; without a hash, burn the same time so timing tells nothing."""
    fast = bool(current_app.config.get("ARGON2_FAST"))
    try:
        return _hasher(fast).verify(password_hash or _dummy_hash(fast), password) and bool(
            password_hash
        )
    except (VerificationError, InvalidHashError):
        return False


@cache
def _common_passwords() -> frozenset[str]:
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(FREQUENCY_LISTS["passwords"])


MIN_SCORE = 3  # zxcvbn: 3 is "safely unguessable: moderate protection from offline attacks"
SCORED_LENGTH = 72  # zxcvbn refuses longer input (its time grows fast); the first 72 decide


def password_problems(password: str, *, email: str | None = None,
                      name: str | None = None) -> list:
    """Reasons the password is refused (empty when it is acceptable)."""
    from zxcvbn import zxcvbn

    min_length = current_app.config["PASSWORD_MIN_LENGTH"]
    problems = []
    if len(password) < min_length:
        problems.append(_l("Use at least %(num)d characters.", num=min_length))
    if len(password) > MAX_PASSWORD_LENGTH:
        problems.append(_l("Use at most %(num)d characters.", num=MAX_PASSWORD_LENGTH))
    folded = password.casefold()
    if folded in _common_passwords() or len(set(folded)) < 3:
        problems.append(_l("This password is too common. Choose another one."))
    if email and folded in {email.casefold(), email.split("@")[0].casefold()}:
        problems.append(_l("The password must not be your e-mail address."))
    if not problems and zxcvbn(password[:SCORED_LENGTH],
                               user_inputs=_personal_words(email, name))["score"] < MIN_SCORE:
        problems.append(_l("This password is easy to guess: it is a common word with small "
                           "changes, a pattern, a repetition or part of your name or e-mail. "
                           "Use a few unrelated words instead."))
    return problems


def _personal_words(email: str | None, name: str | None) -> list[str]:
    """The person's own words, which an attacker tries first."""
    words = []
    if email:
        local, _, domain = email.partition("@")
        words += [email, local, *re.split(r"[._+-]", local), *domain.split(".")]
    if name:
        words += [name, *name.split()]
    return [word for word in words if word]
