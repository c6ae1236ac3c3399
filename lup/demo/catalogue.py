"""The hand-written part of the demo portfolio, read from the data files in lup/demo/data/.

Illustrative, not LUP's records (lup/demo/data/README.md says what each file holds and what in
it is real). The tables are CSV files with a header row; the procurements are
`procurements.toml`, read with the standard library's tomllib. `load()` turns them into the
typed, immutable objects below; lup/demo/builder.py turns those into fixture objects.

Names of bodies (in partnerships, procurements and successors): a demo body's key or name, a
reference body's exact name, or a short name that resolves to "<name> kommune" or
"<name> fylkeskommune" in fixtures/reference.json.
"""

from __future__ import annotations

import csv
import datetime as dt
import tomllib
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"
ROLES = ("participant", "observer")
OUTCOMES = ("completed", "cancelled")


class CatalogueError(ValueError):
    """A data file does not say what the loader expects; the message names the file and row."""


@dataclass(frozen=True)
class DemoBody:
    """A public body the demo adds to the reference bodies (ids from 1001, in file order)."""

    key: str
    name: str
    org_number: str | None  # only where shared/reference/lup_actors.csv gives one
    body_type: str
    place: str  # the town of its events
    source: str  # "lup_actors.csv" or "illustrative"


@dataclass(frozen=True)
class PartnershipSpec:
    body: str
    started_on: dt.date
    ended_on: dt.date | None
    note: str


@dataclass(frozen=True)
class Adviser:
    username: str
    first_name: str
    last_name: str


@dataclass(frozen=True)
class YearVolumes:
    """A year's outreach and publication totals (2023: the published figures)."""

    year: int
    activities: int
    participants: int
    webinars: int
    webinar_registrants: int
    posts: int
    solutions: int
    conference_leaders: int  # participants at the year's leadership conference


@dataclass(frozen=True)
class SectorProfile:
    """How the generator fills in a sector's procurements."""

    sector: str
    value_range: tuple[int, int]  # estimated value in million NOK
    procedures: tuple[str, ...]  # drawn from when a procurement gives none


@dataclass(frozen=True)
class Part:
    """A body in a procurement besides the lead: joins soon after the start unless `joins` (a
    year) says later; leaves in year `leaves` if given."""

    body: str
    role: str = "participant"
    joins: int | None = None
    leaves: int | None = None


@dataclass(frozen=True)
class Spec:
    """One procurement. `start` is a year or a date (None: planned). `end` is a year or a date
    when `outcome` is "completed" or "cancelled", None while it is "ongoing"."""

    start: int | dt.date | None
    sector: str
    title: str
    lead: str
    others: tuple[Part, ...]
    outcome: str
    end: int | dt.date | None
    need: str
    procedure: str | None = None
    solution: str | None = None


@dataclass(frozen=True)
class Catalogue:
    bodies: tuple[DemoBody, ...]
    county_seats: dict[str, str]  # county name -> the town its county authority sits in
    successors: dict[str, str]  # body dissolved on 2024-01-01 -> who carries on
    partnerships: tuple[PartnershipSpec, ...]
    procurements: tuple[Spec, ...]
    advisers: tuple[Adviser, ...]
    volumes: dict[int, YearVolumes]
    sectors: dict[str, SectorProfile]
    procedure_texts: dict[str, str]
    cancel_reasons: tuple[str, ...]
    suppliers: dict[str, tuple[str, ...]]  # by sector
    earlier_solutions: tuple[str, ...]
    webinar_themes: tuple[str, ...]
    talk_topics: tuple[str, ...]
    audiences: tuple[str, ...]
    courses: tuple[str, ...]
    networks: tuple[str, ...]  # a title with weight n appears n times
    other_activities: tuple[str, ...]
    guides: tuple[str, ...]
    months: tuple[str, ...]


