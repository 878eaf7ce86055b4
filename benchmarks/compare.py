"""``python -m benchmarks.compare REV [--db sqlite|postgresql] [-n N] [--rounds R] [--only NAME]``

Before and after in the same run: the read scenarios timed in-process (CPU time per request,
the database included on SQLite) for the working tree and for the revision REV, checked out
beside it. The two alternate, each round in a fresh process on a freshly seeded database,
and the median of the rounds is compared, so a busy machine slows both alike.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ("catalogue", "course_detail", "my_enrollments", "roster_50", "mentees_view",
             "verify_certificate", "progress_post", "page_home", "page_catalogue", "page_lesson")


def measure(names: list[str], db: str, runs: int) -> dict[str, float]:
    """Milliseconds of CPU per request of each scenario, after a warm-up."""
    from elearn import create_app

    from .__main__ import _login_in_process, database
    from .scales import SCALES
    from .scenarios import PENDING, scenarios
    from .seed import ROLES, seed

    scale = SCALES["smoke"]
    with tempfile.TemporaryDirectory() as tmp, database(db, Path(tmp)) as url:
        os.environ.update(ELEARN_DATABASE_URL=url, ELEARN_SECRET_KEY="benchmark",
                          ELEARN_SIGNING_KEYS_DIR=str(Path(tmp) / "keys"))
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "LOG_LEVEL": "WARNING",
                          "VERIFY_MAX_PER_MINUTE": 10**8})
        ids = seed(app, scale)
        pending = [item for item in PENDING if item.name in names and item.make is not None
                   and item.skip_reason() is None]
        for item in pending:
            ids.update(item.seed(app, scale, ids) if item.seed else {})
        client = app.test_client()
        tokens = {role: _login_in_process(client, email) for email, role, _c in ROLES}
        makers = {**scenarios(ids, tokens, scale),
                  **{item.name: item.make(ids, tokens, scale) for item in pending}}
        result = {}
        for name in names:
            make = makers[name]
            for number in range(runs + runs // 5):
                if number == runs // 5:
                    started = time.process_time()
                method, path, body, headers = make(number)
                response = client.open(path, method=method, data=body, headers=headers)
                assert response.status_code < 300, (name, response.status_code)
            result[name] = (time.process_time() - started) * 1000 / runs
        return result


def _run(tree: Path, names: list[str], db: str, runs: int) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.compare", "--measure", "--db", db, "-n", str(runs),
         *sum((["--only", name] for name in names), [])],
        cwd=tree, capture_output=True, text=True, check=True, env=dict(
            os.environ, ELEARN_LOG_LEVEL="WARNING"))
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.compare", description=__doc__)
    parser.add_argument("rev", nargs="?", default="HEAD")
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("-n", type=int, default=300, help="requests per scenario and round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--only", action="append", help="a scenario (repeatable)")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    names = args.only or list(SCENARIOS)
    if args.measure:
        print(json.dumps(measure(names, args.db, args.n)))
        return 0
    base = Path(tempfile.mkdtemp(prefix="elearn-base-"))
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-f", str(base),
                    args.rev], check=True, capture_output=True)
    try:
        # The base runs this same measurement, whatever its own benchmarks hold.
        shutil.copy(Path(__file__), base / "benchmarks" / "compare.py")
        rounds = {"base": [], "tree": []}
        for _ in range(args.rounds):
            rounds["base"].append(_run(base, names, args.db, args.n))
            rounds["tree"].append(_run(ROOT, names, args.db, args.n))
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(base)],
                       check=False, capture_output=True)
    print(f"CPU ms per request, median of {args.rounds} rounds of {args.n} ({args.db}); "
          f"base {args.rev}")
    print(f"| scenario | {args.rev} | working tree | tree ÷ base |\n|---|---:|---:|---:|")
    for name in names:
        before = statistics.median(run[name] for run in rounds["base"])
        after = statistics.median(run[name] for run in rounds["tree"])
        print(f"| {name} | {before:.2f} | {after:.2f} | {after / before:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
