"""The KPI report as CSV and as XLSX (a sheet per breakdown), with localised headers."""

from __future__ import annotations

import io

from flask_babel import gettext

from ..web.csvfiles import escape_cell, write_csv_for_spreadsheets
from .kpis import COUNTS
from .labels import GENDER_LABELS
from .mentoring_kpis import RATES

FIGURES = ("enrolled", "active", "completed", "completion_rate", "average_quiz_score",
           "certificates_issued", "certificates_valid", "trainers_certified",
           "mentees_selected", "mentees_paired", "alumni", "milestones", "milestones_on_track",
           "milestones_at_risk", "milestones_on_track_rate", "nominations",
           "opportunities_attended", "attendance_rate")
# A percentage shown as suppressed when a count it is made of was hidden.
DERIVED = {"completion_rate": ("enrolled", "completed"),
           "average_quiz_score": ("enrolled", "completed"),
           **RATES}


def column_headers() -> dict[str, str]:
    return {
        "country": gettext("Country"), "gender": gettext("Gender"),
        "enrolled": gettext("Enrolled"), "active": gettext("Active"),
        "completed": gettext("Completed"), "completion_rate": gettext("Completion rate (%)"),
        "average_quiz_score": gettext("Average quiz score (%)"),
        "certificates_issued": gettext("Certificates issued"),
        "certificates_valid": gettext("Certificates valid"),
        "trainers_certified": gettext("Trainers certified"),
        "mentees_selected": gettext("Mentees selected"),
        "mentees_paired": gettext("Mentees paired"), "alumni": gettext("Alumni"),
        "milestones": gettext("Milestones"),
        "milestones_on_track": gettext("Milestones on track"),
        "milestones_at_risk": gettext("Milestones at risk"),
        "milestones_on_track_rate": gettext("Milestones on track (%)"),
        "nominations": gettext("Nominations"),
        "opportunities_attended": gettext("Opportunities attended"),
        "attendance_rate": gettext("Attendance rate (%)"),
    }


def figure_value(row: dict, key: str, mark):
    """A figure; the 'suppressed' mark where it was hidden (a count that is missing was
    hidden, and so was a rate whose counts were), the same on every sheet; blank where there
    is nothing to show (a rate of nobody)."""
    value = row.get(key)
    if value is not None:
        return value
    if key in COUNTS or any(row.get(part) is None for part in DERIVED.get(key, ())):
        return mark
    return ""


def _label(key: str, value):
    """Category values in the reader's language, like the headers."""
    if key == "gender" and value in GENDER_LABELS:
        return str(GENDER_LABELS[value])
    return value


def _table(rows, keys, total: dict):
    """The header, the rows and a last row of totals for the whole report."""
    mark = gettext("suppressed")
    headers = column_headers()
    figures = [key for key in keys if key not in ("country", "gender")]
    body = [[_label(key, row.get(key)) if key in ("country", "gender")
             else figure_value(row, key, mark) for key in keys] for row in rows]
    label = [gettext("Total")] + [""] * (len(keys) - len(figures) - 1)
    body.append(label + [figure_value(total, key, mark) for key in figures])
    return [headers[key] for key in keys], body


def _network_tables(report: dict) -> list[tuple[str, list, list]]:
    """The networks block as two tables: members per space by country and gender, and the
    activity per month (none where there are no spaces)."""
    block = report.get("networks") or {"spaces": [], "months": []}
    if not block["spaces"] and not block["months"]:
        return []
    mark = gettext("suppressed")
    members = [[space["name"], _label("country", cell["country"]),
                _label("gender", cell["gender"]),
                *(mark if cell[key] is None else cell[key]
                  for key in ("members", "active_members"))]
               for space in block["spaces"] for cell in space["cells"]]
    months = [[row["month"], row["threads"], row["replies"], row["downloads"]]
              for row in block["months"]]
    return [
        (gettext("Networks, members"),
         [gettext("Space"), gettext("Country"), gettext("Gender"), gettext("Members"),
          gettext("Active members")], members),
        (gettext("Networks, activity"),
         [gettext("Month"), gettext("Threads"), gettext("Replies"), gettext("Downloads")],
         months),
    ]


def _evaluation_table(report: dict) -> list[tuple[str, list, list]]:
    """Course evaluations per offering: responses and each scale's average."""
    block = report.get("evaluations") or {"offerings": []}
    if not block["offerings"]:
        return []
    mark = gettext("suppressed")
    keys = sorted({key for row in block["offerings"] for key in row["averages"]})
    rows = [[row["course_code"], row["title"] or "",
             mark if row["responses"] is None else row["responses"],
             *(mark if row["averages"].get(key) is None and row["responses"] is None
               else row["averages"].get(key, "") for key in keys)]
            for row in block["offerings"]]
    return [(gettext("Course evaluations"),
             [gettext("Course"), gettext("Offering"), gettext("Responses"), *keys], rows)]


def _live_table(report: dict) -> list[tuple[str, list, list]]:
    """Live sessions: attendance by country and gender (hidden counts marked)."""
    block = report.get("live")
    if not block or not block["sessions"]:
        return []
    mark = gettext("suppressed")
    keys = ("participants", "marked", "attended", "attendance_rate")
    rows = [[_label("country", cell["country"]), _label("gender", cell["gender"]),
             *(mark if cell[key] is None and key != "attendance_rate" else
               ("" if cell[key] is None else cell[key]) for key in keys)]
            for cell in block["cells"]]
    return [(gettext("Live sessions"),
             [gettext("Country"), gettext("Gender"), gettext("Participants"),
              gettext("Register entries"), gettext("Attended"), gettext("Attendance rate (%)")],
             rows)]


def _more_tables(report: dict) -> list[tuple[str, list, list]]:
    return _network_tables(report) + _evaluation_table(report) + _live_table(report)


def to_csv(report: dict) -> str:
    """CSV that spreadsheets open as UTF-8: the figures, then the networks' tables below."""
    header, rows = _table(report["cells"], ("country", "gender", *FIGURES), report["total"])
    for title, network_header, network_rows in _more_tables(report):
        rows += [[], [title], network_header, *network_rows]
    return write_csv_for_spreadsheets(header, rows)


def to_xlsx(report: dict) -> bytes:
    from openpyxl import Workbook  # loaded on the first export, not in every worker at start

    book = Workbook()
    sheets = [
        (gettext("By country and gender"), report["cells"], ("country", "gender", *FIGURES)),
        (gettext("By country"), report["by_country"], ("country", *FIGURES)),
        (gettext("By gender"), report["by_gender"], ("gender", *FIGURES)),
    ]
    book.remove(book.active)
    tables = [(title, *_table(rows, keys, report["total"])) for title, rows, keys in sheets]
    for title, header, values in [*tables, *_more_tables(report)]:
        sheet = book.create_sheet(title[:31])
        sheet.append(header)
        for row in values:
            sheet.append([escape_cell(value) if isinstance(value, str) else value
                          for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
