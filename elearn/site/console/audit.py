"""The audit log: who changed what, when, filtered by person, action, object and dates."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

from flask import request
from flask_babel import gettext

from ...audit.services import list_events_query
from ...extensions import db
from ...web.pagination import paginate
from ..pages import CSV_ROWS, admin_only, bp, csv_download, me, page_args, render, wants_csv

TEXT_FILTERS = ("action", "object_type", "object_id")


def _day(name: str, problems: dict) -> datetime | None:
    text = request.args.get(name, "").strip()
    if not text:
        return None
    try:
        return datetime.combine(date.fromisoformat(text), datetime.min.time(), UTC)
    except ValueError:
        problems[name] = [gettext("Give a date as YYYY-MM-DD.")]
        return None


@bp.get("/console/audit")
@admin_only
def audit_page():
    """Events of my countries, newest first; every filter is in the address."""
    wanted = {name: value for name, value in request.args.items() if value.strip()}
    filters = {name: wanted[name][:100] for name in TEXT_FILTERS if name in wanted}
    problems: dict = {}
    if "actor_id" in wanted:
        if wanted["actor_id"].isdigit() and len(wanted["actor_id"]) < 10:
            filters["actor_id"] = int(wanted["actor_id"])
        else:
            problems["actor_id"] = [gettext("Give the person's number.")]
    since, until = _day("since", problems), _day("until", problems)
    if since:
        filters["since"] = since
    if until:
        filters["until"] = until + timedelta(days=1)  # the whole of that day
    if wants_csv() and not problems:
        events = db.session.scalars(list_events_query(me(), **filters).limit(CSV_ROWS))
        return csv_download("audit", ("time", "actor", "action", "object_type", "object_id",
                                      "country", "details"),
                            ((event.created_at.isoformat(), event.actor.email if event.actor
                              else "", event.action, event.object_type, event.object_id,
                              event.country_code or "", json.dumps(event.details or {},
                                                                   ensure_ascii=False))
                             for event in events))
    page = paginate(list_events_query(me(), **filters), page_args(50))
    return render("site/console/audit.html", status=422 if problems else 200, page=page,
                  wanted=wanted, problems=problems)
