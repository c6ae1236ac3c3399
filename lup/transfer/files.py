"""Spreadsheet files in and out: XLSX workbooks, CSV files and folders of CSV files.

Reading knows no kinds of record: it gives each sheet's name, headers and rows as cells. CSV is
read the way Norwegian spreadsheets write it: `;` or `,` (detected from the header line), UTF-8
with or without a byte-order mark, or Windows-1252.
"""

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from django.utils.translation import gettext_lazy as _

from lup.core.spreadsheets import NorwegianExcel


class FileError(Exception):
    """A file that cannot be read as a spreadsheet at all."""


@dataclass
class Table:
    """One sheet or CSV file: its name, its header row and its data rows (row number, cells)."""

    name: str
    headers: list[str]
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)
    source: str = ""


def decode(data: bytes) -> str:
    """CSV bytes as text: UTF-8 (a byte-order mark dropped), else Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def delimiter(text: str) -> str:
    """`;` or `,`, whichever the header line has more of outside quotes (`,` on a tie)."""
    header = text.split("\n", 1)[0]
    outside, quoted = [], False
    for char in header:
        if char == '"':
            quoted = not quoted
        elif not quoted:
            outside.append(char)
    return ";" if outside.count(";") > outside.count(",") else ","


def _trim(cells: Sequence[Any]) -> list[Any]:
    cells = list(cells)
    while cells and (cells[-1] is None or cells[-1] == ""):
        cells.pop()
    return cells


def _table(name: str, source: str, rows: Iterable[Sequence[Any]]) -> Table | None:
    iterator = iter(rows)
    for header in iterator:
        headers = [str(cell).strip() if cell is not None else "" for cell in _trim(header)]
        if headers:
            break
    else:
        return None
    table = Table(name=name, headers=headers, source=source)
    row_number = 1
    for row in iterator:
        row_number += 1
        cells = _trim(row)
        if any(cell is not None and str(cell).strip() for cell in cells):
            table.rows.append((row_number, cells))
    return table


def read_csv(data: bytes, name: str, source: str = "") -> Table | None:
    text = decode(data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter(text))
    return _table(name, source or name, reader)


def read_xlsx(handle: BinaryIO | Path, source: str) -> list[Table]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(handle, read_only=True, data_only=True)
    except Exception as exc:  # zipfile.BadZipFile, KeyError, InvalidFileException
        raise FileError(_("%(file)s is not an XLSX workbook.") % {"file": source}) from exc
    try:
        tables = []
        for sheet in workbook.worksheets:
            table = _table(sheet.title, source, sheet.iter_rows(values_only=True))
            if table is not None:
                tables.append(table)
        return tables
    finally:
        workbook.close()


def read_upload(data: bytes, filename: str) -> list[Table]:
    """The tables of one uploaded file, by its extension."""
    path = Path(filename)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return read_xlsx(io.BytesIO(data), filename)
    if path.suffix.lower() in (".csv", ".txt"):
        table = read_csv(data, path.stem, filename)
        return [table] if table else []
    raise FileError(_("%(file)s is neither an XLSX workbook nor a CSV file.") % {"file": filename})


def read_path(path: Path) -> list[Table]:
    """The tables of a workbook, a CSV file or a folder of CSV files."""
    if path.is_dir():
        tables = []
        for child in sorted(path.iterdir()):
            if child.suffix.lower() == ".csv":
                tables.extend(read_upload(child.read_bytes(), child.name))
        if not tables:
            raise FileError(_("%(folder)s holds no CSV file.") % {"folder": path.name})
        return tables
    if not path.exists():
        raise FileError(_("%(file)s does not exist.") % {"file": path})
    return read_upload(path.read_bytes(), path.name)


# Writing.


@dataclass
class Sheet:
    """What an export writes: a name, the header row, the rows for XLSX and for CSV."""

    name: str
    headers: list[str]
    cells: list[list[Any]]  # XLSX: numbers and dates as they are, text formula-guarded
    texts: list[list[str]]  # CSV: already formatted for the dialect
    date_columns: list[int] = field(default_factory=list)


def write_xlsx(sheets: Sequence[Sheet]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet in sheets:
        worksheet = workbook.create_sheet(sheet.name)
        worksheet.append(sheet.headers)
        for cell in worksheet[1]:
            cell.font = Font(bold=True)
        for row in sheet.cells:
            worksheet.append(row)
        for index in sheet.date_columns:
            letter = get_column_letter(index + 1)
            for cell in worksheet[letter][1:]:
                cell.number_format = "DD.MM.YYYY"
        for index, header in enumerate(sheet.headers, start=1):
            worksheet.column_dimensions[get_column_letter(index)].width = max(12, len(header) + 2)
        worksheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def write_csv(sheet: Sheet, norwegian: bool = True) -> bytes:
    """Norwegian Excel's CSV (`;`, UTF-8 with BOM), or RFC 4180 (`,`, UTF-8, CRLF)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, dialect=NorwegianExcel if norwegian else csv.excel)
    writer.writerow(sheet.headers)
    writer.writerows(sheet.texts)
    text = out.getvalue()
    return ("\ufeff" + text).encode("utf-8") if norwegian else text.encode("utf-8")
