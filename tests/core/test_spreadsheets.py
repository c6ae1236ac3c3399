"""lup.core.spreadsheets: formula-safe cells and the Norwegian Excel CSV dialect."""

import csv
import datetime
import io
from decimal import Decimal

import pytest

from lup.core.spreadsheets import NorwegianExcel, norwegian_number, safe_cell, safe_text


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+47 22 00 00 00", "'+47 22 00 00 00"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Bodø kommune", "Bodø kommune"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_text_that_a_spreadsheet_would_run_is_marked_as_text(value, safe):
    assert safe_text(value) == safe
    assert safe_cell(value) == safe


def test_numbers_dates_and_empty_cells_stay_what_they_are():
    day = datetime.date(2023, 1, 1)
    for value in (-5, 0.25, Decimal("-1.5"), day, None, True):
        assert safe_cell(value) == value


def test_norwegian_csv_uses_semicolons_and_decimal_commas():
    buffer = io.StringIO()
    csv.writer(buffer, dialect=NorwegianExcel).writerow(["Andel", norwegian_number(0.25), 11540])
    assert buffer.getvalue() == "Andel;0,25;11540\r\n"
    assert norwegian_number(None) == ""
