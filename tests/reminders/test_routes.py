"""Rule settings, calendars, preview, the outbox for admins and people's own notifications."""

from tests.reminders.conftest import at
from tests.test_conventions import assert_problem

RULES = "/api/v1/reminder-rules"


def test_programme_admin_sets_a_rule_globally(client, as_user):
    answer = client.put(f"{RULES}/due-soon", headers=as_user("programme_admin"),
                        json={"enabled": True, "offsets": [3, 10, 3]})
    assert answer.status_code == 200
    body = answer.get_json()
    assert (body["offsets"], body["scope"], body["inherited"]) == ([10, 3], "*", False)


def test_national_admin_cannot_set_the_global_rule(client, as_user):
    answer = client.put(f"{RULES}/due-soon", headers=as_user("national_admin", country="TO"),
                        json={"enabled": False})
    assert_problem(answer, 403)


def test_national_admin_sets_their_own_country_and_it_is_audited(client, as_user):
    admin = as_user("national_admin", country="TO")
    answer = client.put("/api/v1/countries/TO/reminder-rules/due-soon", headers=admin,
                        json={"enabled": False})
    assert answer.status_code == 200 and answer.get_json()["enabled"] is False
    listed = client.get("/api/v1/countries/TO/reminder-rules", headers=admin).get_json()
    assert {r["kind"]: r["enabled"] for r in listed["items"]}["due-soon"] is False
    events = client.get("/api/v1/audit-events", headers=admin).get_json()["items"]
    assert events[0]["action"] == "reminder-rule.update"


def test_national_admin_cannot_touch_another_country(client, as_user):
    answer = client.put("/api/v1/countries/FJ/reminder-rules/due-soon",
                        headers=as_user("national_admin", country="TO"), json={"enabled": False})
    assert_problem(answer, 403)


def test_offsets_on_an_event_rule_are_422(client, as_user):
    answer = client.put(f"{RULES}/enrolment-approved", headers=as_user("programme_admin"),
                        json={"enabled": True, "offsets": [3]})
    assert "offsets" in assert_problem(answer, 422, "invalid-rule-settings")["errors"]


def test_no_offsets_on_a_dated_rule_is_422(client, as_user):
    answer = client.put(f"{RULES}/due-soon", headers=as_user("programme_admin"),
                        json={"enabled": True, "offsets": []})
    assert_problem(answer, 422, "invalid-rule-settings")


def test_negative_offset_is_422(client, as_user):
    answer = client.put(f"{RULES}/due-soon", headers=as_user("programme_admin"),
                        json={"enabled": True, "offsets": [-1]})
    assert "offsets" in assert_problem(answer, 422)["errors"]


def test_unknown_rule_is_404(client, as_user):
    assert_problem(client.get(f"{RULES}/nope", headers=as_user("programme_admin")), 404)


def test_a_rule_switched_off_for_a_country_stays_silent_there(client, as_user, tick, person,
                                                              enrolment, base, rows, smtp):
    client.put("/api/v1/countries/TO/reminder-rules/due-soon",
               headers=as_user("national_admin", country="TO"), json={"enabled": False})
    tongan, _ = person("TO")
    fijian, _ = person("FJ")
    enrolment(tongan, due_at=at(base, days=4))
    enrolment(fijian, due_at=at(base, days=4))
    tick(at(base, hours=2))
    assert {n.user_id for n in rows(kind="due-soon")} == {fijian}


def test_preview_says_who_gets_what_and_who_is_skipped_and_sends_nothing(
        client, as_user, person, enrolment, login, rows, app):
    from datetime import timedelta

    from elearn.timeutils import utcnow

    keen, _ = person("TO")
    _quiet, quiet_address = person("TO")
    abroad, _ = person("FJ")
    for who in (keen, _quiet, abroad):
        enrolment(who, due_at=utcnow() + timedelta(days=3))
    client.put("/api/v1/me/notification-preferences",
               headers={"Authorization": f"Bearer {login(quiet_address)}"},
               json={"kinds": [{"kind": "due-soon", "subscribed": False}]})
    answer = client.get(f"{RULES}/due-soon/preview",
                        headers=as_user("national_admin", country="TO"))
    assert answer.status_code == 200
    items = {item["user_id"]: item for item in answer.get_json()["items"]}
    assert set(items) == {keen, _quiet}  # Fiji is not the admin's country
    assert items[keen]["action"] == "send" and items[keen]["scheduled_for"]
    assert (items[_quiet]["action"], items[_quiet]["reason"]) == ("skip", "opted-out")
    assert rows() == []


