"""A trainee's first hour in a real Chromium, on a phone-sized screen, in English and in
Arabic: sign in, find a course by an Arabic word, enrol, read, pass the quiz, see the
certificate. Every page is checked with axe, every request stays on this host, and the
first visit and later pages keep to their byte budgets."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import PASSWORD
from tests.test_pages import (  # noqa: F401 — a page per language, the served app
    _accessible,
    _reads_in_its_language,
    page,
    pytestmark,  # noqa: E402,F401 — where and when a browser runs
    site,
    snapshot,
)
from tests.test_pages import browser as chromium  # noqa: F401 — the launched browser

FIRST_VISIT_BUDGET = 60_000  # bytes on the wire, compressed, for the dashboard's first visit
LATER_PAGE_BUDGET = 15_000


@pytest.fixture
def browser(chromium):  # noqa: F811 — test_pages' `page` asks for `browser`
    return chromium


@pytest.fixture
def paired(active_pairing, client, clock, page):  # noqa: F811
    """An active pairing three weeks into its programme; its mentor's e-mail address, the
    mentor reading in the page's language."""
    made = active_pairing()
    clock.move_to(datetime(2027, 3, 20, 9, 0, tzinfo=UTC))
    client.patch("/api/v1/me", headers=made["mentor"], json={"language": page.language})
    return made, client.get("/api/v1/me", headers=made["mentor"]).get_json()["email"]


def follow(page, selector: str) -> None:  # noqa: F811 — the page given
    """Click what leads to another page, and wait until that page has loaded."""
    with page.expect_navigation():
        page.click(selector)


def sign_in(page, site: str, email: str) -> None:  # noqa: F811 — the page given
    page.goto(f"{site}/sign-in")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    follow(page, "form.card button[type=submit]")


def open_as(browser, page, site: str, email: str):  # noqa: F811 — the page given
    """A page of its own for another person, in the same language and size, signed in."""
    context = browser.new_context(locale=page.language, viewport={"width": 390, "height": 800},
                                  extra_http_headers={"Accept-Language": page.language})
    other = context.new_page()
    other.language = page.language
    sign_in(other, site, email)
    return other


def photographed(person, name: str) -> None:
    """Checked with axe, no wider than the phone, and photographed."""
    _accessible(person)
    assert person.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways
    snapshot(person, name)


class Traffic:
    """Every request the page makes, and the bytes received for it."""

    def __init__(self, page):  # noqa: F811 — the page it listens to
        self.requests = []
        page.on("requestfinished", lambda request: self.requests.append(request))

    def bytes_since(self, start: int) -> int:
        total = 0
        for request in self.requests[start:]:
            sizes = request.sizes()
            total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
        return total

    def hosts(self) -> set[str]:
        return {urlsplit(request.url).netloc for request in self.requests}


