"""Calendar invitations, updates and cancellations through the outbox, each with its .ics
parsed back; the reminders before a session and to a trainer with an empty register."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar

from .conftest import START


def _next_morning_in_fiji() -> datetime:
    """10:00 tomorrow in Suva: inside the sending hours, whenever the test runs."""
    suva = ZoneInfo("Pacific/Fiji")
    tomorrow = datetime.now(suva).date() + timedelta(days=1)
    return datetime.combine(tomorrow, time(10), suva).astimezone(UTC)


def _ics(mail) -> Calendar:
    (part,) = [p for p in mail.iter_attachments() if p.get_content_type() == "text/calendar"]
    return Calendar.from_ical(part.get_content())


def test_planned_moved_and_cancelled_sessions_update_the_calendar(client, blended, plan,
                                                                  enroll, as_user, smtp,
                                                                  tick, fiji_admin):
    learner = as_user("trainee", country="FJ", email="mele@example.org")
    enroll(blended["offering"]["id"], learner)
    morning = _next_morning_in_fiji()
    session = plan(blended["offering"]["id"], 1).get_json()
    tick(morning)
    moved_to = START + timedelta(days=1, hours=2)
    client.patch(f"/api/v1/sessions/{session['id']}", headers=fiji_admin, json={
        "starts_at": moved_to.isoformat(), "ends_at": (moved_to + timedelta(hours=2)).isoformat()})
    tick(morning + timedelta(minutes=5))
    client.delete(f"/api/v1/sessions/{session['id']}", headers=fiji_admin)
    tick(morning + timedelta(minutes=10))
    mails = smtp.inbox.to("mele@example.org")
    calendars = [_ics(mail) for mail in mails if list(mail.iter_attachments())]
    assert [str(c["method"]) for c in calendars] == ["REQUEST", "REQUEST", "CANCEL"]
    events = [c.walk("VEVENT")[0] for c in calendars]
    assert len({str(e["uid"]) for e in events}) == 1
    assert [int(e["sequence"]) for e in events] == [0, 1, 2]
    assert events[1].decoded("dtstart") == moved_to


def test_the_day_before_a_session_its_people_are_reminded(app, client, blended, plan, enroll,
                                                         as_user, rows, user_id):
    from elearn.extensions import db
    from elearn.reminders.outbox import produce
    from elearn.reminders.rules import RULES

    learner = as_user("trainee", country="FJ")
    enroll(blended["offering"]["id"], learner)
    plan(blended["offering"]["id"], 0)
    with app.app_context():
        produce(RULES["session-tomorrow"], now=START)
        db.session.commit()
    told = {row.user_id for row in rows(kind="session-tomorrow", channel="email")}
    assert told == {user_id(learner), user_id(blended["trainer"])}


def test_a_trainer_is_reminded_of_an_empty_register(app, blended, plan, rows, user_id):
    from elearn.extensions import db
    from elearn.reminders.outbox import produce
    from elearn.reminders.rules import RULES

    plan(blended["offering"]["id"], 0)
    with app.app_context():
        produce(RULES["session-register"], now=START + timedelta(days=1, hours=12))
        db.session.commit()
    told = {row.user_id for row in rows(kind="session-register", channel="email")}
    assert told == {user_id(blended["trainer"])}
