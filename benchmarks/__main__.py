"""``python -m benchmarks [--db sqlite|postgresql] [--scale smoke|full] [--only NAME]``.

Seeds a database, serves the application under gunicorn (2 workers, production settings)
and a bare Flask ceiling beside it on the same database, drives both with the same load at
concurrency 8, and writes JSON and Markdown results to benchmarks/results/.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import event, make_url

from . import load
from .report import write
from .scales import SCALES
from .scenarios import CEILING, PENDING, one_off, scenarios
from .seed import PASSWORD, ROLES, seed

ROOT = Path(__file__).resolve().parent.parent
# Timed one at a time, REPORT_RUNS times: their latency is the target, not a throughput.
LATENCIES = ("kpi_report", "sync_batch_alone")
REPORT_RUNS = 5
POSTGRES = os.environ.get("ELEARN_BENCH_POSTGRES_URL",
                          "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def database(kind: str, folder: Path):
    if kind == "sqlite":
        yield f"sqlite:///{folder / 'bench.sqlite3'}"
        return
    import psycopg

    url = make_url(POSTGRES)
    name = f"elearn_bench_{uuid.uuid4().hex[:8]}"
    admin = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url.set(drivername="postgresql+psycopg", database=name).render_as_string(
            hide_password=False)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def served(target: str, env: dict, port: int):
    """gunicorn with 2 workers; yields the master's process."""
    process = subprocess.Popen(
        # A long timeout: a slow import is measured, not killed at gunicorn's 30 s.
        [sys.executable, "-m", "gunicorn", "-w", "2", "--threads", "1", "--timeout", "600", "-b",
         f"127.0.0.1:{port}", "--log-level", "warning", target],
        cwd=ROOT, env=env)
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/countries"
                                       if target == "wsgi:app"
                                       else f"http://127.0.0.1:{port}/hello", timeout=2)
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError(f"{target} did not start")
        yield process
    finally:
        process.terminate()
        process.wait(timeout=20)


def _rss_mb(master_pid: int) -> float:
    out = subprocess.run(["ps", "-o", "rss=", "--ppid", str(master_pid)],
                         capture_output=True, text=True).stdout.split()
    return max((int(value) for value in out), default=0) / 1024


def _login(port: int, email: str) -> str:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/v1/auth/login",
        data=json.dumps({"email": email, "password": PASSWORD}).encode(),
        headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        return json.load(response)["token"]


def _login_in_process(client, email: str) -> str:
    response = client.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD})
    return response.get_json()["token"]


def statement_counts(app, makers: dict) -> dict[str, int]:
    """SQL statements each HTTP scenario runs, counted in-process on one request."""
    from elearn.extensions import db

    with app.app_context():
        engine = db.engine
    client, counts = app.test_client(), {}
    for name, (make, number) in makers.items():
        statements = []

        def count(*args, statements=statements):
            statements.append(1)

        method, path, body, headers = make(number)
        event.listen(engine, "before_cursor_execute", count)
        try:
            client.open(path, method=method, data=body, headers=headers)
        finally:
            event.remove(engine, "before_cursor_execute", count)
        counts[name] = len(statements)
    return counts


def _report(name: str, result: load.Result) -> None:
    print(f"{name:22} {result.rps:8.1f} req/s  p50 {result.p50_ms:8.1f} ms  "
          f"p99 {result.p99_ms:8.1f} ms  {result.statuses}", flush=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--scale", choices=tuple(SCALES), default="smoke")
    parser.add_argument("--only", help="run only the scenarios whose name contains this")
    args = parser.parse_args(argv)
    scale = SCALES[args.scale]
    from elearn import create_app

    def wanted(name: str) -> bool:
        return not args.only or args.only in name or name.startswith("ceiling")

    with tempfile.TemporaryDirectory() as tmp, database(args.db, Path(tmp)) as url:
        env = dict(os.environ, ELEARN_DATABASE_URL=url, ELEARN_SECRET_KEY="benchmark",
                   ELEARN_LOG_LEVEL="WARNING", ELEARN_SIGNING_KEYS_DIR=str(Path(tmp) / "keys"),
                   ELEARN_VERIFY_MAX_PER_MINUTE="100000000",
                   ELEARN_VERIFY_MAX_MISSES_PER_MINUTE="100000000")
        os.environ.update({key: env[key] for key in ("ELEARN_DATABASE_URL", "ELEARN_SECRET_KEY",
                                                     "ELEARN_SIGNING_KEYS_DIR")})
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "LOG_LEVEL": "WARNING"})
        started = time.perf_counter()
        ids = seed(app, scale)
        pending = [item for item in PENDING if wanted(item.name)]
        skipped = {item.name: item.skip_reason() for item in pending}
        for item in pending:
            if skipped[item.name] is None and item.seed is not None:
                ids.update(item.seed(app, scale, ids))
        seeded = time.perf_counter() - started
        print(f"seeded {args.scale} data on {args.db} in {seeded:.1f} s", flush=True)
        results = {}
        port, ceiling_port = _free_port(), _free_port()
        with served("wsgi:app", env, port) as server, \
                served("benchmarks.ceiling:app", env, ceiling_port):
            tokens = {role: _login(port, email) for email, role, _c in ROLES}
            makers = {**scenarios(ids, tokens, scale), **{
                item.name: item.make(ids, tokens, scale) for item in pending
                if skipped[item.name] is None and item.make is not None}}
            chosen = {name: make for name, make in {**CEILING, **makers}.items()
                      if wanted(name)}
            singles = {name: make for name, make in one_off(ids, tokens, scale).items()
                       if wanted(name)}
            for name, make in chosen.items():
                target = ceiling_port if name.startswith("ceiling") else port
                results[name] = load.run(target, make, seconds=scale.seconds_per_scenario)
                _report(name, results[name])
            for name, make in singles.items():
                runs = REPORT_RUNS if name in LATENCIES else scale.import_runs
                results[name] = load.once(port, make, runs=runs)
                _report(name, results[name])
            rss = _rss_mb(server.pid)
        for item in pending:
            if skipped[item.name] is None and item.call is not None:
                with app.app_context():
                    results[item.name] = load.timed_calls(lambda item=item: item.call(app, ids),
                                                          runs=scale.import_runs)
                _report(item.name, results[item.name])
        for name, reason in skipped.items():
            if reason:
                print(f"{name:22} {reason}", flush=True)
        counts = statement_counts(app, {
            **{name: (make, 10**8) for name, make in chosen.items()
               if not name.startswith("ceiling")},
            **{name: (make, REPORT_RUNS if name in LATENCIES else scale.import_runs)
               for name, make in singles.items()}})
    report = write(args, scale, results, counts, seeded, rss,
                    {name: reason for name, reason in skipped.items() if reason},
                    sequential=set(singles) | {item.name for item in pending
                                               if item.call is not None})
    failed = [name for name, result in results.items() if not result.all_2xx]
    if failed:
        print(f"not every answer was 2xx: {', '.join(failed)}", file=sys.stderr)
        return 1
    print(f"results: {report}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
