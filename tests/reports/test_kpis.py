"""The KPI report checked figure by figure against a small hand-made data set."""

import csv
import io
from datetime import timedelta

import openpyxl
import pytest
from PIL import Image
from pypdf import PdfReader
from sqlalchemy import select

from elearn.accounts.models import User
from elearn.certification.services import issue_for_enrollment, new_certificate
from elearn.enrollments.models import Enrollment, QuizAttempt
from elearn.extensions import db
from elearn.timeutils import utcnow

KPIS = "/api/v1/reports/kpis"


def around_now(days=45):
    """A reporting period that holds the data set, whenever the tests run."""
    now = utcnow()
    return {"from": (now - timedelta(days=days)).isoformat(),
            "to": (now + timedelta(days=days)).isoformat()}


@pytest.fixture
def dataset(app, as_user, make_course, make_offering, enroll):
    """Fiji: 3 women (1 completed, 1 under way, 1 not started), 1 man completed.
    Tonga: 2 women completed, 1 person of other gender withdrawn."""
    course = make_course(code="KPI-1")
    offering = make_offering(course["id"])["id"]
    people = [("FJ", "female", "completed"), ("FJ", "female", "active"),
              ("FJ", "female", "enrolled"), ("FJ", "male", "completed"),
              ("TO", "female", "completed"), ("TO", "female", "completed"),
              ("TO", "other", "withdrawn")]
    ids = []
    for country, gender, _ in people:
        headers = as_user("trainee", country=country, gender=gender)
        ids.append(enroll(offering, headers).get_json()["id"])
    now = utcnow()
    with app.app_context():
        for enrollment_id, (_, _, state) in zip(ids, people, strict=True):
            enrollment = db.session.get(Enrollment, enrollment_id)
            if state == "completed":
                enrollment.status, enrollment.completed_at = "completed", now
                enrollment.progress_percent = 100
                issue_for_enrollment(enrollment, now=now)
            elif state == "active":
                enrollment.progress_percent = 40
            elif state == "withdrawn":
                enrollment.status = "withdrawn"
        for percent, enrollment_id in ((80, ids[0]), (60, ids[1])):
            db.session.add(QuizAttempt(
                enrollment_id=enrollment_id, quiz_id=course["quiz"], client_attempt_id=str(
                    percent), number=1, answers={}, points=0, max_points=2, percent=percent,
                passed=percent >= 50, occurred_at=now))
        db.session.commit()
        assert db.session.scalar(select(db.func.count()).select_from(Enrollment)) == 7
    return course


def cell(report, country, gender):
    return next(c for c in report["cells"] if (c["country"], c["gender"]) == (country, gender))


def test_every_figure_by_country_and_gender(client, dataset, as_user):
    report = client.get(KPIS, headers=as_user("programme_admin")).get_json()
    women_fiji = cell(report, "FJ", "female")
    assert (women_fiji["enrolled"], women_fiji["active"], women_fiji["completed"]) == (3, 1, 1)
    assert women_fiji["completion_rate"] == 33.3
    assert women_fiji["average_quiz_score"] == 70.0
    assert women_fiji["certificates_issued"] == women_fiji["certificates_valid"] == 1
    assert (cell(report, "FJ", "male")["enrolled"], cell(report, "FJ", "male")["completed"]) == (
        1, 1)
    assert cell(report, "TO", "female")["completed"] == 2
    assert cell(report, "TO", "other")["enrolled"] == 0  # withdrawn
    assert report["total"]["enrolled"] == 6 and report["total"]["completed"] == 4
    assert report["total"]["completion_rate"] == 66.7
    women = next(row for row in report["by_gender"] if row["gender"] == "female")
    assert (women["enrolled"], women["completed"], women["certificates_issued"]) == (5, 3, 3)
    tonga = next(row for row in report["by_country"] if row["country"] == "TO")
    assert tonga["enrolled"] == 2


def test_national_admin_sees_only_their_country(client, dataset, as_user):
    report = client.get(KPIS, headers=as_user("national_admin", country="TO")).get_json()
    assert {c["country"] for c in report["cells"]} == {"TO"}
    assert report["total"]["enrolled"] == 2


def test_national_admin_asking_for_another_country_gets_404(client, dataset, as_user):
    response = client.get(KPIS, headers=as_user("national_admin", country="TO"),
                          query_string={"country": "FJ"})
    assert response.status_code == 404


@pytest.mark.parametrize("path", ["/api/v1/reports/trends", "/api/v1/reports/cascade"])
def test_national_admin_naming_another_country_in_trends_or_cascade_gets_404(
        client, dataset, as_user, path):
    response = client.get(path, headers=as_user("national_admin", country="TO"),
                          query_string={"country": "FJ"})
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"


def test_trainee_cannot_see_reports(client, as_user):
    assert client.get(KPIS, headers=as_user("trainee")).status_code == 403


