"""Throttling of failed sign-ins, per account and per address."""

from __future__ import annotations

from flask import current_app

from ..web.ratelimit import hit, limiter, per_minutes, seconds_to_wait


def _items(email: str, ip: str | None):
    window = current_app.config["LOGIN_FAILURE_WINDOW_MINUTES"]
    yield per_minutes(current_app.config["LOGIN_MAX_FAILURES"], window), ("login-account", email)
    if ip:
        yield (per_minutes(current_app.config["LOGIN_MAX_FAILURES_PER_ADDRESS"], window),
               ("login-address", ip))


def seconds_until_allowed(email: str, ip: str | None) -> int:
    """0 when another attempt is allowed, else how long to wait."""
    return seconds_to_wait(_items(email, ip))


def record_failure(email: str, ip: str | None) -> None:
    hit(_items(email, ip))


def forget_failures(email: str) -> None:
    for item, keys in _items(email, None):
        limiter().clear(item, *keys)
