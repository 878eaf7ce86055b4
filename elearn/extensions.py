"""Extensions, created unbound and attached to an app in ``create_app``."""

from __future__ import annotations

import marshmallow as ma
from flask_babel import Babel
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_smorest import Api as _Api
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class ProblemSchema(ma.Schema):
    """An RFC 9457 problem: every error answer has this shape."""

    type = ma.fields.String(metadata={"description": "Stable slug clients switch on"})
    title = ma.fields.String(metadata={"description": "Short summary, in the caller's language"})
    status = ma.fields.Integer()
    detail = ma.fields.String(metadata={"description": "Explanation, in the caller's language"})
    errors = ma.fields.Dict(
        metadata={"description": "Field name to list of messages, for validation errors"}
    )


class Api(_Api):
    """flask-smorest's Api with our problem+json error handling (registered in errors.py)."""

    ERROR_SCHEMA = ProblemSchema

    def _register_error_handlers(self):
        # errors.py registers one handler set for the whole app, API or not.
        pass


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
login_manager = LoginManager()
babel = Babel()
api = Api()
csrf = CSRFProtect()
