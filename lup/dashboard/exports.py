"""The year's figures as CSV and XLSX: one row per figure with the previous year beside it.

Built from lup.figures.annual_figures only, like the API, so the numbers are the same.
"""

import csv
import io

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .cards import value_at

FIGURE_ROWS = (
    ("procurements_started", gettext_lazy("Innovative procurements started")),
    ("bodies_in_started.total", gettext_lazy("Public bodies in started procurements")),
    ("bodies_in_started.state", gettext_lazy("– of which state bodies")),
    ("bodies_in_started.county", gettext_lazy("– of which county authorities")),
    ("bodies_in_started.municipal", gettext_lazy("– of which municipalities")),
    ("bodies_in_started.other", gettext_lazy("– of which other bodies")),
    ("procurements_active", gettext_lazy("Active innovative procurements (started included)")),
    ("bodies_in_active.total", gettext_lazy("Public bodies in active procurements")),
    ("bodies_in_active.state", gettext_lazy("– of which state bodies")),
    ("bodies_in_active.county", gettext_lazy("– of which county authorities")),
    ("bodies_in_active.municipal", gettext_lazy("– of which municipalities")),
    ("bodies_in_active.other", gettext_lazy("– of which other bodies")),
    ("municipal_coverage.involved", gettext_lazy("Municipalities in active procurements")),
    ("municipal_coverage.total", gettext_lazy("Municipalities in the code list on 31 December")),
    ("municipal_coverage.share", gettext_lazy("Municipal coverage (share)")),
    ("outreach_activities", gettext_lazy("Outreach activities")),
    ("outreach_participants", gettext_lazy("Participants at outreach activities")),
    ("webinars", gettext_lazy("Webinars")),
    ("webinar_registrants", gettext_lazy("Webinar registrants")),
    ("posts_published", gettext_lazy("Web posts published")),
    ("solutions_published", gettext_lazy("New solutions on Finn løsninger")),
    ("partners_total", gettext_lazy("Partners at the end of the year")),
    ("partners_new", gettext_lazy("New partners in the year")),
)
HEADER_KEY = "key"
HEADER_LABEL = "label"
SHARE_KEY = "municipal_coverage.share"


def figure_rows(current: dict, previous: dict) -> list[tuple[str, str, float, float]]:
    """(key, Norwegian label, value, previous year's value) for every figure and sector."""
    with translation.override("nb"):
        rows = [
            (key, str(label), value_at(current, key), value_at(previous, key))
            for key, label in FIGURE_ROWS
        ]
        previous_by_sector = {row["sector"]: row["count"] for row in previous["started_by_sector"]}
        for row in current["started_by_sector"]:
            rows.append(
                (
                    f"started_by_sector.{row['sector']}",
                    _("Procurements started: %(sector)s") % {"sector": row["name"]},
                    row["count"],
                    previous_by_sector.get(row["sector"], 0),
                )
            )
    return rows


def header(year: int) -> list[str]:
    return [HEADER_KEY, HEADER_LABEL, str(year), str(year - 1)]


def filename(year: int, extension: str) -> str:
    return f"lup-nokkeltall-{year}.{extension}"


def to_csv(year: int, current: dict, previous: dict) -> str:
    """RFC 4180 CSV, comma separated, numbers unformatted (share as a fraction, e.g. 0.25)."""
    buffer = io.StringIO()
    # A byte-order mark, so that Excel reads the file as UTF-8 (æøå).
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header(year))
    writer.writerows(figure_rows(current, previous))
    return buffer.getvalue()


def to_xlsx(year: int, current: dict, previous: dict) -> bytes:
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
