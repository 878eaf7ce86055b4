"""Events in the console: regional and national events, announcing one, nominating officers
by e-mail address, and the decisions of the event's admins."""

from __future__ import annotations

import marshmallow as ma
from flask import flash, redirect, request, url_for
from flask_babel import gettext

from ...errors import ElearnError
from ...extensions import db
from ...live import events
from ...live.models import EventKind, NominationState
from ...live.schemas import EventCreateSchema
from ...timeutils import utcnow
from ...web.pagination import paginate
from ..pages import admin_only, bp, me, page_args, problems_of, reasons_of, render
from .lookup import person_by_email

FIELDS = ("kind", "title", "place", "starts_on", "ends_on", "seats")


def _list_page(*, status: int = 200, typed=None, problems=None):
    page = paginate(events.events_query(me()), page_args(25))
    return render("site/console/events.html", status=status, page=page,
                  kinds=[kind.value for kind in EventKind], typed=typed or {"kind": "workshop"},
                  problems=problems or {})


@bp.get("/console/events")
@admin_only
def console_events_page():
    """Regional events and my country's, soonest first; announcing a new one."""
    return _list_page()


@bp.post("/console/events")
@admin_only
def create_event_page():
    typed = {name: request.form.get(name, "").strip() for name in FIELDS}
    try:
        data = EventCreateSchema().load({k: v for k, v in typed.items() if v})
        event = events.create_event(me(), data, now=utcnow())
    except (ma.ValidationError, ElearnError) as error:
        db.session.rollback()
        return _list_page(status=getattr(error, "status", 422), typed=typed,
                          problems=problems_of(error))
    db.session.commit()
    flash(gettext("The event is announced."), "done")
    return redirect(url_for("site.console_event_page", event_id=event.id))


def _event_page(event_id: int, *, status: int = 200, typed=None, problems=None):
    event = events.get_event(me(), event_id)
    return render("site/console/event.html", status=status, event=event,
                  nominations=db.session.scalars(events.nominations_query(me(), event)).all(),
                  runs=events.runs(me(), event), typed=typed or {}, problems=problems or {},
                  next_states=events.NEXT)


@bp.get("/console/events/<int:event_id>")
@admin_only
def console_event_page(event_id):
    return _event_page(event_id)


@bp.post("/console/events/<int:event_id>/nominations")
@admin_only
def nominate_for_event_page(event_id):
    event = events.get_event(me(), event_id)
    problems: dict = {}
    try:
        person = person_by_email(request.form, "email", problems)
        if person is None:
            raise ma.ValidationError(problems)
        events.nominate(me(), event, person, now=utcnow())
    except (ma.ValidationError, ElearnError) as error:
        db.session.rollback()
        return _event_page(event_id, status=getattr(error, "status", 422),
                           typed={"email": request.form.get("email", "")},
                           problems=problems_of(error))
    db.session.commit()
    flash(gettext("Nominated."), "done")
    return redirect(url_for("site.console_event_page", event_id=event_id))


@bp.post("/console/events/<int:event_id>/nominations/<int:nomination_id>")
@admin_only
def decide_event_nomination_page(event_id, nomination_id):
    event = events.get_event(me(), event_id)
    status = request.form.get("status", "")
    try:
        if status not in set(NominationState):
            raise ma.ValidationError({"status": [gettext("Choose a status.")]})
        nomination = events.get_nomination(me(), event, nomination_id)
        events.decide(me(), event, nomination, status,
                      request.form.get("reason", "").strip() or None, now=utcnow())
    except (ma.ValidationError, ElearnError) as error:
        db.session.rollback()
        flash(gettext("Not done: %(reason)s", reason=" ".join(reasons_of(error))), "problem")
    else:
        db.session.commit()
        flash(gettext("Done."), "done")
    return redirect(url_for("site.console_event_page", event_id=event_id))
