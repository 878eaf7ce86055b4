"""The mentoring rules: the decision told with its reason, overdue check-ins and milestones
coming due, each once, to the pair and nobody else, cancelled when no longer true."""

from datetime import UTC, datetime

import pytest

# The mentoring fixtures (programme, applicants, pairings, frozen clock) over HTTP.
from tests.mentoring.conftest import *  # noqa: F403
from tests.test_conventions import assert_problem


def utc(month, day, hour=0):
    return datetime(2027, month, day, hour, tzinfo=UTC)


# 22:00 UTC is 10:00 the next morning in Fiji (the mentee) and 11:00 in Samoa (the mentor).
MONDAY_JAN_11 = utc(1, 10, 22)


@pytest.fixture
def email_of(client):
    def lookup(headers):
        return client.get("/api/v1/me", headers=headers).get_json()["email"]

    return lookup


@pytest.fixture
def pairing(active_pairing, email_of):
    """An active pairing confirmed on 10 January: its next check-in is due on 9 February."""
    made = active_pairing()
    made["mentee_email"], made["mentor_email"] = email_of(made["mentee"]), email_of(
        made["mentor"])
    return made


def about(smtp, words):
    """The mails whose subject has ``words`` (the other rule may catch up at the same tick)."""
    return [message for message in smtp.inbox.messages if words in message["Subject"]]


def recipients(smtp, words=""):
    return sorted(message["To"] for message in about(smtp, words))


def log_checkin(client, clock, pairing, held_on, at):
    clock.move_to(at)
    response = client.post(f"{pairing['url']}/checkins", headers=pairing["mentor"], json={
        "held_on": held_on, "minutes": 45, "topics": "Development plan"})
    assert response.status_code == 201, response.get_json()


def test_selected_applicant_is_told_once_with_the_reason(smtp, tick, make_programme, apply,
                                                          decide, applicant, email_of):
    programme = make_programme()
    headers = applicant("FJ")
    application = apply(programme["id"], headers).get_json()
    decide(programme["id"], application["id"], "shortlist")
    decide(programme["id"], application["id"], "select", reason="Leads the regional network")
    tick(MONDAY_JAN_11)
    tick(utc(1, 11, 22))
    [mail] = smtp.inbox.messages
    assert mail["To"] == email_of(headers)
    assert "You are selected for Women in policing leadership" in mail["Subject"]
    assert "Leads the regional network" in mail.get_body(("plain",)).get_content()


def test_rejected_applicant_reads_the_reason_in_their_language(smtp, tick, make_programme,
                                                               apply, decide, applicant):
    programme = make_programme()
    headers = applicant("FJ", language="fr")
    application = apply(programme["id"], headers).get_json()
    decide(programme["id"], application["id"], "reject", reason="Moins de cinq ans")
    tick(MONDAY_JAN_11)
    [mail] = smtp.inbox.messages
    assert "Votre candidature" in mail["Subject"]
    assert "Moins de cinq ans" in mail.get_body(("plain",)).get_content()


def test_shortlisting_is_not_a_decision(smtp, tick, make_programme, apply, decide, applicant,
                                        rows):
    programme = make_programme()
    application = apply(programme["id"], applicant("FJ")).get_json()
    decide(programme["id"], application["id"], "shortlist")
    tick(MONDAY_JAN_11)
    assert rows(kind="application-decision") == []


def test_overdue_checkin_reminds_mentor_and_mentee_once(smtp, tick, pairing, selected):
    selected(pairing["programme"]["id"], "TO")  # a participant without a pairing: no reminder
    tick(utc(2, 10, 22))  # one day past the due date: not yet
    assert smtp.inbox.messages == []
    tick(utc(2, 14, 22))
    tick(utc(2, 15, 22))
    assert recipients(smtp) == sorted([pairing["mentee_email"], pairing["mentor_email"]])
    assert all("check-in" in mail["Subject"] for mail in smtp.inbox.messages)


def test_mentor_reads_the_mentee_name_and_due_date(smtp, tick, pairing):
    tick(utc(2, 14, 22))
    [mail] = smtp.inbox.to(pairing["mentor_email"])
    body = mail.get_body(("plain",)).get_content()
    assert pairing["mentee_email"] in mail["Subject"] and "Feb 9, 2027" in body


