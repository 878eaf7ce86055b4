"""Trainer certification in the console: requests of my countries, asking for someone, and
the four-eyes decision (neither the one who asked, the candidate nor a co-trainer decides);
an approval issues the trainer certificate."""

from __future__ import annotations

import marshmallow as ma
from flask import flash, redirect, request, url_for
from flask_babel import gettext

from ...certification import trainers
from ...certification.models import RequestStatus
from ...certification.schemas import TrainerDecisionSchema, TrainerRequestCreateSchema
from ...errors import ElearnError
from ...extensions import db
from ...timeutils import utcnow
from ...web.pagination import paginate
from ..pages import (
    CSV_ROWS,
    admin_only,
    bp,
    csv_download,
    me,
    page_args,
    problems_of,
    reasons_of,
    render,
    wants_csv,
)
from .lookup import person_by_email


def missing_of(error: Exception) -> list[str]:
    """What the candidate still lacks, when the service's refusal lists it."""
    return list(getattr(error, "extra", {}).get("missing") or [])


def refusal(error: Exception) -> dict:
    """A refused action's reasons by field, what is still missing under `form`."""
    problems = problems_of(error)
    if missing := missing_of(error):
        problems.setdefault("form", []).extend(missing)
    return problems


def _page(*, status: int = 200, typed: dict | None = None, problems: dict | None = None):
    wanted = {"status": request.args["status"]} if request.args.get("status") in {
        item.value for item in RequestStatus} else {}
    found = trainers.requests_query(me(), status=wanted.get("status"))
    if wants_csv():
        return csv_download("trainer-requests", (
            "candidate", "email", "country", "course", "asked", "state", "decided", "reason"),
            ((asked.candidate.name, asked.candidate.email, asked.country_code,
              asked.course_code, asked.created_at.date().isoformat(), asked.status,
              asked.decided_at.date().isoformat() if asked.decided_at else "",
              asked.reason or "") for asked in db.session.scalars(found.limit(CSV_ROWS))))
    page = paginate(found, page_args(25))
    return render("site/console/trainer_requests.html", status=status, page=page,
                  wanted=wanted, typed=typed or {}, problems=problems or {},
                  statuses=[item.value for item in RequestStatus])


@bp.get("/console/trainer-requests")
@admin_only
def trainer_requests_page():
    """Requests of my countries, newest first, by state."""
    return _page()


@bp.post("/console/trainer-requests")
@admin_only
def ask_trainer_certification_page():
    """Ask to certify someone of my countries as a trainer of a course."""
    typed = {name: request.form.get(name, "").strip() for name in ("email", "course_code")}
    problems: dict = {}
    candidate = person_by_email(typed, "email", problems)
    try:
        if problems:
            raise ma.ValidationError(problems)
        data = TrainerRequestCreateSchema().load({"course_code": typed["course_code"].upper()})
        trainers.request_certification(me(), candidate, data["course_code"], now=utcnow())
    except (ma.ValidationError, ElearnError) as error:
        db.session.rollback()
        return _page(status=getattr(error, "status", 422), typed=typed,
                     problems=refusal(error))
    db.session.commit()
    flash(gettext("The request waits for a second person's decision."), "done")
    return redirect(url_for("site.trainer_requests_page", status="pending"))


@bp.post("/console/trainer-requests/<int:request_id>/decision")
@admin_only
def decide_trainer_request_page(request_id):
    """Approve (issuing the trainer certificate) or reject, with a reason."""
    asked = trainers.get_request(me(), request_id)
    try:
        data = TrainerDecisionSchema().load({
            "approve": request.form.get("decision") == "approve",
            **({"reason": reason} if (reason := request.form.get("reason", "").strip())
               else {})})
        trainers.decide(me(), asked, approve=data["approve"], reason=data.get("reason"),
                        now=utcnow())
    except (ma.ValidationError, ElearnError) as error:
        db.session.rollback()
        return _page(status=getattr(error, "status", 422), problems={
            f"request-{request_id}": reasons_of(error) + missing_of(error)})
    db.session.commit()
    flash(gettext("Approved: the trainer certificate is issued.") if data["approve"]
          else gettext("The request is rejected."), "done")
    return redirect(url_for("site.trainer_requests_page"))
