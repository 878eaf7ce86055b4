"""Mandatory courses in the console: the courses required before whole categories (set by
programme admins, the same in every country) and the people excused from one, with the
reason; national admins excuse people of their own country."""

from __future__ import annotations

import marshmallow as ma
from flask import flash, redirect, request, url_for
from flask_babel import gettext

from ...accounts.permissions import get_user, is_programme_admin
from ...courses import mandatory
from ...courses.schemas import ExemptionCreateSchema, MandatoryRuleSchema
from ...errors import ElearnError
from ...extensions import db
from ...timeutils import utcnow
from ...web.pagination import paginate
from ..pages import admin_only, bp, me, page_args, problems_of, render
from .lookup import person_by_email


def _rules_page(*, status: int = 200, typed: dict | None = None, problems: dict | None = None):
    return render("site/console/mandatory.html", status=status,
                  rules=list(db.session.scalars(mandatory.rules_query())),
                  typed=typed or {}, problems=problems or {},
                  may_set=is_programme_admin(me()))


@bp.get("/console/mandatory")
@admin_only
def mandatory_page():
    """Which courses come first, before which categories."""
    return _rules_page()


@bp.post("/console/mandatory")
@admin_only
def add_mandatory_rule_page():
    """Require a course before every course of a category (programme admins)."""
    typed = {name: request.form.get(name, "").strip() for name in ("required_code", "category")}
    try:
        mandatory.create_rule(me(), MandatoryRuleSchema().load(
            {"required_code": typed["required_code"].upper(),
             "category": typed["category"].lower()}), now=utcnow())
    except (ma.ValidationError, ElearnError) as error:
        db.session.rollback()
        return _rules_page(status=getattr(error, "status", 422), typed=typed,
                           problems=problems_of(error))
    db.session.commit()
    flash(gettext("The course is now required first."), "done")
    return redirect(url_for("site.mandatory_page"))


@bp.post("/console/mandatory/<code>/<category>/delete")
@admin_only
def delete_mandatory_rule_page(code, category):
    mandatory.delete_rule(me(), code, category, now=utcnow())
    db.session.commit()
    flash(gettext("The rule is removed."), "done")
    return redirect(url_for("site.mandatory_page"))


def _exemptions_page(code: str, *, status: int = 200, typed: dict | None = None,
                     problems: dict | None = None):
    page = paginate(mandatory.exempted_people_query(me(), code), page_args(50))
    return render("site/console/exemptions.html", status=status, code=code, page=page,
                  typed=typed or {}, problems=problems or {})


@bp.get("/console/mandatory/<code>/exemptions")
@admin_only
def exemptions_page(code):
    """The people of my countries excused from a mandatory course, and why."""
    return _exemptions_page(code)


@bp.post("/console/mandatory/<code>/exemptions")
@admin_only
def grant_exemption_page(code):
    typed = {name: request.form.get(name, "").strip() for name in ("email", "reason")}
    problems: dict = {}
    person = person_by_email(typed, "email", problems)
    try:
        if problems:
            raise ma.ValidationError(problems)
        data = ExemptionCreateSchema().load({"user_id": person.id, "reason": typed["reason"]})
        mandatory.grant_exemption(me(), code, person, data["reason"], now=utcnow())
    except (ma.ValidationError, ElearnError) as error:
        db.session.rollback()
        return _exemptions_page(code, status=getattr(error, "status", 422), typed=typed,
                                problems=problems_of(error))
    db.session.commit()
    flash(gettext("%(name)s is excused from this course.", name=person.name), "done")
    return redirect(url_for("site.exemptions_page", code=code))


@bp.post("/console/mandatory/<code>/exemptions/<int:user_id>/delete")
@admin_only
def withdraw_exemption_page(code, user_id):
    """The course applies to the person again."""
    mandatory.revoke_exemption(me(), code, get_user(me(), user_id), now=utcnow())
    db.session.commit()
    flash(gettext("The exemption is withdrawn."), "done")
    return redirect(url_for("site.exemptions_page", code=code))
