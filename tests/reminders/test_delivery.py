"""Delivery: exactly once, at the reader's local hour, in their language, through outages."""

from datetime import timedelta

from tests.reminders.conftest import at


def test_due_soon_reminder_is_mailed_once_and_listed_in_app(smtp, tick, person, enrolment,
                                                           base, rows):
    trainee, address = person("TO")
    enrolment(trainee, due_at=at(base, days=4))
    moment = at(base, hours=21)  # Tuesday 10:00 in Tonga
    tick(moment)
    tick(moment + timedelta(minutes=5))
    mails = smtp.inbox.to(address)
    assert len(mails) == 1
    assert "is due on" in mails[0]["Subject"]
    sent = rows(kind="due-soon")
    assert {(n.channel, n.status) for n in sent} == {("email", "sent"), ("in_app", "sent")}
    assert sent[0].dedupe_key.startswith("due-soon-7d:enrollment:")


def test_each_zone_is_reminded_in_its_own_morning(smtp, tick, person, enrolment, base, rows):
    tongan, tongan_address = person("TO")
    jordanian, jordanian_address = person("JO")
    enrolment(tongan, due_at=at(base, days=4))
    enrolment(jordanian, due_at=at(base, days=4))
    tick(at(base, hours=21))  # 10:00 in Nuku'alofa, midnight in Amman
    assert len(smtp.inbox.to(tongan_address)) == 1
    assert smtp.inbox.to(jordanian_address) == []
    waiting = rows(user_id=jordanian, channel="email")[0]
    assert waiting.status == "pending"
    assert waiting.scheduled_for == at(base, hours=30)  # Tuesday 09:00 in Amman
    tick(at(base, hours=29))  # 08:00 in Amman: still before the sending hour
    assert smtp.inbox.to(jordanian_address) == []
    tick(at(base, hours=30))
    assert len(smtp.inbox.to(jordanian_address)) == 1
    assert len(smtp.inbox.to(tongan_address)) == 1


def test_an_approval_at_night_waits_for_the_end_of_quiet_hours(smtp, tick, person, enrolment,
                                                              app, base, rows):
    from elearn.accounts.models import User
    from elearn.extensions import db
    from elearn.reminders.outbox import notify

    trainee, address = person("JO", language="en")
    enrolment_id = enrolment(trainee)
    night = at(base, hours=23)  # 02:00 in Amman
    with app.app_context():
        notify("enrolment-approved", db.session.get(User, trainee), enrolment_id, now=night)
        db.session.commit()
    tick(night)
    assert smtp.inbox.to(address) == []
    tick(at(base, hours=28))  # 07:00: quiet hours are over
    assert "You are enrolled in" in smtp.inbox.to(address)[0]["Subject"]


def test_past_the_daily_cap_the_rest_arrive_as_one_digest(smtp, tick, person, enrolment, base,
                                                         rows, app):
    app.config["REMINDER_DAILY_CAP"] = 2
    trainee, address = person("TO")
    for _ in range(4):
        enrolment(trainee, due_at=at(base, days=4))
    tick(at(base, hours=21))
    mails = smtp.inbox.to(address)
    assert len(mails) == 2
    digest = mails[1]
    assert "(3)" in digest["Subject"]
    assert digest.get_body(("plain",)).get_content().count("is due on") == 3
    emails = rows(channel="email")
    assert all(n.status == "sent" for n in emails)
    assert sum(n.digest_id is not None for n in emails) == 2
    tick(at(base, hours=22))
    assert len(smtp.inbox.to(address)) == 2


def test_cap_reached_sends_the_rest_the_next_local_day(smtp, tick, person, enrolment, base,
                                                      rows, app):
    app.config["REMINDER_DAILY_CAP"] = 1
    trainee, address = person("TO")
    enrolment(trainee, due_at=at(base, days=4))
    tick(at(base, hours=21))
    enrolment(trainee, due_at=at(base, days=4, hours=1))
    tick(at(base, hours=22))
    assert len(smtp.inbox.to(address)) == 1
    later = rows(channel="email")[-1]
    assert later.status == "pending"
    assert later.scheduled_for == at(base, days=1, hours=20)  # Wednesday 09:00 in Tonga
    tick(later.scheduled_for)
    assert len(smtp.inbox.to(address)) == 2


