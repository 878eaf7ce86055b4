"""Uploaded tables for the imports: a CSV (comma, semicolon or tab) or an Excel .xlsx file,
read into the same rows, with what was detected for the import report."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from typing import NamedTuple

import marshmallow as ma
from flask import current_app
from flask_babel import lazy_gettext as _l

from ..errors import RuleViolation
from .csvfiles import CsvRow, _invalid, header_problems, read_csv, sniff_delimiter, unescape_cell

ZIP_MAGIC = b"PK\x03\x04"
XLSX_MAX_COLUMNS = 50  # the imports have at most ten columns; more is a different file
XLSX_MAX_UNCOMPRESSED = 50 * 1024 * 1024  # bytes inside the zip: refuses a zip bomb


class TableReportSchema(ma.Schema):
    """What an import's report says of the table it read, whatever the import."""

    format = ma.fields.String(metadata={
        "description": "The file read: `csv` or `xlsx`.", "enum": ["csv", "xlsx"]})
    delimiter = ma.fields.String(allow_none=True, metadata={
        "description": "The CSV's detected delimiter (`,`, `;` or a tab); null for xlsx."})
    dry_run = ma.fields.Boolean()
    valid = ma.fields.Boolean()


def refuse_bad_rows(report: dict) -> None:
    """An import writes all of its rows or none: when one row is wrong, and this is not a
    dry run, the whole table is refused with each row's errors."""
    if report["row_errors"] and not report["dry_run"]:
        raise RuleViolation(
            _l("%(num)d rows have errors; nothing was imported.", num=len(report["row_errors"])),
            type="import-failed", errors={"file": [_l("Some rows have errors.")]},
            extra={"row_errors": report["row_errors"]},
        )


class Table(NamedTuple):
    rows: list[CsvRow]
    format: str  # "csv" or "xlsx"
    delimiter: str | None  # the CSV's delimiter; None for xlsx


def read_table(data: bytes, *, columns, required) -> Table:
    """The rows of an uploaded CSV or .xlsx file (told apart by content: an .xlsx is a zip)."""
    if data.startswith(ZIP_MAGIC):
        return Table(read_xlsx(data, columns=columns, required=required), "xlsx", None)
    try:
        delimiter = sniff_delimiter(data.decode("utf-8-sig"), required)
    except UnicodeDecodeError:
        delimiter = ","  # read_csv names the encoding problem
    return Table(read_csv(data, columns=columns, required=required, delimiter=delimiter),
                 "csv", delimiter)


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value).strip()


def _open_workbook(data: bytes):
    import openpyxl  # imported here: only an .xlsx upload needs it

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            size = sum(member.file_size for member in archive.infolist())
        if size > XLSX_MAX_UNCOMPRESSED:
            raise _invalid(_l("The spreadsheet is too large once uncompressed."))
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise _invalid(_l("The file is not a readable .xlsx spreadsheet.")) from None


def read_xlsx(data: bytes, *, columns, required) -> list[CsvRow]:
    """The first sheet's rows, numbered as the spreadsheet shows them; bounded in rows,
    columns and uncompressed size."""
    workbook = _open_workbook(data)
    try:
        sheet = workbook.worksheets[0]
        limit = current_app.config["IMPORT_MAX_ROWS"]
        lines = sheet.iter_rows(values_only=True, max_col=XLSX_MAX_COLUMNS + 1)
        header = [_cell_text(value).lower() for value in next(lines, ())]
        while header and not header[-1]:
            header.pop()
        if len(header) > XLSX_MAX_COLUMNS:
            raise _invalid(_l("The spreadsheet has too many columns."))
        problems = header_problems(header, columns=columns, required=required)
        if problems:
            raise _invalid(*problems)
        rows = []
        for number, values in enumerate(lines, start=2):
            texts = [_cell_text(value) for value in values]
            overflow = any(texts[len(header):])
            cells = {name: unescape_cell(text) for name, text in zip(header, texts, strict=False)
                     if text}
            if cells or overflow:
                if len(rows) >= limit:
                    raise _invalid(_l("At most %(num)d rows per file.", num=limit))
                rows.append(CsvRow(number, cells, overflow))
    finally:
        workbook.close()
    if not rows:
        raise _invalid(_l("The file has no rows."))
    return rows


def table_source(table: Table) -> dict:
    """What the import report says about the file read."""
    return {"format": table.format, "delimiter": table.delimiter}
