"""Pages of plain rows for the read models, answered as `{items, page, per_page, total}`.

The list views select the columns their schema shows, not objects: no identity map, no
eager-load trees. The total comes with the page, counted by a window over the same query.
Their schemas dump such rows through `Plain`: the same fields, without marshmallow's
per-field lookups.
"""

from __future__ import annotations

from collections.abc import Mapping

import marshmallow as ma
from sqlalchemy import Select, bindparam, func, select

from .extensions import db


def _plan(schema: ma.Schema) -> list[tuple]:
    """How to dump each field of `schema` from a mapping, worked out once per schema."""
    plan = schema.__dict__.get("_row_plan")
    if plan is not None:
        return plan
    plan = []
    for name, field in schema.dump_fields.items():
        key, attr = field.data_key or name, field.attribute or name
        if field.dump_default is not ma.missing or "." in attr:
            kind = "generic"
        elif not field._CHECK_ATTRIBUTE:
            kind = "whole"  # Function, Joined: it reads the row itself
        elif isinstance(field, ma.fields.Nested) and not (field.many or field.only
                                                          or field.exclude):
            kind = "nested"
        elif (isinstance(field, ma.fields.List) and isinstance(field.inner, ma.fields.Nested)
              and not (field.inner.many or field.inner.only or field.inner.exclude)):
            kind = "nested_list"
        else:
            kind = "value"
        plan.append((kind, key, attr, name, field))
    schema._row_plan = plan
    return plan


def _nested(field: ma.fields.Nested, value, attr, row):
    if isinstance(value, Mapping):
        return dump_row(field.schema, value)
    return field._serialize(value, attr, row)


def dump_row(schema: ma.Schema, row: Mapping) -> dict:
    """`schema.dump(row)` for a plain row: each field's own serialisation, called directly."""
    if schema._hooks["pre_dump"] or schema._hooks["post_dump"]:
        return schema.dump(row)
    out = {}
    for kind, key, attr, name, field in _plan(schema):
        if kind == "generic":
            value = field.serialize(name, row, accessor=schema.get_attribute)
            if value is not ma.missing:
                out[key] = value
        elif kind == "whole":
            out[key] = field._serialize(None, attr, row)
        elif attr not in row:
            continue
        elif kind == "value":
            out[key] = field._serialize(row[attr], attr, row)
        elif (value := row[attr]) is None:
            out[key] = None
        elif kind == "nested":
            out[key] = _nested(field, value, attr, row)
        else:
            out[key] = [_nested(field.inner, item, attr, row) for item in value]
    return out


class Plain(ma.fields.Nested):
    """A nested schema (documented as such) whose plain rows dump through `dump_row`;
    objects dump as usual."""

    def _serialize(self, nested_obj, attr, obj, **kwargs):
        if isinstance(nested_obj, Mapping) and not (self.many or self.only or self.exclude):
            return dump_row(self.schema, nested_obj)
        return super()._serialize(nested_obj, attr, obj, **kwargs)


class Joined(ma.fields.Function):
    """A value of a related object: `serialize(obj)` on a model, or the row's own column
    of the field's name when a read model dumps a plain row."""

    def _serialize(self, value, attr, obj, **kwargs):
        if isinstance(obj, Mapping):
            return obj[attr]
        return super()._serialize(value, attr, obj, **kwargs)


def with_total(stmt: Select) -> Select:
    """`stmt` with each row carrying the total (`total_rows`, the last column) and LIMIT
    and OFFSET left as parameters: a statement that can be built once for every page."""
    return (stmt.add_columns(func.count().over().label("total_rows"))
            .limit(bindparam("limit")).offset(bindparam("offset")))


def run_page(paged: Select, counted: Select, args: dict) -> dict:
    """One page of `paged` (made by `with_total`); `args` holds the parsed `page` and
    `per_page`. Only a page past the end needs a second query: `counted`'s rows."""
    page, per_page = args["page"], args["per_page"]
    rows = db.session.execute(paged, {"limit": per_page,
                                      "offset": (page - 1) * per_page}).all()
    if rows:
        total = rows[0].total_rows
    elif page == 1:
        total = 0
    else:
        total = db.session.scalar(
            select(func.count()).select_from(counted.order_by(None).subquery()))
    return {"items": rows, "page": page, "per_page": per_page, "total": total}


def paginate_rows(stmt: Select, args: dict) -> dict:
    """One page of `stmt`'s rows, with its total."""
    return run_page(with_total(stmt), stmt, args)
