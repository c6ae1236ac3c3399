"""Spreadsheet renderers: every record list (and record) as CSV or XLSX, with `?format=csv` or
`?format=xlsx`, in the JSON's columns.

The rows are the JSON answer's objects (a page's `results`), the columns their keys in the
serializer's order; a nested list or object is written as its JSON text. Text is guarded
against formulas (lup.core.spreadsheets.safe_cell). CSV is written for Norwegian Excel (`;`,
UTF-8 with a byte-order mark). The schema lists JSON only (SPECTACULAR_SETTINGS
["RENDERER_WHITELIST"]); docs/api.md describes these.
"""

import csv
import io
import json
from typing import Any

from rest_framework.renderers import BaseRenderer

from lup.core.spreadsheets import NorwegianExcel, norwegian_number, safe_cell


def _rows(data: Any) -> list[dict[str, Any]]:
    if isinstance(data, dict) and isinstance(data.get("results"), list):
        data = data["results"]
    if isinstance(data, dict):
        data = [data]
    return [row for row in data or [] if isinstance(row, dict)]


def table(data: Any) -> tuple[list[str], list[list[Any]]]:
    """The header and the cells (text made formula-safe, nested values as JSON)."""
    rows = _rows(data)
    headers: list[str] = []
    for row in rows:
        headers.extend(key for key in row if key not in headers)
    cells = []
    for row in rows:
        line = []
        for key in headers:
            value = row.get(key)
            if isinstance(value, list | dict):
                value = json.dumps(value, ensure_ascii=False)
            line.append(safe_cell(value))
        cells.append(line)
    return headers, cells


class CSVRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(
        self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None
    ) -> bytes:
        headers, cells = table(data)
        out = io.StringIO(newline="")
        writer = csv.writer(out, dialect=NorwegianExcel)
        writer.writerow(headers)
        for line in cells:
            writer.writerow(["" if c is None else norwegian_number(c) for c in line])
        return ("\ufeff" + out.getvalue()).encode("utf-8")


class XLSXRenderer(BaseRenderer):
    media_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    format = "xlsx"
    charset = None
    render_style = "binary"

    def render(
        self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None
    ) -> bytes:
        from openpyxl import Workbook

        headers, cells = table(data)
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = "data"
        sheet.append(headers)
        for line in cells:
            sheet.append(line)
        out = io.BytesIO()
        workbook.save(out)
        return out.getvalue()