def test_a_trainee_finds_enrols_learns_and_is_certified(page, site, make_user,  # noqa: F811
                                                         make_course, make_offering,
                                                         tmp_path_factory):

    def checked(name: str) -> None:
        photographed(page, name)

    make_user("mele@example.org", name="Mele Taufa", country="TO", language=page.language)
    course = make_course(code="CP-101", lessons=2, max_attempts=3)
    make_offering(course["id"])
    traffic = Traffic(page)

    page.goto(f"{site}/")
    assert "/sign-in" in page.url
    _reads_in_its_language(page)
    checked("sign-in")
    page.fill("#email", "mele@example.org")
    page.fill("#password", PASSWORD)
    first_visit = len(traffic.requests)
    follow(page, "form.card button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.url.rstrip("/") == site
    assert traffic.bytes_since(first_visit) <= FIRST_VISIT_BUDGET
    checked("dashboard-empty")

    before = len(traffic.requests)
    page.goto(f"{site}/catalogue?q=المجتمعية")
    assert traffic.bytes_since(before) <= LATER_PAGE_BUDGET
    checked("catalogue")
    follow(page, "text=CP-101 >> xpath=ancestor::li >> a")
    checked("course")
    follow(page, "form[action$='/enrol'] button")
    assert page.locator("p.notice.done").count() == 1
    checked("enrolled")

    page.goto(f"{site}/")
    checked("dashboard")
    follow(page, "a.button")  # continue with the next lesson
    _reads_in_its_language(page)
    checked("lesson")
    for _lesson in course["lessons"]:
        follow(page, "form[action$='/complete'] button")
    for question, key in zip(course["questions"], ("a", "b"), strict=True):
        page.check(f"input[name='question-{question}'][value='{key}']")
    checked("quiz")
    follow(page, "form[action*='/quizzes/'] button")
    assert page.locator("p.notice.done").count() == 1
    checked("result")

    page.goto(f"{site}/certificates")
    assert page.locator("img.qr").count() == 1
    checked("certificates")
    with page.expect_download() as download:
        page.click("a[download]")
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF-")
    for name in ("notifications", "settings", "mentoring"):
        page.goto(f"{site}/{name}")
        checked(name)
    page.goto(f"{site}/learn/999999/lessons/1")
    checked("not-found")
    assert traffic.hosts() == {urlsplit(site).netloc}


def test_a_course_kept_for_offline_is_learnt_offline_and_synced_on_return(
        page, site, make_user, make_course, make_offering, enroll, login,  # noqa: F811
        client, tmp_path_factory):
    make_user("sione@example.org", name="Sione Vea", country="TO", language=page.language)
    course = make_course(code="CP-202", lessons=2)
    headers = {"Authorization": f"Bearer {login('sione@example.org')}"}
    enrollment = enroll(make_offering(course["id"])["id"], headers).get_json()["id"]
    first, second = course["lessons"]
    traffic = Traffic(page)

    sign_in(page, site, "sione@example.org")
    page.goto(f"{site}/learn/{enrollment}/lessons/{first}")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()  # now under the worker's care
    page.click("button[data-keep]")
    page.wait_for_selector("#sync-state:has-text('4')")

    page.context.set_offline(True)
    page.goto(f"{site}/learn/{enrollment}/lessons/{first}")
    page.click("form[data-queue='progress'] button")
    page.wait_for_url(f"**/learn/{enrollment}/lessons/{second}")
    page.click("form[data-queue='progress'] button")
    page.wait_for_url(f"**/learn/{enrollment}/lessons/{course['required'][-1]}")
    for question, key in zip(course["questions"], ("a", "b"), strict=True):
        page.check(f"input[name='question-{question}'][value='{key}']")
    page.click("form[data-queue='quiz_attempt'] button")
    assert page.evaluate("JSON.parse(localStorage.getItem('elearn-queue')).length") == 3
    snapshot(page, "offline-queue")

    page.context.set_offline(False)
    page.wait_for_selector("#sync-state[data-synced]")
    assert page.evaluate("JSON.parse(localStorage.getItem('elearn-queue')).length") == 0
    mine = client.get("/api/v1/me/enrollments", headers=headers).get_json()["items"][0]
    assert mine["status"] == "completed"
    assert client.get("/api/v1/me/certificates", headers=headers).get_json()["total"] == 1
    page.goto(f"{site}/certificates")
    assert page.locator("img.qr").count() == 1
    _accessible(page)
    assert traffic.hosts() == {urlsplit(site).netloc}


def test_a_mentor_logs_a_check_in(page, site, paired, tmp_path_factory):  # noqa: F811
    made, email = paired
    sign_in(page, site, email)
    page.goto(f"{site}/mentoring")
    _reads_in_its_language(page)
    _accessible(page)
    follow(page, f"a[href='/pairings/{made['id']}']")
    page.fill("#held_on", "2027-03-18")
    page.fill("#minutes", "40")
    page.fill("#topics", "Leadership plan")
    follow(page, "form[action$='/checkins'] button")
    assert page.locator("p.notice.done").count() == 1
    snapshot(page, "pairing")
    _accessible(page)


def test_a_trainer_records_attendance(page, site, make_user, make_course,  # noqa: F811
                                      make_offering, as_user, enroll, app):
    from elearn.courses.models import Lesson
    from elearn.extensions import db

    trainer = make_user("tevita@example.org", roles=("trainer",), language=page.language)
    course = make_course(lessons=1, quiz=False)
    with app.app_context():
        first = db.session.get(Lesson, course["lessons"][0])
        db.session.add(Lesson(module_id=first.module_id, course_id=course["id"], key="live",
                              position=2, kind="live_session", title={"en": "Live session"}))
        db.session.commit()
    offering = make_offering(course["id"], trainers=[{"user_id": trainer}])
    enroll(offering["id"], as_user(name="Losa Learner"))
    sign_in(page, site, "tevita@example.org")
    page.goto(f"{site}/teaching")
    _reads_in_its_language(page)
    _accessible(page)
    follow(page, f"a[href='/teaching/offerings/{offering['id']}']")
    page.check("input[name=enrollment]")
    follow(page, "form[action$='/attendance'] button")
    assert page.locator("p.notice.done").count() == 1
    _accessible(page)


def test_a_national_admin_finds_and_adds_people_from_the_console(page, site,  # noqa: F811
                                                                 make_user, tmp_path_factory):
    make_user("rania@example.org", name="Rania Haddad", country="JO",
              roles=("national_admin",), language=page.language)
    make_user("lina@example.org", name="Lina Khalil", country="JO")
    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page, site, "rania@example.org")
    page.goto(f"{site}/console")
    _reads_in_its_language(page)
    snapshot(page, "console")
    _accessible(page)
    page.goto(f"{site}/console/people?q=lina")
    assert page.locator("tbody tr").count() == 1
    _accessible(page)
    page.goto(f"{site}/console/people/new")
    page.fill("#email", "new.officer@example.org")
    page.fill("#name", "Noor Saleh")
    follow(page, "form[action$='/people/new'] button[type=submit]")
    assert page.locator("p.notice.done").count() == 1
    snapshot(page, "people")
    _accessible(page)

    rows = "".join(f"officer{n}@example.org,Officer {n},JO,female\n" for n in range(48))
    bad = "not-an-address,Broken,JO,female\nfiji@example.org,Elsewhere,FJ,male\n"
    page.goto(f"{site}/console/people/import")
    for content, confirmable in ((rows + bad, False), (rows, True)):
        page.set_input_files("#file", files=[{
            "name": "people.csv", "mimeType": "text/csv",
            "buffer": ("email,name,country,gender\n" + content).encode()}])
        follow(page, "form[enctype] button[type=submit]")
        _accessible(page)
        assert page.locator("td.field-error").count() == (0 if confirmable else 2)
        assert page.locator("input[name=token]").count() == (1 if confirmable else 0)
    snapshot(page, "import")
    follow(page, "form[action$='/confirm'] button")
    assert page.locator("p.notice.done").count() == 1
    page.goto(f"{site}/console/audit?action=user.create")
    assert page.locator("tbody tr").count() >= 2
    _accessible(page)
    page.goto(f"{site}/console/people?q=lina")
    follow(page, "tbody a")
    _accessible(page)
    follow(page, "form[action$='/deactivation'] button")
    _accessible(page)
    follow(page, "form[action$='/active'] button[type=submit]")
    assert page.locator("p.notice.done").count() == 1


