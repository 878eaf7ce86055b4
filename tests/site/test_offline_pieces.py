"""The pieces of the installable, offline web app as the server gives them."""

from __future__ import annotations

import json
import re

from tests.site.conftest import text


def test_the_service_worker_is_served_from_the_root_and_lists_the_fingerprinted_files(
        browser):
    worker = browser().get("/sw.js")
    assert worker.mimetype == "text/javascript"
    assert worker.headers["Service-Worker-Allowed"] == "/"
    assert worker.headers["Cache-Control"] == "no-cache"
    assets = json.loads(re.search(r"const ASSETS = (\[.*?\]);", text(worker)).group(1))
    assert any(re.fullmatch(r"/assets/site\.[0-9a-f]{10}\.css", path) for path in assets)


def test_a_fingerprinted_file_is_kept_for_a_year_and_an_unknown_one_is_not_found(browser):
    visitor = browser()
    stylesheet = re.search(r'href="(/assets/site\.[^"]+\.css)"',
                           text(visitor.get("/sign-in"))).group(1)
    answer = visitor.get(stylesheet)
    assert answer.status_code == 200
    assert answer.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert visitor.get("/assets/site.0000000000.css").status_code == 404


def test_the_manifest_speaks_the_readers_language(trainee):
    page, _user, _email = trainee
    page.post("/language", {"language": "ar", "next": "/"})
    manifest = page.get("/manifest.webmanifest")
    assert manifest.mimetype == "application/manifest+json"
    assert (manifest.get_json()["lang"], manifest.get_json()["dir"]) == ("ar", "rtl")


def test_the_offline_page_opens_for_anyone(browser):
    answer = browser().get("/offline")
    assert answer.status_code == 200 and "offline" in text(answer)


def test_pages_forbid_inline_script_and_other_hosts(trainee):
    page, _user, _email = trainee
    answer = page.get("/")
    policy = answer.headers["Content-Security-Policy"]
    assert "script-src 'self';" in policy and "default-src 'self';" in policy
    assert not re.search(r"<script(?![^>]*\bsrc=)", text(answer))  # no inline script
    assert not re.search(r"<[^>]*\son[a-z]+=", text(answer))  # no inline handler


def test_a_lesson_offers_to_keep_every_lesson_of_the_course_for_offline(
        trainee, make_course, make_offering, enroll, login):
    page, _user, email = trainee
    course = make_course(lessons=2)
    enrollment = enroll(make_offering(course["id"])["id"],
                        {"Authorization": f"Bearer {login(email)}"}).get_json()["id"]
    lesson = text(page.get(f"/learn/{enrollment}/lessons/{course['lessons'][0]}"))
    kept = json.loads(re.search(r'data-keep="([^"]+)"', lesson).group(1).replace("&#34;", '"'))
    assert kept[0] == "/" and len(kept) == 1 + len(course["required"])
