"""The whole portfolio in the import format (columns.py): an XLSX workbook or CSV files."""

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone, translation

from outreach.models import OutreachActivity, Publication
from partners.models import County, Municipality, Partnership, PublicBody
from procurements.models import Participation, PhaseChange, Procurement, Solution

from . import values as v
from .columns import (
    ACTIVITIES,
    BODIES,
    KINDS,
    PARTICIPATIONS,
    PARTNERSHIPS,
    PHASE_CHANGES,
    POSTS,
    PROCUREMENTS,
    SOLUTIONS,
    Kind,
)
from .files import Sheet, write_csv, write_xlsx


def _bodies() -> list[PublicBody]:
    today = timezone.localdate()
    numbers: dict[int, str] = {}
    for model in (County, Municipality):  # a municipality's number wins (Oslo is both)
        for body_id, number in (
            model.objects.valid_on(today)
            .filter(body__isnull=False)
            .values_list("body_id", "number")
        ):
            numbers[body_id] = number
    bodies = list(PublicBody.objects.order_by("id"))
    for body in bodies:
        body.transfer_number = numbers.get(body.pk)  # type: ignore[attr-defined]
    return bodies


def records(kind: Kind) -> Iterable[Any]:
    """The records of one kind, with what their columns read fetched in a fixed few queries."""
    querysets: dict[str, QuerySet[Any]] = {
        PROCUREMENTS.key: Procurement.objects.select_related("sector", "procedure", "phase"),
        PARTICIPATIONS.key: Participation.objects.select_related("procurement", "body"),
        PHASE_CHANGES.key: PhaseChange.objects.select_related("procurement", "phase"),
        PARTNERSHIPS.key: Partnership.objects.select_related("body"),
        ACTIVITIES.key: OutreachActivity.objects.select_related("kind").prefetch_related(
            Prefetch("procurements", queryset=Procurement.objects.only("id", "reference"))
        ),
        POSTS.key: Publication.objects.all(),
        SOLUTIONS.key: Solution.objects.select_related("procurement"),
    }
    if kind is BODIES:
        return _bodies()
    return querysets[kind.key].order_by("id")


def sheet(
    kind: Kind,
    norwegian: bool = True,
    norwegian_csv: bool = True,
    rows: Iterable[Any] | None = None,
) -> Sheet:
    """One kind's sheet; headers and lookup names in Norwegian (the labels) or English (the API
    names and codes); CSV cells for Norwegian Excel (decimal comma, dd.mm.yyyy) or RFC 4180."""
    with translation.override("nb" if norwegian else "en"):
        headers = [column.header(norwegian) for column in kind.columns]
        cells, texts = [], []
        for record in records(kind) if rows is None else rows:
            values = [column.value(record) for column in kind.columns]
            cells.append(
                [
                    column.type.cell(value, norwegian)
                    for column, value in zip(kind.columns, values, strict=True)
                ]
            )
            texts.append(
                [
                    column.type.csv(value, norwegian, norwegian_csv)
                    for column, value in zip(kind.columns, values, strict=True)
                ]
            )
        dates = [i for i, column in enumerate(kind.columns) if isinstance(column.type, v.Date)]
        return Sheet(kind.sheet_name(norwegian), headers, cells, texts, dates)


def export_workbook(norwegian: bool = True) -> bytes:
    return write_xlsx([sheet(kind, norwegian) for kind in KINDS])


def export_folder(folder: Path, norwegian: bool = True, norwegian_csv: bool = True) -> list[Path]:
    """One CSV file per kind, named after the kind in English (procurements.csv, ...)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in KINDS:
        path = folder / f"{kind.key}.csv"
        path.write_bytes(write_csv(sheet(kind, norwegian, norwegian_csv), norwegian_csv))
        written.append(path)
    return written


def workbook_from_tables(tables: Iterable[Any]) -> bytes:
    """The tables (e.g. a folder of CSV files) as one workbook, one sheet per kind in the
    format's order, with dates as date cells and numbers as numbers; how the example workbook
    in fixtures/examples/ is made from its CSV files (`write_example_workbook`)."""
    from .columns import kind_by_headers, kind_named

    sheets = []
    by_kind = {}
    for table in tables:
        kind = kind_named(table.name) or kind_by_headers(table.headers)
        if kind is not None:
            by_kind[kind.key] = (kind, table)
    for kind in KINDS:
        if kind.key not in by_kind:
            continue
        _kind, table = by_kind[kind.key]
        columns = [
            next((c for c in kind.columns if " ".join(h.casefold().split()) in c.headers()), None)
            for h in table.headers
        ]
        rows = []
        for _number, cells in table.rows:
            row = []
            for index, column in enumerate(columns):
                raw = cells[index] if index < len(cells) else None
                if column is not None and isinstance(column.type, v.Date | v.Integer):
                    raw = column.type.read(raw, {})
                elif raw is not None:
                    raw = v.safe_cell(v.cell_text(raw)) if raw != "" else None
                row.append(raw)
            rows.append(row)
        dates = [i for i, c in enumerate(columns) if c is not None and isinstance(c.type, v.Date)]
        sheets.append(Sheet(kind.sheet_name(True), list(table.headers), rows, [], dates))
    return write_xlsx(sheets)


EXAMPLES = Path(__file__).resolve().parents[2] / "fixtures" / "examples"


def write_example_workbook() -> Path:
    """fixtures/examples/portfolio.xlsx from the CSV files in fixtures/examples/csv/."""
    from .files import read_path

    path = EXAMPLES / "portfolio.xlsx"
    path.write_bytes(workbook_from_tables(read_path(EXAMPLES / "csv")))
    return path
