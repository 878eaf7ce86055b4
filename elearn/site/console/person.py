"""One person in the console: their details, roles and account, a new invitation, and
deactivating (which ends their sessions at once) or reactivating them."""

from __future__ import annotations

import marshmallow as ma
from flask import flash, redirect, request, url_for
from flask_babel import gettext

from ...accounts.invitations import resend_invitation
from ...accounts.permissions import get_user
from ...accounts.schemas import GENDERS, ROLES, UserUpdateSchema
from ...accounts.services import update_user
from ...errors import ElearnError
from ...extensions import db
from ...i18n import LANGUAGES
from ...timeutils import utcnow
from ..pages import admin_only, bp, me, problems_of, render

FIELDS = ("name", "gender", "language", "agency", "rank")


def _person_page(user_id: int, *, status: int = 200, typed: dict | None = None,
                 problems: dict | None = None):
    user = get_user(me(), user_id)
    return render("site/console/person.html", status=status, user=user, typed=typed or {},
                  problems=problems or {}, roles=ROLES, genders=GENDERS, languages=LANGUAGES)


@bp.get("/console/people/<int:user_id>")
@admin_only
def person_page(user_id):
    return _person_page(user_id)


def _changed(user_id: int, data: dict, done: str):
    try:
        update_user(me(), get_user(me(), user_id), UserUpdateSchema().load(data), now=utcnow())
    except (ma.ValidationError, ElearnError) as error:
        db.session.rollback()
        return _person_page(user_id, status=getattr(error, "status", 422),
                            typed=dict(data),
                            problems=problems_of(error))
    db.session.commit()
    flash(done, "done")
    return redirect(url_for("site.person_page", user_id=user_id))


@bp.post("/console/people/<int:user_id>")
@admin_only
def change_person(user_id):
    """Save the person's details and roles; an empty optional field clears it."""
    data = {name: request.form.get(name, "").strip() for name in FIELDS}
    for optional in ("agency", "rank", "language"):
        data[optional] = data[optional] or None
    data["roles"] = request.form.getlist("roles")
    return _changed(user_id, data, gettext("Saved."))


@bp.post("/console/people/<int:user_id>/deactivation")
@admin_only
def review_deactivation(user_id):
    """Say what deactivating does before doing it."""
    return render("site/console/deactivate.html", user=get_user(me(), user_id))


@bp.post("/console/people/<int:user_id>/active")
@admin_only
def set_person_active(user_id):
    """Deactivate (their sessions end at once) or reactivate a person."""
    active = request.form.get("active") == "true"
    return _changed(user_id, {"active": active},
                    gettext("Reactivated.") if active else gettext(
                        "Deactivated: they can no longer sign in. You can reactivate them."))


@bp.post("/console/people/<int:user_id>/invitation")
@admin_only
def reinvite_person(user_id):
    """Send a new invitation link; the old one stops working."""
    try:
        resend_invitation(me(), get_user(me(), user_id), now=utcnow())
    except ElearnError as error:
        db.session.rollback()
        return _person_page(user_id, status=error.status, problems=problems_of(error))
    db.session.commit()
    flash(gettext("A new invitation is on its way."), "done")
    return redirect(url_for("site.person_page", user_id=user_id))
