"""Throttling of sign-ins: by account and address together, by address, and by account.

- **Account and address together**: `LOGIN_MAX_FAILURES` failures in a minute, twice as
  many in `LOGIN_FAILURE_WINDOW_MINUTES`, four times as many in four windows. The waits
  grow (under a minute, then up to a window, then up to four), and they hold for that address
  only: someone who knows an officer's e-mail cannot keep the officer out from elsewhere.
- **Address**: `LOGIN_MAX_FAILURES_PER_ADDRESS` failures per window, whatever the accounts.
- **Account, from addresses it never signed in from**: `LOGIN_MAX_FAILURES_PER_ACCOUNT` per
  window, against guessing spread over many addresses; an address the owner has signed in
  from before is not held back by it.

The account counts are taken *before* the password is checked (the limiter's `hit` is the
gate), so simultaneous attempts cannot get past a limit; a right password gives them back.
The address count only counts failures. Counts live in the shared limiter: with several
workers or hosts that must be Redis (`ELEARN_RATELIMIT_STORAGE_URL`).
"""

from __future__ import annotations

from flask import current_app

from ..web.ratelimit import hit, limiter, per_minutes, seconds_to_wait


def _pair(email: str, ip: str | None):
    config = current_app.config
    most, window = config["LOGIN_MAX_FAILURES"], config["LOGIN_FAILURE_WINDOW_MINUTES"]
    for step, (amount, minutes) in enumerate(((most, 1), (2 * most, window),
                                              (4 * most, 4 * window))):
        yield per_minutes(amount, minutes), (f"login-pair-{step}", email, ip or "-")


def _account(email: str):
    config = current_app.config
    yield (per_minutes(config["LOGIN_MAX_FAILURES_PER_ACCOUNT"],
                       config["LOGIN_FAILURE_WINDOW_MINUTES"]), ("login-account", email))


def _address(ip: str | None):
    if ip:
        config = current_app.config
        yield (per_minutes(config["LOGIN_MAX_FAILURES_PER_ADDRESS"],
                           config["LOGIN_FAILURE_WINDOW_MINUTES"]), ("login-address", ip))


def admit(email: str, ip: str | None, *, known_address: bool) -> int:
    """Count one attempt against the account's limits; 0 when it may go on, else the seconds
    to wait (nothing is counted then)."""
    gates = [*_pair(email, ip), *([] if known_address else _account(email))]
    wait = seconds_to_wait([*gates, *_address(ip)])
    if wait:
        return wait
    current = limiter()
    for item, keys in gates:
        if not current.hit(item, *keys):  # another attempt took the last one meanwhile
            return max(1, seconds_to_wait([(item, keys)]))
    return 0


def failed(ip: str | None) -> None:
    hit(_address(ip))


def succeeded(email: str, ip: str | None) -> None:
    """The right password: give back what the attempts of this account counted."""
    for item, keys in [*_pair(email, ip), *_account(email)]:
        limiter().clear(item, *keys)
