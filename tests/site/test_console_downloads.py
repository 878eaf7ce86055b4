"""Every console list downloads as CSV exactly what its filters show, and only the admin's
countries."""

from __future__ import annotations

from tests.site.conftest import text


def _csv(answer) -> str:
    assert answer.status_code == 200 and answer.mimetype == "text/csv"
    body = answer.get_data(as_text=True)
    assert body.startswith("\ufeff")  # spreadsheets open Arabic as UTF-8
    return body


def test_the_certificates_download_is_the_filtered_list_of_my_country(jordan_admin, certified):
    certified(country="JO", code="HRGM-101", name="Lina Khalil")
    certified(country="JO", code="CP-101", name="Noor Saleh")
    certified(country="FJ", code="HRGM-102", name="Josefa Ratu")
    page = text(jordan_admin.get("/console/certificates?course_code=HRGM-101"))
    assert "course_code=HRGM-101&amp;format=csv" in page
    body = _csv(jordan_admin.get("/console/certificates?course_code=HRGM-101&format=csv"))
    assert "Lina Khalil" in body and "Noor Saleh" not in body
    everything = _csv(jordan_admin.get("/console/certificates?format=csv"))
    assert "Noor Saleh" in everything and "Josefa Ratu" not in everything


def test_the_roster_download_lists_its_learners(jordan_admin, make_course, make_offering,
                                                as_user, enroll):
    offering = make_offering(make_course()["id"], country="JO")
    for name in ("Lina Khalil", "Noor Saleh"):
        enroll(offering["id"], as_user(country="JO", name=name))
    body = _csv(jordan_admin.get(f"/console/offerings/{offering['id']}?format=csv"))
    assert body.count("\n") == 3 and "Lina Khalil" in body and "Noor Saleh" in body


def test_the_audit_download_keeps_its_filters(jordan_admin, client, as_user):
    jordan_admin.get("/console/people/new")
    jordan_admin.post("/console/people/new", {"email": "new.officer@example.org",
                                              "name": "Noor Saleh", "gender": "female"})
    body = _csv(jordan_admin.get("/console/audit?action=user.create&format=csv"))
    assert "user.create" in body and "report.export" not in body


def test_the_outbox_download_is_my_countrys(jordan_admin, person, enrolment, make_user,
                                            browser):
    from datetime import timedelta

    from elearn.timeutils import utcnow

    for country, name in (("JO", "Lina Khalil"), ("FJ", "Josefa Ratu")):
        enrolment(person(country, name=name)[0], due_at=utcnow() + timedelta(days=3))
    jordan_admin.get("/console/reminders/due-soon/preview")
    jordan_admin.post("/console/reminders/due-soon/run")
    body = _csv(jordan_admin.get("/console/outbox?format=csv"))
    assert "Lina Khalil" in body and "Josefa Ratu" not in body
