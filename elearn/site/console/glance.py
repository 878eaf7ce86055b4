"""At a glance: the country's figures this quarter, and what waits for an admin."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from ...certification.models import Certificate, RequestStatus
from ...certification.services import certificates_query
from ...certification.trainers import requests_query
from ...enrollments.models import Enrollment, EnrollmentStatus
from ...enrollments.scoping import scope_enrollments
from ...reminders.services import notifications_query
from ...reports.kpis import kpi_report
from ...timeutils import utcnow
from ...web.pagination import count_of
from ..pages import admin_only, bp, me, render

SOON = timedelta(days=60)


def quarter_start(now: datetime) -> datetime:
    month = (now.month - 1) // 3 * 3 + 1
    return now.replace(month=month, day=1, hour=0, minute=0, second=0, microsecond=0)


def waiting(now: datetime) -> dict[str, int]:
    """What needs an admin's action, in their scope."""
    def enrolments(status):
        return count_of(scope_enrollments(select(Enrollment.id).where(
            Enrollment.status == status), me()))

    return {
        "pending": enrolments(EnrollmentStatus.PENDING),
        "waitlisted": enrolments(EnrollmentStatus.WAITLISTED),
        "failed_mail": count_of(notifications_query(me(), {"status": "failed"})),
        "trainer_requests": count_of(requests_query(me(), status=RequestStatus.PENDING)),
        "expiring": count_of(certificates_query(me(), {"revoked": False}).where(
            Certificate.expires_at > now, Certificate.expires_at <= now + SOON)),
    }


@bp.get("/console")
@admin_only
def console_page():
    """This quarter's figures for my countries, by gender, and what waits for me."""
    now = utcnow()
    report = kpi_report(me(), {"from": quarter_start(now), "to": now}, now=now)
    return render("site/console/glance.html", report=report, waiting=waiting(now),
                  since=quarter_start(now))
