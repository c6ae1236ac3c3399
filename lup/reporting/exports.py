"""The year's figures as a workbook (XLSX) and a CSV for managers, in the active language.

The XLSX has a first sheet "Nøkkeltall" (key figures: label, this year, last year, the change)
and one sheet per breakdown: by sector, by body type, by county, by month, and the new
partners; number formats, column widths and a frozen header row. The CSV holds the key figures
in the Norwegian Excel dialect (`;`, UTF-8 with a byte-order mark, decimal comma).

Rows and labels come from the registry (lup.reporting.registry), values from the public
functions of lup.reporting.figures, as for the API and the dashboard, so the numbers are the
same. A year in progress is counted up to a day (annual_figures(year, until=day)) and compared
with the same days of the year before. Every text cell is written through
lup.core.spreadsheets.safe_cell (formula neutralisation).

Columns of the key-figures sheet are KEY_FIGURE_COLUMNS: the published figures (a later
issue) add one Column there, reading a value the ExportData then carries.
"""

import csv
import datetime
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils import formats
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from lup.core.spreadsheets import NorwegianExcel, norwegian_number, safe_cell

from .registry import BODY_TYPE_LABELS, BODY_TYPES, AnnualFigures, rows, value_at
from .summary import Summary

SHARE_KEY = "municipal_coverage.share"
INTEGER = "#,##0"
SIGNED_INTEGER = "+#,##0;-#,##0;0"
PERCENT = "0.0%"
SIGNED_POINTS = '+0.0" pp";-0.0" pp";0.0" pp"'


@dataclass(frozen=True)
class ExportData:
    """What an export shows: the figures of the year (or the year so far) and of the period
    compared with, and the breakdowns of the year."""

    year: int
    until: datetime.date | None  # the last day of a year in progress; None: the whole year
    current: AnnualFigures
    previous: AnnualFigures
    by_month: list[dict]
    by_county: list[dict]

    @property
    def partial(self) -> bool:
        return self.until is not None


def export_data(year: int, until: datetime.date | None = None, source: Any = None) -> ExportData:
    """The figures an export of `year` needs: two years' figures, by month, by county. With
    `until`, the year up to that day and the same days of the year before.

    `source` is the lup.reporting.summary.Summary that answers them (the request's, reading
    through the cache); without one, they are counted from the records."""
    source = source or Summary(fresh=True)
    current, previous = source.year_and_year_before(year, until)
    return ExportData(
        year=year,
        until=until,
        current=current,
        previous=previous,
        by_month=source.outreach_by_month(year),
        by_county=source.municipal_coverage_by_county(year),
    )


def year_heading(data: ExportData) -> str:
    if data.partial:
        return _("%(year)s so far") % {"year": data.year}
    return str(data.year)


def previous_heading(data: ExportData) -> str:
    if data.partial:
        return _("%(year)s same period") % {"year": data.year - 1}
    return str(data.year - 1)


def change_heading(data: ExportData) -> str:
    return pgettext("difference from the previous year", "Change")


@dataclass(frozen=True)
class KeyFigure:
    """One row of the key-figures sheet."""

    key: str  # the registry key (not shown: managers read the label)
    label: str
    current: int | float
    previous: int | float

    @property
    def is_share(self) -> bool:
        return self.key == SHARE_KEY

    @property
    def change(self) -> int | float:
        """The difference; for the share of municipalities, in percentage points."""
        if self.is_share:
            return round((self.current - self.previous) * 100, 1)
        return self.current - self.previous


def key_figures(data: ExportData) -> list[KeyFigure]:
    """Every single figure of the registry, then the started procurements of each sector."""
    result = [
        KeyFigure(key, str(label), value, value_at(data.previous, key))
        for key, label, value in rows(data.current)
    ]
    previous_by_sector = {row["sector"]: row["count"] for row in data.previous["started_by_sector"]}
    for row in data.current["started_by_sector"]:
        result.append(
            KeyFigure(
                f"started_by_sector.{row['sector']}",
                _("Procurements started: %(sector)s") % {"sector": row["name"]},
                row["count"],
                previous_by_sector.get(row["sector"], 0),
            )
        )
    return result


@dataclass(frozen=True)
class Column:
    """A column of a sheet: its heading, its value for a row, its number format and width."""

    heading: Callable[[ExportData], str]
    value: Callable[[Any], Any]
    number_format: Callable[[Any], str | None] = lambda row: None
    width: int = 14


def _figure_format(row: KeyFigure) -> str:
    return PERCENT if row.is_share else INTEGER


KEY_FIGURE_COLUMNS: tuple[Column, ...] = (
    Column(lambda data: _("Figure"), lambda row: row.label, width=58),
    Column(year_heading, lambda row: row.current, _figure_format, width=16),
    Column(previous_heading, lambda row: row.previous, _figure_format, width=18),
    Column(
        change_heading,
        lambda row: row.change,
        lambda row: SIGNED_POINTS if row.is_share else SIGNED_INTEGER,
        width=12,
    ),
    # The published value (the published-figures issue) goes here as one more Column.
)


@dataclass(frozen=True)
class Sheet:
    title: str
    columns: tuple[Column, ...]
    rows: list[Any] = field(default_factory=list)


