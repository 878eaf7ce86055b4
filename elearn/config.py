"""Settings, read from `ELEARN_*` environment variables."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _env(name: str, default: str | None = None) -> str | None:
    return os.environ.get(f"ELEARN_{name}", default)


def _env_int(name: str, default: int) -> int:
    value = _env(name)
    return int(value) if value not in (None, "") else default


def _env_bool(name: str, default: bool) -> bool:
    value = _env(name)
    if value in (None, ""):
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


class Config:
    """Production and demo settings; every value can be overridden from the environment."""

    SECRET_KEY = _env("SECRET_KEY")
    SQLALCHEMY_DATABASE_URI = _env("DATABASE_URL")  # None: SQLite in the instance folder
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}

    # Sign-in
    TOKEN_TTL_HOURS = _env_int("TOKEN_TTL_HOURS", 24 * 14)
    LOGIN_MAX_FAILURES = _env_int("LOGIN_MAX_FAILURES", 5)
    LOGIN_MAX_FAILURES_PER_ADDRESS = _env_int("LOGIN_MAX_FAILURES_PER_ADDRESS", 30)
    # from addresses the account never signed in from, all together
    LOGIN_MAX_FAILURES_PER_ACCOUNT = _env_int("LOGIN_MAX_FAILURES_PER_ACCOUNT", 50)
    LOGIN_FAILURE_WINDOW_MINUTES = _env_int("LOGIN_FAILURE_WINDOW_MINUTES", 15)
    RATELIMIT_STORAGE_URL = _env("RATELIMIT_STORAGE_URL", "memory://")
    PASSWORD_MIN_LENGTH = _env_int("PASSWORD_MIN_LENGTH", 10)
    INVITATION_TTL_DAYS = _env_int("INVITATION_TTL_DAYS", 14)  # a set-password link's life

    # Cookies and CSRF: cookie sessions are checked by hand, bearer tokens need none.
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = _env_bool("SECURE_COOKIES", False)
    WTF_CSRF_CHECK_DEFAULT = False
    WTF_CSRF_TIME_LIMIT = None

    # Thin links
    IDEMPOTENCY_TTL_HOURS = _env_int("IDEMPOTENCY_TTL_HOURS", 24)
    # a key's reservation lapses if its request has not answered by then (the worker died)
    IDEMPOTENCY_LEASE_SECONDS = _env_int("IDEMPOTENCY_LEASE_SECONDS", 120)
    GZIP_MIN_BYTES = _env_int("GZIP_MIN_BYTES", 500)
    MAX_CONTENT_LENGTH = _env_int("MAX_UPLOAD_BYTES", 5 * 1024 * 1024)
    # Rendered details of published courses kept per worker (0: none); ~50 kB each.
    COURSE_CACHE_SIZE = _env_int("COURSE_CACHE_SIZE", 128)
    IMPORT_MAX_ROWS = _env_int("IMPORT_MAX_ROWS", 20000)

    # Languages
    LANGUAGES = ("en", "fr", "ar", "es")
    BABEL_DEFAULT_LOCALE = "en"
    BABEL_DEFAULT_TIMEZONE = "UTC"
    BABEL_TRANSLATION_DIRECTORIES = str(PROJECT_ROOT / "translations")

    # OpenAPI
    API_TITLE = "elearn"
    API_VERSION = "v1"
    OPENAPI_VERSION = "3.0.3"
    OPENAPI_URL_PREFIX = "/api/v1"
    OPENAPI_JSON_PATH = "openapi.json"

    # Certification
    ISSUER_NAME = _env("ISSUER_NAME", "elearn police training platform")
    PUBLIC_URL = _env("PUBLIC_URL")  # e.g. https://learn.example.org; default: the request's
    SIGNING_KEYS_DIR = _env("SIGNING_KEYS_DIR")  # default: instance/keys
    TRAINING_OF_TRAINERS_CODE = _env("TRAINING_OF_TRAINERS_CODE", "TOT-401")
    TRAINER_MIN_OFFERINGS = _env_int("TRAINER_MIN_OFFERINGS", 2)  # co-facilitated first
    VERIFY_MAX_PER_MINUTE = _env_int("VERIFY_MAX_PER_MINUTE", 60)
    VERIFY_MAX_MISSES_PER_MINUTE = _env_int("VERIFY_MAX_MISSES_PER_MINUTE", 10)

    # Reports: cells below this count are hidden in exports and shared reports.
    REPORT_MIN_CELL = _env_int("REPORT_MIN_CELL", 5)

    # Reminders: mail server, local sending hours, cap, retries, the scheduler
    SMTP_HOST = _env("SMTP_HOST")  # unset: mail is kept as .eml files in MAIL_FOLDER
    MAIL_FOLDER = _env("MAIL_FOLDER")  # default: instance/mail
    SMTP_PORT = _env_int("SMTP_PORT", 25)
    SMTP_TLS = _env("SMTP_TLS", "none")  # none, starttls or ssl
    SMTP_USERNAME = _env("SMTP_USERNAME")
    SMTP_PASSWORD = _env("SMTP_PASSWORD")
    SMTP_TIMEOUT_SECONDS = _env_int("SMTP_TIMEOUT_SECONDS", 30)
    MAIL_FROM = _env("MAIL_FROM", "elearn <no-reply@localhost>")
    REMINDER_SEND_HOUR = _env_int("REMINDER_SEND_HOUR", 9)  # local hour scheduled mail starts
    REMINDER_QUIET_HOURS = _env("REMINDER_QUIET_HOURS", "21-7")  # local, no mail at all
    REMINDER_DAILY_CAP = _env_int("REMINDER_DAILY_CAP", 3)  # mails per person per local day
    REMINDER_RETRY_MINUTES = _env_int("REMINDER_RETRY_MINUTES", 5)  # doubles per attempt
    REMINDER_MAX_ATTEMPTS = _env_int("REMINDER_MAX_ATTEMPTS", 6)
    REMINDER_TICK_MINUTES = _env_int("REMINDER_TICK_MINUTES", 5)
    # serve and demo also start `elearn scheduler` as a child process
    SCHEDULER_IN_PROCESS = _env_bool("SCHEDULER_IN_PROCESS", True)

    # Regional networks: posts can be edited this long; the library's files and their limit
    NETWORK_EDIT_MINUTES = _env_int("NETWORK_EDIT_MINUTES", 30)
    NETWORK_FILES_DIR = _env("NETWORK_FILES_DIR")  # default: instance/network-files
    NETWORK_UPLOAD_MAX_BYTES = _env_int("NETWORK_UPLOAD_MAX_BYTES", 25 * 1024 * 1024)

    LOG_LEVEL = _env("LOG_LEVEL", "INFO")
    PROXY_COUNT = _env_int("PROXY_COUNT", 0)  # reverse proxies in front (X-Forwarded-For)
    TESTING = False


class TestConfig(Config):
    """Settings for the test suite: a throwaway database and cheap password hashing."""

    TESTING = True
    SECRET_KEY = "test-secret-key"
    SQLALCHEMY_DATABASE_URI = "sqlite://"
    RATELIMIT_STORAGE_URL = "memory://"
    ARGON2_FAST = True
    SMTP_HOST = "127.0.0.1"
    SMTP_PORT = 1  # nothing listens: tests that send mail start a server and say where
    SMTP_TIMEOUT_SECONDS = 5
    MAIL_FROM = "elearn <no-reply@elearn.test>"
    SCHEDULER_IN_PROCESS = False


def ensure_secret_key(app) -> None:
    """A stable secret key: from the environment, else one kept in the instance folder."""
    if app.config.get("SECRET_KEY"):
        return
    key_file = Path(app.instance_path) / "secret_key"
    if not key_file.exists():
        key_file.parent.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(48))
        key_file.chmod(0o600)
    app.config["SECRET_KEY"] = key_file.read_text().strip()
