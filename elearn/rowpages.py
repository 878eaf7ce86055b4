"""Pages of plain rows for the read models, answered as ``{items, page, per_page, total}``.

The list views select the columns their schema shows, not objects: no identity map, no
eager-load trees. The total comes with the page, counted by a window over the same query.
"""

from __future__ import annotations

from collections.abc import Mapping

import marshmallow as ma
from sqlalchemy import Select, func, select

from .extensions import db


class Joined(ma.fields.Function):
    """A value of a related object: ``serialize(obj)`` on a model, or the row's own column
    of the field's name when a read model dumps a plain row."""

    def _serialize(self, value, attr, obj, **kwargs):
        if isinstance(obj, Mapping):
            return obj[attr]
        return super()._serialize(value, attr, obj, **kwargs)


def paginate_rows(stmt: Select, args: dict) -> dict:
    """One page of ``stmt``'s rows; ``args`` holds the parsed ``page`` and ``per_page``.
    Only a page past the end needs a second query, for the total."""
    page, per_page = args["page"], args["per_page"]
    rows = db.session.execute(
        stmt.add_columns(func.count().over().label("total_rows"))
        .limit(per_page).offset((page - 1) * per_page)
    ).all()
    if rows:
        total = rows[0].total_rows
    elif page == 1:
        total = 0
    else:
        total = db.session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
    return {"items": rows, "page": page, "per_page": per_page, "total": total}
