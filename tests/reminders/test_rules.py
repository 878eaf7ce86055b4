"""Every rule: what it reminds about, once, and what it leaves alone."""

from datetime import timedelta

import time_machine

from tests.reminders.conftest import at

TONGA_MORNING = 21  # hours after Monday 00:00 UTC: Tuesday 10:00 in Nuku'alofa


def test_enrolment_deadline_reminds_a_pending_request(smtp, tick, person, enrolment, offering,
                                                      base):
    trainee, address = person("TO")
    enrolment(trainee, offering(enrollment_deadline=at(base, days=3),
                                starts_at=at(base, days=10)), status="pending")
    tick(at(base, hours=TONGA_MORNING))
    assert "closes on" in smtp.inbox.to(address)[0]["Subject"]


def test_enrolment_deadline_leaves_enrolled_people_alone(smtp, tick, person, enrolment,
                                                         offering, base, rows):
    trainee, _ = person("TO")
    enrolment(trainee, offering(enrollment_deadline=at(base, days=3),
                                starts_at=at(base, days=10)))
    tick(at(base, hours=TONGA_MORNING))
    assert rows(kind="enrolment-deadline") == []


def test_live_offering_start_carries_a_calendar_invitation(smtp, tick, person, enrolment,
                                                           offering, base):
    trainee, address = person("TO")
    enrolment(trainee, offering(mode="live_online", starts_at=at(base, days=5),
                                ends_at=at(base, days=5, hours=2), title="Live cyber"))
    tick(at(base, hours=TONGA_MORNING))
    mail = smtp.inbox.to(address)[0]
    assert "starts on" in mail["Subject"]
    invitation = [part for part in mail.iter_attachments()
                  if part.get_content_type() == "text/calendar"]
    assert len(invitation) == 1
    text = invitation[0].get_content()
    assert "BEGIN:VEVENT" in text and "SUMMARY:Live cyber" in text
    assert f"DTSTART:{at(base, days=5).strftime('%Y%m%dT%H%M%SZ')}" in text


def test_self_paced_offering_start_has_no_invitation(smtp, tick, person, enrolment, offering,
                                                     base):
    trainee, address = person("TO")
    enrolment(trainee, offering(starts_at=at(base, days=5)))
    tick(at(base, hours=TONGA_MORNING))
    assert list(smtp.inbox.to(address)[0].iter_attachments()) == []


def test_no_progress_reminds_once_per_lull(smtp, tick, person, enrolment, base, rows, app):
    from elearn.enrollments.models import Enrollment
    from elearn.extensions import db

    trainee, address = person("TO")
    enrolment_id = enrolment(trainee, updated_at=at(base, days=-20))
    tick(at(base, hours=TONGA_MORNING))
    tick(at(base, hours=TONGA_MORNING, days=1))
    assert ["Pick up" in m["Subject"] for m in smtp.inbox.to(address)] == [True]
    with app.app_context():  # progress, then another lull of 14 days
        row = db.session.get(Enrollment, enrolment_id)
        row.progress_percent, row.updated_at = 40, at(base, days=1)
        db.session.commit()
    tick(at(base, hours=TONGA_MORNING, days=16))
    assert len(smtp.inbox.to(address)) == 2


def test_overdue_reminds_after_the_due_date(smtp, tick, person, enrolment, base):
    trainee, address = person("TO")
    enrolment(trainee, due_at=at(base, days=-2))
    tick(at(base, hours=TONGA_MORNING))
    assert "is overdue" in smtp.inbox.to(address)[0]["Subject"]


def test_completed_course_is_never_overdue(smtp, tick, person, enrolment, base, rows):
    trainee, _ = person("TO")
    enrolment(trainee, due_at=at(base, days=-2), status="completed")
    tick(at(base, hours=TONGA_MORNING))
    assert rows() == []


def test_a_late_scan_sends_only_the_nearest_expiry_reminder(smtp, tick, person, certificate,
                                                            base, rows):
    holder, address = person("TO")
    certificate(holder, expires_at=at(base, days=5))
    tick(at(base, hours=TONGA_MORNING))
    assert [n.dedupe_key.split(":")[0] for n in rows(channel="email")] == [
        "certificate-expiring-7d"]
    assert len(smtp.inbox.to(address)) == 1
    assert "expires on" in smtp.inbox.to(address)[0]["Subject"]


