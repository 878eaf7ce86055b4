"""What JSON Schema cannot say about requests, taught to Schemathesis as hooks: one date
after another, a strong password, a code or a country that must exist, a real file.

Each hook turns a generated request that is valid by the OpenAPI document into one that is
valid by those rules too, and leaves requests the document rejects alone, so that the
negative cases stay negative. Loaded by tests/test_fuzzing.py, and by the Schemathesis
command line through `SCHEMATHESIS_HOOKS=tests.fuzz_rules`.
"""

from __future__ import annotations

import io
import zipfile
from copy import deepcopy
from datetime import date, datetime, timedelta
from pathlib import Path

import schemathesis

from elearn.accounts.countries import PARTNER_COUNTRIES
from elearn.i18n import LANGUAGES

PASSWORD = "correct horse battery staple"  # the suite's (tests/conftest.py)
KNOWN_COUNTRIES = [row[0] for row in PARTNER_COUNTRIES]
COURSES = Path(__file__).resolve().parent.parent / "courses"
PUBLISHED, PUBLISHED_CODE = "human-rights-gender", "HRGM-101"
# Every course the fuzzer meets speaks these (the shipped packages and those `_course` makes);
# its default language is one of them.
COMMON_LANGUAGES = ("en", "fr", "ar")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _known_country(value):
    if isinstance(value, str) and len(value) == 2 and value.isascii() and value.isupper() \
            and value not in KNOWN_COUNTRIES:
        return KNOWN_COUNTRIES[sum(map(ord, value)) % len(KNOWN_COUNTRIES)]
    return value


def _day(value) -> date | None:
    moment = _moment(value)
    return moment.date() if moment else None


def _moment(value) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _in_order(body: dict, *keys: str, strict: bool = False) -> None:
    """Put the dates or moments under `keys` in order (`strict`: one day apart at least),
    when all of them are there."""
    moments = [_moment(body.get(key)) for key in keys]
    if not all(moments) or len({moment.tzinfo is None for moment in moments}) > 1:
        return
    date_only = len(body[keys[0]]) == 10
    ordered = sorted(moments)
    for number in range(1, len(ordered)):
        if strict and ordered[number] <= ordered[number - 1]:
            ordered[number] = ordered[number - 1] + timedelta(days=1)
    if ordered[-1].year > 2999:
        return
    for key, moment in zip(keys, ordered, strict=True):
        body[key] = moment.date().isoformat() if date_only else moment.isoformat()


def _strong_password(body: dict) -> None:
    """The suite's password: strong, and still the current one after a change to it."""
    if isinstance(body.get("password"), str) and 0 < len(body["password"]) <= 4096:
        body["password"] = PASSWORD


def _new_user(body: dict) -> None:
    if "country" in body:
        body["country"] = _known_country(body["country"])
    _strong_password(body)


def _user_change(body: dict) -> None:
    _new_user(body)
    if body.get("password") == PASSWORD and isinstance(body.get("current_password", ""), str):
        body["current_password"] = PASSWORD


def _course(body: dict) -> None:
    if "country" in body:
        body["country"] = _known_country(body["country"])
    if isinstance(body.get("languages"), list) and body["languages"]:
        body["languages"] = list(LANGUAGES)
    if isinstance(body.get("prerequisites"), list):
        body["prerequisites"] = []
    if body.get("default_language") not in (None, *COMMON_LANGUAGES):
        body["default_language"] = "en"
    title, language = body.get("title"), body.get("default_language")
    if isinstance(title, dict) and language in LANGUAGES and not str(
            title.get(language, "")).strip():
        title[language] = "Community policing"
    description = body.get("description")
    if isinstance(description, dict) and description and language in LANGUAGES and not str(
            description.get(language, "")).strip():
        description[language] = "Working with communities"


