"""``python -m benchmarks.profile NAME [--db sqlite|postgresql] [--scale smoke|full] [-n N]``

Seeds a database like the runner, then profiles N in-process requests of one scenario with
pyinstrument (``pip install -e '.[bench]'``) and prints where the time goes.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from .__main__ import _login_in_process, database
from .scales import SCALES
from .scenarios import PENDING, one_off, scenarios
from .seed import ROLES, seed


def main(argv=None) -> int:
    from pyinstrument import Profiler

    from elearn import create_app

    parser = argparse.ArgumentParser(prog="python -m benchmarks.profile", description=__doc__)
    parser.add_argument("name")
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--scale", choices=tuple(SCALES), default="smoke")
    parser.add_argument("-n", type=int, default=200)
    args = parser.parse_args(argv)
    scale = SCALES[args.scale]
    with tempfile.TemporaryDirectory() as tmp, database(args.db, Path(tmp)) as url:
        os.environ.update(ELEARN_DATABASE_URL=url, ELEARN_SECRET_KEY="benchmark",
                          ELEARN_SIGNING_KEYS_DIR=str(Path(tmp) / "keys"))
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "LOG_LEVEL": "WARNING",
                          "VERIFY_MAX_PER_MINUTE": 10**8})
        ids = seed(app, scale)
        pending = [item for item in PENDING if item.name == args.name and item.make is not None
                   and item.skip_reason() is None]
        for item in pending:
            ids.update(item.seed(app, scale, ids) if item.seed else {})
        client = app.test_client()
        tokens = {role: _login_in_process(client, email) for email, role, _c in ROLES}
        make = {**scenarios(ids, tokens, scale), **one_off(ids, tokens, scale), **{
            item.name: item.make(ids, tokens, scale) for item in pending}}[args.name]
        runs = min(args.n, scale.import_runs + 1) if args.name.endswith("_import") else args.n
        profiler = Profiler()
        with profiler:
            for number in range(runs):
                method, path, body, headers = make(number)
                response = client.open(path, method=method, data=body, headers=headers)
                assert response.status_code < 300, (response.status_code, response.data[:500])
        print(profiler.output_text(unicode=True, color=False, show_all=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