def test_calendar_is_read_and_replaced_by_the_countrys_admin(client, as_user):
    admin = as_user("national_admin", country="TO")
    assert client.get("/api/v1/countries/TO/calendar", headers=admin).get_json()["weekend"] == [
        6, 7]
    answer = client.put("/api/v1/countries/TO/calendar", headers=admin, json={
        "weekend": [7], "holidays": [{"date": "2026-12-25", "name": "Christmas"}]})
    assert answer.get_json()["weekend"] == [7]
    assert answer.get_json()["holidays"] == [{"date": "2026-12-25", "name": "Christmas"}]


def test_calendar_of_another_country_cannot_be_changed(client, as_user):
    answer = client.put("/api/v1/countries/JO/calendar",
                        headers=as_user("national_admin", country="TO"), json={"weekend": [5]})
    assert_problem(answer, 403)


def test_bad_weekday_is_422(client, as_user):
    answer = client.put("/api/v1/countries/TO/calendar",
                        headers=as_user("national_admin", country="TO"), json={"weekend": [8]})
    assert "weekend" in assert_problem(answer, 422)["errors"]


def test_admins_see_only_their_countrys_notifications(client, as_user, tick, person, enrolment,
                                                      base, rows, smtp):
    tongan, _ = person("TO")
    enrolment(tongan, due_at=at(base, days=4))
    tick(at(base, hours=2))
    row = rows(channel="email")[0]
    fiji = as_user("national_admin", country="FJ")
    assert client.get("/api/v1/notifications", headers=fiji).get_json()["total"] == 0
    assert_problem(client.get(f"/api/v1/notifications/{row.id}", headers=fiji), 404)
    tonga = as_user("national_admin", country="TO")
    assert client.get("/api/v1/notifications", headers=tonga).get_json()["total"] == 2


def test_trainees_cannot_read_the_outbox(client, as_user):
    assert_problem(client.get("/api/v1/notifications", headers=as_user("trainee")), 403)


def test_my_notifications_read_and_unread(client, tick, person, enrolment, base, login, smtp):
    trainee, address = person("TO")
    enrolment(trainee, due_at=at(base, days=4))
    tick(at(base, hours=21))
    me = {"Authorization": f"Bearer {login(address)}"}
    unread = client.get("/api/v1/me/notifications", headers=me,
                        query_string={"unread": "true"}).get_json()
    assert unread["total"] == 1 and "is due on" in unread["items"][0]["title"]
    item = unread["items"][0]
    answer = client.patch(f"/api/v1/me/notifications/{item['id']}", headers=me,
                          json={"read": True})
    assert answer.get_json()["read"] is True
    assert client.get("/api/v1/me/notifications", headers=me,
                      query_string={"unread": "true"}).get_json()["total"] == 0


def test_someone_elses_notification_is_404(client, tick, person, enrolment, base, as_user,
                                           rows, smtp):
    trainee, _ = person("TO")
    enrolment(trainee, due_at=at(base, days=4))
    tick(at(base, hours=21))
    mine = rows(channel="in_app")[0]
    answer = client.patch(f"/api/v1/me/notifications/{mine.id}", headers=as_user("trainee"),
                          json={"read": True})
    assert_problem(answer, 404)


def test_opting_out_stops_an_optional_kind(client, tick, person, enrolment, base, login, rows,
                                           smtp):
    trainee, address = person("TO")
    me = {"Authorization": f"Bearer {login(address)}"}
    answer = client.put("/api/v1/me/notification-preferences", headers=me,
                        json={"kinds": [{"kind": "due-soon", "subscribed": False}]})
    assert {k["kind"]: k["subscribed"] for k in answer.get_json()["kinds"]}["due-soon"] is False
    enrolment(trainee, due_at=at(base, days=4))
    tick(at(base, hours=21))
    assert rows() == [] and smtp.inbox.to(address) == []


