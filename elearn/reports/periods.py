"""Freezing a reporting period: the figures are computed once and kept as they were."""

from __future__ import annotations

from datetime import datetime

from flask import json
from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, select

from ..accounts.models import User
from ..accounts.permissions import admin_countries, scope_by_country
from ..audit.services import record
from ..errors import Conflict, one_or_404
from ..extensions import db
from .kpis import kpi_report
from .models import FrozenPeriod


def periods_query(actor: User) -> Select:
    """Frozen periods in `actor`'s scope, newest first."""
    return scope_periods(select(FrozenPeriod), actor).order_by(
        FrozenPeriod.frozen_at.desc(), FrozenPeriod.id.desc())


def scope_periods(stmt: Select, actor: User) -> Select:
    return scope_by_country(stmt, actor, FrozenPeriod.country_code)


def get_period(actor: User, period_id: int) -> FrozenPeriod:
    return one_or_404(scope_periods(
        select(FrozenPeriod).where(FrozenPeriod.id == period_id), actor),
        _l("No such reporting period."))


def freeze(actor: User, data: dict, *, now: datetime) -> FrozenPeriod:
    """Compute the report for the period and keep it. National admins freeze their own
    country's figures; programme admins one country's or all of them."""
    countries = admin_countries(actor)
    country = data.get("country") or (next(iter(countries)) if countries else None)
    filters = {"from": data["from"], "to": data["to"]} | (
        {"country": country} if country else {})
    report = kpi_report(actor, filters, now=now)  # NotFound outside the actor's scope
    if db.session.scalar(select(FrozenPeriod.id).where(
            FrozenPeriod.name == data["name"], FrozenPeriod.country_code.is_(None)
            if country is None else FrozenPeriod.country_code == country)):
        raise Conflict(_l("A period with this name is frozen already."), type="period-exists")
    period = FrozenPeriod(
        name=data["name"], country_code=country, starts_at=data["from"], ends_at=data["to"],
        filters=report["filters"], report=json.loads(json.dumps(report)), frozen_at=now,
        frozen_by_id=actor.id)
    db.session.add(period)
    db.session.flush()
    record(actor, "report.freeze", "frozen_period", period.id, country_code=country,
           details={"name": period.name, "from": report["filters"]["from"],
                    "to": report["filters"]["to"]}, now=now)
    return period
