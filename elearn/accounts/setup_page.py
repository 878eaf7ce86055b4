"""The page a set-password link opens in a browser: a form that posts to itself."""

from __future__ import annotations

import marshmallow as ma
from flask import Response, render_template, request
from flask_babel import get_locale
from flask_smorest import Blueprint
from marshmallow import validate

from ..errors import ElearnError, translate_messages
from ..extensions import db
from ..i18n import RTL_LANGUAGES
from ..timeutils import utcnow
from . import invitations
from .passwords import MAX_PASSWORD_LENGTH

page_bp = Blueprint("password_setup_page", __name__, url_prefix="/password-setup",
                    description="The page of an invitation link (HTML)")


class PasswordFormSchema(ma.Schema):
    password = ma.fields.String(required=True, load_only=True,
                                validate=validate.Length(min=1, max=MAX_PASSWORD_LENGTH))


def _page(*, done: bool = False, problems=(), status: int = 200) -> Response:
    language = str(get_locale())
    html = render_template("password_setup.html", language=language,
                           rtl=language in RTL_LANGUAGES, done=done, problems=problems)
    # The token is in the address: no referrer may carry it to another site.
    return Response(html, status=status, mimetype="text/html",
                    headers={"Referrer-Policy": "no-referrer", "Cache-Control": "no-store"})


HTML = {"content": {"text/html": {"schema": {"type": "string"}}}}


@page_bp.get("/<token>")
@page_bp.doc(security=[], responses={200: {"description": "The form"} | HTML})
def show_password_form(token):
    """The form to choose a password (the token is checked when it is sent)."""
    return _page()


@page_bp.post("/<token>")
@page_bp.doc(security=[], requestBody={"required": True, "content": {
    "application/x-www-form-urlencoded": {"schema": PasswordFormSchema}}},
    responses={200: {"description": "Done, or the form again with the reasons"} | HTML})
def submit_password_form(token):
    """Choose the password; the same rules as POST /api/v1/auth/password-setup, and every
    answer a page."""
    try:
        data = PasswordFormSchema().load(request.form)
        invitations.set_password(token, data["password"], ip=request.remote_addr,
                                 now=utcnow())
    except ma.ValidationError as error:
        return _page(problems=[text for texts in translate_messages(error.messages).values()
                               for text in texts], status=422)
    except ElearnError as error:
        db.session.rollback()
        problems = ([text for texts in translate_messages(error.errors).values()
                     for text in texts] if error.errors else [str(error.detail or error.title)])
        return _page(problems=problems, status=error.status)
    db.session.commit()
    return _page(done=True)


BLUEPRINTS = (page_bp,)
