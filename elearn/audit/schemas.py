"""Output shape and filters of the audit log."""

from __future__ import annotations

import marshmallow as ma

from ..web.pagination import PaginationArgsSchema
from ..web.validation import AwareDateTime, id_field


class AuditEventSchema(ma.Schema):
    id = ma.fields.Integer()
    actor_id = id_field(allow_none=True)
    actor_email = ma.fields.Function(lambda event: event.actor.email if event.actor else None)
    action = ma.fields.String()
    object_type = ma.fields.String()
    object_id = ma.fields.String()
    country = ma.fields.String(attribute="country_code", allow_none=True)
    details = ma.fields.Dict()
    ip = ma.fields.String(allow_none=True)
    created_at = AwareDateTime()


class AuditQueryArgsSchema(PaginationArgsSchema):
    action = ma.fields.String()
    object_type = ma.fields.String()
    object_id = ma.fields.String()
    actor_id = id_field()
    since = AwareDateTime()
    until = AwareDateTime()
