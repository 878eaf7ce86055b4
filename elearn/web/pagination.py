"""`?page=&per_page=` on every list, answered as `{items, page, per_page, total}`."""

from __future__ import annotations

from functools import cache

import marshmallow as ma

from ..extensions import db

MAX_PER_PAGE = 100


class PaginationArgsSchema(ma.Schema):
    page = ma.fields.Integer(
        load_default=1, validate=ma.validate.Range(min=1, max=1_000_000)
    )
    per_page = ma.fields.Integer(
        load_default=25, validate=ma.validate.Range(min=1, max=MAX_PER_PAGE)
    )


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


def paginate(stmt, args: dict) -> dict:
    """Run `stmt` for one page; `args` holds the parsed `page` and `per_page`."""
    page = db.paginate(stmt, page=args["page"], per_page=args["per_page"], error_out=False)
    return {"items": page.items, "page": page.page, "per_page": page.per_page, "total": page.total}
