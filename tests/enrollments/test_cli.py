"""``elearn enrolments import`` and ``elearn offerings create`` from the console."""

import pytest

from elearn.timeutils import utcnow


@pytest.fixture
def fiji_admin(make_user):
    make_user("admin.fj@example.org", country="FJ", roles=("national_admin",))
    return "admin.fj@example.org"


@pytest.fixture
def invoke_import(runner, make_user, make_course, make_offering, fiji_admin, tmp_path):
    """Import a CSV listing one person into a new offering of ``country``; (result, id)."""

    def run(country, *options):
        offering = make_offering(make_course()["id"], country=country)
        make_user("p0@example.org", country=country)
        path = tmp_path / "people.csv"
        path.write_text("\ufeffemail\np0@example.org\n")
        return runner.invoke(args=["enrolments", "import", str(offering["id"]), str(path),
                                   *options, "--as", fiji_admin]), offering["id"]

    return run


def roster(client, as_user, offering_id):
    return client.get(f"/api/v1/offerings/{offering_id}/enrollments",
                      headers=as_user("programme_admin")).get_json()["total"]


def test_enrolments_import(client, as_user, invoke_import):
    result, offering_id = invoke_import("FJ")
    assert result.exit_code == 0, result.output
    assert '"enrolled": 1' in result.output
    assert roster(client, as_user, offering_id) == 1


def test_enrolments_import_dry_run_enrols_nobody(client, as_user, invoke_import):
    result, offering_id = invoke_import("FJ", "--dry-run")
    assert result.exit_code == 0, result.output
    assert '"dry_run": true' in result.output
    assert roster(client, as_user, offering_id) == 0


def test_enrolments_import_into_a_tongan_offering_is_refused(client, as_user, invoke_import):
    result, offering_id = invoke_import("TO")
    assert result.exit_code == 1 and "No such offering" in result.output
    assert roster(client, as_user, offering_id) == 0


def test_offerings_create_with_country_name(runner, client, as_user, make_course, fiji_admin):
    course = make_course()
    start = utcnow().replace(microsecond=0).isoformat()
    result = runner.invoke(args=["offerings", "create", "--course", str(course["id"]),
                                 "--start", start, "--mode", "blended", "--capacity", "20",
                                 "--country", "fiji", "--as", fiji_admin])
    assert result.exit_code == 0, result.output
    items = client.get("/api/v1/offerings", headers=as_user("programme_admin")).get_json()[
        "items"]
    assert [(item["country"], item["capacity"], item["mode"]) for item in items] == [
        ("FJ", 20, "blended")]


def test_offerings_create_for_tonga_is_refused(runner, make_course, fiji_admin):
    result = runner.invoke(args=["offerings", "create", "--course", str(make_course()["id"]),
                                 "--start", utcnow().isoformat(), "--country", "TO",
                                 "--as", fiji_admin])
    assert result.exit_code == 1


def test_offerings_create_with_unknown_country_lists_codes(runner, make_course, fiji_admin):
    result = runner.invoke(args=["offerings", "create", "--course", str(make_course()["id"]),
                                 "--start", utcnow().isoformat(), "--country", "Narnia",
                                 "--as", fiji_admin])
    assert result.exit_code == 2 and "FJ" in result.output and "JO" in result.output
