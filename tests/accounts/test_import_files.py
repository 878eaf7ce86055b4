"""Imports read the files people have: Excel's semicolon CSV with a BOM, tab-separated text
and .xlsx workbooks, for users and enrolments alike; unreadable files are named as such."""

import io
import zipfile

import openpyxl
import pytest

from .test_import import emails

USERS = "/api/v1/users/import"


def post(client, url, headers, data: bytes, filename, dry_run=False):
    return client.post(url, headers=headers, content_type="multipart/form-data",
                       data={"file": (io.BytesIO(data), filename)},
                       query_string={"dry_run": "true"} if dry_run else None)


def workbook(rows) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def fiji_admin(as_user):
    return as_user("national_admin", country="FJ", email="admin.fj@example.org", language="en")


def test_semicolon_csv_with_bom_imports_and_reports_its_delimiter(client, fiji_admin):
    text = "\ufeffemail;name;country\nana@example.org;Ana, Vuki;FJ\nbo@example.org;Bo;FJ\n"
    response = post(client, USERS, fiji_admin, text.encode(), "users.csv")
    body = response.get_json()
    assert response.status_code == 200, body
    assert (body["created"], body["format"], body["delimiter"]) == (2, "csv", ";")
    assert {"ana@example.org", "bo@example.org"} <= emails(client, fiji_admin)


def test_tab_separated_file_is_read(client, fiji_admin):
    text = "email\tname\tcountry\nana@example.org\tAna\tFJ\n"
    body = post(client, USERS, fiji_admin, text.encode(), "users.txt", dry_run=True).get_json()
    assert (body["created"], body["delimiter"]) == (1, "\t")


def test_comma_file_reports_comma(client, fiji_admin):
    text = "email,name,country\nana@example.org,Ana,FJ\n"
    body = post(client, USERS, fiji_admin, text.encode(), "users.csv", dry_run=True).get_json()
    assert body["delimiter"] == ","


def test_header_without_email_names_the_delimiter_and_the_columns_found(client, fiji_admin):
    text = "mail;name;country\nana@example.org;Ana;FJ\n"
    response = post(client, USERS, fiji_admin, text.encode(), "users.csv")
    assert response.status_code == 422
    problems = response.get_json()["errors"]["file"]
    assert any("';'" in problem and "'email'" in problem and "'mail', 'name', 'country'"
               in problem for problem in problems), problems


def test_header_problem_is_translated(client, as_user):
    admin = as_user("national_admin", country="FJ", language="fr")
    response = post(client, USERS, admin, b"mail;name;country\nx;y;FJ\n", "users.csv")
    assert "'email'" in response.get_json()["errors"]["file"][0]
    assert "colonne" in response.get_json()["errors"]["file"][0]


def test_xlsx_users_import_with_spreadsheet_row_numbers(client, fiji_admin):
    data = workbook([["Email", "Name", "Country", "Active"],
                     ["ana@example.org", "Ana", "FJ", True],
                     [None, None, None, None],
                     ["not-an-email", "Bo", "FJ", False]])
    response = post(client, USERS, fiji_admin, data, "users.xlsx")
    assert response.status_code == 422
    assert [row["line"] for row in response.get_json()["row_errors"]] == [4]
    assert emails(client, fiji_admin) == {"admin.fj@example.org"}


def test_xlsx_users_import_creates_everyone(client, fiji_admin):
    data = workbook([["email", "name", "country"], ["ana@example.org", "Ana", "FJ"]])
    body = post(client, USERS, fiji_admin, data, "users.xlsx").get_json()
    assert (body["created"], body["format"], body["delimiter"]) == (1, "xlsx", None)
    assert "ana@example.org" in emails(client, fiji_admin)


def test_xlsx_enrolment_import(client, as_user, make_user, make_course, make_offering):
    offering = make_offering(make_course()["id"])
    make_user("p0@example.org", country="FJ")
    admin = as_user("national_admin", country="FJ")
    url = f"/api/v1/offerings/{offering['id']}/enrollments/import"
    body = post(client, url, admin, workbook([["email"], ["p0@example.org"]]),
                "people.xlsx").get_json()
    assert body["rows"] == [{"line": 2, "email": "p0@example.org", "status": "enrolled"}]
    assert body["format"] == "xlsx"


def test_semicolon_enrolment_import(client, as_user, make_user, make_course, make_offering):
    offering = make_offering(make_course()["id"])
    make_user("p0@example.org", country="FJ")
    admin = as_user("national_admin", country="FJ")
    url = f"/api/v1/offerings/{offering['id']}/enrollments/import"
    body = post(client, url, admin, "\ufeffemail;name\np0@example.org;P\n".encode(),
                "people.csv").get_json()
    assert (body["enrolled"], body["delimiter"]) == (1, ";")


def test_broken_xlsx_is_refused_with_422(client, fiji_admin):
    data = workbook([["email", "name", "country"]])[:200]
    response = post(client, USERS, fiji_admin, data, "users.xlsx")
    assert response.status_code == 422
    assert response.get_json()["type"] == "invalid-csv"


def test_zip_bomb_is_refused_with_422(client, fiji_admin):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (60 * 1024 * 1024))
    response = post(client, USERS, fiji_admin, buffer.getvalue(), "users.xlsx")
    assert response.status_code == 422
    assert "uncompressed" in response.get_json()["errors"]["file"][0]


def test_xlsx_with_too_many_columns_is_refused(client, fiji_admin):
    data = workbook([["email", "name", "country", *[f"c{n}" for n in range(60)]]])
    response = post(client, USERS, fiji_admin, data, "users.xlsx")
    assert response.status_code == 422