def test_certificate_expiring_in_ninety_days_and_again_at_thirty(smtp, tick, person,
                                                                 certificate, base, rows):
    holder, address = person("TO")
    certificate(holder, expires_at=at(base, days=80))
    tick(at(base, hours=TONGA_MORNING))
    tick(at(base, hours=TONGA_MORNING, days=55))
    assert [n.offset_days for n in rows(channel="email")] == [90, 30]
    assert len(smtp.inbox.to(address)) == 2


def test_certificate_expired(smtp, tick, person, certificate, base):
    holder, address = person("TO")
    certificate(holder, expires_at=at(base, days=-1))
    tick(at(base, hours=TONGA_MORNING))
    assert "has expired" in smtp.inbox.to(address)[0]["Subject"]


def test_a_renewed_certificate_is_not_reminded(smtp, tick, person, certificate, base, rows):
    holder, _ = person("TO")
    old = certificate(holder, expires_at=at(base, days=5))
    certificate(holder, expires_at=at(base, days=700), previous_id=old)
    tick(at(base, hours=TONGA_MORNING))
    assert rows() == []


def test_revoked_certificate_is_not_reminded(smtp, tick, person, certificate, base, rows):
    holder, _ = person("TO")
    certificate(holder, expires_at=at(base, days=5), revoked_at=at(base, days=-1))
    tick(at(base, hours=TONGA_MORNING))
    assert rows() == []


def test_approval_of_a_pending_enrolment_notifies(smtp, tick, client, as_user, person,
                                                  make_course, make_offering, login, rows):
    trainee, address = person("TO")
    offering = make_offering(make_course()["id"], approval_required=True)
    answer = client.post(f"/api/v1/offerings/{offering['id']}/enrollments",
                         headers={"Authorization": f"Bearer {login(address)}"}, json={})
    assert answer.get_json()["status"] == "pending"
    client.patch(f"/api/v1/enrollments/{answer.get_json()['id']}",
                 headers=as_user("national_admin", country="TO"), json={"status": "enrolled"})
    [row] = rows(kind="enrolment-approved", channel="email")
    tick(row.scheduled_for)
    assert "You are enrolled in" in smtp.inbox.to(address)[0]["Subject"]


def test_approved_again_after_withdrawing_is_told_again(smtp, tick, client, as_user, person,
                                                        make_course, make_offering, login,
                                                        rows, base):
    _trainee, address = person("TO")
    learner = {"Authorization": f"Bearer {login(address)}"}
    admin = as_user("national_admin", country="TO")
    offering = make_offering(make_course()["id"], approval_required=True)
    for day in (0, 1):
        with time_machine.travel(at(base, hours=TONGA_MORNING, days=day), tick=False):
            request = client.post(f"/api/v1/offerings/{offering['id']}/enrollments",
                                  headers=learner, json={})
            assert request.get_json()["status"] == "pending", request.get_json()
            url = f"/api/v1/enrollments/{request.get_json()['id']}"
            assert client.patch(url, headers=admin,
                                json={"status": "enrolled"}).status_code == 200
            tick(at(base, hours=TONGA_MORNING, days=day))
            assert client.patch(url, headers=learner,
                                json={"status": "withdrawn"}).status_code == 200
    assert len(rows(kind="enrolment-approved", channel="email")) == 2
    assert len(smtp.inbox.to(address)) == 2


def test_waitlist_promotion_notifies(smtp, tick, client, person, make_course, make_offering,
                                     login, rows):
    first, first_address = person("TO")
    second, second_address = person("TO")
    offering = make_offering(make_course()["id"], capacity=1)
    tokens = [{"Authorization": f"Bearer {login(a)}"} for a in (first_address, second_address)]
    taken = client.post(f"/api/v1/offerings/{offering['id']}/enrollments", headers=tokens[0],
                        json={}).get_json()
    client.post(f"/api/v1/offerings/{offering['id']}/enrollments", headers=tokens[1], json={})
    client.patch(f"/api/v1/enrollments/{taken['id']}", headers=tokens[0],
                 json={"status": "withdrawn"})
    [row] = rows(kind="waitlist-promoted", channel="email")
    assert row.user_id == second
    tick(row.scheduled_for)
    assert "A place opened" in smtp.inbox.to(second_address)[0]["Subject"]


