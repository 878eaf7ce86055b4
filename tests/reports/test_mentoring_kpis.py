"""The mentoring figures of the KPI report, checked against the hand-made data set of
``mentoring_dataset`` (tests/reports/conftest.py)."""

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import openpyxl
import pytest

from tests.test_conventions import assert_problem

KPIS = "/api/v1/reports/kpis"
MENTORING = ("mentees_selected", "mentees_paired", "alumni", "milestones",
             "milestones_on_track", "milestones_at_risk", "milestones_on_track_rate",
             "nominations", "opportunities_attended", "attendance_rate")


def figures(row):
    return tuple(row[name] for name in MENTORING)


def cell(report, country, gender):
    return next(c for c in report["cells"] if (c["country"], c["gender"]) == (country, gender))


def row(rows, key, value):
    return next(r for r in rows if r[key] == value)


@pytest.fixture
def report(client, admin, mentoring_dataset):
    def get(**query):
        response = client.get(KPIS, headers=admin, query_string=query)
        assert response.status_code == 200, response.get_json()
        return response.get_json()

    return get


def test_mentoring_figures_by_country_and_gender(report):
    body = report()
    assert figures(cell(body, "FJ", "female")) == (2, 2, 0, 4, 1, 1, 25.0, 2, 1, 50.0)
    # Milestones come with the first pairing: the man not yet paired has none.
    assert figures(cell(body, "FJ", "male")) == (1, 0, 0, 0, 0, 0, None, 0, 0, None)
    assert figures(cell(body, "TO", "female")) == (1, 1, 0, 2, 1, 0, 50.0, 1, 0, 0.0)
    assert figures(cell(body, "TO", "other")) == (1, 1, 0, 2, 0, 0, 0.0, 0, 0, None)
    # The finished programme's pairings are closed: nobody paired now, one alumnus.
    assert figures(cell(body, "JO", "male")) == (1, 0, 1, 2, 1, 0, 50.0, 1, 1, 100.0)
    assert figures(cell(body, "JO", "female")) == (1, 0, 0, 2, 0, 0, 0.0, 0, 0, None)
    assert figures(cell(body, "WS", "female")) == (0, 0, 0, 0, 0, 0, None, 0, 0, None)


def test_mentoring_totals_by_country_by_gender_and_overall(report):
    body = report()
    assert figures(body["total"]) == (7, 4, 1, 12, 3, 1, 25.0, 4, 2, 50.0)
    assert figures(row(body["by_gender"], "gender", "female")) == (
        4, 3, 0, 8, 2, 1, 25.0, 3, 1, 33.3)
    assert figures(row(body["by_country"], "country", "JO")) == (
        2, 0, 1, 4, 1, 0, 25.0, 1, 1, 100.0)


def test_a_past_due_milestone_not_done_counts_as_at_risk(report, clock):
    clock.move_to("2027-05-01T09:00Z")  # every "plan" milestone is past due
    body = report()
    assert figures(cell(body, "TO", "female"))[3:6] == (2, 0, 1)  # on track, but late
    assert figures(cell(body, "FJ", "female"))[3:6] == (4, 1, 1)  # done stays on track
    assert (body["total"]["milestones_on_track"], body["total"]["milestones_at_risk"]) == (2, 5)


def test_period_counts_pairings_under_way_and_alumni_of_the_period(report):
    body = report(**{"from": "2027-01-01T00:00:00Z", "to": "2027-02-01T00:00:00Z"})
    # Both programmes' pairings ran during January; no milestone or opportunity was due, and
    # nobody completed yet.
    assert figures(body["total"]) == (7, 6, 0, 0, 0, 0, None, 0, 0, None)
    body = report(**{"from": "2029-03-01T00:00:00Z", "to": "2029-04-01T00:00:00Z"})
    assert body["total"]["alumni"] == 1


def test_period_counts_milestones_due_and_opportunities_starting_in_it(report):
    body = report(**{"from": "2027-03-01T00:00:00Z", "to": "2027-07-01T00:00:00Z"})
    # The Jordanian pairings run until the finished programme's completion in 2029.
    assert figures(body["total"]) == (7, 6, 0, 6, 2, 1, 33.3, 3, 1, 33.3)
    assert figures(cell(body, "JO", "male"))[:4] == (1, 1, 0, 1)


def test_period_ending_before_selection_counts_nobody(report):
    body = report(**{"from": "2026-10-01T00:00:00Z", "to": "2027-01-01T00:00:00Z"})
    assert figures(body["total"]) == (0, 0, 0, 0, 0, 0, None, 0, 0, None)


def test_programme_filter_narrows_the_mentoring_figures(report, mentoring_dataset):
    body = report(programme=mentoring_dataset["current"]["id"])
    assert figures(body["total"]) == (5, 4, 0, 8, 2, 1, 25.0, 3, 1, 33.3)
    assert figures(cell(body, "JO", "male")) == (0, 0, 0, 0, 0, 0, None, 0, 0, None)
    finished = report(programme=mentoring_dataset["finished"]["id"])
    assert figures(finished["total"]) == (2, 0, 1, 4, 1, 0, 25.0, 1, 1, 100.0)


def test_programme_filter_keeps_only_its_pathway_courses(
        report, mentoring_dataset, make_course, make_offering, enroll, as_user):
    pathway = make_offering(mentoring_dataset["course"]["id"])["id"]
    other = make_offering(make_course(code="OTHER-1")["id"])["id"]
    for offering in (pathway, other, other):
        assert enroll(offering, as_user("trainee", country="FJ")).status_code == 201
    assert report()["total"]["enrolled"] == 3
    narrowed = report(programme=mentoring_dataset["current"]["id"])
    assert narrowed["total"]["enrolled"] == 1
    assert report(programme=mentoring_dataset["finished"]["id"])["total"]["enrolled"] == 0