def test_mandatory_kinds_cannot_be_switched_off(client, person, login):
    _trainee, address = person("TO")
    answer = client.put("/api/v1/me/notification-preferences",
                        headers={"Authorization": f"Bearer {login(address)}"},
                        json={"kinds": [{"kind": "overdue", "subscribed": False}]})
    assert_problem(answer, 422, "not-optional")


def _unsubscribe_path(mail):
    return mail["List-Unsubscribe"].strip("<>").split("127.0.0.1:5000", 1)[1]


def test_the_unsubscribe_link_works_without_signing_in(client, tick, person, enrolment, base,
                                                      rows, smtp, app):
    trainee, address = person("TO")
    enrolment(trainee, due_at=at(base, days=4))
    tick(at(base, hours=21))
    mail = smtp.inbox.to(address)[0]
    path = _unsubscribe_path(mail)
    assert path in mail.get_body(("plain",)).get_content()
    assert client.get(path).get_json() == {"kind": "due-soon", "subscribed": True}
    assert client.post(path).get_json() == {"kind": "due-soon", "subscribed": False}
    enrolment(trainee, due_at=at(base, days=5))
    tick(at(base, hours=22))
    assert len(smtp.inbox.to(address)) == 1


def test_the_unsubscribe_page_speaks_to_a_browser(client, tick, person, enrolment, base, smtp):
    trainee, address = person("JO", language="ar")
    enrolment(trainee, due_at=at(base, days=4))
    tick(at(base, hours=30))
    page = client.get(_unsubscribe_path(smtp.inbox.to(address)[0]),
                      headers={"Accept": "text/html"})
    assert page.mimetype == "text/html" and 'dir="rtl"' in page.get_data(as_text=True)


def test_a_forged_unsubscribe_link_is_404(client):
    assert_problem(client.post("/unsubscribe/not-a-signed-token"), 404,
                   "invalid-unsubscribe-link")


def test_preview_skips_what_was_sent_and_where_the_rule_is_off(client, as_user, person,
                                                              enrolment, tick, smtp):
    from datetime import timedelta

    from elearn.timeutils import utcnow

    tongan, _ = person("TO")
    fijian, _ = person("FJ")
    enrolment(tongan, due_at=utcnow() + timedelta(days=3))
    enrolment(fijian, due_at=utcnow() + timedelta(days=3))
    client.put("/api/v1/countries/FJ/reminder-rules/due-soon",
               headers=as_user("national_admin", country="FJ"), json={"enabled": False})
    tick(utcnow())
    answer = client.get(f"{RULES}/due-soon/preview", headers=as_user("programme_admin"))
    reasons = {item["user_id"]: item["reason"] for item in answer.get_json()["items"]}
    assert reasons == {tongan: "already-sent", fijian: "rule-off"}


def test_calendar_of_an_unknown_country_is_404(client, as_user):
    assert_problem(client.get("/api/v1/countries/ZZ/calendar", headers=as_user("trainee")), 404)


def test_a_run_queues_what_the_preview_would_send_in_my_country_once(client, as_user, person,
                                                                     enrolment, rows):
    from datetime import timedelta

    from elearn.timeutils import utcnow

    tongan, _ = person("TO")
    fijian, _ = person("FJ")
    for who in (tongan, fijian):
        enrolment(who, due_at=utcnow() + timedelta(days=3))
    admin = as_user("national_admin", country="TO")
    answer = client.post(f"{RULES}/due-soon/run", headers=admin)
    assert answer.status_code == 200 and answer.get_json()["added"] >= 1
    assert {n.user_id for n in rows(kind="due-soon")} == {tongan}
    assert client.post(f"{RULES}/due-soon/run", headers=admin).get_json()["added"] == 0
    preview = client.get(f"{RULES}/due-soon/preview", headers=admin).get_json()["items"]
    assert {item["reason"] for item in preview} == {"already-sent"}


def test_a_run_of_an_event_rule_is_refused(client, as_user):
    answer = client.post(f"{RULES}/waitlist-promoted/run",
                         headers=as_user("national_admin", country="TO"))
    assert_problem(answer, 422, "event-driven-rule")


def test_a_trainee_cannot_run_a_rule(client, as_user):
    assert_problem(client.post(f"{RULES}/due-soon/run", headers=as_user()), 403)
