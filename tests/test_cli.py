"""Command-line tasks."""

from sqlalchemy import func, select

from elearn.accounts.models import Country, User
from elearn.extensions import db


def test_init_is_safe_to_run_twice(app, runner):
    first = runner.invoke(args=["init"])
    second = runner.invoke(args=["init"])
    assert first.exit_code == second.exit_code == 0, first.output
    assert "0 countries added" in second.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Country)) == 18


def test_users_create(app, runner):
    result = runner.invoke(args=["users", "create", "--email", "Boss@Example.org", "--password",
                                 "a long enough passphrase", "--name", "Boss", "--role",
                                 "programme_admin", "--country", "fj"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "boss@example.org"))
        assert user.roles == {"programme_admin"} and user.country_code == "FJ"


def test_users_create_refuses_a_weak_password(runner):
    result = runner.invoke(args=["users", "create", "--email", "a@example.org", "--password",
                                 "password", "--name", "A", "--country", "FJ"])
    assert result.exit_code != 0
    assert "password" in result.output.lower()


def test_demo_prepares_users_without_serving(app, runner):
    result = runner.invoke(args=["demo", "--no-serve"])
    assert result.exit_code == 0, result.output
    assert "admin@demo.elearn" in result.output
    assert "self-paced, open to all" in result.output
    again = runner.invoke(args=["demo", "--no-serve"])
    assert "(0 new)" in again.output
    assert "Offerings:" not in again.output


def test_keys_rotate_and_old_keys_stay_published(app, runner):
    before = runner.invoke(args=["keys", "list"]).output.splitlines()
    assert runner.invoke(args=["keys", "generate"]).exit_code == 0
    after = runner.invoke(args=["keys", "list"]).output.splitlines()
    assert len(after) == len(before) + 1
    assert after[:-1] == before


def test_the_demo_report_shows_figures_above_the_privacy_threshold(app, runner, client):
    assert runner.invoke(args=["demo", "--no-serve"]).exit_code == 0
    token = client.post("/api/v1/auth/login", json={
        "email": "admin@demo.elearn", "password": "elearn-demo-2026"}).get_json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    report = client.get("/api/v1/reports/kpis", headers=headers,
                        query_string={"suppress": "true"}).get_json()
    for gender in ("female", "male"):
        row = next(row for row in report["by_gender"] if row["gender"] == gender)
        assert row["enrolled"] >= 5 and row["completed"] >= 5
    shown = [row for row in report["by_country"] if row["completion_rate"] is not None]
    assert len(shown) >= 4
    months = client.get("/api/v1/reports/trends", headers=headers).get_json()["months"]
    assert sum(1 for month in months if month["completed"]["female"] >= 5) >= 2
