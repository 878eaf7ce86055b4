"""Who is calling: bearer tokens and row-backed cookie sessions, and CSRF for the latter."""

from __future__ import annotations

from flask import Flask, current_app, g, request, session
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..errors import Unauthorized
from ..extensions import csrf, db, login_manager
from ..timeutils import utcnow
from .models import User
from .services import session_for_token

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Signing in and choosing a first password act for nobody yet, so a session cookie from an
# earlier sign-in needs no token.
CSRF_EXEMPT_ENDPOINTS = frozenset({"auth.login", "auth.setup_password",
                                   "password_setup_page.submit_password_form"})
SESSION_TOKEN_KEY = "auth_token"


def bearer_token() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    return None


@login_manager.user_loader
def load_user_from_cookie(user_id: str) -> User | None:
    """A cookie session is valid only while the session row behind it is live."""
    if bearer_token() is not None:
        return None  # an explicit token wins over a cookie
    token = session.get(SESSION_TOKEN_KEY)
    auth = session_for_token(token, now=utcnow()) if token else None
    if auth is None or str(auth.user_id) != user_id:
        return None
    g.auth_session, g.auth_via = auth, "cookie"
    return auth.user


@login_manager.request_loader
def load_user_from_token(req) -> User | None:
    token = bearer_token()
    auth = session_for_token(token, now=utcnow()) if token else None
    if auth is None:
        return None
    g.auth_session, g.auth_via = auth, "bearer"
    return auth.user


@login_manager.unauthorized_handler
def unauthorized():
    raise Unauthorized(_l("Sign in first: send a bearer token or the session cookie."))


def actor() -> User:
    """The signed-in user, or Unauthorized."""
    if not current_user.is_authenticated:
        unauthorized()
    return current_user._get_current_object()


def is_public(view) -> bool:
    """An operation documented without security (`@bp.doc(security=[])`) takes anyone."""
    return getattr(view, "_apidoc", {}).get("manual_doc", {}).get("security") == []


def _before_request() -> None:
    g.client_ip = request.remote_addr
    view = current_app.view_functions.get(request.endpoint)
    if hasattr(view, "_apidoc") and not is_public(view) and not current_user.is_authenticated:
        # An API operation for signed-in callers: 401 before its input is even read.
        if bearer_token() is not None:
            _stale_token()
        unauthorized()
    if request.method in SAFE_METHODS or request.endpoint in CSRF_EXEMPT_ENDPOINTS:
        return
    if current_user.is_authenticated and g.get("auth_via") == "cookie":
        csrf.protect()
    elif bearer_token() is not None and not current_user.is_authenticated:
        _stale_token()  # on a write: say so now, before any other handling


def _stale_token():
    db.session.rollback()
    raise Unauthorized(_l("The token has expired or was revoked. Sign in again."),
                       type="invalid-token")


def init_app(app: Flask) -> None:
    app.before_request(_before_request)