def test_small_cells_and_what_would_reveal_them_are_suppressed(client, dataset, as_user, app):
    app.config["REPORT_MIN_CELL"] = 2
    report = client.get(KPIS, headers=as_user("programme_admin"),
                        query_string={"suppress": "true", "country": "FJ"}).get_json()
    men = cell(report, "FJ", "male")
    women = cell(report, "FJ", "female")
    assert men["enrolled"] is None and "enrolled" in men["suppressed"]
    assert women["enrolled"] is None  # else the Fiji total would give the men's figure away
    male_total = next(row for row in report["by_gender"] if row["gender"] == "male")
    assert male_total["enrolled"] is None
    assert report["total"]["enrolled"] is not None


def test_csv_export_is_suppressed_and_audited(client, dataset, as_user, app):
    app.config["REPORT_MIN_CELL"] = 2
    admin = as_user("programme_admin")
    response = client.get(f"{KPIS}.csv", headers=admin | {"Accept-Language": "fr"})
    assert response.mimetype == "text/csv"
    text = response.get_data().decode("utf-8")
    assert text.startswith("\ufeff")  # Excel opens it as UTF-8
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    fiji_men = next(r for r in rows if (r["Pays"], r["Genre"]) == ("FJ", "Hommes"))
    assert fiji_men["Inscrits"] == "masqué"
    tonga_other = next(r for r in rows if (r["Pays"], r["Genre"]) == ("TO", "Autre"))
    assert tonga_other["Inscrits"] == "0"  # nobody is no secret
    events = client.get("/api/v1/audit-events", headers=admin,
                        query_string={"action": "report.export"}).get_json()["items"]
    assert events[0]["details"]["format"] == "csv"


def test_xlsx_export_has_a_sheet_per_breakdown(client, dataset, as_user):
    response = client.get(f"{KPIS}.xlsx", headers=as_user("programme_admin"))
    book = openpyxl.load_workbook(io.BytesIO(response.get_data()))
    assert book.sheetnames == ["By country and gender", "By country", "By gender"]
    header = [c.value for c in book["By country"][1]]
    assert header[:2] == ["Country", "Enrolled"]
    assert book["By country"].max_row == 1 + 18 + 1  # the header, 18 countries, the total


@pytest.mark.parametrize("query", [{"colour": "red"},
                                   {"from": "2026-05-01T00:00:00Z",
                                    "to": "2026-01-01T00:00:00Z"}])
def test_bad_filters_are_422(client, as_user, query):
    response = client.get(KPIS, headers=as_user("programme_admin"), query_string=query)
    assert response.status_code == 422


def test_format_not_offered_is_406(client, as_user):
    response = client.get(f"{KPIS}.docx", headers=as_user("programme_admin"))
    assert response.status_code == 406
    assert response.get_json()["type"] == "format-not-offered"


def test_monthly_trends_by_gender(client, dataset, as_user):
    months = client.get(f"{KPIS[:-5]}/trends", headers=as_user("programme_admin")).get_json()[
        "months"]
    assert len(months) == 1
    assert months[0]["enrolled"]["female"] == 5
    assert months[0]["completed"] == {"female": 3, "male": 1, "other": 0, "undisclosed": 0}


def test_cascade_counts_officers_completed_by_certified_lead_trainers(
    app, client, as_user, make_user, make_course, make_offering, enroll
):

    trainer = make_user("lead@example.org", roles=("trainer",), country="WS", name="Tala")
    course = make_course(code="CASC-1")
    with app.app_context():
        new_certificate(db.session.get(User, trainer), kind="trainer", course_code="CASC-1",
                        title={"en": "Casc"}, issued_at=utcnow(), validity_months=None)
        db.session.commit()
    offering = make_offering(course["id"], trainers=[{"user_id": trainer, "role": "lead"}])
    for gender in ("female", "female", "male"):
        enrolment = enroll(offering["id"], as_user("trainee", country="WS", gender=gender))
        with app.app_context():
            db.session.get(Enrollment, enrolment.get_json()["id"]).status = "completed"
            db.session.commit()
    body = client.get(f"{KPIS[:-5]}/cascade", headers=as_user("programme_admin")).get_json()
    assert body["trainers"] == [{"trainer_id": trainer, "name": "Tala", "country": "WS",
                                 "offerings_led": 1, "officers_completed": {
                                     "female": 2, "male": 1, "other": 0, "undisclosed": 0}}]


def test_frozen_period_keeps_its_figures_when_late_data_arrives(
    client, dataset, as_user, make_offering, enroll
):
    admin = as_user("national_admin", country="TO", name="Mele Tonga")
    period = {"name": "Donor quarter", **around_now()}
    frozen = client.post(f"{KPIS[:-5]}/periods", headers=admin, json=period)
    assert frozen.status_code == 201
    body = frozen.get_json()
    assert (body["country"], body["frozen_by"]) == ("TO", "Mele Tonga")
    assert body["report"]["total"]["enrolled"] == 2
    enroll(make_offering(dataset["id"])["id"], as_user("trainee", country="TO"))
    again = client.get(f"{KPIS[:-5]}/periods/{body['id']}", headers=admin).get_json()
    assert again["report"] == body["report"]
    assert again["frozen_at"] == body["frozen_at"]
    live = client.get(KPIS, headers=admin).get_json()
    assert live["total"]["enrolled"] == 3
    twice = client.post(f"{KPIS[:-5]}/periods", headers=admin, json=period)
    assert twice.status_code == 409


