"""The scenarios: what a trainee, an admin and a checkpoint ask of the server."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime


def _json(body) -> bytes:
    return json.dumps(body).encode()


def scenarios(ids: dict, tokens: dict[str, str], scale) -> dict:
    """name → make_request(n) giving (method, path, body, headers)."""
    run = uuid.uuid4().hex[:8]
    trainee = {"Authorization": f"Bearer {tokens['trainee']}",
               "Content-Type": "application/json"}
    admin = {"Authorization": f"Bearer {tokens['programme_admin']}"}
    lessons = ids["lesson_ids"][:-1]  # the last one is the quiz
    now = datetime.now(UTC).isoformat()

    def progress(n):
        return ("POST", f"/api/v1/enrollments/{ids['enrollment_id']}/progress", _json({
            "lesson_id": lessons[n % len(lessons)], "kind": "viewed",
            "client_event_id": f"bench-{run}-{n}"}), trainee)

    def sync(n):
        events = [{"id": f"sync-{run}-{n}-{k}", "type": "progress",
                   "enrollment_id": ids["enrollment_id"], "lesson_id": lessons[k % len(lessons)],
                   "kind": "viewed", "occurred_at": now} for k in range(scale.sync_batch)]
        return "POST", "/api/v1/sync", _json({"events": events}), trainee

    found = {
        "catalogue": lambda n: ("GET", "/api/v1/courses?per_page=50&q=policing&category=leadership",
                                None, trainee),
        "course_detail": lambda n: ("GET", f"/api/v1/courses/{ids['course_id']}", None, trainee),
        "my_enrollments": lambda n: ("GET", "/api/v1/me/enrollments", None, trainee),
        "roster_50": lambda n: ("GET", f"/api/v1/offerings/{ids['offering_id']}/enrollments"
                                "?per_page=50", None, admin),
        "progress_post": progress,
        "sync_batch": sync,
        "kpi_report": lambda n: ("GET", "/api/v1/reports/kpis", None, admin),
    }
    if ids.get("certificate_code"):
        found["verify_certificate"] = lambda n: (
            "GET", f"/verify/{ids['certificate_code']}", None, {"Accept": "application/json"})
    return found


CEILING = {
    "ceiling_hello": lambda n: ("GET", "/hello", None, {}),
    "ceiling_rows_50": lambda n: ("GET", "/rows", None, {}),
}
