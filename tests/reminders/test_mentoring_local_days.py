"""Mentoring dates on each person's own calendar: reminders, overdue flags and the scan that
catches up after the scheduler was down, for people on both sides of the date line.

The default template's onboarding milestone is due on 1 April 2027; a pairing confirmed on
10 January (a 30-day cadence) has its first check-in due on 9 February."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

# The mentoring fixtures (programme, applicants, pairings, frozen clock) over HTTP.
from tests.mentoring.conftest import *  # noqa: F403
from tests.mentoring.conftest import PROGRAMMES

# (the person's own time zone, the country she works in)
ZONES = [("Pacific/Tongatapu", "TO"), ("Pacific/Kiritimati", "KI"),
         ("Pacific/Pago_Pago", "WS"), ("Asia/Amman", "JO")]
COUNTRIES = [{"country": code, "seats": 2} for code in ("TO", "KI", "WS", "JO", "FJ")]


def local(zone_name, month, day, hour=0, minute=0):
    """An instant given on the wall clock of ``zone_name`` in 2027."""
    return datetime(2027, month, day, hour, minute, tzinfo=ZoneInfo(zone_name))


@pytest.fixture
def pair_in(client, admin, make_programme, applicant, apply, decide, as_user, user_id, pair):
    """A confirmed pairing: the mentee lives in ``zone_name`` (and works in ``country``), the
    mentor in ``mentor_zone``; returns the pairing's url, both sides' headers and ids."""

    def make(zone_name, country, *, mentor_zone="Pacific/Honolulu", language="en"):
        programme = make_programme(countries=COUNTRIES)
        mentee = applicant(country, timezone=zone_name, language=language)
        application = apply(programme["id"], mentee).get_json()
        for decision in ("shortlist", "select"):
            assert decide(programme["id"], application["id"], decision).status_code == 200
        mentor = as_user("mentor", country="WS", timezone=mentor_zone)
        assert client.post(f"{PROGRAMMES}/{programme['id']}/mentors", headers=admin, json={
            "mentor_id": user_id(mentor), "max_mentees": 2, "languages": ["en"],
            "expertise": ["family violence"]}).status_code == 201
        pairing = pair(programme["id"], application["id"], mentor, mentee)
        me = client.get("/api/v1/me", headers=mentee).get_json()
        return {"url": f"/api/v1/pairings/{pairing['id']}", "mentee": mentee, "mentor": mentor,
                "mentee_id": me["id"], "mentee_email": me["email"],
                "mentor_id": user_id(mentor)}

    return make


def offsets(rows, user_id, kind):
    return {row.offset_days for row in rows(kind=kind, user_id=user_id, channel="email")}


@pytest.mark.parametrize(("zone_name", "country"), ZONES)
def test_the_day_before_reminder_of_a_milestone_comes_on_the_local_day_before(
        tick, rows, pair_in, zone_name, country):
    pairing = pair_in(zone_name, country)
    tick(local(zone_name, 3, 30, 23, 59))
    assert offsets(rows, pairing["mentee_id"], "milestone-due") == {14}
    tick(local(zone_name, 3, 31, 0, 1))
    assert offsets(rows, pairing["mentee_id"], "milestone-due") == {14, 1}


@pytest.mark.parametrize(("zone_name", "country"), ZONES)
def test_an_overdue_checkin_is_reminded_on_the_local_day_it_is_three_days_late(
        tick, rows, pair_in, zone_name, country):
    pairing = pair_in(zone_name, country)
    tick(local(zone_name, 2, 11, 23, 59))
    assert offsets(rows, pairing["mentee_id"], "checkin-overdue") == set()
    tick(local(zone_name, 2, 12, 0, 1))
    assert offsets(rows, pairing["mentee_id"], "checkin-overdue") == {3}


def test_a_samoan_side_and_a_hawaiian_side_are_each_reminded_on_their_own_day(
        tick, rows, pair_in):
    pairing = pair_in("Pacific/Apia", "WS", mentor_zone="Pacific/Honolulu")
    tick(local("Pacific/Apia", 3, 31, 0, 1))  # 30 March, 05:01 in Honolulu
    assert offsets(rows, pairing["mentee_id"], "milestone-due") == {1}
    assert offsets(rows, pairing["mentor_id"], "milestone-due") == {14}


def milestone(client, pairing, key="onboarding"):
    detail = client.get(pairing["url"], headers=pairing["mentee"]).get_json()
    return next(m for m in detail["milestones"] if m["key"] == key)


@pytest.mark.parametrize(("zone_name", "country"), ZONES)
def test_a_milestone_is_flagged_overdue_from_the_mentees_local_midnight(
        client, clock, pair_in, zone_name, country):
    pairing = pair_in(zone_name, country)
    clock.move_to(local(zone_name, 4, 1, 23, 59))
    assert milestone(client, pairing)["overdue"] is False
    clock.move_to(local(zone_name, 4, 2, 0, 1))
    assert milestone(client, pairing)["overdue"] is True


@pytest.mark.parametrize(("zone_name", "country"), ZONES)
def test_the_mentor_sees_a_checkin_overdue_from_her_local_midnight(
        client, clock, pair_in, zone_name, country):
    pairing = pair_in("Pacific/Fiji", "FJ", mentor_zone=zone_name)

    def overdue():
        [item] = client.get("/api/v1/me/mentees", headers=pairing["mentor"]).get_json()["items"]
        return item["checkin_overdue"]

    clock.move_to(local(zone_name, 2, 9, 23, 59))
    assert overdue() is False
    clock.move_to(local(zone_name, 2, 10, 0, 1))
    assert overdue() is True


def test_a_checkin_lapse_missed_for_a_week_is_reminded_once_after_a_restart(
        smtp, tick, pair_in):
    pair_in("Pacific/Tongatapu", "TO")
    tick(local("Pacific/Tongatapu", 2, 11, 10))  # the last scan before the server went down
    assert smtp.inbox.messages == []
    # Back eight days after the reminder's day, a Saturday: it waits for Monday.
    for day in (20, 22, 23, 24):
        tick(local("Pacific/Tongatapu", 2, day, 10))
    mails = [mail for mail in smtp.inbox.messages if "check-in" in mail["Subject"]]
    assert len(mails) == 2  # the mentee and the mentor, once each
    assert "Feb 9, 2027" in mails[0].get_body(("plain",)).get_content()


def test_a_lapse_found_late_gets_only_its_latest_reminder(client, admin, tick, rows, pair_in):
    answer = client.put("/api/v1/reminder-rules/checkin-overdue", headers=admin,
                        json={"enabled": True, "offsets": [3, 10, 20]})
    assert answer.status_code == 200, answer.get_json()
    pairing = pair_in("Pacific/Tongatapu", "TO")
    tick(local("Pacific/Tongatapu", 2, 21, 10))  # 12 days past the due date
    assert offsets(rows, pairing["mentee_id"], "checkin-overdue") == {10}
    tick(local("Pacific/Tongatapu", 3, 1, 10))  # 20 days past
    assert offsets(rows, pairing["mentee_id"], "checkin-overdue") == {10, 20}


def test_a_milestone_passed_while_the_scheduler_was_down_gets_one_overdue_reminder(
        smtp, tick, rows, pair_in):
    pairing = pair_in("Pacific/Kiritimati", "KI")
    tick(local("Pacific/Kiritimati", 3, 10, 10))  # before the fourteen days' reminder
    tick(local("Pacific/Kiritimati", 4, 5, 10))  # back four days after the due date
    tick(local("Pacific/Kiritimati", 4, 6, 10))
    assert offsets(rows, pairing["mentee_id"], "milestone-due") == {1}
    [mail] = [mail for mail in smtp.inbox.messages
              if mail["To"] == pairing["mentee_email"] and "Milestone" in mail["Subject"]]
    assert "overdue since Apr 1, 2027" in mail["Subject"]


def test_a_milestone_done_is_not_caught_up(client, tick, rows, pair_in):
    pairing = pair_in("Pacific/Tongatapu", "TO")
    done = client.patch(f"{pairing['url']}/milestones/{milestone(client, pairing)['id']}",
                        headers=pairing["mentee"], json={"status": "done"})
    assert done.status_code == 200, done.get_json()
    tick(local("Pacific/Tongatapu", 4, 5, 10))
    assert rows(kind="milestone-due", user_id=pairing["mentee_id"]) == []


def test_a_template_milestone_reads_in_arabic_for_an_arabic_mentee(smtp, client, tick,
                                                                    pair_in):
    pairing = pair_in("Asia/Amman", "JO", language="ar")
    assert milestone(client, pairing)["title"] == "التعريف بالبرنامج"
    assert milestone(client, pairing)["title"] != milestone(client, pairing | {
        "mentee": pairing["mentor"]})["title"]
    tick(local("Asia/Amman", 3, 31, 10))
    subjects = [mail["Subject"] for mail in smtp.inbox.to(pairing["mentee_email"])]
    assert any("التعريف بالبرنامج" in subject for subject in subjects), subjects