def test_a_national_admin_approves_a_selection_from_a_roster(page, site, make_user,  # noqa: F811
                                                             make_course, make_offering,
                                                             as_user, enroll):
    make_user("rania@example.org", name="Rania Haddad", country="JO",
              roles=("national_admin",), language=page.language)
    offering = make_offering(make_course()["id"], approval_required=True, country="JO")
    for name in ("Lina Khalil", "Noor Saleh"):
        enroll(offering["id"], as_user(country="JO", name=name))
    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page, site, "rania@example.org")
    page.goto(f"{site}/console/offerings/new")
    page.fill("#starts_at", "2027-02-01")
    follow(page, "form[action$='/offerings/new'] button[type=submit]")
    assert page.locator("p.notice.done").count() == 1
    _accessible(page)
    page.goto(f"{site}/console/offerings")
    _accessible(page)
    follow(page, f"a[href='/console/offerings/{offering['id']}']")
    _accessible(page)
    for box in page.locator("input[name=enrollment]").all():
        box.check()
    follow(page, "form[action$='/selection'] button[type=submit]")
    assert page.locator("form[action$='/confirm'] input[name=enrollment]").count() == 2
    _accessible(page)
    follow(page, "form[action$='/confirm'] button[type=submit]")
    assert page.locator("p.notice.done").count() == 1
    _accessible(page)


def test_a_national_admin_revokes_a_certificate(page, site, make_user, certified):  # noqa: F811
    code = certified(country="JO", code="HRGM-101")["certificate"]["code"]
    make_user("rania@example.org", name="Rania Haddad", country="JO",
              roles=("national_admin",), language=page.language)
    sign_in(page, site, "rania@example.org")
    page.goto(f"{site}/console/certificates?course_code=HRGM-101")
    _accessible(page)
    follow(page, "tbody a")
    page.fill("#reason", "Issued in error")
    follow(page, "form[action$='/revoke'] button")
    assert page.locator("p.notice.done").count() == 1
    _accessible(page)
    page.goto(f"{site}/verify/{code}")
    assert page.locator(".status").count() == 1