def _breakdown_sheets(data: ExportData) -> list[Sheet]:
    current, previous = data.current, data.previous
    previous_by_sector = {row["sector"]: row["count"] for row in previous["started_by_sector"]}
    sectors = [
        (row["name"], row["count"], previous_by_sector.get(row["sector"], 0))
        for row in current["started_by_sector"]
    ]
    body_types = [
        (
            str(BODY_TYPE_LABELS[body_type]),
            value_at(current, f"bodies_in_started.{body_type}"),
            value_at(previous, f"bodies_in_started.{body_type}"),
            value_at(current, f"bodies_in_active.{body_type}"),
            value_at(previous, f"bodies_in_active.{body_type}"),
        )
        for body_type in BODY_TYPES
    ]
    counties = [
        (row["county"], row["name"], row["involved"], row["total"], row["share"])
        for row in data.by_county
    ]
    months = [
        (str(MONTHS[row["month"]]).capitalize(), row["activities"], row["participants"])
        for row in data.by_month
    ]
    partners = [
        (figures["year"], partner["name"])
        for figures in (current, previous)
        for partner in figures["new_partners"]
    ]

    def item(index: int) -> Callable[[tuple], Any]:
        return lambda row: row[index]

    def integer(row: tuple) -> str:
        return INTEGER

    def signed(row: tuple) -> str:
        return SIGNED_INTEGER

    return [
        Sheet(
            _("By sector"),
            (
                Column(lambda d: _("Sector"), item(0), width=36),
                Column(year_heading, item(1), integer, width=16),
                Column(previous_heading, item(2), integer, width=18),
                Column(change_heading, lambda row: row[1] - row[2], signed, width=12),
            ),
            sectors,
        ),
        Sheet(
            _("By body type"),
            (
                Column(lambda d: _("Body type"), item(0), width=24),
                Column(
                    lambda d: _("In started procurements, %(year)s") % {"year": year_heading(d)},
                    item(1),
                    integer,
                    width=26,
                ),
                Column(
                    lambda d: (
                        _("In started procurements, %(year)s") % {"year": previous_heading(d)}
                    ),
                    item(2),
                    integer,
                    width=26,
                ),
                Column(
                    lambda d: _("In active procurements, %(year)s") % {"year": year_heading(d)},
                    item(3),
                    integer,
                    width=26,
                ),
                Column(
                    lambda d: _("In active procurements, %(year)s") % {"year": previous_heading(d)},
                    item(4),
                    integer,
                    width=26,
                ),
            ),
            body_types,
        ),
        Sheet(
            _("By county"),
            (
                Column(lambda d: _("County number"), item(0), width=10),
                Column(lambda d: _("County"), item(1), width=28),
                Column(lambda d: _("Municipalities involved"), item(2), integer, width=14),
                Column(lambda d: _("Municipalities"), item(3), integer, width=14),
                Column(lambda d: _("Share"), item(4), lambda row: PERCENT, width=10),
            ),
            counties,
        ),
        Sheet(
            _("By month"),
            (
                Column(lambda d: _("Month"), item(0), width=14),
                Column(lambda d: _("Outreach activities"), item(1), integer, width=20),
                Column(lambda d: _("Participants"), item(2), integer, width=14),
            ),
            months,
        ),
        Sheet(
            _("New partners"),
            (
                Column(lambda d: _("Year"), item(0), width=8),
                Column(lambda d: _("Public body"), item(1), width=52),
            ),
            partners,
        ),
    ]


def sheets(data: ExportData) -> list[Sheet]:
    """The workbook's sheets in order: key figures first, then the breakdowns."""
    return [
        Sheet(_("Key figures"), KEY_FIGURE_COLUMNS, key_figures(data)),
        *_breakdown_sheets(data),
    ]


def filename(data: ExportData, extension: str) -> str:
    """lup-nokkeltall-2023.xlsx in bokmål, lup-key-figures-2023.xlsx in English (with the day
    for a year in progress)."""
    stem = _("lup-key-figures")
    suffix = f"-{data.until:%Y-%m-%d}" if data.partial else ""
    return f"{stem}-{data.year}{suffix}.{extension}"


def title(data: ExportData) -> str:
    if data.until is not None:
        return _("LUP key figures %(year)s, up to %(day)s") % {
            "year": data.year,
            "day": formats.date_format(data.until, "SHORT_DATE_FORMAT"),
        }
    return _("LUP key figures %(year)s") % {"year": data.year}


def to_csv(data: ExportData) -> str:
    """The key figures as the CSV Norwegian Excel opens by double-click: semicolons, a
    byte-order mark (UTF-8, so æøå), decimal comma; shares as fractions (0,2500)."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, dialect=NorwegianExcel)
    writer.writerow([safe_cell(column.heading(data)) for column in KEY_FIGURE_COLUMNS])
    for row in key_figures(data):
        writer.writerow(
            [_csv_cell(column.value(row)) for column in KEY_FIGURE_COLUMNS],
        )
    return buffer.getvalue()


def _csv_cell(value: Any) -> Any:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return norwegian_number(value)
    return safe_cell(value)


def to_xlsx(data: ExportData) -> bytes:
    """The workbook: the key figures first, then one sheet per breakdown."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="E8EEF7")
    workbook = Workbook()
    workbook.remove(workbook.active)
    workbook.properties.title = title(data)
    for sheet in sheets(data):
        # Excel refuses sheet titles over 31 characters.
        worksheet = workbook.create_sheet(sheet.title[:31])
        worksheet.append([safe_cell(column.heading(data)) for column in sheet.columns])
        for cell in worksheet[1]:
            cell.font = bold
            cell.fill = header_fill
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        # Each cell by its row and column number: worksheet[worksheet.max_row] looked for
        # the last row through every cell so far, for each row (7 s for the 7,000 new
        # partners of a year at 1000 times LUP's size).
        for number, row in enumerate(sheet.rows, start=2):
            for index, column in enumerate(sheet.columns, start=1):
                cell = worksheet.cell(row=number, column=index, value=safe_cell(column.value(row)))
                number_format = column.number_format(row)
                if number_format:
                    cell.number_format = number_format
        for index, column in enumerate(sheet.columns, start=1):
            worksheet.column_dimensions[get_column_letter(index)].width = column.width
        worksheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
