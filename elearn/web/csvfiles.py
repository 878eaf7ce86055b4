"""CSV uploads and downloads: UTF-8 only, strict headers, spreadsheet formulas neutralised."""

from __future__ import annotations

import csv
import io
from typing import NamedTuple

import marshmallow as ma
from flask import current_app
from flask_babel import lazy_gettext as _l

from ..errors import RuleViolation

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")  # tab and CR too: Excel skips them


class CsvRow(NamedTuple):
    line: int
    cells: dict[str, str]  # non-empty cells, trimmed
    overflow: bool  # more cells than the header has columns


def escape_cell(value) -> str:
    """Neutralise spreadsheet formulas in exported cells."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def unescape_cell(text: str) -> str:
    return text[1:] if text.startswith("'") and text[1:2] in FORMULA_PREFIXES else text


def _invalid(*problems) -> RuleViolation:
    return RuleViolation(errors={"file": list(problems)}, type="invalid-csv")


DELIMITERS = (",", ";", "\t")  # what Excel writes: comma, semicolon (much of Europe), tab


def delimiter_name(delimiter: str) -> str:
    return _l("tab") if delimiter == "\t" else f"'{delimiter}'"


def _header(text: str, delimiter: str) -> list[str]:
    first = next(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), [])
    return [name.strip().lower() for name in first]


def sniff_delimiter(text: str, required) -> str:
    """The delimiter whose header has every required column, else the one that splits the
    header into the most columns (its errors then name what is missing)."""
    headers = {delimiter: _header(text, delimiter) for delimiter in DELIMITERS}
    for delimiter, header in headers.items():
        if all(name in header for name in required):
            return delimiter
    return max(DELIMITERS, key=lambda delimiter: len(headers[delimiter]))


def header_problems(header: list[str], *, columns, required, delimiter=None) -> list:
    """Why a header cannot be read: missing required columns (naming the columns found and
    the delimiter used), unknown or repeated ones."""
    found = ", ".join(f"'{name}'" for name in header if name) or "-"
    problems = [
        _l("The file uses %(delimiter)s between columns, but the header has no '%(name)s' "
           "column; the columns found were: %(found)s.", delimiter=delimiter_name(delimiter),
           name=name, found=found) if delimiter else
        _l("The header has no '%(name)s' column; the columns found were: %(found)s.",
           name=name, found=found)
        for name in required if name not in header]
    problems += [_l("Unknown column: %(name)s.", name=name) for name in header
                 if name not in columns]
    if len(set(header)) != len(header):
        problems.append(_l("A column appears twice."))
    return problems


def read_csv(data: bytes, *, columns, required, delimiter: str | None = None) -> list[CsvRow]:
    """Parse an uploaded CSV file (comma, semicolon or tab, with or without a BOM); raise
    RuleViolation for encoding, header and size problems."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _invalid(_l("The file is not UTF-8 text. Save it as CSV UTF-8.")) from None
    delimiter = delimiter or sniff_delimiter(text, required)
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [name.strip().lower() for name in (reader.fieldnames or [])]
    problems = header_problems(header, columns=columns, required=required, delimiter=delimiter)
    if problems:
        raise _invalid(*problems)
    reader.fieldnames = header
    limit = current_app.config["IMPORT_MAX_ROWS"]
    rows = []
    for row in reader:
        if len(rows) >= limit:
            raise _invalid(_l("At most %(num)d rows per file.", num=limit))
        overflow = None in row
        cells = {key: unescape_cell(value.strip()) for key, value in row.items()
                 if key is not None and isinstance(value, str) and value.strip()}
        if cells or overflow:
            rows.append(CsvRow(reader.line_num, cells, overflow))
    if not rows:
        raise _invalid(_l("The file has no rows."))
    return rows


def write_csv(header, rows) -> str:
    """The whole CSV text for `rows` (sequences of values), formulas escaped."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows([escape_cell(value) for value in row] for row in rows)
    return buffer.getvalue()


def write_csv_for_spreadsheets(header, rows) -> str:
    """`write_csv` with a byte order mark first, by which Excel knows the file is UTF-8 (and
    so shows Arabic names)."""
    return "\ufeff" + write_csv(header, rows)


class ImportArgsSchema(ma.Schema):
    """An import's query: `dry_run=true` checks every row and writes none."""

    dry_run = ma.fields.Boolean(load_default=False)


class CsvUploadSchema(ma.Schema):
    """A multipart upload with the CSV or .xlsx file in the `file` field."""

    file = ma.fields.Raw(required=True, metadata={"type": "string", "format": "binary"})


def uploaded_bytes(files: dict) -> bytes:
    """The bytes of the uploaded `file` (parsed by CsvUploadSchema)."""
    upload = files["file"]
    if not hasattr(upload, "read"):
        raise RuleViolation(errors={"file": [_l("Upload the CSV file as multipart form data.")]})
    return upload.read()
