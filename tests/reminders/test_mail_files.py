"""Without an SMTP server, mail is kept as .eml files that programme admins can read; links in
mail use the address the server is reached at."""

import email
from email import policy
from pathlib import Path

import pytest

from elearn.extensions import db
from elearn.reminders import jobs
from elearn.reminders.models import Notification
from elearn.timeutils import utcnow


@pytest.fixture
def kept(app, tmp_path):
    """No SMTP server: mail goes to files in a folder of this test."""
    app.config.update(SMTP_HOST=None, MAIL_FOLDER=str(tmp_path / "mail"),
                      REMINDER_QUIET_HOURS="0-0", PUBLIC_URL="http://training.example:5100")
    return tmp_path / "mail"


def _invite_and_deliver(app, make_user, email_address="mere@example.org", **fields):
    user_id = make_user(email_address, password=None, **fields)
    with app.app_context():
        jobs.run_once(now=utcnow())
        return db.session.scalars(db.select(Notification).where(
            Notification.user_id == user_id)).one()


def test_without_smtp_each_message_is_kept_as_a_file_and_marked_sent(app, make_user, kept):
    notification = _invite_and_deliver(app, make_user)
    assert notification.status == "sent" and notification.mail_file
    path = Path(notification.mail_file)
    assert path.parent == kept.resolve() and path.suffix == ".eml"
    message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    assert message["To"] == "mere@example.org"
    assert message["Subject"] == notification.subject_line
    assert {part.get_content_type() for part in message.walk()} >= {"text/plain", "text/html"}


def test_links_in_mail_use_the_public_address(app, make_user, kept):
    notification = _invite_and_deliver(app, make_user)
    message = email.message_from_bytes(Path(notification.mail_file).read_bytes(),
                                       policy=policy.default)
    text = message.get_body(preferencelist=("plain",)).get_content()
    assert "http://training.example:5100/password-setup/" in text
    assert ":5000" not in text


def test_a_programme_admin_reads_the_kept_mail_on_a_page(app, client, make_user, kept, as_user):
    notification = _invite_and_deliver(app, make_user)
    admin = as_user("programme_admin")
    listing = client.get("/mail", headers=admin)
    assert listing.status_code == 200 and listing.mimetype == "text/html"
    assert "mere@example.org" in listing.get_data(as_text=True)
    page = client.get(f"/mail/{notification.id}", headers=admin)
    assert page.status_code == 200 and "/password-setup/" in page.get_data(as_text=True)
    raw = client.get(f"/api/v1/notifications/{notification.id}/message", headers=admin)
    assert raw.status_code == 200 and raw.mimetype == "message/rfc822"
    assert b"mere@example.org" in raw.get_data()


def test_the_mail_page_follows_the_readers_language_right_to_left(app, client, make_user,
                                                                  kept, as_user):
    _invite_and_deliver(app, make_user)
    page = client.get("/mail", headers=as_user("programme_admin", language="ar"))
    assert 'dir="rtl"' in page.get_data(as_text=True)


@pytest.mark.parametrize(("roles", "status"), [(("national_admin",), 403), (("trainee",), 403)])
def test_only_programme_admins_read_the_mail_page(app, client, make_user, kept, as_user,
                                                  roles, status):
    notification = _invite_and_deliver(app, make_user)
    headers = as_user(*roles, country="FJ")
    assert client.get("/mail", headers=headers).status_code == status
    assert client.get(f"/mail/{notification.id}", headers=headers).status_code == status


def test_a_national_admin_downloads_only_their_countrys_messages(app, client, make_user, kept,
                                                                 as_user):
    notification = _invite_and_deliver(app, make_user, country="FJ")
    url = f"/api/v1/notifications/{notification.id}/message"
    assert client.get(url, headers=as_user("national_admin", country="FJ")).status_code == 200
    assert client.get(url, headers=as_user("national_admin", country="JO")).status_code == 404


def test_with_smtp_configured_nothing_is_kept(app, make_user, tmp_path):
    app.config.update(MAIL_FOLDER=str(tmp_path / "mail"), REMINDER_QUIET_HOURS="0-0")
    notification = _invite_and_deliver(app, make_user)  # SMTP on port 1: refused, retried
    assert notification.status == "pending" and notification.mail_file is None
    assert not (tmp_path / "mail").exists()