def test_an_smtp_outage_delays_and_nothing_is_lost(smtp, tick, person, enrolment, base, rows):
    trainee, address = person("TO")
    enrolment(trainee, due_at=at(base, days=4))
    smtp.stop()
    moment = at(base, hours=21)
    tick(moment)
    waiting = rows(channel="email")[0]
    assert (waiting.status, waiting.attempts) == ("pending", 1)
    assert "Connection" in waiting.last_error or "refused" in waiting.last_error.lower()
    assert waiting.scheduled_for == moment + timedelta(minutes=5)
    smtp.start()
    tick(moment + timedelta(minutes=1))  # back-off not over yet
    assert smtp.inbox.to(address) == []
    tick(moment + timedelta(minutes=5))
    assert len(smtp.inbox.to(address)) == 1
    assert rows(channel="email")[0].status == "sent"


def test_retries_stop_after_the_last_attempt(smtp, tick, person, enrolment, base, rows, app):
    app.config["REMINDER_MAX_ATTEMPTS"] = 2
    trainee, _address = person("TO")
    enrolment(trainee, due_at=at(base, days=4))
    smtp.stop()
    tick(at(base, hours=21))
    tick(at(base, hours=21, days=0) + timedelta(minutes=5))
    failed = rows(channel="email")[0]
    assert (failed.status, failed.attempts) == ("failed", 2)


def test_a_refused_recipient_fails_with_the_reason_and_an_admin_resends(
        smtp, tick, person, enrolment, base, rows, client, as_user):
    trainee, address = person("TO", email="refuse.me@example.org")
    enrolment(trainee, due_at=at(base, days=4))
    tick(at(base, hours=21))
    failed = rows(channel="email")[0]
    assert failed.status == "failed"
    assert failed.last_error.startswith("550")
    admin = as_user("national_admin", country="TO")
    listed = client.get("/api/v1/notifications", headers=admin,
                        query_string={"status": "failed"}).get_json()
    assert [item["id"] for item in listed["items"]] == [failed.id]
    assert listed["items"][0]["last_error"].startswith("550")
    smtp.inbox.refuse = False  # the mailbox was created
    answer = client.post(f"/api/v1/notifications/{failed.id}/resend", headers=admin)
    assert answer.status_code == 200 and answer.get_json()["status"] == "pending"
    tick(at(base, hours=22))
    assert len(smtp.inbox.to(address)) == 1


def test_resend_is_for_failed_notifications_only(smtp, tick, person, enrolment, base, rows,
                                                 client, as_user):
    trainee, _address = person("TO")
    enrolment(trainee, due_at=at(base, days=4))
    tick(at(base, hours=21))
    sent = rows(channel="email")[0]
    answer = client.post(f"/api/v1/notifications/{sent.id}/resend",
                         headers=as_user("national_admin", country="TO"))
    assert answer.status_code == 409 and answer.get_json()["type"] == "not-resendable"


def test_arabic_reader_gets_arabic_mail_right_to_left(smtp, tick, person, enrolment, base):
    trainee, address = person("JO", language="ar")
    enrolment(trainee, due_at=at(base, days=4))
    tick(at(base, hours=30))  # 09:00 in Amman
    mail = smtp.inbox.to(address)[0]
    html = mail.get_body(("html",)).get_content()
    assert 'dir="rtl"' in html
    assert mail["Subject"].startswith("موعد إنجاز الشرطة المجتمعية")
    assert "مرحبًا" in mail.get_body(("plain",)).get_content()


def test_completed_enrolment_cancels_its_reminder(smtp, tick, person, enrolment, base, rows,
                                                  app):
    from elearn.enrollments.models import Enrollment
    from elearn.extensions import db

    trainee, address = person("JO")
    enrolment_id = enrolment(trainee, due_at=at(base, days=4))
    tick(at(base, hours=21))  # produced, waiting for the morning in Amman
    with app.app_context():
        db.session.get(Enrollment, enrolment_id).status = "completed"
        db.session.commit()
    tick(at(base, hours=30))
    assert smtp.inbox.to(address) == []
    assert {n.status for n in rows(user_id=trainee)} == {"cancelled"}
    assert rows(user_id=trainee)[0].last_error == "no longer relevant"


def test_a_stale_claim_is_sent_again_after_a_crash(smtp, tick, person, enrolment, base, rows,
                                                  app):
    from sqlalchemy import update

    from elearn.extensions import db
    from elearn.reminders.models import Notification

    trainee, address = person("TO")
    enrolment(trainee, due_at=at(base, days=4))
    moment = at(base, hours=21)
    with app.app_context():
        from elearn.reminders.jobs import scan_rules

        scan_rules(now=moment)
        db.session.execute(update(Notification).values(status="sending", claimed_at=moment))
        db.session.commit()
    tick(moment + timedelta(minutes=5))  # the crashed pass may still be sending: wait
    assert smtp.inbox.to(address) == []
    tick(moment + timedelta(minutes=16))
    assert len(smtp.inbox.to(address)) == 1
