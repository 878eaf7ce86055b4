"""Accounts tests send invitation mail: the reminders' SMTP server and tick serve them too."""

from tests.reminders.conftest import smtp, tick  # noqa: F401