# --- Reading the files --------------------------------------------------------------------
def _rows(data_dir: Path, name: str, columns: list[str]) -> list[dict[str, str]]:
    path = data_dir / name
    with path.open(encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        if reader.fieldnames != columns:
            raise CatalogueError(f"{path}: columns {reader.fieldnames}, expected {columns}")
        return list(reader)


def _column(data_dir: Path, name: str, column: str) -> tuple[str, ...]:
    return tuple(row[column] for row in _rows(data_dir, name, [column]))


def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _day_or_year(value: Any, where: str) -> int | dt.date:
    # tomllib gives a TOML date as datetime.date; a date with a time (or true/false, which
    # Python counts as ints) is a mistake here.
    if isinstance(value, dt.datetime | bool) or not isinstance(value, int | dt.date):
        raise CatalogueError(f"{where}: expected a year or a date, got {value!r}")
    return value


def _part(value: Any, where: str) -> Part:
    if isinstance(value, str):
        return Part(value)
    if not isinstance(value, dict) or "body" not in value:
        raise CatalogueError(f"{where}: expected a body's name or a table with body = ...")
    unknown = set(value) - {"body", "role", "joins", "leaves"}
    if unknown or value.get("role", "participant") not in ROLES:
        raise CatalogueError(f"{where}: {value!r}")
    return Part(**value)


def _spec(row: dict[str, Any], where: str) -> Spec:
    unknown = set(row) - {f.name for f in fields(Spec)}
    missing = {"sector", "title", "lead", "need"} - set(row)
    if unknown or missing:
        raise CatalogueError(f"{where}: unknown fields {unknown or '-'}, missing {missing or '-'}")
    where = f"{where} ({row['title']})"
    outcome, end = row.get("outcome", "ongoing"), row.get("end")
    if (outcome in OUTCOMES) != (end is not None) or outcome not in (*OUTCOMES, "ongoing"):
        raise CatalogueError(f"{where}: give end with outcome completed or cancelled, or neither")
    start = row.get("start")
    return Spec(
        start=None if start is None else _day_or_year(start, where),
        sector=row["sector"],
        title=row["title"],
        lead=row["lead"],
        others=tuple(_part(value, where) for value in row.get("others", [])),
        outcome=outcome,
        end=None if end is None else _day_or_year(end, where),
        need=row["need"],
        procedure=row.get("procedure"),
        solution=row.get("solution"),
    )


def load(data_dir: Path = DATA_DIR) -> Catalogue:
    """Read every data file of the demo portfolio."""
    d = data_dir
    with (d / "procurements.toml").open("rb") as file:
        procurements = tomllib.load(file).get("procurement", [])
    suppliers: dict[str, tuple[str, ...]] = {}
    for row in _rows(d, "suppliers.csv", ["sector", "name"]):
        suppliers[row["sector"]] = (*suppliers.get(row["sector"], ()), row["name"])
    networks = _rows(d, "networks.csv", ["title", "weight"])
    volume_columns = [f.name for f in fields(YearVolumes)]
    return Catalogue(
        bodies=tuple(
            DemoBody(**{**row, "org_number": row["org_number"] or None})
            for row in _rows(d, "bodies.csv", [f.name for f in fields(DemoBody)])
        ),
        county_seats={
            row["county"]: row["seat"] for row in _rows(d, "county_seats.csv", ["county", "seat"])
        },
        successors={
            row["dissolved"]: row["successor"]
            for row in _rows(d, "successors.csv", ["dissolved", "successor"])
        },
        partnerships=tuple(
            PartnershipSpec(
                row["body"], _date(row["started_on"]), _date(row["ended_on"]), row["note"]
            )
            for row in _rows(d, "partnerships.csv", ["body", "started_on", "ended_on", "note"])
        ),
        procurements=tuple(
            _spec(row, f"procurements.toml, procurement {i}")
            for i, row in enumerate(procurements, start=1)
        ),
        advisers=tuple(
            Adviser(**row)
            for row in _rows(d, "advisers.csv", ["username", "first_name", "last_name"])
        ),
        volumes={
            int(row["year"]): YearVolumes(**{k: int(v) for k, v in row.items()})
            for row in _rows(d, "outreach_volumes.csv", volume_columns)
        },
        sectors={
            row["sector"]: SectorProfile(
                row["sector"],
                (int(row["min_value_mnok"]), int(row["max_value_mnok"])),
                tuple(row["procedures"].split()),
            )
            for row in _rows(
                d, "sectors.csv", ["sector", "min_value_mnok", "max_value_mnok", "procedures"]
            )
        },
        procedure_texts={
            row["procedure"]: row["text"]
            for row in _rows(d, "procedure_texts.csv", ["procedure", "text"])
        },
        cancel_reasons=_column(d, "cancel_reasons.csv", "reason"),
        suppliers=suppliers,
        earlier_solutions=_column(d, "earlier_solutions.csv", "name"),
        webinar_themes=_column(d, "webinar_themes.csv", "theme"),
        talk_topics=_column(d, "talk_topics.csv", "topic"),
        audiences=_column(d, "audiences.csv", "audience"),
        courses=_column(d, "courses.csv", "title"),
        networks=tuple(row["title"] for row in networks for _ in range(int(row["weight"]))),
        other_activities=_column(d, "other_activities.csv", "title"),
        guides=_column(d, "guides.csv", "title"),
        months=_column(d, "months.csv", "name"),
    )


@cache
def default() -> Catalogue:
    """The committed data files, read once per process."""
    return load()
