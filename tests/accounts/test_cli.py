"""``elearn users import|invite|create`` from the console: the acting admin's scope and audit."""

import pytest

CSV = "email;name;country\nana@example.org;Ana;FJ\n"


@pytest.fixture
def fiji_admin(make_user):
    make_user("admin.fj@example.org", country="FJ", roles=("national_admin",))
    return "admin.fj@example.org"


def users(client, login, email):
    headers = {"Authorization": f"Bearer {login(email)}"}
    items = client.get("/api/v1/users", headers=headers,
                       query_string={"per_page": 100}).get_json()["items"]
    return {item["email"] for item in items}


def test_users_import_creates_and_reports(runner, client, login, fiji_admin, tmp_path):
    path = tmp_path / "users.csv"
    path.write_text(CSV)
    result = runner.invoke(args=["users", "import", str(path), "--as", fiji_admin])
    assert result.exit_code == 0, result.output
    assert '"created": 1' in result.output and '"delimiter": ";"' in result.output
    assert "ana@example.org" in users(client, login, fiji_admin)


def test_users_import_dry_run_writes_nothing(runner, client, login, fiji_admin, tmp_path):
    path = tmp_path / "users.csv"
    path.write_text(CSV)
    result = runner.invoke(args=["users", "import", str(path), "--dry-run", "--as", fiji_admin])
    assert result.exit_code == 0, result.output
    assert '"dry_run": true' in result.output
    assert users(client, login, fiji_admin) == {fiji_admin}


def test_users_import_into_another_country_is_refused(runner, client, login, fiji_admin,
                                                      tmp_path):
    path = tmp_path / "users.csv"
    path.write_text("email,name,country\nsione@example.org,Sione,TO\n")
    result = runner.invoke(args=["users", "import", str(path), "--as", fiji_admin])
    assert result.exit_code == 1
    assert "line 2" in result.output and "own country" in result.output
    assert users(client, login, fiji_admin) == {fiji_admin}


def test_unknown_acting_admin_is_refused(runner, tmp_path):
    path = tmp_path / "users.csv"
    path.write_text(CSV)
    result = runner.invoke(args=["users", "import", str(path), "--as", "nobody@example.org"])
    assert result.exit_code == 2 and "nobody@example.org" in result.output


def test_users_create_without_password_invites(app, runner, client, login, fiji_admin):
    result = runner.invoke(args=["users", "create", "--email", "new@example.org", "--name",
                                 "New", "--country", "fiji"])
    assert result.exit_code == 0, result.output
    from elearn.accounts.models import Invitation
    from elearn.extensions import db

    with app.app_context():
        assert db.session.query(Invitation).count() == 1


def test_unknown_country_lists_the_valid_codes(runner):
    result = runner.invoke(args=["users", "create", "--email", "new@example.org", "--name",
                                 "New", "--country", "Atlantis"])
    assert result.exit_code == 2
    assert "Atlantis" in result.output and "FJ" in result.output and "TO" in result.output


def test_users_invite_sends_again_and_is_audited(runner, client, login, make_user, fiji_admin):
    make_user("ana@example.org", country="FJ", password=None)
    result = runner.invoke(args=["users", "invite", "ANA@example.org", "--as", fiji_admin])
    assert result.exit_code == 0, result.output
    headers = {"Authorization": f"Bearer {login(fiji_admin)}"}
    events = client.get("/api/v1/audit-events", headers=headers,
                        query_string={"action": "user.invite"}).get_json()["items"]
    assert [event["actor_email"] for event in events] == [fiji_admin]


def test_users_invite_out_of_scope_is_not_found(runner, make_user, fiji_admin):
    make_user("sione@example.org", country="TO", password=None)
    result = runner.invoke(args=["users", "invite", "sione@example.org", "--as", fiji_admin])
    assert result.exit_code == 1 and "No such user" in result.output
