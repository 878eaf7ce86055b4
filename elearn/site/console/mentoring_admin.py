"""The mentoring programme's care in the console, for programme admins: mentors proposed for
a selected mentee (ranked by shared languages, expertise and free places) and pairing them;
the pairings' lives (confirm, pause, resume, end, close, replace the mentor); the
confidential concerns queue, open ones first, with what was done about each."""

from __future__ import annotations

import marshmallow as ma
from flask import flash, redirect, request, url_for
from flask_babel import gettext
from sqlalchemy import select

from ...accounts.models import User
from ...errors import ElearnError, NotFound
from ...extensions import db
from ...mentoring.models import PairingStatus, ProgrammeMentor
from ...mentoring.pairings import care, lifecycle, mentees
from ...mentoring.pairings.schemas import (
    ConcernActionSchema,
    PairingChangeSchema,
    ReplacementSchema,
)
from ...mentoring.plans.models import Concern
from ...mentoring.scoping import (
    get_application,
    get_pairing,
    get_programme,
    require_programme_admin,
)
from ...timeutils import utcnow
from ...web.pagination import paginate
from ..pages import admin_only, bp, me, page_args, problems_of, reasons_of, render


def _proposals_page(programme_id: int, application_id: int, *, status: int = 200,
                    problems: dict | None = None):
    require_programme_admin(me())
    programme = get_programme(programme_id)
    application = get_application(me(), programme, application_id)
    return render("site/console/mentor_proposals.html", status=status, programme=programme,
                  application=application, problems=problems or {},
                  proposals=lifecycle.propose_mentors(programme, application))


@bp.get("/console/programmes/<int:programme_id>/applications/<int:application_id>/mentors")
@admin_only
def mentor_proposals_page(programme_id, application_id):
    """Who could mentor this selected mentee, best match first."""
    return _proposals_page(programme_id, application_id)


@bp.post("/console/programmes/<int:programme_id>/applications/<int:application_id>/mentors")
@admin_only
def pair_page(programme_id, application_id):
    """Pair the mentee with the mentor chosen: proposed until both confirm."""
    require_programme_admin(me())
    programme = get_programme(programme_id)
    application = get_application(me(), programme, application_id)
    try:
        lifecycle.create_pairing(me(), programme, application,
                                 request.form.get("mentor_id", type=int) or 0, now=utcnow())
    except ElearnError as error:
        db.session.rollback()
        return _proposals_page(programme_id, application_id, status=error.status,
                               problems=problems_of(error))
    db.session.commit()
    flash(gettext("The pairing is proposed; it starts once both confirm."), "done")
    return redirect(url_for("site.programme_page", programme_id=programme.id,
                            status="selected"))


def _concerns_page(*, status: int = 200, problems: dict | None = None):
    require_programme_admin(me())
    wanted = {"status": request.args["status"]} if request.args.get("status") in (
        "open", "acted") else {}
    page = paginate(care.concerns_query(wanted),
                    page_args(25))
    return render("site/console/concerns.html", status=status, page=page, wanted=wanted,
                  problems=problems or {})


@bp.get("/console/concerns")
@admin_only
def concerns_page():
    """Concerns raised in pairings, open ones first; only programme admins read them."""
    return _concerns_page()


@bp.post("/console/concerns/<int:concern_id>")
@admin_only
def act_on_concern_page(concern_id):
    """Record what was done; the concern is then closed."""
    require_programme_admin(me())
    concern = db.session.scalar(select(Concern).where(Concern.id == concern_id))
    if concern is None:
        raise NotFound(gettext("No such concern."))
    try:
        data = ConcernActionSchema().load({"action": request.form.get("action", "").strip()})
        care.act_on_concern(me(), concern, data["action"], now=utcnow())
    except (ma.ValidationError, ElearnError) as error:
        db.session.rollback()
        return _concerns_page(status=getattr(error, "status", 422), problems={
            f"concern-{concern_id}": reasons_of(error)})
    db.session.commit()
    flash(gettext("The action is recorded and the concern closed."), "done")
    return redirect(url_for("site.concerns_page"))


def _pairings_page(programme_id: int, *, status: int = 200, problems: dict | None = None):
    require_programme_admin(me())
    programme = get_programme(programme_id)
    wanted = {"status": request.args["status"]} if request.args.get("status") in {
        item.value for item in PairingStatus} else {}
    page = mentees.pairings(me(), wanted | page_args(25), programme_id=programme.id)
    pool = db.session.execute(select(User.id, User.name).join(
        ProgrammeMentor, ProgrammeMentor.mentor_id == User.id).where(
        ProgrammeMentor.programme_id == programme.id).order_by(User.name)).all()
    return render("site/console/pairings.html", status=status, programme=programme, page=page,
                  wanted=wanted, pool=pool, problems=problems or {},
                  statuses=[item.value for item in PairingStatus])


@bp.get("/console/programmes/<int:programme_id>/pairings")
@admin_only
def pairings_page(programme_id):
    """The programme's pairings: confirm, pause, resume, extend, end, close or replace the
    mentor."""
    return _pairings_page(programme_id)


@bp.post("/console/programmes/<int:programme_id>/pairings/<int:pairing_id>")
@admin_only
def change_pairing_page(programme_id, pairing_id):
    """One step of a pairing's life, with its reason; a replacement ends it and proposes
    another mentor, the old pairing keeping its history."""
    require_programme_admin(me())
    pairing = get_pairing(me(), pairing_id)
    if pairing.programme_id != programme_id:
        raise NotFound(gettext("No such pairing."))
    action = request.form.get("action", "")
    reason = request.form.get("reason", "").strip()
    try:
        if action == "confirm":
            lifecycle.confirm(me(), pairing, now=utcnow())
        elif action == "replace":
            data = ReplacementSchema().load({"mentor_id": request.form.get("mentor_id"),
                                             "reason": reason})
            lifecycle.replace(me(), pairing, data["mentor_id"], data["reason"], now=utcnow())
        else:
            ends_on = request.form.get("ends_on", "").strip() if action == "extend" else ""
            data = PairingChangeSchema().load({"action": action} | (
                {"reason": reason} if reason else {}) | ({"ends_on": ends_on} if ends_on else {}))
            if data["action"] != "resume" and not data.get("reason"):
                raise ma.ValidationError({"reason": [gettext("Say why.")]})
            lifecycle.change(me(), pairing, data["action"], data.get("reason"),
                             ends_on=data.get("ends_on"), now=utcnow())
    except (ma.ValidationError, ElearnError) as error:
        db.session.rollback()
        return _pairings_page(programme_id, status=getattr(error, "status", 422), problems={
            f"pairing-{pairing_id}": reasons_of(error)})
    db.session.commit()
    flash(gettext("The pairing is changed."), "done")
    return redirect(url_for("site.pairings_page", programme_id=programme_id))
