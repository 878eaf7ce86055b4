"""Delivery over SMTP: one connection per pass, errors sorted into worth retrying or final."""

from __future__ import annotations

import contextlib
import logging
import os
import re
import smtplib
import ssl
from datetime import datetime
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY
from email.utils import formatdate
from pathlib import Path

from ..enrollments.models import Enrollment
from ..web.links import public_base
from .messages import Rendered, unsubscribe_token

logger = logging.getLogger(__name__)

TLS_MODES = ("none", "starttls", "ssl")


class TransientError(Exception):
    """The server is away or said "try later": the notification stays pending."""


class PermanentError(Exception):
    """The server refused for good (unknown recipient…): the notification fails."""


def _reason(code, message) -> str:
    text = message.decode(errors="replace") if isinstance(message, bytes) else str(message)
    return f"{code} {text}"[:500]


def mail_folder(config, instance_path: str) -> Path:
    """Where messages are kept when no SMTP server is configured."""
    return Path(config.get("MAIL_FOLDER") or Path(instance_path) / "mail").resolve()


def describe_transport(config, instance_path: str) -> str:
    """Where mail goes, for the start-up line of `serve` and `demo`."""
    if not config.get("SMTP_HOST"):
        return (f"kept as files in {mail_folder(config, instance_path)} "
                "(no SMTP server configured: set ELEARN_SMTP_HOST to send)")
    return f"SMTP {config['SMTP_HOST']}:{config['SMTP_PORT']} ({config['SMTP_TLS']})"


class Mailer:
    """Opens the connection on the first message and keeps it for the pass. Without an SMTP
    server configured, each message is kept as an .eml file in the instance folder instead."""

    def __init__(self, config, instance_path: str | None = None):
        self.config = config
        self.connection: smtplib.SMTP | None = None
        self.folder = (mail_folder(config, instance_path)
                       if instance_path and not config.get("SMTP_HOST") else None)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self) -> None:
        if self.connection is not None:
            with contextlib.suppress(smtplib.SMTPException, OSError):
                self.connection.quit()
            self.connection = None

    def _connect(self) -> smtplib.SMTP:
        c = self.config
        host, port, timeout = c["SMTP_HOST"], c["SMTP_PORT"], c["SMTP_TIMEOUT_SECONDS"]
        if c["SMTP_TLS"] == "ssl":
            connection = smtplib.SMTP_SSL(host, port, timeout=timeout,
                                          context=ssl.create_default_context())
        else:
            connection = smtplib.SMTP(host, port, timeout=timeout)
            if c["SMTP_TLS"] == "starttls":
                connection.starttls(context=ssl.create_default_context())
        if c.get("SMTP_USERNAME"):
            connection.login(c["SMTP_USERNAME"], c.get("SMTP_PASSWORD") or "")
        return connection

    def send(self, message: EmailMessage) -> str | None:
        """Hand one message to the server, or keep it as a file (and return its path);
        raises TransientError or PermanentError."""
        if self.folder is not None:
            return self._keep(message)
        try:
            if self.connection is None:
                self.connection = self._connect()
            self.connection.send_message(message)
        except smtplib.SMTPRecipientsRefused as error:
            codes = [code for code, _msg in error.recipients.values()]
            code, msg = next(iter(error.recipients.values()))
            if all(code >= 500 for code in codes):
                raise PermanentError(_reason(code, msg)) from error
            raise TransientError(_reason(code, msg)) from error
        except smtplib.SMTPResponseException as error:
            self.close()
            if error.smtp_code >= 500:
                raise PermanentError(_reason(error.smtp_code, error.smtp_error)) from error
            raise TransientError(_reason(error.smtp_code, error.smtp_error)) from error
        except (smtplib.SMTPException, OSError) as error:
            self.connection = None
            raise TransientError(f"{type(error).__name__}: {error}"[:500]) from error
        return None

    def _keep(self, message: EmailMessage) -> str:
        """Write the message as `<message id>.eml`, whole or not at all; its path."""
        name = message["Message-ID"].strip("<>").split("@", 1)[0] + ".eml"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            partial = self.folder / f".{name}.part"
            partial.write_bytes(message.as_bytes(policy=SMTP_POLICY))
            os.replace(partial, self.folder / name)
        except OSError as error:
            raise TransientError(f"{type(error).__name__}: {error}"[:500]) from error
        return str(self.folder / name)


def message_id(dedupe_key: str) -> str:
    """The same key gives the same Message-ID: a message resent after a crash can be
    recognised as the same one by the receiving side."""
    safe = "".join(ch if ch.isalnum() or ch in "-." else "." for ch in dedupe_key)
    domain = public_base().split("//", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "elearn"
    return f"<{safe}@{domain}>"


def build_email(rendered: Rendered, *, to: str, key: str, config, unsubscribe: tuple | None,
                ics: str | None, now: datetime) -> EmailMessage:
    message = EmailMessage()
    message["From"] = config["MAIL_FROM"]
    message["To"] = to
    message["Subject"] = rendered.subject
    message["Date"] = formatdate(now.timestamp(), localtime=False)
    message["Message-ID"] = message_id(key)
    if unsubscribe is not None:
        url = f"{public_base()}/unsubscribe/{unsubscribe_token(*unsubscribe)}"
        message["List-Unsubscribe"] = f"<{url}>"
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.set_content(rendered.text)
    message.add_alternative(rendered.html, subtype="html")
    if ics is not None:
        method = re.search(r"^METHOD:(\w+)", ics, re.MULTILINE)
        message.add_attachment(ics.encode(), maintype="text", subtype="calendar",
                               filename="invitation.ics",
                               params={"method": method.group(1) if method else "PUBLISH"})
    return message


def _ics_time(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%SZ")


def ics_invitation(enrollment: Enrollment, *, title: str, now: datetime) -> str:
    """An iCalendar event for a live offering (RFC 5545), in UTC."""
    offering = enrollment.offering
    ends = offering.ends_at or offering.starts_at
    domain = message_id("x")[3:-1]
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//elearn//reminders//EN", "METHOD:PUBLISH",
        "BEGIN:VEVENT", f"UID:offering-{offering.id}@{domain}", f"DTSTAMP:{_ics_time(now)}",
        f"DTSTART:{_ics_time(offering.starts_at)}", f"DTEND:{_ics_time(ends)}",
        "SUMMARY:" + title.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;"),
        "END:VEVENT", "END:VCALENDAR",
    ]
    return "\r\n".join(lines) + "\r\n"
