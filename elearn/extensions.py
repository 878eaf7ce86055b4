"""Extensions, created unbound and attached to an app in `create_app`."""

from __future__ import annotations

from copy import deepcopy
from http import HTTPStatus

import marshmallow as ma
from apispec import BasePlugin
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


PROBLEM_MIMETYPE = "application/problem+json"


def _as_problem(response: dict) -> None:
    """Document an error answer as what it is: `application/problem+json`."""
    content = response.get("content", {})
    if "application/json" in content:
        content[PROBLEM_MIMETYPE] = content.pop("application/json")


PAGE_ERROR = {"description": "The page, saying what went wrong",
              "content": {"text/html": {"schema": {"type": "string"}}}}


def _is_page(operation: dict) -> bool:
    """A page for people: its success is documented as HTML only."""
    answers = [response.get("content", {}) for status, response
               in operation.get("responses", {}).items() if str(status).startswith("2")]
    return bool(answers) and all(set(content) == {"text/html"} for content in answers)


class ProblemResponses(BasePlugin):
    """Every error response of every operation is documented as problem+json, except on the
    pages for people, which answer their errors as pages."""

    def operation_helper(self, path=None, operations=None, **kwargs):
        for operation in (operations or {}).values():
            page = _is_page(operation)
            responses = operation.get("responses", {})
            for status, response in responses.items():
                if str(status) != "default" and str(status) < "400":
                    continue
                if page:
                    responses[status] = deepcopy(PAGE_ERROR)
                elif isinstance(response, dict):
                    _as_problem(response)


class Api(_Api):
    """flask-smorest's Api with our problem+json error handling (registered in errors.py),
    documented as such."""

    ERROR_SCHEMA = ProblemSchema

    def _init_spec(self, **options):
        from .web.openapi import SchemaRules, field_rules

        options["extra_plugins"] = [*options.get("extra_plugins", ()), ProblemResponses(),
                                    SchemaRules()]
        super()._init_spec(**options)
        self.ma_plugin.converter.add_attribute_function(field_rules)

    def _register_responses(self):
        super()._register_responses()
        for name, response in self.spec.components.responses_lazy.items():
            if name == "DEFAULT_ERROR" or HTTPStatus[name] >= 400:
                _as_problem(response)

    def _register_error_handlers(self):
        # errors.py registers one handler set for the whole app, API or not.
        pass


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
login_manager = LoginManager()
babel = Babel()
api = Api()
csrf = CSRFProtect()
