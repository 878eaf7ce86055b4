"""Input validation and output shape of certificates."""

from __future__ import annotations

import marshmallow as ma
from flask_babel import lazy_gettext as _l
from marshmallow import validate

from ..timeutils import utcnow
from ..web.pagination import PaginationArgsSchema
from ..web.validation import AwareDateTime, choice, id_field, invalid
from .models import CertificateKind, DisplayStatus
from .services import display_code


class CertificateSchema(ma.Schema):
    id = ma.fields.Integer()
    kind = ma.fields.String()
    holder_id = ma.fields.Integer()
    holder_name = ma.fields.String()
    country = ma.fields.String(attribute="country_code")
    course_code = ma.fields.String()
    title = ma.fields.Dict()
    issued_at = AwareDateTime()
    expires_at = AwareDateTime(allow_none=True)
    status = ma.fields.Function(lambda c: c.display_status(utcnow()).value)
    code = ma.fields.Function(lambda c: display_code(c.short_code),
                              metadata={"description": "Short verification code"})
    verification_code = ma.fields.String(attribute="code")
    revoked_at = AwareDateTime(allow_none=True)
    revocation_reason = ma.fields.String(allow_none=True)
    previous_id = ma.fields.Integer(allow_none=True,
                                    metadata={"description": "The certificate this renewed"})


class CertificateCreateSchema(ma.Schema):
    holder_id = id_field(required=True)
    kind = ma.fields.String(load_default=CertificateKind.COURSE.value,
                            validate=choice(CertificateKind))
    course_code = ma.fields.String(validate=validate.Length(min=2, max=40))
    enrollment_id = id_field()
    reason = ma.fields.String(validate=validate.Length(max=500))

    OPENAPI_RULES = {"anyOf": [{"required": ["course_code"]}, {"required": ["enrollment_id"]}]}

    @ma.validates_schema
    def what(self, data, **kwargs):
        if "course_code" not in data and "enrollment_id" not in data:
            raise invalid(_l("Give course_code or enrollment_id."), "course_code")


class RevokeSchema(ma.Schema):
    reason = ma.fields.String(required=True, validate=validate.Length(min=3, max=500))


class CertificateQueryArgsSchema(PaginationArgsSchema):
    holder_id = id_field()
    course_code = ma.fields.String(validate=validate.Length(max=40))
    kind = ma.fields.String(validate=choice(CertificateKind))
    revoked = ma.fields.Boolean()


class VerificationSchema(ma.Schema):
    code = ma.fields.String()
    holder_name = ma.fields.String()
    certified = ma.fields.String()
    course_code = ma.fields.String()
    kind = ma.fields.String()
    issuer = ma.fields.String()
    issued_at = AwareDateTime()
    expires_at = AwareDateTime(allow_none=True)
    status = ma.fields.String(validate=choice(DisplayStatus))
    revoked_at = AwareDateTime(allow_none=True)


class CredentialSchema(ma.Schema):
    format = ma.fields.String(metadata={"description": "vc+jwt"})
    jwt = ma.fields.String(metadata={"description": "The credential signed with EdDSA"})
    credential = ma.fields.Dict(metadata={"description": "The OpenBadgeCredential"})


class TrainerRequestCreateSchema(ma.Schema):
    candidate_id = id_field(metadata={"description": "Default: the caller"})
    course_code = ma.fields.String(required=True, validate=validate.Length(min=2, max=40))


class TrainerDecisionSchema(ma.Schema):
    approve = ma.fields.Boolean(required=True)
    reason = ma.fields.String(validate=validate.Length(max=500))


class TrainerRequestSchema(ma.Schema):
    id = ma.fields.Integer()
    candidate_id = ma.fields.Integer()
    candidate_name = ma.fields.Function(lambda r: r.candidate.name)
    course_code = ma.fields.String()
    country = ma.fields.String(attribute="country_code")
    status = ma.fields.String()
    requested_by_id = ma.fields.Integer()
    decided_by_id = ma.fields.Integer(allow_none=True)
    decided_at = AwareDateTime(allow_none=True)
    reason = ma.fields.String(allow_none=True)
    certificate_id = ma.fields.Integer(allow_none=True)
    created_at = AwareDateTime()
