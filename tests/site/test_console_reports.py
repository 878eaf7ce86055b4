"""The console's reports: the KPI report with its filters in the address bar, small cells
hidden as in the downloads, and frozen periods compared with now; scoped by country."""

from __future__ import annotations

import pytest

from tests.site.conftest import text


@pytest.fixture
def enrolments(make_course, make_offering, as_user, enroll):
    """Six women of Jordan and one man of Fiji enrolled in CP-101."""
    offering = make_offering(make_course(code="CP-101")["id"])
    for number in range(6):
        enroll(offering["id"], as_user(country="JO", gender="female", name=f"Officer {number}"))
    enroll(offering["id"], as_user(country="FJ", gender="male", name="Josefa Ratu"))
    return offering


def test_a_national_admin_sees_the_figures_of_their_own_country(jordan_admin, enrolments):
    page = text(jordan_admin.get("/console/reports?figures=all"))
    assert "<th scope=\"row\">JO</th>" in page and "<th scope=\"row\">FJ</th>" not in page
    assert "<th scope=\"row\">Women</th><td>6</td>" in page
    assert "<th scope=\"row\">Men</th><td>0</td>" in page


def test_another_countrys_report_is_the_not_found_page(jordan_admin, enrolments):
    answer = jordan_admin.get("/console/reports?country=FJ")
    assert answer.status_code == 404 and answer.mimetype == "text/html"


def test_a_trainee_gets_the_not_found_page_for_the_reports(trainee):
    page, _user, _email = trainee
    for path in ("/console/reports", "/console/reports/periods/1"):
        assert page.get(path).status_code == 404


def test_small_figures_are_hidden_by_default_and_the_page_says_why(jordan_admin, as_user,
                                                                  make_course, make_offering,
                                                                  enroll):
    offering = make_offering(make_course(code="CP-102")["id"])
    for number in range(2):
        enroll(offering["id"], as_user(country="JO", gender="female", name=f"Officer {number}"))
    page = text(jordan_admin.get("/console/reports"))
    assert "hidden to protect privacy" in page
    assert '<span class="hidden-figure">hidden</span>' in page
    assert "<th scope=\"row\">Women</th><td>2</td>" not in page
    shown = text(jordan_admin.get("/console/reports?figures=all"))
    assert "<th scope=\"row\">Women</th><td>2</td>" in shown


def test_the_filters_in_the_address_reach_the_downloads(jordan_admin, enrolments):
    page = text(jordan_admin.get("/console/reports?course=CP-101&from=2026-01-01&to=2026-12-31"))
    assert 'value="CP-101"' in page and 'value="2026-12-31"' in page
    link = "/api/v1/reports/kpis.csv?course=CP-101&amp;from=2026-01-01T00:00:00%2B03:00" \
           "&amp;to=2027-01-01T00:00:00%2B03:00"  # days in Amman
    assert link in page


def test_a_download_from_the_page_is_the_countrys_csv(jordan_admin, enrolments):
    csv = jordan_admin.client.get("/api/v1/reports/kpis.csv?course=CP-101")
    assert csv.status_code == 200 and csv.mimetype == "text/csv"
    body = csv.get_data(as_text=True)
    assert "JO" in body and "FJ" not in body


def test_a_malformed_day_is_named_beside_its_field(jordan_admin):
    answer = jordan_admin.get("/console/reports?from=31/12/2026")
    assert answer.status_code == 422
    assert 'id="from-error"' in text(answer) and "YYYY-MM-DD" in text(answer)


def test_a_period_that_ends_before_it_starts_is_refused(jordan_admin):
    answer = jordan_admin.get("/console/reports?from=2026-06-01&to=2026-01-01")
    assert answer.status_code == 422 and 'id="to-error"' in text(answer)


def test_a_frozen_period_keeps_its_figures_and_is_compared_with_now(jordan_admin, enrolments,
                                                                     as_user, enroll):
    jordan_admin.get("/console/reports")
    answer = jordan_admin.post("/console/reports/periods", {
        "name": "Donor year 2026", "from": "2026-01-01", "to": "2026-12-31"})
    assert answer.status_code == 302
    period = answer.headers["Location"]
    enroll(enrolments["id"], as_user(country="JO", gender="female", name="Late Officer"))
    page = text(jordan_admin.get(period))
    assert "Donor year 2026" in page
    assert 'class="changed"><th scope="row">Enrolled</th><td>6</td><td>7</td>' in page
    audit = jordan_admin.client.get("/api/v1/audit-events?action=report.freeze").get_json()
    assert [event["details"]["name"] for event in audit["items"]] == ["Donor year 2026"]


def test_a_second_period_of_the_same_name_is_refused_and_the_form_kept(jordan_admin,
                                                                        enrolments):
    jordan_admin.get("/console/reports")
    form = {"name": "Q1", "from": "2026-01-01", "to": "2026-03-31"}
    assert jordan_admin.post("/console/reports/periods", form).status_code == 302
    jordan_admin.get("/console/reports")
    again = jordan_admin.post("/console/reports/periods", form)
    assert again.status_code == 409
    assert 'id="freeze-form-error"' in text(again) and 'value="Q1"' in text(again)


def test_another_countrys_period_is_the_not_found_page(jordan_admin, make_user, browser,
                                                        enrolments):
    make_user("mere@example.org", country="FJ", roles=("national_admin",))
    fiji = browser("mere@example.org")
    fiji.get("/console/reports")
    made = fiji.post("/console/reports/periods", {"name": "Fiji 2026", "from": "2026-01-01",
                                                  "to": "2026-12-31"})
    assert made.status_code == 302
    assert jordan_admin.get(made.headers["Location"]).status_code == 404


def test_the_report_page_takes_the_same_statements_for_few_or_many(jordan_admin, make_course,
                                                                   make_offering, as_user,
                                                                   enroll, count_queries):
    offering = make_offering(make_course()["id"])
    counts = []
    for batch in (2, 8):
        for number in range(batch):
            enroll(offering["id"], as_user(country="JO", name=f"Officer {batch}-{number}"))
        with count_queries() as statements:
            jordan_admin.get("/console/reports")
        counts.append(len(statements))
    assert counts[0] == counts[1]
