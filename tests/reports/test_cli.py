"""``elearn reports kpis`` writes the export the API serves, scoped to the acting admin."""

import csv
import io

import openpyxl
import pytest


@pytest.fixture
def fiji_admin(make_user):
    make_user("admin.fj@example.org", country="FJ", roles=("national_admin",))
    return "admin.fj@example.org"


def test_kpis_csv_for_a_country_given_in_lower_case(runner, client, as_user, fiji_admin,
                                                    tmp_path):
    path = tmp_path / "kpis.csv"
    result = runner.invoke(args=["reports", "kpis", "--country", "fj", "--format", "csv",
                                 "-o", str(path), "--as", fiji_admin])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert len(rows) > 1
    events = client.get("/api/v1/audit-events", headers=as_user("programme_admin"),
                        query_string={"action": "report.export"}).get_json()["items"]
    assert [(event["actor_email"], event["country"]) for event in events] == [
        (fiji_admin, "FJ")]


def test_kpis_xlsx(runner, fiji_admin, tmp_path):
    path = tmp_path / "kpis.xlsx"
    result = runner.invoke(args=["reports", "kpis", "--format", "xlsx", "-o", str(path),
                                 "--as", fiji_admin])
    assert result.exit_code == 0, result.output
    assert openpyxl.load_workbook(path).sheetnames


def test_kpis_of_another_country_are_refused(runner, fiji_admin, tmp_path):
    result = runner.invoke(args=["reports", "kpis", "--country", "Tonga", "-o",
                                 str(tmp_path / "k.csv"), "--as", fiji_admin])
    assert result.exit_code == 1


def test_kpis_unknown_country_lists_codes(runner, fiji_admin, tmp_path):
    result = runner.invoke(args=["reports", "kpis", "--country", "XX", "-o",
                                 str(tmp_path / "k.csv"), "--as", fiji_admin])
    assert result.exit_code == 2 and "FJ" in result.output


def test_kpis_pdf(runner, fiji_admin, tmp_path):
    path = tmp_path / "kpis.pdf"
    result = runner.invoke(args=["reports", "kpis", "--format", "pdf", "-o", str(path),
                                 "--as", fiji_admin])
    assert result.exit_code == 0, result.output
    assert path.read_bytes().startswith(b"%PDF")


def test_kpis_are_written_in_the_acting_admins_language(runner, make_user, tmp_path):
    make_user("admin.jo@example.org", country="JO", roles=("national_admin",), language="ar")
    path = tmp_path / "kpis.csv"
    result = runner.invoke(args=["reports", "kpis", "--format", "csv", "-o", str(path),
                                 "--as", "admin.jo@example.org"])
    assert result.exit_code == 0, result.output
    header = next(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert any("\u0600" <= char <= "\u06ff" for char in "".join(header)), header