def test_a_national_admin_downloads_the_kpi_report_and_freezes_a_period(
        page, site, make_user, make_course, make_offering, as_user, enroll,  # noqa: F811
        tmp_path_factory):
    offering = make_offering(make_course(code="CP-101")["id"])
    for number in range(6):
        enroll(offering["id"], as_user(country="JO", gender="female", name=f"Officer {number}"))
    make_user("rania@example.org", name="Rania Haddad", country="JO",
              roles=("national_admin",), language=page.language)
    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page, site, "rania@example.org")
    page.goto(f"{site}/console/reports")
    page.fill("#course", "CP-101")
    page.fill("#from", "2026-01-01")
    follow(page, "form[role=search] button[type=submit]")
    assert "course=CP-101" in page.url and "from=2026-01-01" in page.url
    _reads_in_its_language(page)
    _accessible(page)
    snapshot(page, "reports")
    with page.expect_download() as waiting:
        page.click("a[href*='kpis.csv']")
    body = Path(waiting.value.path()).read_bytes().decode("utf-8-sig")
    assert "JO" in body and "FJ" not in body
    page.fill("#freeze-name", "Donor year 2026")
    page.fill("#freeze-from", "2026-01-01")
    page.fill("#freeze-to", "2026-12-31")
    follow(page, "form[action$='/periods'] button")
    assert page.locator("p.notice.done").count() == 1
    _accessible(page)


def test_a_national_admin_previews_and_sends_a_reminder(page, site, make_user, person,  # noqa: F811
                                                        enrolment, tmp_path_factory):
    for name in ("Lina Khalil", "Noor Saleh"):
        enrolment(person("JO", name=name)[0], due_at=datetime.now(UTC) + timedelta(days=3))
    make_user("rania@example.org", name="Rania Haddad", country="JO",
              roles=("national_admin",), language=page.language)
    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page, site, "rania@example.org")
    page.goto(f"{site}/console/reminders")
    _reads_in_its_language(page)
    _accessible(page)
    snapshot(page, "reminders")
    follow(page, "a[href$='/due-soon/preview']")
    assert page.locator("tbody tr").count() == 2
    _accessible(page)
    snapshot(page, "reminder-preview")
    follow(page, "form[action$='/run'] button")
    assert page.locator("p.notice.done").count() == 1
    assert page.locator("tbody tr").count() == 4  # each by e-mail and in the app
    _accessible(page)


def test_the_console_forms_read_well_in_each_language(page, site, make_user, make_course,  # noqa: F811
                                                      make_offering, tmp_path_factory):
    offering = make_offering(make_course()["id"], country="JO", capacity=10)
    draft = make_course(code="JO-DRAFT", country="JO", status="draft", lessons=1)
    make_user("omar@example.org", name="Omar Haddad", country="JO", roles=("trainer",))
    make_user("rania@example.org", name="Rania Haddad", country="JO",
              roles=("national_admin",), language=page.language)
    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page, site, "rania@example.org")
    for name, path in (("offering-edit", f"/console/offerings/{offering['id']}/edit"),
                       ("trainer-requests", "/console/trainer-requests"),
                       ("certificate-new", "/console/certificates/new"),
                       ("outbox", "/console/outbox"),
                       ("courses", "/console/courses"),
                       ("course-new", "/console/courses/new"),
                       ("course", f"/console/courses/{draft['id']}"),
                       ("lesson", f"/console/courses/{draft['id']}/lessons/{draft['lessons'][0]}"),
                       ("quiz", f"/console/courses/{draft['id']}/lessons/{draft['required'][-1]}"),
                       ("package-import", "/console/courses/import"),
                       ("mandatory", "/console/mandatory"),
                       ("enrolment-import", f"/console/offerings/{offering['id']}/import"),
                       ("programmes", "/console/programmes")):
        page.goto(f"{site}{path}")
        _reads_in_its_language(page)
        snapshot(page, name)
        _accessible(page)


def test_the_programme_admins_pages_read_well_in_each_language(page, site, make_user,  # noqa: F811
                                                                make_programme, selected,
                                                                tmp_path_factory):
    programme = make_programme()
    _headers, mentee = selected(programme["id"], "JO")
    make_user("mere@example.org", name="Mere Tuilagi", country="FJ",
              roles=("programme_admin",), language=page.language)
    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page, site, "mere@example.org")
    for name, path in (("countries", "/console/countries"),
                       ("programme", f"/console/programmes/{programme['id']}"),
                       ("programme-new", "/console/programmes/new"),
                       ("mentor-pool", f"/console/programmes/{programme['id']}/mentors"),
                       ("opportunities", f"/console/programmes/{programme['id']}/opportunities"),
                       ("pairings", f"/console/programmes/{programme['id']}/pairings"),
                       ("mentor-proposals", f"/console/programmes/{programme['id']}"
                                            f"/applications/{mentee['id']}/mentors"),
                       ("concerns", "/console/concerns")):
        page.goto(f"{site}{path}")
        _reads_in_its_language(page)
        snapshot(page, name)
        _accessible(page)
