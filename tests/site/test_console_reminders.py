"""The console's reminders: rules as they hold in my country, the working week, the preview
of who would be reminded and queueing it, and the outbox with sending again; by country."""

from __future__ import annotations

from datetime import timedelta

import pytest

from elearn.timeutils import utcnow
from tests.site.conftest import text


@pytest.fixture
def due_in_jordan_and_fiji(person, enrolment):
    """A Jordanian and a Fijian whose courses are due in three days: (jordanian, fijian)."""
    jordanian, _ = person("JO", name="Lina Khalil")
    fijian, _ = person("FJ", name="Josefa Ratu")
    for who in (jordanian, fijian):
        enrolment(who, due_at=utcnow() + timedelta(days=3))
    return jordanian, fijian


def test_a_trainee_gets_the_not_found_page_for_the_reminders(trainee):
    page, _user, _email = trainee
    for path in ("/console/reminders", "/console/reminders/due-soon/preview", "/console/outbox"):
        assert page.get(path).status_code == 404


def test_a_national_admin_sees_the_rules_and_the_week_of_their_country(jordan_admin):
    page = text(jordan_admin.get("/console/reminders"))
    assert "Rules in JO" in page and "Course due soon" in page
    assert "Asia/Amman" in page


def test_a_rule_is_switched_off_with_its_days_for_my_country_only(jordan_admin, client,
                                                                  as_user):
    jordan_admin.get("/console/reminders")
    answer = jordan_admin.post("/console/reminders/due-soon",
                               {"offsets": "5, 2", "scope": "*"})  # not theirs to name
    assert answer.status_code == 302
    jordan = client.get("/api/v1/countries/JO/reminder-rules",
                        headers=as_user("national_admin", country="JO")).get_json()["items"]
    assert [(r["enabled"], r["offsets"]) for r in jordan if r["kind"] == "due-soon"] == [
        (False, [5, 2])]
    world = client.get("/api/v1/reminder-rules/due-soon", headers=as_user()).get_json()
    assert world["inherited"] is True


def test_days_that_are_not_numbers_are_refused_beside_the_field(jordan_admin, client, as_user):
    jordan_admin.get("/console/reminders")
    answer = jordan_admin.post("/console/reminders/due-soon", {"offsets": "five", "enabled": "on"})
    assert answer.status_code == 422
    assert 'id="due-soon-offsets-error"' in text(answer) and 'value="five"' in text(answer)
    rule = client.get("/api/v1/countries/JO/reminder-rules",
                      headers=as_user("national_admin", country="JO")).get_json()["items"]
    assert all(r["inherited"] for r in rule)


def test_the_working_week_and_holidays_are_replaced(jordan_admin, client, as_user):
    jordan_admin.get("/console/reminders")
    answer = jordan_admin.post("/console/reminders/calendar", {
        "weekend": ["5", "6"], "holidays": "2027-01-01 New Year\n2027-05-25 Independence Day"})
    assert answer.status_code == 302
    week = client.get("/api/v1/countries/JO/calendar", headers=as_user()).get_json()
    assert week["weekend"] == [5, 6]
    assert [h["name"] for h in week["holidays"]] == ["New Year", "Independence Day"]


def test_a_holiday_line_without_a_date_changes_nothing(jordan_admin, client, as_user):
    before = client.get("/api/v1/countries/JO/calendar", headers=as_user()).get_json()
    jordan_admin.get("/console/reminders")
    answer = jordan_admin.post("/console/reminders/calendar", {
        "weekend": ["5"], "holidays": "2027-01-01 New Year\nIndependence Day"})
    assert answer.status_code == 422 and "Line 2" in text(answer)
    assert client.get("/api/v1/countries/JO/calendar", headers=as_user()).get_json() == before


def test_the_preview_lists_my_country_and_queueing_sends_each_once(jordan_admin,
                                                                    due_in_jordan_and_fiji,
                                                                    rows):
    jordanian, _fijian = due_in_jordan_and_fiji
    preview = text(jordan_admin.get("/console/reminders/due-soon/preview"))
    assert "Lina Khalil" in preview and "Josefa Ratu" not in preview
    assert "Remind 1 person now" in preview
    answer = jordan_admin.post("/console/reminders/due-soon/run")
    assert answer.status_code == 302 and "/console/outbox?kind=due-soon" in answer.headers[
        "Location"]
    assert {n.user_id for n in rows(kind="due-soon")} == {jordanian}
    outbox = text(jordan_admin.get("/console/outbox?kind=due-soon"))
    assert "Lina Khalil" in outbox and "2 messages queued (by e-mail and in the app)" in outbox
    again = text(jordan_admin.get("/console/reminders/due-soon/preview"))
    assert "Skipped: already sent or queued" in again and "run\"" not in again


def test_a_failed_message_is_sent_again_from_the_outbox(jordan_admin, due_in_jordan_and_fiji,
                                                        rows, app):
    from elearn.extensions import db
    from elearn.reminders.models import Notification

    jordan_admin.get("/console/reminders/due-soon/preview")
    jordan_admin.post("/console/reminders/due-soon/run")
    failed = rows(kind="due-soon")[0].id
    with app.app_context():
        row = db.session.get(Notification, failed)
        row.status, row.last_error = "failed", "550 mailbox unavailable"
        db.session.commit()
    page = text(jordan_admin.get("/console/outbox?status=failed"))
    assert "550 mailbox unavailable" in page and "Send again" in page
    answer = jordan_admin.post(f"/console/outbox/{failed}/resend",
                               {"back": "/console/outbox?status=failed"})
    assert answer.headers["Location"].endswith("/console/outbox?status=failed")
    assert rows(id=failed)[0].status == "pending"


def test_another_countrys_message_cannot_be_sent_again(jordan_admin, person, enrolment,
                                                        make_user, browser, rows):
    fijian, _ = person("FJ")
    enrolment(fijian, due_at=utcnow() + timedelta(days=3))
    make_user("mere@example.org", country="FJ", roles=("national_admin",))
    fiji = browser("mere@example.org")
    fiji.get("/console/reminders/due-soon/preview")
    fiji.post("/console/reminders/due-soon/run")
    theirs = rows(kind="due-soon")[0].id
    jordan_admin.get("/console/outbox")
    assert jordan_admin.post(f"/console/outbox/{theirs}/resend").status_code == 404


def test_the_outbox_takes_the_same_statements_for_few_or_many(jordan_admin, person, enrolment,
                                                              count_queries):
    counts = []
    for batch in (2, 8):
        for _ in range(batch):
            who, _ = person("JO")
            enrolment(who, due_at=utcnow() + timedelta(days=3))
        jordan_admin.get("/console/reminders/due-soon/preview")
        jordan_admin.post("/console/reminders/due-soon/run")
        with count_queries() as statements:
            jordan_admin.get("/console/outbox")
        counts.append(len(statements))
    assert counts[0] == counts[1]
