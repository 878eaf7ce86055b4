"""``elearn certificates revoke`` from the console: scoped and audited like the API."""

import pytest

CERTS = "/api/v1/certificates"


@pytest.fixture
def tonga_admin(make_user):
    make_user("admin.to@example.org", country="TO", roles=("national_admin",))
    return "admin.to@example.org"


def test_revoke_by_printed_code_is_audited(runner, client, certified, as_user, tonga_admin):
    holder = certified()
    result = runner.invoke(args=["certificates", "revoke", holder["certificate"]["code"],
                                 "--reason", "Issued in error", "--as", tonga_admin])
    assert result.exit_code == 0, result.output
    assert client.get(f"/verify/{holder['certificate']['code']}").get_json()["status"] == \
        "revoked"
    events = client.get("/api/v1/audit-events", headers=as_user("programme_admin"),
                        query_string={"action": "certificate.revoke"}).get_json()["items"]
    assert [(event["actor_email"], event["details"]) for event in events] == [
        (tonga_admin, {"reason": "Issued in error"})]


def test_revoke_in_another_country_is_not_found(runner, client, certified, make_user):
    holder = certified()
    make_user("admin.fj@example.org", country="FJ", roles=("national_admin",))
    result = runner.invoke(args=["certificates", "revoke", holder["certificate"]["code"],
                                 "--reason", "x", "--as", "admin.fj@example.org"])
    assert result.exit_code == 1 and "No such certificate" in result.output
    assert client.get(f"/verify/{holder['certificate']['code']}").get_json()["status"] == "valid"
