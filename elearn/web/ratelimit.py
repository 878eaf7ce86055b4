"""Rate limits shared by every worker: in memory by default, in Redis when configured."""

from __future__ import annotations

import math
import threading
import time

from flask import current_app
from limits import RateLimitItemPerMinute, storage, strategies

_EXTENSION = "elearn-ratelimit"


_CREATING = threading.Lock()


def limiter() -> strategies.MovingWindowRateLimiter:
    """The app's limiter, on `ELEARN_RATELIMIT_STORAGE_URL` (`memory://` by default).

    Made once per app under a lock: threads racing at a worker's first request must share
    one count, not each start their own."""
    current = current_app.extensions.get(_EXTENSION)
    if current is None:
        with _CREATING:
            current = current_app.extensions.get(_EXTENSION)
            if current is None:
                backend = storage.storage_from_string(
                    current_app.config["RATELIMIT_STORAGE_URL"])
                current = strategies.MovingWindowRateLimiter(backend)
                current_app.extensions[_EXTENSION] = current
    return current


def per_minutes(amount: int, minutes: int) -> RateLimitItemPerMinute:
    return RateLimitItemPerMinute(amount, minutes)


def seconds_to_wait(items) -> int:
    """0 when every (limit, keys) pair allows one more, else the longest wait in seconds."""
    current = limiter()
    wait = 0
    for item, keys in items:
        if not current.test(item, *keys):
            reset_at, _remaining = current.get_window_stats(item, *keys)
            wait = max(wait, max(1, math.ceil(reset_at - time.time())))
    return wait


def hit(items) -> None:
    current = limiter()
    for item, keys in items:
        current.hit(item, *keys)
