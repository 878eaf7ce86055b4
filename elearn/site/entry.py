"""Signing in and out, and the language switch every page carries."""

from __future__ import annotations

from flask import current_app, g, redirect, request, session, url_for
from flask_babel import gettext
from flask_login import current_user, login_user, logout_user
from flask_wtf.csrf import validate_csrf
from wtforms import ValidationError

from ..accounts import services
from ..accounts.auth import SESSION_TOKEN_KEY
from ..errors import ElearnError
from ..extensions import db
from ..timeutils import utcnow
from .pages import bp, local_target, me, render


@bp.get("/sign-in")
def sign_in():
    """The sign-in form; a signed-in visitor goes straight on."""
    target = local_target(request.args.get("next"))
    if current_user.is_authenticated:
        return redirect(target)
    return render("site/sign_in.html", target=target, email="")


def _csrf_ok() -> bool:
    try:
        validate_csrf(request.form.get("csrf_token"))
    except ValidationError:
        return False
    return True


@bp.post("/sign-in")
def submit_sign_in():
    """Check the address and password with the API's rules (throttling included)."""
    target = local_target(request.form.get("next"))
    email = request.form.get("email", "").strip()[:254]
    if not _csrf_ok():
        return render("site/sign_in.html", status=400, target=target, email=email,
                      problem=gettext("The form expired. Please try again."))
    try:
        token, auth = services.sign_in(email, request.form.get("password", "")[:1000],
                                       ip=request.remote_addr,
                                       user_agent=request.user_agent.string, now=utcnow())
    except ElearnError as error:
        db.session.commit()  # the failure counts toward throttling
        return render("site/sign_in.html", status=error.status, target=target, email=email,
                      problem=str(error.detail or error.title))
    db.session.commit()
    session.clear()
    session[SESSION_TOKEN_KEY] = token
    login_user(auth.user)
    return redirect(target)


@bp.post("/sign-out")
def sign_out():
    """End this session: the cookie stops working at once."""
    if current_user.is_authenticated and g.get("auth_session") is not None:
        services.sign_out(g.auth_session, now=utcnow())
        db.session.commit()
    logout_user()
    session.clear()
    return redirect(url_for("site.sign_in"))


@bp.post("/language")
def choose_language():
    """Switch the pages' language: kept on the account when signed in, else in the session."""
    chosen = request.form.get("language")
    target = local_target(request.form.get("next"))
    if chosen in current_app.config["LANGUAGES"] and _csrf_ok():
        if current_user.is_authenticated:
            me().language = chosen
            db.session.commit()
        session["language"] = chosen
    return redirect(target)