def test_frozen_periods_are_scoped(client, dataset, as_user):
    tonga = as_user("national_admin", country="TO")
    frozen = client.post(f"{KPIS[:-5]}/periods", headers=tonga,
                         json={"name": "Q", **around_now()}).get_json()
    fiji = as_user("national_admin", country="FJ")
    assert client.get(f"{KPIS[:-5]}/periods/{frozen['id']}", headers=fiji).status_code == 404
    assert client.get(f"{KPIS[:-5]}/periods", headers=fiji).get_json()["total"] == 0


def test_donor_summary_chart_is_a_png_of_the_expected_size(client, dataset, as_user):
    response = client.get(f"{KPIS}.png", headers=as_user("programme_admin"))
    assert response.mimetype == "image/png"
    image = Image.open(io.BytesIO(response.get_data()))
    assert (image.format, image.size) == ("PNG", (1600, 1000))


@pytest.mark.parametrize(("language", "title"), [("en", "Donor summary"),
                                                 ("fr", "Synthèse pour les bailleurs")])
def test_donor_summary_pdf_is_one_page_with_the_charts(client, dataset, as_user, language,
                                                       title):
    admin = as_user("programme_admin")
    response = client.get(f"{KPIS}.pdf", headers=admin | {"Accept-Language": language})
    assert response.mimetype == "application/pdf"
    document = PdfReader(io.BytesIO(response.get_data()))
    assert len(document.pages) == 1
    page = document.pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (842, 595)
    text = page.extract_text()
    assert title in text
    [chart] = page.images
    assert Image.open(io.BytesIO(chart.data)).size == (1600, 1000)
    events = client.get("/api/v1/audit-events", headers=admin,
                        query_string={"action": "report.export"}).get_json()["items"]
    assert events[0]["details"]["format"] == "pdf"


def test_donor_summary_pdf_in_arabic_is_one_page(client, dataset, as_user):
    response = client.get(f"{KPIS}.pdf", headers=as_user("programme_admin") | {
        "Accept-Language": "ar"})
    assert response.status_code == 200
    assert len(PdfReader(io.BytesIO(response.get_data())).pages) == 1


def test_csv_and_xlsx_end_with_the_totals_and_mark_hidden_cells_alike(client, dataset, as_user,
                                                                     app):
    app.config["REPORT_MIN_CELL"] = 2
    admin = as_user("programme_admin")
    text = client.get(f"{KPIS}.csv", headers=admin).get_data().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    total = client.get(KPIS, headers=admin, query_string={"suppress": "true"}).get_json()[
        "total"]
    assert rows[-1]["Country"] == "Total" and rows[-1]["Enrolled"] == str(total["enrolled"])
    book = openpyxl.load_workbook(io.BytesIO(client.get(f"{KPIS}.xlsx", headers=admin)
                                             .get_data()))
    for sheet in book.worksheets:
        header = [cell.value for cell in sheet[1]]
        values = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
        assert values[-1][0] == "Total"
        enrolled = [row[header.index("Enrolled")] for row in values]
        assert None not in enrolled and "suppressed" in enrolled, sheet.title
    by_gender = [[cell.value for cell in row] for row in book["By gender"].iter_rows()]
    men = next(row for row in by_gender if row[0] == "Men")
    assert men[1] == "suppressed"


def test_the_report_says_in_words_why_figures_are_hidden(client, dataset, as_user, app):
    app.config["REPORT_MIN_CELL"] = 5
    admin = as_user("programme_admin")
    report = client.get(KPIS, headers=admin, query_string={"suppress": "true"}).get_json()
    hidden = report["suppressed_cells"]
    assert hidden > 1
    text = PdfReader(io.BytesIO(client.get(f"{KPIS}.pdf", headers=admin).get_data())).pages[
        0].extract_text()
    assert (f"Figures under 5 are hidden to protect privacy; {hidden} cells hidden."
            in text.replace("\n", " "))


def test_the_arabic_pdf_header_starts_on_the_right(client, dataset, as_user):
    response = client.get(f"{KPIS}.pdf", headers=as_user("programme_admin") | {
        "Accept-Language": "ar"})
    page = PdfReader(io.BytesIO(response.get_data())).pages[0]
    starts = []
    page.extract_text(visitor_text=lambda text, cm, tm, font, size: starts.append(
        (tm[5], tm[4])) if text.strip() else None)
    top = max(y for y, _x in starts)
    title_x = min(x for y, x in starts if y == top)
    assert title_x > float(page.mediabox.width) / 2
