"""The networks block of the KPI report: members and active members per space by country and
gender, small cells hidden; threads, replies and downloads per month."""

from __future__ import annotations

import csv
import io

from .conftest import MENA, SPACES

KPIS = "/api/v1/reports/kpis"


def _space(report, space_id):
    return next(s for s in report["networks"]["spaces"] if s["space_id"] == space_id)


def test_members_and_active_members_by_country_and_gender(client, make_space, boss, as_user,
                                                          start_thread, reply_to):
    space = make_space()
    women = [as_user("trainee", country="TO", gender="female") for _ in range(6)]
    as_user("trainee", country="TO", gender="male")
    thread = start_thread(space["id"], women[0])
    reply_to(thread["id"], women[1])
    report = client.get(KPIS, headers=boss).get_json()
    figures = _space(report, space["id"])
    cell = next(c for c in figures["cells"] if c["country"] == "TO" and c["gender"] == "female")
    assert (cell["members"], cell["active_members"]) == (6, 2)
    assert {c["country"] for c in figures["cells"]} == {"FJ", "TO", "WS"}
    month = report["networks"]["months"][-1]
    assert (month["threads"], month["replies"], month["downloads"]) == (1, 1, 0)


def test_small_member_counts_are_hidden_when_suppressed(client, make_space, boss, as_user):
    space = make_space()
    for _ in range(2):
        as_user("trainee", country="TO", gender="female")
    for _ in range(7):
        as_user("trainee", country="TO", gender="male")
    report = client.get(KPIS, headers=boss, query_string={"suppress": "true"}).get_json()
    figures = _space(report, space["id"])
    cell = next(c for c in figures["cells"] if c["country"] == "TO" and c["gender"] == "female")
    assert cell["members"] is None and "members" in cell["suppressed"]
    tonga = next(row for row in figures["by_country"] if row["country"] == "TO")
    assert tonga["members"] is None or tonga["members"] >= 5


def test_a_national_admin_reports_their_countrys_members_of_spaces_they_oversee(
        client, make_space, as_user):
    pacific = make_space()
    mena = make_space(name={"ar": "فضاء"}, language="ar", countries=MENA)
    jordan_admin = as_user("national_admin", country="JO")
    report = client.get(KPIS, headers=jordan_admin).get_json()
    ids = [s["space_id"] for s in report["networks"]["spaces"]]
    assert ids == [mena["id"]] and pacific["id"] not in ids
    assert {c["country"] for c in report["networks"]["spaces"][0]["cells"]} == {"JO"}


def test_the_csv_export_carries_the_networks_tables(client, make_space, boss, as_user):
    make_space(name={"en": "Pacific network"})
    as_user("trainee", country="TO")
    answer = client.get(f"{KPIS}.csv", headers=boss)
    rows = list(csv.reader(io.StringIO(answer.get_data(as_text=True).lstrip("\ufeff"))))
    assert ["Networks, members"] in rows
    assert any(row[:2] == ["Pacific network", "Tonga"] or row[:2] == ["Pacific network", "TO"]
               for row in rows)


def test_downloads_count_per_month(client, make_space, as_user, boss):
    space = make_space()
    ana = as_user("trainee", country="TO")
    resource = client.post(f"{SPACES}/{space['id']}/resources", headers=ana, data={
        "title": "Toolkit", "language": "en", "type": "toolkit",
        "url": "https://example.org/toolkit"}, content_type="multipart/form-data").get_json()
    client.get(f"/api/v1/resources/{resource['id']}/download", headers=ana)
    report = client.get(KPIS, headers=boss).get_json()
    assert report["networks"]["months"][-1]["downloads"] == 1
