"""The commands: run-once from the CLI, and two processes at once on PostgreSQL."""

import os
import subprocess
import sys
from datetime import timedelta

import pytest

from tests.reminders.conftest import at


def test_run_once_command_sends_what_is_due(runner, smtp, person, enrolment, base):
    trainee, address = person("TO")
    enrolment(trainee, due_at=at(base, days=4))
    result = runner.invoke(args=["reminders", "run-once", "--now",
                                 at(base, hours=21).isoformat()])
    assert result.exit_code == 0, result.output
    assert '"sent": 1' in result.output
    assert len(smtp.inbox.to(address)) == 1


def test_run_once_refuses_a_time_without_zone(runner):
    result = runner.invoke(args=["reminders", "run-once", "--now", "2026-12-01T09:00:00"])
    assert result.exit_code != 0 and "time zone" in result.output


@pytest.mark.skipif(not os.environ.get("ELEARN_TEST_DATABASE_URL"),
                    reason="needs PostgreSQL (ELEARN_TEST_DATABASE_URL)")
def test_two_processes_at_once_send_each_message_exactly_once(app, smtp, person, enrolment,
                                                              certificate, base, rows):
    people = [person("TO") for _ in range(12)] + [person("FJ") for _ in range(8)]
    for user_id, _address in people:
        enrolment(user_id, due_at=at(base, days=4))
        enrolment(user_id, due_at=at(base, days=-2))
        certificate(user_id, expires_at=at(base, days=20))
    app.config["REMINDER_DAILY_CAP"] = 10
    env = os.environ | {"ELEARN_DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
                        "ELEARN_SECRET_KEY": "test-secret-key", "ELEARN_SMTP_HOST": "127.0.0.1",
                        "ELEARN_SMTP_PORT": str(smtp.port), "ELEARN_REMINDER_DAILY_CAP": "10",
                        "ELEARN_LOG_LEVEL": "WARNING"}
    moment = at(base, hours=21).isoformat()  # morning in Tonga, evening in Fiji
    elearn = os.path.join(os.path.dirname(sys.executable), "elearn")
    command = [elearn, "reminders", "run-once", "--now", moment]
    started = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE) for _ in range(2)]
    for process in started:
        _out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err.decode()[-2000:]
    sent = [n for n in rows(channel="email") if n.status == "sent"]
    keys = [message["Message-ID"] for message in smtp.inbox.messages]
    assert len(keys) == len(set(keys)) == len(sent) == 60


def test_the_scheduler_ticks_the_reminders_and_purges_daily(app, smtp, person, enrolment, rows):
    from elearn.reminders.scheduler import build
    from elearn.timeutils import utcnow

    scheduler = build(app)
    jobs = {job.id: job for job in scheduler.get_jobs()}
    assert set(jobs) == {"reminders", "purge-idempotency"}
    trainee, _ = person("TO")
    enrolment(trainee, due_at=utcnow() + timedelta(days=3))
    jobs["reminders"].func()  # one tick, in its own app context, at the real time
    assert {n.kind for n in rows()} == {"due-soon"}


@pytest.mark.parametrize(("flags", "in_process", "supervised"), [
    ([], True, True), (["--no-scheduler"], True, False), ([], False, False)])
def test_serve_starts_the_scheduler_as_a_second_process_unless_told_not_to(
        app, runner, monkeypatch, flags, in_process, supervised):
    import elearn.reminders.scheduler
    import elearn.serving

    started = []
    monkeypatch.setattr(elearn.serving.Supervisor, "run",
                        lambda self: started.append(self.starters) or 0)
    monkeypatch.setattr(elearn.serving, "Forked", lambda target: target())
    monkeypatch.setattr(elearn.serving, "run_gunicorn",
                        lambda _app, *args: started.append(("gunicorn", *args)))
    monkeypatch.setattr(elearn.reminders.scheduler, "run",
                        lambda _app: started.append(("scheduler",)))
    app.config["SCHEDULER_IN_PROCESS"] = in_process
    result = runner.invoke(args=["serve", "--port", "5123", *flags])
    assert result.exit_code == 0, result.output
    if supervised:
        [children] = started
        children["web"]()  # each forked from this process, the application already loaded
        children["scheduler"]()
        assert started[1:] == [("gunicorn", "127.0.0.1", 5123, 1), ("scheduler",)]
    else:
        assert started == [("gunicorn", "127.0.0.1", 5123, 1)]


def test_serve_says_where_mail_goes_and_links_use_its_port(app, runner, monkeypatch, tmp_path):
    import elearn.serving

    monkeypatch.setattr(elearn.serving.Supervisor, "run", lambda self: 0)
    app.config.update(SMTP_HOST=None, MAIL_FOLDER=str(tmp_path / "mail"), PUBLIC_URL=None,
                      SCHEDULER_IN_PROCESS=True)
    result = runner.invoke(args=["serve", "--port", "5100"])
    assert result.exit_code == 0, result.output
    assert "Address in mail links: http://127.0.0.1:5100" in result.output
    assert f"Mail: kept as files in {tmp_path / 'mail'}" in result.output
    assert app.config["PUBLIC_URL"] == "http://127.0.0.1:5100"
