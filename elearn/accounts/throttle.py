"""Throttling of failed sign-ins, per account and per address, in memory or in Redis."""

from __future__ import annotations

import math
import time

from flask import current_app
from limits import RateLimitItemPerMinute, storage, strategies

_EXTENSION = "elearn-throttle"


def _limiter() -> strategies.MovingWindowRateLimiter:
    limiter = current_app.extensions.get(_EXTENSION)
    if limiter is None:
        backend = storage.storage_from_string(current_app.config["RATELIMIT_STORAGE_URL"])
        limiter = strategies.MovingWindowRateLimiter(backend)
        current_app.extensions[_EXTENSION] = limiter
    return limiter


def _items(email: str, ip: str | None):
    window = current_app.config["LOGIN_FAILURE_WINDOW_MINUTES"]
    per_account = RateLimitItemPerMinute(current_app.config["LOGIN_MAX_FAILURES"], window)
    per_address = RateLimitItemPerMinute(
        current_app.config["LOGIN_MAX_FAILURES_PER_ADDRESS"], window
    )
    yield per_account, ("login-account", email)
    if ip:
        yield per_address, ("login-address", ip)


def seconds_until_allowed(email: str, ip: str | None) -> int:
    """0 when another attempt is allowed, else how long to wait."""
    limiter = _limiter()
    wait = 0
    for item, keys in _items(email, ip):
        if not limiter.test(item, *keys):
            reset_at, _remaining = limiter.get_window_stats(item, *keys)
            wait = max(wait, max(1, math.ceil(reset_at - time.time())))
    return wait


def record_failure(email: str, ip: str | None) -> None:
    limiter = _limiter()
    for item, keys in _items(email, ip):
        limiter.hit(item, *keys)


def forget_failures(email: str) -> None:
    limiter = _limiter()
    for item, keys in _items(email, None):
        limiter.clear(item, *keys)
