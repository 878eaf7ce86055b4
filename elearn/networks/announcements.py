"""Announcements: a moderator or admin writes to every member of a space (the newsletter of a
focal-point network). Reminders deliver it through the outbox, once per member, by their
preferences; the space keeps the archive."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from .. import signals
from ..accounts.models import User
from ..audit.services import record
from ..extensions import db
from .audience import Access, member_ids
from .models import Announcement, SpaceMember


def announce(actor: User, place: Access, data: dict, *, now: datetime) -> Announcement:
    place.require_moderator()
    announcement = Announcement(space_id=place.space.id, author_id=actor.id,
                                subject=data["subject"], body=data["body"], created_at=now)
    db.session.add(announcement)
    db.session.flush()
    members = member_ids(place.space, now=now).subquery("members")
    # suspended members are not written to
    recipients = select(members.c.id).where(~members.c.id.in_(
        select(SpaceMember.user_id).where(SpaceMember.space_id == place.space.id,
                                          SpaceMember.suspended_at.is_not(None))))
    answers = signals.announcement_published.send(announcement, members=recipients, now=now)
    announcement.recipients = sum(count or 0 for _receiver, count in answers)
    countries = place.space.countries
    record(actor, "space.announce", "announcement", announcement.id,
           country_code=countries[0] if len(countries) == 1 else None,
           details={"space": place.space.id, "recipients": announcement.recipients}, now=now)
    return announcement


def announcements_query(place: Access):
    stmt = select(Announcement).where(Announcement.space_id == place.space.id)
    if place.seen_until() is not None:
        stmt = stmt.where(Announcement.created_at <= place.seen_until())
    return stmt.order_by(Announcement.created_at.desc(), Announcement.id.desc())
