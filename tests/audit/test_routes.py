"""Audit events: written for admin changes, scoped by country."""


def test_user_creation_is_audited_with_actor_and_address(client, as_user):
    admin = as_user("national_admin", country="FJ", email="admin.fj@example.org")
    client.post("/api/v1/users", headers=admin, json={"email": "x@example.org", "name": "X"},
                environ_base={"REMOTE_ADDR": "203.0.113.7"})
    events = client.get("/api/v1/audit-events", headers=admin).get_json()["items"]
    created = [event for event in events if event["action"] == "user.create"
               and event["details"]["email"] == "x@example.org"]
    assert len(created) == 1
    event = created[0]
    assert (event["actor_email"], event["country"], event["ip"]) == (
        "admin.fj@example.org", "FJ", "203.0.113.7")


def test_update_lists_changed_fields(client, make_user, as_user):
    admin = as_user("national_admin", country="FJ")
    user_id = make_user("x@example.org", country="FJ")
    client.patch(f"/api/v1/users/{user_id}", headers=admin, json={"rank": "Sergeant"})
    events = client.get("/api/v1/audit-events", headers=admin,
                        query_string={"action": "user.update"}).get_json()["items"]
    assert events[0]["details"] == {"fields": ["rank"]}
    assert events[0]["object_id"] == str(user_id)


def test_national_admin_sees_only_own_countrys_events(client, make_user, as_user):
    make_user("fj@example.org", country="FJ")
    make_user("to@example.org", country="TO")
    body = client.get("/api/v1/audit-events", headers=as_user("national_admin", country="TO"),
                      query_string={"per_page": 100}).get_json()
    assert {event["country"] for event in body["items"]} == {"TO"}


def test_trainee_cannot_read_the_audit_log(client, as_user):
    assert client.get("/api/v1/audit-events", headers=as_user("trainee")).status_code == 403
