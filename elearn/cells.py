"""Tables of counts by country and gender: their totals, small counts hidden (and the counts
that would give them away), and the periods and months they are counted over."""

from __future__ import annotations

from sqlalchemy import and_, func

from .accounts.models import Gender
from .extensions import db

GENDERS = [gender.value for gender in Gender]


def between(column, filters: dict):
    conditions = []
    if "from" in filters:
        conditions.append(column >= filters["from"])
    if "to" in filters:
        conditions.append(column < filters["to"])
    return and_(*conditions) if conditions else None


def month_of(column):
    """The 'YYYY-MM' of a timestamp, in SQL, on SQLite and PostgreSQL alike."""
    if db.engine.dialect.name == "sqlite":
        return func.strftime("%Y-%m", column)
    return func.to_char(func.timezone("UTC", column), "YYYY-MM")


def _pair(values: list[int], hidden: set[int]) -> tuple[set[int], bool]:
    """Never leave exactly one hidden value that its total would give away: hide the next
    smallest value beside it, or, when there is none, say that the total must be hidden."""
    if len(hidden) != 1:
        return hidden, False
    others = [i for i, value in enumerate(values) if i not in hidden and value > 0]
    if others:
        return hidden | {min(others, key=lambda i: values[i])}, False
    return hidden, True


def _protect_cells(cells, name: str, threshold: int) -> tuple[set[int], set]:
    """Hidden cells for one figure, and the (group, key) totals that must be hidden too."""
    hidden = {i for i, cell in enumerate(cells) if 0 < cell[name] < threshold}
    hidden_totals: set = set()
    changed = True
    while changed:
        changed = False
        for key_name in ("country", "gender"):
            groups: dict[str, list[int]] = {}
            for index, cell in enumerate(cells):
                groups.setdefault(cell[key_name], []).append(index)
            for key, members in groups.items():
                local = {members.index(i) for i in hidden if i in members}
                paired, hide_total = _pair([cells[i][name] for i in members], local)
                if hide_total:
                    hidden_totals.add((key_name, key))
                added = {members[i] for i in paired} - hidden
                if added:
                    hidden |= added
                    changed = True
    return hidden, hidden_totals


def sum_cells(cells, names) -> dict:
    """Totals of `names` per country, per gender and overall."""
    def total(chosen):
        return {name: sum(cell[name] for cell in chosen) for name in names}

    countries = sorted({cell["country"] for cell in cells})
    return {"by_country": [{"country": code} | total([c for c in cells if c["country"] == code])
                           for code in countries],
            "by_gender": [{"gender": gender} | total([c for c in cells if c["gender"] == gender])
                          for gender in GENDERS],
            "total": total(cells)}


def hide_small(table: dict, names, threshold: int) -> dict:
    """The cells, per-country and per-gender totals and grand total of `table`, with the
    small counts of `names` hidden (None), and whatever would let someone work them out
    from the totals; each cell lists its hidden figures in `suppressed`."""
    cells = [dict(cell) for cell in table["cells"]]
    by_country = [dict(row) for row in table["by_country"]]
    by_gender = [dict(row) for row in table["by_gender"]]
    total = dict(table["total"])
    for cell in cells:
        cell["suppressed"] = []
    for name in names:
        hidden, hidden_totals = _protect_cells(table["cells"], name, threshold)
        for index in hidden:
            cells[index][name] = None
            cells[index]["suppressed"].append(name)
        for rows, key_name in ((by_country, "country"), (by_gender, "gender")):
            secret = {i for i, row in enumerate(rows) if (key_name, row[key_name]) in
                      hidden_totals or 0 < row[name] < threshold}
            secret, hide_grand = _pair([row[name] for row in rows], secret)
            for index in secret:
                rows[index][name] = None
            if hide_grand:
                total[name] = None
    for cell in cells:
        cell["suppressed"].sort()
    return {"cells": cells, "by_country": by_country, "by_gender": by_gender, "total": total}
