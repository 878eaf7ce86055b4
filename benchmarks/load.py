"""A small closed-loop load generator: N threads, each with its own connection, for T seconds."""

from __future__ import annotations

import http.client
import statistics
import threading
import time
from collections import Counter
from dataclasses import dataclass


@dataclass
class Result:
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    statuses: dict

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def all_2xx(self) -> bool:
        return bool(self.statuses) and all(code == "ok" or 200 <= int(code) < 300
                                           for code in self.statuses)


def run(port: int, make_request, *, seconds: float, concurrency: int = 8) -> Result:
    """``make_request(n)`` returns (method, path, body bytes or None, headers) for request n."""
    deadline = time.perf_counter() + seconds
    latencies: list[float] = []
    statuses: Counter = Counter()
    lock = threading.Lock()
    counter = iter(range(10**9))

    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        local, codes = [], Counter()
        while time.perf_counter() < deadline:
            with lock:
                number = next(counter)
            method, path, body, headers = make_request(number)
            started = time.perf_counter()
            try:
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                response.read()
                codes[response.status] += 1
            except (OSError, http.client.HTTPException):
                codes["error"] += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            local.append(time.perf_counter() - started)
        conn.close()
        with lock:
            latencies.extend(local)
            statuses.update(codes)

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return _result(latencies, time.perf_counter() - started, statuses)


def once(port: int, make_request, *, runs: int) -> Result:
    """``runs`` requests one after the other (imports, scans): p50 and the slowest as p99."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    latencies, statuses = [], Counter()
    for number in range(runs):
        method, path, body, headers = make_request(number)
        started = time.perf_counter()
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        response.read()
        latencies.append(time.perf_counter() - started)
        statuses[str(response.status)] += 1
    conn.close()
    return _result(latencies, sum(latencies), statuses)


def timed_calls(call, *, runs: int) -> Result:
    """An in-process call (a scan that is no HTTP request), ``runs`` times."""
    latencies = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        latencies.append(time.perf_counter() - started)
    return _result(latencies, sum(latencies), {"ok": runs})


def _result(latencies, seconds, statuses) -> Result:
    ordered = sorted(latencies) or [0.0]
    return Result(requests=len(latencies), seconds=seconds,
                  p50_ms=statistics.median(ordered) * 1000,
                  p99_ms=ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000,
                  statuses={str(code): count for code, count in statuses.items()})
