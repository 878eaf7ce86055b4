"""The one way to page a list: `?page=&per_page=` in, `{items, page, per_page, total}` out.

`paginate` runs a select for one page. Each row carries the total, counted by a window over
the same query, so a page is one statement whatever its size; only a page past the end counts
apart. A select of one model pages its objects; a select of columns pages its rows as `Shown`
dicts, which `ReadSchema` output schemas dump through the same fields as objects.
"""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

import marshmallow as ma
from sqlalchemy import Select, bindparam, func, select

from ..extensions import db

MAX_PER_PAGE = 100


class PaginationArgsSchema(ma.Schema):
    page = ma.fields.Integer(
        load_default=1, validate=ma.validate.Range(min=1, max=1_000_000)
    )
    per_page = ma.fields.Integer(
        load_default=25, validate=ma.validate.Range(min=1, max=MAX_PER_PAGE)
    )


class Shown(dict):
    """A row of the columns a list shows, by column name; its values also read as attributes,
    as a model's do."""

    __slots__ = ()

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


def shown(row) -> Shown:
    return Shown(row._mapping)


# Fields that give back a value of this exact type unchanged (and None as None).
_AS_IS = {ma.fields.Integer: int, ma.fields.String: str, ma.fields.Boolean: bool}


class ReadSchema(ma.Schema):
    """An output schema that dumps model objects and `Shown` rows (or any dict) through the
    same fields. A dict's values that a field would give back unchanged (an int of an
    Integer, a str of a String, a bool of a Boolean, None) are copied as they are, every other
    goes through its field: a page of rows costs what its conversions cost. Read schemas
    have no dump hooks."""

    def get_attribute(self, obj, attr, default):
        if isinstance(obj, dict):
            return obj.get(attr, default)
        return getattr(obj, attr, default)

    def _read_plan(self) -> list[tuple]:
        plan = self.__dict__.get("read_plan")
        if plan is None:
            plan = self.__dict__["read_plan"] = [
                (name, field, field.data_key or name, field.attribute or name,
                 None if getattr(field, "as_string", False) else _AS_IS.get(type(field)))
                for name, field in self.dump_fields.items()]
        return plan

    def dump(self, obj, *, many=None):
        if self.many if many is None else many:
            return [self.dump(item, many=False) for item in obj]
        if not isinstance(obj, dict):
            return super().dump(obj, many=False)
        out = {}
        for name, field, key, attr, kind in self._read_plan():
            value = obj.get(attr, ma.missing)
            if kind is not None and (value is None or type(value) is kind):
                out[key] = value
                continue
            value = field.serialize(name, obj, accessor=self.get_attribute)
            if value is not ma.missing:
                out[key] = value
        return out


@cache
def page_of(item_schema: type[ma.Schema]) -> type[ma.Schema]:
    """The response schema of a page of `item_schema` items (one class per item schema)."""
    name = item_schema.__name__.removesuffix("Schema") + "PageSchema"
    return type(
        name,
        (ma.Schema,),
        {
            "items": ma.fields.List(ma.fields.Nested(item_schema)),
            "page": ma.fields.Integer(),
            "per_page": ma.fields.Integer(),
            "total": ma.fields.Integer(metadata={"description": "Items in all pages"}),
        },
    )


class PageQuery(NamedTuple):
    """A list's statements, built once and run for any page."""

    paged: Select  # the rows, each with the total as its last column, LIMIT/OFFSET as params
    counted: Select  # the rows to count when a page lies past the end
    objects: bool  # a select of one model: its objects are the items


def page_query(stmt: Select) -> PageQuery:
    described = stmt.column_descriptions
    objects = len(described) == 1 and described[0]["expr"] is described[0]["entity"]
    paged = (stmt.add_columns(func.count().over().label("total_rows"))
             .limit(bindparam("limit")).offset(bindparam("offset")))
    return PageQuery(paged, stmt, objects)


def run_page(query: PageQuery, args: dict) -> dict:
    """One page of `query`; `args` holds the parsed `page` and `per_page`."""
    page, per_page = args["page"], args["per_page"]
    rows = db.session.execute(query.paged, {"limit": per_page,
                                            "offset": (page - 1) * per_page}).all()
    if rows:
        total = rows[0].total_rows
    elif page == 1:
        total = 0
    else:
        total = count_of(query.counted)
    items = [row[0] for row in rows] if query.objects else [Shown(row._mapping) for row in rows]
    return {"items": items, "page": page, "per_page": per_page, "total": total}


def count_of(stmt: Select) -> int:
    """How many rows `stmt` selects, counted by the database."""
    return db.session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))


def paginate(stmt: Select, args: dict) -> dict:
    """One page of `stmt`: its objects when it selects one model, else its rows."""
    return run_page(page_query(stmt), args)
