"""The page a set-password link opens in a browser: a form that posts to itself."""

from __future__ import annotations

import marshmallow as ma
from flask import Response, current_app, render_template, request
from flask_babel import force_locale, get_locale
from flask_smorest import Blueprint
from marshmallow import validate

from ..errors import ElearnError, translate_messages
from ..extensions import db
from ..i18n import RTL_LANGUAGES, user_locale
from ..timeutils import utcnow
from . import invitations
from .passwords import MAX_PASSWORD_LENGTH

page_bp = Blueprint("password_setup_page", __name__, url_prefix="/password-setup",
                    description="The page of an invitation link (HTML)")


class PasswordFormSchema(ma.Schema):
    password = ma.fields.String(required=True, load_only=True,
                                validate=validate.Length(min=1, max=MAX_PASSWORD_LENGTH))


# The link itself is at fault: unknown (404), or used, replaced or expired for good (410).
LINK_STATUS = {"invalid-invitation": 404, "invitation-used": 410,
               "invitation-superseded": 410, "invitation-expired": 410}


def _language(token: str) -> str:
    """The invited person's language when the link is theirs, else the browser's."""
    holder = invitations.holder_of(token)
    languages = current_app.config["LANGUAGES"]
    if holder is not None and holder.language in languages:
        return holder.language
    return request.accept_languages.best_match(languages) or (
        user_locale(holder) if holder is not None else str(get_locale()))


def _page(language: str, *, done=False, problems=(), link_dead=False, status=200) -> Response:
    html = render_template("password_setup.html", language=language,
                           rtl=language in RTL_LANGUAGES, done=done, problems=problems,
                           link_dead=link_dead)
    # The token is in the address: no referrer may carry it to another site.
    return Response(html, status=status, mimetype="text/html",
                    headers={"Referrer-Policy": "no-referrer", "Cache-Control": "no-store"})


def _sentences(messages: dict) -> list[str]:
    """Field messages as the sentences a page lists, translated."""
    return [text for texts in translate_messages(messages).values() for text in texts]


def _refused(language: str, error: ElearnError) -> Response:
    db.session.rollback()
    problems = _sentences(error.errors) if error.errors else [str(error.detail or error.title)]
    status = LINK_STATUS.get(error.type, error.status)
    return _page(language, problems=problems, link_dead=error.type in LINK_STATUS,
                 status=status)


HTML = {"content": {"text/html": {"schema": {"type": "string"}}}}


@page_bp.get("/<token>")
@page_bp.doc(security=[], responses={200: {"description": "The form"} | HTML})
def show_password_form(token):
    """The form to choose a password; a link that is unknown answers 404, one used, replaced
    or expired 410, in the invited person's language."""
    language = _language(token)
    with force_locale(language):
        try:
            invitations.check_link(token, ip=request.remote_addr, now=utcnow())
        except ElearnError as error:
            return _refused(language, error)
        return _page(language)


@page_bp.post("/<token>")
@page_bp.doc(security=[], requestBody={"required": True, "content": {
    "application/x-www-form-urlencoded": {"schema": PasswordFormSchema}}},
    responses={200: {"description": "Done, or the form again with the reasons"} | HTML})
def submit_password_form(token):
    """Choose the password; the same rules as POST /api/v1/auth/password-setup, and every
    answer a page (404 or 410 for a dead link, as for the form)."""
    language = _language(token)
    with force_locale(language):
        try:
            data = PasswordFormSchema().load(request.form)
        except ma.ValidationError as error:
            return _page(language, status=422, problems=_sentences(error.messages))
        try:
            invitations.set_password(token, data["password"], ip=request.remote_addr,
                                     now=utcnow())
        except ElearnError as error:
            return _refused(language, error)
        db.session.commit()
        return _page(language, done=True)


BLUEPRINTS = (page_bp,)
