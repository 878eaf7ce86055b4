"""Enrolling people in an offering from a file in the console: a preview row by row, then
all rows or none; scoped by country."""

from __future__ import annotations

import io

import pytest

from tests.site.conftest import text


@pytest.fixture
def jordan_run(make_course, make_offering):
    return make_offering(make_course(code="CP-401")["id"], country="JO", capacity=2)


def _upload(page, offering_id, rows):
    page.get(f"/console/offerings/{offering_id}/import")
    body = ("email,name\n" + "".join(f"{email},{email.split('@')[0]}\n" for email in rows))
    return page.post(f"/console/offerings/{offering_id}/import",
                     {"file": (io.BytesIO(body.encode()), "people.csv")},
                     content_type="multipart/form-data")


def _token(page) -> str:
    import re

    return re.search(r'name="token" value="([^"]+)"', text(page)).group(1)


def test_the_preview_says_who_is_enrolled_and_who_waits_and_writes_nothing(
        jordan_admin, jordan_run, make_user, client, as_user):
    for name in ("a", "b", "c"):
        make_user(f"{name}@example.org", country="JO")
    preview = _upload(jordan_admin, jordan_run["id"], ["a@example.org", "b@example.org",
                                                       "c@example.org"])
    assert preview.status_code == 200
    page = text(preview)
    assert "2 to enrol, 1 to the waiting list, 0 with errors" in page
    assert "Enrol 3 people" in page
    roster = client.get(f"/api/v1/offerings/{jordan_run['id']}/enrollments",
                        headers=as_user("programme_admin")).get_json()
    assert roster["total"] == 0


def test_a_confirmed_import_enrols_every_row(jordan_admin, jordan_run, make_user, client,
                                             as_user):
    for name in ("a", "b"):
        make_user(f"{name}@example.org", country="JO")
    preview = _upload(jordan_admin, jordan_run["id"], ["a@example.org", "b@example.org"])
    done = jordan_admin.post(f"/console/offerings/{jordan_run['id']}/import/confirm",
                             {"token": _token(preview)})
    assert done.status_code == 302
    roster = client.get(f"/api/v1/offerings/{jordan_run['id']}/enrollments",
                        headers=as_user("programme_admin")).get_json()
    assert roster["total"] == 2
    assert "2 enrolled, 0 on the waiting list" in text(jordan_admin.get(done.headers["Location"]))


def test_a_row_of_another_country_is_an_error_beside_it_and_nothing_can_be_confirmed(
        jordan_admin, jordan_run, make_user):
    make_user("a@example.org", country="JO")
    make_user("fiji@example.org", country="FJ")
    preview = _upload(jordan_admin, jordan_run["id"], ["a@example.org", "fiji@example.org"])
    page = text(preview)
    assert page.count('class="field-error"') == 1
    assert 'name="token"' not in page


def test_another_admin_cannot_confirm_my_upload(jordan_admin, jordan_run, make_user, browser):
    make_user("a@example.org", country="JO")
    preview = _upload(jordan_admin, jordan_run["id"], ["a@example.org"])
    make_user("khaled@example.org", country="JO", roles=("national_admin",))
    other = browser("khaled@example.org")
    other.get(f"/console/offerings/{jordan_run['id']}/import")
    refused = other.post(f"/console/offerings/{jordan_run['id']}/import/confirm",
                         {"token": _token(preview)})
    assert refused.status_code == 404


def test_another_countrys_offering_has_no_import(jordan_admin, make_course, make_offering):
    tongan = make_offering(make_course()["id"], country="TO")
    assert jordan_admin.get(f"/console/offerings/{tongan['id']}/import").status_code == 404
