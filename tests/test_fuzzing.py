"""Schemathesis over the whole OpenAPI document, as a national admin and as a programme
admin, against one server as a client meets it: every check, single calls and then chains
of calls (the stateful phase), a fixed seed and a bounded number of examples per operation.
Zero findings is the bar.

The document states every rule JSON Schema can state; `fuzz_rules` teaches the generator
the few it cannot.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, seed, settings
from werkzeug.serving import make_server

from elearn import create_app
from elearn.accounts.countries import seed_countries
from elearn.accounts.services import create_user
from elearn.config import TestConfig
from elearn.courses.packages.transfer import import_package
from elearn.extensions import db
from elearn.timeutils import utcnow

from . import fuzz_rules
from .conftest import PASSWORD, _config, _empty_tables

pytestmark = pytest.mark.xdist_group("fuzzing")
SEED = 20261205
ROLES = {"national admin": ("national_admin", "FJ"), "programme admin": ("programme_admin", "FJ")}
ROOT = Path(__file__).resolve().parent.parent

# The document, read once; the calls go to the `served` app.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", create_app(TestConfig))
# The coverage phase would enumerate the boundary values of every nested field of every
# operation while collecting, in each worker — a minute of the suite's time budget.
schema.config.phases.coverage.enabled = False
SIGNED_IN: dict[str, str] = {}
ANSWERED: list[int] = []


@schema.auth(refresh_interval=None)
class BearerToken:
    """The signed-in admin of the running test (left off where a case tests its absence)."""

    def get(self, case, context):
        return SIGNED_IN.get("token", "")

    def set(self, case, data, context):
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}


@pytest.fixture(scope="module")
def served(_migrated, keys_dir):
    """One server for the whole run, as a fuzzer meets it: what one operation leaves, the
    next finds. The module runs whole on one worker (its `xdist_group`)."""
    served = create_app(_config(_migrated) | {"SIGNING_KEYS_DIR": keys_dir})
    with served.app_context():  # the same start every run: an empty database
        _empty_tables()

    @served.after_request
    def note(response):
        ANSWERED.append(response.status_code)
        return response

    yield served
    with served.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture(params=sorted(ROLES))
def signed_in(request, served):
    """A new admin of that role, signed in; the partner countries and a published course
    (which mandatory rules name) are there. Returns the bearer token."""
    role, country = ROLES[request.param]
    email = f"{role}.{uuid.uuid4().hex[:8]}@example.org"
    with served.app_context():
        seed_countries()
        import_package(fuzz_rules.COURSES / fuzz_rules.PUBLISHED, now=utcnow(),
                       publish_it=True, skip_existing=True)
        create_user(None, {"email": email, "name": "Fuzzing admin", "country": country,
                           "roles": [role], "password": PASSWORD}, now=utcnow())
        db.session.commit()
    answer = served.test_client().post("/api/v1/auth/login",
                                       json={"email": email, "password": PASSWORD})
    SIGNED_IN["token"] = answer.get_json()["token"]
    ANSWERED.clear()
    yield SIGNED_IN["token"]
    # A run in which the token never worked would have proved nothing.
    assert set(ANSWERED) - {401}, ANSWERED


@schema.parametrize()
@seed(SEED)
@settings(max_examples=6, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
def test_every_operation_holds_to_its_contract(case, served, signed_in):
    # The WSGI transport would not unzip what a browser unzips: ask for plain bodies.
    case.call_and_validate(app=served, headers={"Accept-Encoding": "identity"})


def test_sequences_of_operations_hold_to_the_contract(served, signed_in, tmp_path):
    """The stateful phase, run by Schemathesis' own engine over HTTP: chains of calls, each
    feeding the next (an id it created, a code it answered), checked as single calls are.
    (Its engine starts a fresh session when the server's state changes what a replay
    draws, which a test of our own could not do.)"""
    server = make_server("127.0.0.1", 0, served, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        run = subprocess.run(
            [str(Path(sys.executable).parent / "schemathesis"),
             "--config-file", str(ROOT / "tests" / "schemathesis.toml"), "run",
             f"http://127.0.0.1:{server.server_port}/api/v1/openapi.json",
             "--phases", "stateful", "--checks", "all", "--seed", str(SEED),
             "--max-examples", "6", "--header", "Accept-Encoding: identity",
             "--report-dir", str(tmp_path)],
            cwd=ROOT, capture_output=True, text=True, timeout=300,
            env=os.environ | {"ELEARN_FUZZ_TOKEN": signed_in,
                              "SCHEMATHESIS_HOOKS": "tests.fuzz_rules"})
    finally:
        server.shutdown()
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
