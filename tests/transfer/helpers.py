"""Workbooks and CSV files for the transfer tests, built in memory."""

import io
from typing import Any

from openpyxl import Workbook

from lup.transfer.files import read_upload
from lup.transfer.importer import Report, import_tables

# Organisation numbers with a valid check digit (python-stdnum agrees).
ORG_A = "983971601"
ORG_B = "983971628"
ORG_C = "983971636"


def workbook(sheets: dict[str, list[list[Any]]]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def run(data: bytes, filename: str = "portfolio.xlsx", **options: Any) -> Report:
    options.setdefault("reason", f"Import: {filename}")
    return import_tables(read_upload(data, filename), **options)


def where(report: Report) -> set[tuple[str, int | None, str]]:
    return {(p.sheet, p.row, p.column) for p in report.problems}
