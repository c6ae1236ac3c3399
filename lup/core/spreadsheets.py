"""Spreadsheet cells and CSV dialects that know no domain, for every export and import.

A text cell that starts with "=", "+", "-", "@", a tab or a carriage return is run as a formula
by Excel and LibreOffice (CSV injection, OWASP). Every export writes its text through
`safe_text`, which prefixes such a value with an apostrophe, the spreadsheets' own mark for
"this is text". Numbers and dates are written as what they are.
"""

import csv
import datetime
from decimal import Decimal
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: str) -> str:
    """`value`, with an apostrophe in front when a spreadsheet would run it as a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def safe_cell(value: Any) -> Any:
    """A value for a spreadsheet cell: text made safe, numbers, dates and None as they are."""
    if value is None or isinstance(
        value, bool | int | float | Decimal | datetime.date | datetime.datetime
    ):
        return value
    return safe_text(str(value))


class NorwegianExcel(csv.excel):
    """The CSV that Norwegian Excel opens by double-click: semicolons (the comma is the
    decimal mark), CRLF line ends. Write it as UTF-8 with a byte-order mark."""

    delimiter = ";"


def norwegian_number(value: Any) -> str:
    """A number as Norwegian Excel reads it in a CSV cell: decimal comma, no grouping."""
    if isinstance(value, bool) or value is None:
        return "" if value is None else str(value)
    if isinstance(value, float | Decimal):
        return str(value).replace(".", ",")
    return str(value)