def _programme(body: dict) -> None:
    for row in body.get("countries") or []:
        if isinstance(row, dict):
            row["country"] = _known_country(row.get("country"))
    if isinstance(body.get("countries"), list):
        seen = set()
        body["countries"] = [row for row in body["countries"] if not (
            isinstance(row, dict) and (row.get("country") in seen or seen.add(row.get("country"))))]
    if isinstance(body.get("pathway_course_ids"), list):
        body["pathway_course_ids"] = []
    _in_order(body, "applications_open_on", "applications_close_on", "starts_on")
    start = _day(body.get("starts_on"))
    if start and start.year >= 2990:  # two years on is past the last year a date can take
        start = start.replace(year=start.year - 1000, day=1)
        for key in ("applications_open_on", "applications_close_on", "starts_on"):
            body[key] = start.isoformat()
    if start:
        body["ends_on"] = start.replace(year=start.year + 2, day=1).isoformat()
    template = body.get("milestone_template")
    if isinstance(template, list):
        keys = set()
        body["milestone_template"] = [
            item | {"month": min(item["month"], 23)} if isinstance(item.get("month"), int)
            and item["month"] >= 1 else item
            for item in template if isinstance(item, dict)
            and not (item.get("key") in keys or keys.add(item.get("key")))] or template




def _space(body: dict) -> None:
    """A space of the fuzzing admin's country, named in its language, for an audience that
    exists here (no programme does)."""
    if isinstance(body.get("countries"), list):
        body["countries"] = ["FJ"]
    if body.get("audience") == "programme":
        body["audience"] = "countries"
    if body.get("audience") == "roles" and not body.get("roles"):
        body["roles"] = ["mentor"]
    language = body.get("language")
    if language in LANGUAGES and not isinstance(body.get("name"), dict):
        body["name"] = {}
    if language in LANGUAGES and not str(body["name"].get(language, "")).strip():
        body["name"][language] = "Pacific network"


VALID_QUESTIONS = [{"key": "fit", "kind": "scale", "required": True,
                    "text": {"en": "It fits."}, "low": {"en": "No"}, "high": {"en": "Yes"}}]


def _campaign(body: dict) -> None:
    """A campaign of a shipped questionnaire, to the fuzzing admin's country, in order."""
    if "template" in body or "questionnaire_id" in body:
        body.pop("questionnaire_id", None)
        body["template"] = "needs_assessment"
    if isinstance(body.get("audience"), dict):
        body["audience"] = {"kind": "country", "country": "FJ"}
    _in_order(body, "opens_on", "closes_on")


def _questionnaire(body: dict) -> None:
    if isinstance(body.get("questions"), list):
        body["questions"] = deepcopy(VALID_QUESTIONS)
    language = body.get("default_language", "en")
    if isinstance(body.get("title"), dict) and language in LANGUAGES and not str(
            body["title"].get(language, "")).strip():
        body["title"][language] = "Check-up"
    for question in body.get("questions") or []:
        for key in ("text", "low", "high"):
            question[key] = {language: question[key]["en"]}


def _event(body: dict) -> None:
    """An event of the fuzzing admin's country (or regional), in order, of no offering."""
    if "country" in body:
        body["country"] = "FJ"
    body.pop("offering_id", None)
    _in_order(body, "starts_on", "ends_on")


def _session(body: dict) -> None:
    """Sessions are refused outside their offering and for busy trainers: name none."""
    body.pop("trainer_ids", None)
    _in_order(body, "starts_at", "ends_at", strict=True)


def _post(body: dict) -> None:
    """Mentions of members only: none."""
    if isinstance(body.get("mentions"), list):
        body["mentions"] = []


def _question(body: dict) -> None:
    choices = body.get("choices")
    if not isinstance(choices, list) or not all(isinstance(item, dict) for item in choices):
        return
    kind = body.get("kind")
    if kind == "true_false":
        del choices[2:]
    for number, item in enumerate(choices):
        if kind == "true_false":
            item["key"] = ("true", "false")[number]
        elif isinstance(item.get("key"), str):
            item["key"] = f"{item['key'][:16]}-{number}"
        item["correct"] = number == 0 or (kind == "multiple_choice" and bool(item.get("correct")))


def _titled(body: dict) -> None:
    """A module's or a lesson's title in the course's default language, whichever it is."""
    title = body.get("title")
    if isinstance(title, dict) and title:
        for language in COMMON_LANGUAGES:
            title.setdefault(language, "Basics")


def _application(body: dict) -> None:
    """Demographic answers under keys of 1 to 40 characters (as the document says)."""
    if isinstance(body.get("demographics"), dict):
        body["demographics"] = {key: value for key, value in body["demographics"].items()
                                if isinstance(key, str) and 1 <= len(key) <= 40}


def _lesson(body: dict) -> None:
    _titled(body)
    if isinstance(body.get("quiz"), dict):
        for question in body["quiz"].get("questions") or []:
            if isinstance(question, dict):
                _question(question)