@pytest.mark.parametrize("path", [KPIS, f"{KPIS}.csv", "/api/v1/reports/trends"])
def test_an_unknown_programme_is_404(client, admin, path):
    assert_problem(client.get(path, headers=admin, query_string={"programme": 9999}), 404)


def test_national_admin_sees_their_countrys_mentoring_figures_only(
        client, mentoring_dataset, as_user):
    body = client.get(KPIS, headers=as_user("national_admin", country="TO")).get_json()
    assert {c["country"] for c in body["cells"]} == {"TO"}
    assert figures(body["total"]) == (2, 2, 0, 4, 1, 0, 25.0, 1, 0, 0.0)


def test_national_admin_naming_another_country_with_a_programme_gets_404(
        client, mentoring_dataset, as_user):
    response = client.get(KPIS, headers=as_user("national_admin", country="TO"), query_string={
        "country": "JO", "programme": mentoring_dataset["finished"]["id"]})
    assert_problem(response, 404)


def test_small_mentoring_cells_are_suppressed_with_what_would_reveal_them(report, app):
    app.config["REPORT_MIN_CELL"] = 2
    body = report(suppress="true")
    men = cell(body, "FJ", "male")
    assert men["mentees_selected"] is None and "mentees_selected" in men["suppressed"]
    women = cell(body, "FJ", "female")
    assert women["mentees_selected"] is None  # else Fiji's total 3 gives the man away
    assert women["milestones_on_track"] is None and women["milestones_on_track_rate"] is None
    assert women["milestones"] == 4  # large enough to show
    assert row(body["by_country"], "country", "FJ")["mentees_selected"] == 3
    assert body["total"]["mentees_selected"] == 7
    assert cell(body, "WS", "female")["mentees_selected"] == 0  # nobody is no secret


def test_csv_export_has_the_mentoring_columns(client, admin, mentoring_dataset, app):
    app.config["REPORT_MIN_CELL"] = 1
    response = client.get(f"{KPIS}.csv", headers=admin)
    rows = list(csv.DictReader(io.StringIO(response.get_data().decode("utf-8-sig"))))
    fiji_women = next(r for r in rows if (r["Country"], r["Gender"]) == ("FJ", "Women"))
    assert (fiji_women["Mentees selected"], fiji_women["Mentees paired"],
            fiji_women["Milestones on track (%)"], fiji_women["Opportunities attended"],
            fiji_women["Attendance rate (%)"]) == ("2", "2", "25.0", "1", "50.0")
    jordan_man = next(r for r in rows if (r["Country"], r["Gender"]) == ("JO", "Men"))
    assert jordan_man["Alumni"] == "1"


def test_csv_export_marks_suppressed_mentoring_cells_in_french(
        client, admin, mentoring_dataset, app):
    app.config["REPORT_MIN_CELL"] = 2
    response = client.get(f"{KPIS}.csv", headers=admin | {"Accept-Language": "fr"})
    rows = list(csv.DictReader(io.StringIO(response.get_data().decode("utf-8-sig"))))
    fiji_man = next(r for r in rows if (r["Pays"], r["Genre"]) == ("FJ", "Hommes"))
    assert fiji_man["Mentorés sélectionnés"] == "masqué"
    fiji_women = next(r for r in rows if (r["Pays"], r["Genre"]) == ("FJ", "Femmes"))
    assert fiji_women["Jalons dans les temps (%)"] == "masqué"


def test_xlsx_export_has_the_mentoring_figures_on_every_sheet(
        client, admin, mentoring_dataset, app):
    app.config["REPORT_MIN_CELL"] = 1
    response = client.get(f"{KPIS}.xlsx", headers=admin,
                          query_string={"programme": mentoring_dataset["current"]["id"]})
    book = openpyxl.load_workbook(io.BytesIO(response.get_data()))
    sheet = book["By gender"]
    header = [c.value for c in sheet[1]]
    women = next(dict(zip(header, (c.value for c in line), strict=True))
                 for line in sheet.iter_rows(min_row=2) if line[0].value == "Women")
    assert (women["Mentees selected"], women["Milestones at risk"], women["Nominations"]) == (
        3, 1, 3)
    assert "Alumni" in [c.value for c in book["By country"][1]]


def test_frozen_period_keeps_the_mentoring_figures(client, admin, mentoring_dataset):
    response = client.post("/api/v1/reports/periods", headers=admin, json={
        "name": "Q1 2027", "from": "2027-01-01T00:00:00Z", "to": "2027-04-01T00:00:00Z"})
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["report"]["total"]["mentees_paired"] == 6


def test_report_query_count_does_not_grow_with_programmes(
        client, admin, mentoring_dataset, make_programme, selected, count_queries):
    def queries():
        with count_queries() as statements:
            assert client.get(KPIS, headers=admin).status_code == 200
        return len(statements)

    few = queries()
    for name in ("Third", "Fourth"):
        programme = make_programme(name=name)
        selected(programme["id"], "JO", gender="female")
    assert queries() == few


@pytest.mark.parametrize(("zone_name", "country"), [("Pacific/Tongatapu", "TO"),
                                                     ("Asia/Amman", "JO")])
def test_past_due_milestones_count_from_the_countrys_local_midnight(report, clock, zone_name,
                                                                    country):
    def at_risk():
        return cell(report(), country, "female")["milestones_at_risk"]

    # Her "plan" milestone, not done, is due on 1 April 2027.
    clock.move_to(datetime(2027, 4, 1, 23, 59, tzinfo=ZoneInfo(zone_name)))
    assert at_risk() == 0
    clock.move_to(datetime(2027, 4, 2, 0, 1, tzinfo=ZoneInfo(zone_name)))
    assert at_risk() == 1
