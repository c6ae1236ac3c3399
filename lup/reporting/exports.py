"""The year's figures as CSV and XLSX: one row per figure with the previous year beside it.

Rows and labels come from the registry (lup.reporting.registry) and the values from
lup.reporting.figures.annual_figures, like the API, so the numbers are the same.
"""

import csv
import io

from django.utils import translation
from django.utils.translation import gettext as _

from .registry import AnnualFigures, rows, value_at

HEADER_KEY = "key"
HEADER_LABEL = "label"
SHARE_KEY = "municipal_coverage.share"


def figure_rows(
    current: AnnualFigures, previous: AnnualFigures
) -> list[tuple[str, str, float, float]]:
    """(key, Norwegian label, value, previous year's value) for every figure and sector."""
    with translation.override("nb"):
        result = [
            (key, str(label), value, value_at(previous, key)) for key, label, value in rows(current)
        ]
        previous_by_sector = {row["sector"]: row["count"] for row in previous["started_by_sector"]}
        for row in current["started_by_sector"]:
            result.append(
                (
                    f"started_by_sector.{row['sector']}",
                    _("Procurements started: %(sector)s") % {"sector": row["name"]},
                    row["count"],
                    previous_by_sector.get(row["sector"], 0),
                )
            )
    return result


def header(year: int) -> list[str]:
    return [HEADER_KEY, HEADER_LABEL, str(year), str(year - 1)]


def filename(year: int, extension: str) -> str:
    return f"lup-nokkeltall-{year}.{extension}"


def to_csv(year: int, current: AnnualFigures, previous: AnnualFigures) -> str:
    """RFC 4180 CSV, comma separated, numbers unformatted (share as a fraction, e.g. 0.25)."""
    buffer = io.StringIO()
    # A byte-order mark, so that Excel reads the file as UTF-8 (æøå).
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header(year))
    writer.writerows(figure_rows(current, previous))
    return buffer.getvalue()


def to_xlsx(year: int, current: AnnualFigures, previous: AnnualFigures) -> bytes:
    """A workbook with the figures sheet and the new partners of both years."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    bold = Font(bold=True)
    workbook = Workbook()
    with translation.override("nb"):
        sheet = workbook.active
        sheet.title = _("Key figures %(year)s") % {"year": year}
        sheet.append(header(year))
        for row in figure_rows(current, previous):
            sheet.append(list(row))
            if row[0] == SHARE_KEY:
                for cell in sheet[sheet.max_row][2:4]:
                    cell.number_format = "0.0%"
        for cell in sheet[1]:
            cell.font = bold
        sheet.freeze_panes = "C2"
        for column, width in zip("ABCD", (34, 52, 12, 12), strict=True):
            sheet.column_dimensions[column].width = width

        partners = workbook.create_sheet(_("New partners"))
        partners.append([_("Year"), _("Public body")])
        for cell in partners[1]:
            cell.font = bold
        for figures in (current, previous):
            for partner in figures["new_partners"]:
                partners.append([figures["year"], partner["name"]])
        partners.column_dimensions["B"].width = 52

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