def _certificate(body: dict) -> None:
    """Name the published course rather than an enrolment (which only a learner has)."""
    if isinstance(body.get("course_code"), str) or isinstance(body.get("enrollment_id"), int):
        body.pop("enrollment_id", None)
        body["course_code"] = PUBLISHED_CODE


def _mandatory_rule(body: dict) -> None:
    if isinstance(body.get("required_code"), str):
        body["required_code"] = PUBLISHED_CODE


def _package() -> bytes:
    folder = COURSES / "international-police-cooperation"
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as package:
        for path in folder.rglob("*"):
            if path.is_file():
                package.write(path, path.relative_to(folder))
    return archive.getvalue()


def _upload(field: str, content: bytes):
    def replace(body: dict) -> None:
        generated = body.get(field)
        if isinstance(getattr(generated, "data", None), bytes):  # a generated file
            body[field] = type(generated)(content)
    return replace


def _period(values: dict) -> None:
    _in_order(values, "from", "to", strict=True)


BODIES = {
    ("POST", "/api/v1/users"): _new_user,
    ("PATCH", "/api/v1/users/{user_id}"): _user_change,
    ("POST", "/api/v1/auth/password-setup"): _strong_password,
    ("POST", "/api/v1/courses"): _course,
    ("PATCH", "/api/v1/courses/{course_id}"): _course,
    ("POST", "/api/v1/programmes"): _programme,
    ("POST", "/api/v1/quizzes/{quiz_id}/questions"): _question,
    ("PUT", "/api/v1/quizzes/{quiz_id}/questions/{question_id}"): _question,
    ("POST", "/api/v1/courses/{course_id}/modules/{module_id}/lessons"): _lesson,
    ("POST", "/api/v1/courses/{course_id}/modules"): _titled,
    ("POST", "/api/v1/programmes/{programme_id}/applications"): _application,
    ("POST", "/api/v1/mandatory-rules"): _mandatory_rule,
    ("POST", "/api/v1/certificates"): _certificate,
    ("POST", "/api/v1/reports/periods"): _period,
    ("POST", "/api/v1/spaces"): _space,
    ("PATCH", "/api/v1/spaces/{space_id}"): _space,
    ("POST", "/api/v1/spaces/{space_id}/threads"): _post,
    ("POST", "/api/v1/threads/{thread_id}/posts"): _post,
    ("POST", "/api/v1/surveys"): _campaign,
    ("POST", "/api/v1/events"): _event,
    ("POST", "/api/v1/offerings/{offering_id}/sessions"): _session,
    ("PATCH", "/api/v1/sessions/{session_id}"): _session,
    ("POST", "/api/v1/questionnaires"): _questionnaire,
    ("PUT", "/api/v1/questionnaires/{questionnaire_id}/questions"): _questionnaire,
}
# Files are chosen as they are generated: a file changed on its way out would no longer count
# as valid (Schemathesis does not check binary bodies again).
UPLOADS = {
    ("POST", "/api/v1/users/import"): _upload(
        "file", b"email,name,country\nsela@example.org,Sela Fifita,FJ\n"),
    ("POST", "/api/v1/offerings/{offering_id}/enrollments/import"): _upload(
        "file", b"email\nsela@example.org\n"),
    ("POST", "/api/v1/courses/import"): _upload("file", _package()),
    ("POST", "/api/v1/spaces/{space_id}/resources"): _upload("file", PDF),
    ("POST", "/api/v1/resources/{resource_id}/versions"): _upload("file", PDF),
}
QUERIES = {("GET", f"/api/v1/reports/{report}"): _period
           for report in ("kpis", "kpis.{fmt}", "trends", "cascade")}


@schemathesis.hook
def before_call(context, case, **kwargs):
    """Requests valid by the schema are made valid by the rules above too (whatever phase
    generated them); the others are sent as they are."""
    if case.meta is not None and case.meta.generation.mode.is_negative:
        return
    key = (case.operation.method.upper(), case.operation.path)
    for table, location in ((BODIES, "body"), (QUERIES, "query")):
        value = getattr(case, location)
        if key in table and isinstance(value, dict):
            value = deepcopy(value)  # generated values can be shared between cases
            table[key](value)
            setattr(case, location, value)


@schemathesis.hook
def map_body(context, body):
    operation = context.operation
    upload = UPLOADS.get((operation.method.upper(), operation.path))
    if upload is not None and isinstance(body, dict):
        body = dict(body)
        upload(body)
    return body
