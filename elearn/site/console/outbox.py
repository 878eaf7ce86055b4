"""The outbox in the console: what was sent to people of my countries, what waits and what
failed with its reason, and sending a failed or cancelled message again."""

from __future__ import annotations

import marshmallow as ma
from flask import flash, redirect, request, url_for
from flask_babel import gettext

from ...extensions import db
from ...reminders import services
from ...reminders.models import Status
from ...reminders.schemas import NotificationQueryArgsSchema
from ...timeutils import utcnow
from ...web.pagination import paginate
from ..pages import (
    CSV_ROWS,
    admin_only,
    bp,
    csv_download,
    local_target,
    me,
    problems_of,
    render,
    wants_csv,
)


class OutboxArgsSchema(NotificationQueryArgsSchema):
    class Meta:
        unknown = ma.EXCLUDE


@bp.get("/console/outbox")
@admin_only
def outbox_page():
    """Notifications to people of my countries, newest first, by state and kind."""
    wanted = {name: value for name, value in request.args.items()
              if value.strip() and name != "format"}
    try:
        args = OutboxArgsSchema().load(wanted | {"per_page": 50})
    except ma.ValidationError as error:
        return render("site/console/outbox.html", status=422, page=None, wanted=wanted,
                      problems=problems_of(error), statuses=[s.value for s in Status])
    if wants_csv():
        found = db.session.scalars(services.notifications_query(me(), args).limit(CSV_ROWS))
        return csv_download("outbox", ("person", "country", "kind", "channel", "subject",
                                       "state", "attempts", "last_error", "scheduled_for",
                                       "sent_at"),
                            ((n.user.name, n.country_code, n.kind, n.channel,
                              n.subject_line or "", n.status, n.attempts, n.last_error or "",
                              n.scheduled_for.isoformat(),
                              n.sent_at.isoformat() if n.sent_at else "") for n in found))
    return render("site/console/outbox.html", page=paginate(
        services.notifications_query(me(), args), args), wanted=wanted, problems={},
        statuses=[status.value for status in Status],
        again={Status.FAILED.value, Status.CANCELLED.value})


@bp.post("/console/outbox/<int:notification_id>/resend")
@admin_only
def resend_page(notification_id):
    """Queue a failed or cancelled message again; it goes out at the next delivery."""
    services.resend(me(), services.get_notification(me(), notification_id), now=utcnow())
    db.session.commit()
    flash(gettext("The message is queued again."), "done")
    return redirect(local_target(request.form.get("back"), url_for("site.outbox_page")))