def test_optional_reminder_waits_for_the_working_week(smtp, tick, person, enrolment, base,
                                                      rows):
    trainee, address = person("JO")  # Friday and Saturday are the weekend in Jordan
    enrolment(trainee, due_at=at(base, days=9))
    friday_morning = at(base, days=4, hours=7)  # 10:00 on Friday in Amman
    tick(friday_morning)
    assert smtp.inbox.to(address) == []
    waiting = rows(channel="email")[0]
    assert waiting.scheduled_for == at(base, days=6, hours=6)  # Sunday 09:00 in Amman


def test_a_public_holiday_pushes_optional_reminders_on(smtp, tick, person, enrolment, base,
                                                       rows, client, as_user):
    sunday = at(base, days=6).date()
    answer = client.put("/api/v1/countries/JO/calendar",
                        headers=as_user("national_admin", country="JO"),
                        json={"weekend": [5, 6], "holidays": [{"date": sunday.isoformat(),
                                                               "name": "Holiday"}]})
    assert answer.status_code == 200, answer.get_json()
    trainee, _ = person("JO")
    enrolment(trainee, due_at=at(base, days=9))
    tick(at(base, days=4, hours=7))
    assert rows(channel="email")[0].scheduled_for == at(base, days=7, hours=6)  # Monday


def test_mandatory_reminders_go_out_on_the_weekend(smtp, tick, person, enrolment, base):
    trainee, address = person("JO", language="en")
    enrolment(trainee, due_at=at(base, days=2))
    tick(at(base, days=4, hours=7))  # Friday in Amman
    assert "is overdue" in smtp.inbox.to(address)[0]["Subject"]


def test_scanning_twice_adds_nothing(tick, person, enrolment, base, rows, smtp):
    trainee, _ = person("TO")
    enrolment(trainee, due_at=at(base, days=4))
    first = tick(at(base, hours=2))
    second = tick(at(base, hours=2) + timedelta(minutes=5))
    assert first["added"]["due-soon"] == 2
    assert second["added"]["due-soon"] == 0


def set_offsets(client, as_user, kind, offsets):
    answer = client.put(f"/api/v1/reminder-rules/{kind}", headers=as_user("programme_admin"),
                        json={"enabled": True, "offsets": offsets})
    assert answer.status_code == 200, answer.get_json()


def test_each_offset_reminds_in_its_own_band(client, as_user, tick, person, enrolment, base,
                                             rows, smtp):
    set_offsets(client, as_user, "due-soon", [14, 7, 3, 1])
    set_offsets(client, as_user, "overdue", [1, 3])
    soon, _ = person("TO")
    late, _ = person("TO")
    soon_id = enrolment(soon, due_at=at(base, days=2, hours=6))
    late_id = enrolment(late, due_at=at(base, days=-4))
    tick(at(base, hours=TONGA_MORNING))
    keys = {n.dedupe_key for n in rows()}
    assert {key for key in keys if key.startswith("due-soon")} == {
        f"due-soon-3d:enrollment:{soon_id}", f"due-soon-3d:enrollment:{soon_id}:app"}
    assert {key for key in keys if key.startswith("overdue")} == {
        f"overdue-{days}d:enrollment:{late_id}{channel}" for days in (1, 3)
        for channel in ("", ":app")}


def test_a_scan_costs_the_same_statements_whatever_the_offsets(client, as_user, tick, person,
                                                               enrolment, base, app,
                                                               count_queries, smtp):
    from elearn.reminders.jobs import scan_rules

    def scan_statements(now):
        with count_queries() as statements, app.app_context():
            scan_rules(now=now)
        return len(statements)

    for days in (-3, 2, 6, 13):
        enrolment(person("TO")[0], due_at=at(base, days=days))
    scan_statements(at(base))  # the first scan also creates its lease
    before = scan_statements(at(base, hours=TONGA_MORNING))
    set_offsets(client, as_user, "due-soon", [30, 14, 7, 3, 1])
    set_offsets(client, as_user, "certificate-expiring", [180, 90, 60, 30, 14, 7])
    assert scan_statements(at(base, hours=TONGA_MORNING, days=1)) == before