def test_each_new_lapse_reminds_again(smtp, tick, pairing, client, clock, rows):
    tick(utc(2, 14, 22))
    log_checkin(client, clock, pairing, "2027-03-01", utc(3, 2))  # next due 31 March
    tick(utc(4, 4, 22))
    assert len([mail for mail in smtp.inbox.to(pairing["mentor_email"])
                if "check-in" in mail["Subject"]]) == 2
    keys = sorted(row.dedupe_key for row in rows(kind="checkin-overdue", channel="email"))
    assert [key.split(":v")[1][:10] for key in keys] == [
        "2027-02-09", "2027-02-09", "2027-03-31", "2027-03-31"]


def test_checkin_logged_before_sending_cancels_the_reminder(smtp, tick, pairing, client,
                                                            clock, rows):
    log_checkin(client, clock, pairing, "2027-03-01", utc(3, 2))
    tick(utc(4, 3, 12))  # produced; the Fijian and Samoan mornings come later
    assert {row.status for row in rows(kind="checkin-overdue")} == {"pending"}
    log_checkin(client, clock, pairing, "2027-04-02", utc(4, 3, 13))
    tick(utc(4, 4, 22))
    assert about(smtp, "check-in") == []
    assert {row.status for row in rows(kind="checkin-overdue")} == {"cancelled"}


def test_paused_pairing_cancels_the_checkin_reminder(smtp, tick, pairing, client, admin,
                                                     rows):
    tick(utc(2, 14, 12))
    response = client.patch(pairing["url"], headers=admin,
                            json={"action": "pause", "reason": "Extended leave"})
    assert response.status_code == 200, response.get_json()
    tick(utc(2, 14, 22))
    assert smtp.inbox.messages == []
    assert {row.status for row in rows(kind="checkin-overdue")} == {"cancelled"}


def test_milestone_due_reminds_the_pair_at_fourteen_days_and_one(smtp, tick, pairing,
                                                                 selected):
    selected(pairing["programme"]["id"], "TO")
    tick(utc(3, 21, 22))  # onboarding is due on 1 April
    tick(utc(3, 22, 22))
    tick(utc(3, 31, 22))
    assert recipients(smtp, "Milestone") == sorted(
        [pairing["mentee_email"], pairing["mentor_email"]] * 2)
    [first, _] = [mail for mail in about(smtp, "Milestone")
                  if mail["To"] == pairing["mentee_email"]]
    assert "Onboarding" in first["Subject"] and "Apr 1, 2027" in first["Subject"]


def test_milestone_done_before_sending_cancels_the_reminder(smtp, tick, pairing, client,
                                                            clock, rows):
    tick(utc(3, 21, 12))
    milestones = client.get(pairing["url"], headers=pairing["mentee"]).get_json()["milestones"]
    onboarding = next(m for m in milestones if m["key"] == "onboarding")
    response = client.patch(f"{pairing['url']}/milestones/{onboarding['id']}",
                            headers=pairing["mentee"], json={"status": "done"})
    assert response.status_code == 200, response.get_json()
    tick(utc(3, 21, 22))
    assert about(smtp, "Milestone") == []
    assert {row.status for row in rows(kind="milestone-due")} == {"cancelled"}


def test_preview_names_the_pair_with_the_keys_the_scan_then_uses(client, admin, tick, clock,
                                                                pairing, rows, user_id):
    clock.move_to(utc(2, 14, 22))
    answer = client.get("/api/v1/reminder-rules/checkin-overdue/preview", headers=admin)
    assert answer.status_code == 200
    items = answer.get_json()["items"]
    assert {item["user_id"] for item in items} == {user_id(pairing["mentor"]),
                                                   user_id(pairing["mentee"])}
    assert {item["action"] for item in items} == {"send"}
    assert rows() == []  # a preview stores nothing
    tick(utc(2, 14, 22))
    assert {item["dedupe_key"] for item in items} == {
        row.dedupe_key for row in rows(kind="checkin-overdue", channel="email")}


def test_milestone_reminders_switched_off_for_a_country_skip_its_people(
        smtp, tick, client, as_user, pairing):
    fiji_admin = as_user("national_admin", country="FJ")
    answer = client.put("/api/v1/countries/FJ/reminder-rules/milestone-due", headers=fiji_admin,
                        json={"enabled": False})
    assert answer.status_code == 200
    tick(utc(3, 21, 22))
    assert recipients(smtp, "Milestone") == [pairing["mentor_email"]]  # the Samoan mentor


def test_the_decision_notice_takes_no_opt_out(client, pairing):
    answer = client.put("/api/v1/me/notification-preferences", headers=pairing["mentee"],
                        json={"kinds": [{"kind": "application-decision", "subscribed": False}]})
    assert_problem(answer, 422)
    assert answer.get_json()["type"].endswith("not-optional")
