"""The scenarios: what a trainee, an admin and a checkpoint ask of the server."""

from __future__ import annotations

import importlib.util
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from elearn.accounts.countries import PARTNER_COUNTRIES

from . import mentoring, networks, surveys


def _json(body) -> bytes:
    return json.dumps(body).encode()


PAGE = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8", "Accept-Encoding": "gzip"}


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
        # The web app's pages, as a phone asks for them.
        "page_home": lambda n: ("GET", "/", None, trainee | PAGE),
        "page_catalogue": lambda n: ("GET", "/catalogue?q=policing", None, trainee | PAGE),
        "page_lesson": lambda n: (
            "GET", f"/learn/{ids['enrollment_id']}/lessons/{lessons[n % len(lessons)]}", None,
            trainee | PAGE),
        "page_console_people": lambda n: ("GET", f"/console/people?page={n % 20 + 1}", None,
                                          admin | PAGE),
    }
    if ids.get("certificate_code"):
        found["verify_certificate"] = lambda n: (
            "GET", f"/verify/{ids['certificate_code']}", None, {"Accept": "application/json"})
    return found


CEILING = {
    "ceiling_hello": lambda n: ("GET", "/hello", None, {}),
    "ceiling_rows_50": lambda n: ("GET", "/rows", None, {}),
}


def _multipart(text: str) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; "
            f"filename=\"import.csv\"\r\nContent-Type: text/csv\r\n\r\n{text}\r\n"
            f"--{boundary}--\r\n").encode()
    return body, f"multipart/form-data; boundary={boundary}"


def one_off(ids: dict, tokens: dict[str, str], scale) -> dict:
    """Scenarios timed one request at a time, ``scale.import_runs`` times: name → make(n).

    Request n (from 0) must not collide with the others: n = import_runs is kept for the
    statement count.
    """
    admin = tokens["programme_admin"]
    run = uuid.uuid4().hex[:8]
    codes = [country[0] for country in PARTNER_COUNTRIES]
    genders = ("female", "male", "other", "undisclosed")

    def user_import(n):
        lines = ["email,name,country,gender,roles"] + [
            f"import-{run}-{n}-{k}@bench.elearn,Officer {k},{codes[k % len(codes)]},"
            f"{genders[k % len(genders)]},trainee" for k in range(scale.user_import)]
        body, content_type = _multipart("\n".join(lines) + "\n")
        return "POST", "/api/v1/users/import", body, {
            "Authorization": f"Bearer {admin}", "Content-Type": content_type}

    def enrollment_import(n):
        offering = ids["import_offering_ids"][n]
        body, content_type = _multipart("email\n" + "\n".join(ids["import_emails"]) + "\n")
        return "POST", f"/api/v1/offerings/{offering}/enrollments/import", body, {
            "Authorization": f"Bearer {admin}", "Content-Type": content_type}

    def kpi_report(n):  # a report's latency is the figure, not many at once
        return "GET", "/api/v1/reports/kpis", None, {"Authorization": f"Bearer {admin}"}

    return {"kpi_report": kpi_report, "sync_batch_alone": scenarios(ids, tokens, scale)[
        "sync_batch"], "user_import": user_import, "enrollment_import": enrollment_import}


@dataclass(frozen=True)
class Pending:
    """A scenario whose domain is built elsewhere: skipped, and said so, until it lands.

    When the domain lands, give ``seed`` (app, scale, ids → more ids, e.g. 200 pairings
    with milestones and check-ins) and ``make`` (ids, tokens, scale → make_request), or for a
    scan that is not an HTTP request, ``call`` (app, ids → None, timed in-process).
    """

    name: str
    domain: str
    what: str
    seed: Callable | None = None
    make: Callable | None = None
    call: Callable | None = None

    def skip_reason(self) -> str | None:
        if importlib.util.find_spec(self.domain) is None:
            return f"skipped: {self.domain} is not in this build"
        if self.make is None and self.call is None:
            return f"skipped: {self.domain} is present but this scenario is not written yet"
        return None


PENDING = (
    Pending("mentees_view", "elearn.mentoring", "a mentor's mentees view (200 pairings, "
            "their milestones and check-ins)", seed=mentoring.seed_programme,
            make=mentoring.mentees_view),
    Pending("reminder_scan", "elearn.reminders", "one full reminder scan over all "
            "enrolments", seed=mentoring.seed_due_dates, call=mentoring.reminder_scan),
    Pending("thread_page", "elearn.networks", "a page of a thread of 10,000 replies",
            seed=networks.seed_space, make=networks.thread_page),
    Pending("library_page", "elearn.networks", "a page of a library of 5,000 resources",
            seed=networks.seed_space, make=networks.library_page),
    Pending("page_thread", "elearn.networks", "the thread's page in the web app",
            seed=networks.seed_space, make=networks.thread_html),
    Pending("survey_results", "elearn.surveys", "a needs assessment's results over 100,000 "
            "answers", seed=surveys.seed_survey, make=surveys.results),
    Pending("survey_invite", "elearn.surveys", "a campaign to 10,000 people, invited",
            call=surveys.invite_everyone),
)
