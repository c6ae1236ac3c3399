"""A synthetic portfolio N times LUP's size, for benchmarks (`manage.py generate_portfolio`).

One unit is LUP's portfolio spread over 20 years (FIRST_YEAR..LAST_YEAR), shaped like the demo
data (fixtures/demo.json, 2019-2025) year for year: about 21 procurements started a year with
3.2 bodies each (one lead) and 5 phase changes, a few planned ones without a start date,
325 outreach activities a year (2 % webinars, about 31 participants each, some linked to
procurements), 70 web posts, 14 solutions and 7 partnerships. A scale of N writes N units into
every table of the portfolio: bodies, procurements, participations, phase changes,
partnerships, activities and their links to procurements, posts and solutions. The national
code lists (counties, municipalities and their bodies) and the lookups stay as they are: a
bigger portfolio does not have more municipalities, but its procurements draw on them.

The records are random with a fixed seed, not LUP's data: the same seed and scale give the
same rows, whatever the database. They are written with COPY on PostgreSQL and with
multi-row INSERTs elsewhere, with explicit ids, and without history rows or signals (a bulk
load, like an import of an old register). The database's data-version triggers still see
every statement.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from django.core.management.color import no_style
from django.db import connection, models, transaction

from outreach.models import WEBINAR, ActivityKind, OutreachActivity, Publication
from partners.models import BodyType, Partnership, PublicBody
from procurements.models import (
    Outcome,
    Participation,
    Phase,
    PhaseChange,
    Procedure,
    Procurement,
    Role,
    Sector,
    Solution,
)

FIRST_YEAR = 2006
LAST_YEAR = 2025
YEARS = range(FIRST_YEAR, LAST_YEAR + 1)
# Activity grows over the years as in the demo data (214 activities in 2019, 417 in 2025):
# year i of the 20 weighs (i + 10); the weights average 1.
_RAW = [i + 10 for i in range(len(YEARS))]
YEAR_WEIGHTS = [w * len(_RAW) / sum(_RAW) for w in _RAW]

# One unit, per year on average (the demo data's averages over 2019-2025).
PER_YEAR = {
    "procurements": 21,
    "activities": 325,
    "posts": 70,
    "solutions": 14,
    "partnerships": 7,
}
BODIES_PER_UNIT = 170  # the portfolio's own bodies (state and other), besides the code lists
PLANNED_SHARE = 0.02  # procurements without a start date
ENDED_SHARE = 0.45  # procurements that have ended (completed or cancelled)
WEBINAR_SHARE = 0.023
LINKED_ACTIVITY_SHARE = 0.03  # activities linked to one or two procurements (0.055 links each)
MUNICIPAL_SHARE = 0.4  # participants that are municipalities or county authorities
STAMP = "2025-12-31T12:00:00+00:00"
BATCH = 2000

# The phase a procurement is in after each of its phase changes, as in the demo data.
PHASE_ORDER = [
    "forankring",
    "behovsavklaring",
    "markedsdialog",
    "konkurranse",
    "utvikling-kontrakt",
    "implementering",
    "avsluttet",
]


@dataclass
class Counts:
    rows: dict[str, int] = field(default_factory=dict)

    def add(self, table: str, n: int) -> None:
        self.rows[table] = self.rows.get(table, 0) + n

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def _days(year: int) -> int:
    return (dt.date(year, 12, 31) - dt.date(year, 1, 1)).days


def _day_in(rng: random.Random, year: int) -> dt.date:
    return dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(0, _days(year)))


def _yearly(rng: random.Random, per_year: int, scale: int) -> Iterator[int]:
    """Each year of YEARS, repeated about per_year * scale * weight times (deterministic)."""
    for year, weight in zip(YEARS, YEAR_WEIGHTS, strict=True):
        exact = per_year * scale * weight
        n = int(exact) + (1 if rng.random() < exact - int(exact) else 0)
        for _ in range(n):
            yield year


class Writer:
    """Rows into tables: COPY on PostgreSQL, multi-row INSERT elsewhere, in one transaction."""

    def __init__(self, counts: Counts):
        self.counts = counts
        self.postgres = connection.vendor == "postgresql"

    def write(self, model: type[models.Model], columns: Sequence[str], rows: Iterable[tuple]):
        table = model._meta.db_table
        quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
        n = 0
        with connection.cursor() as cursor:
            if self.postgres:
                sql = f"COPY {connection.ops.quote_name(table)} ({quoted}) FROM STDIN"
                with cursor.cursor.copy(sql) as copy:
                    for row in rows:
                        copy.write_row(row)
                        n += 1
            else:
                batch: list[tuple] = []
                placeholders = "(" + ", ".join(["%s"] * len(columns)) + ")"
                for row in rows:
                    batch.append(row)
                    if len(batch) == BATCH:
                        self._insert(cursor, table, quoted, placeholders, batch)
                        n += len(batch)
                        batch = []
                if batch:
                    self._insert(cursor, table, quoted, placeholders, batch)
                    n += len(batch)
        self.counts.add(table, n)

    @staticmethod
    def _insert(cursor, table: str, quoted: str, placeholders: str, batch: list[tuple]) -> None:
        # SQLite allows 32,766 bound values per statement: a batch of 2,000 rows of at most
        # 16 columns stays under it.
        values = ", ".join([placeholders] * len(batch))
        params = [value for row in batch for value in row]
        cursor.execute(
            f"INSERT INTO {connection.ops.quote_name(table)} ({quoted}) VALUES {values}", params
        )


def _next_id(model: type[models.Model]) -> int:
    return (model.objects.aggregate(top=models.Max("pk"))["top"] or 0) + 1


PORTFOLIO_MODELS: tuple[type[models.Model], ...] = (
    OutreachActivity.procurements.through,
    OutreachActivity,
    Publication,
    Solution,
    PhaseChange,
    Participation,
    Procurement,
    Partnership,
)


def portfolio_is_empty() -> bool:
    return not any(model.objects.exists() for model in PORTFOLIO_MODELS)


def generate(scale: int, seed: int = 2023) -> Counts:
    """Write `scale` units of synthetic portfolio (module docstring) into the database.

    The database needs the lookups (migrations) and the code lists (load_reference), and no
    portfolio records yet: ids are given here, counted from the highest one already taken.
    """
    if scale < 1:
        raise ValueError("scale must be at least 1")
    rng = random.Random(f"lup-portfolio:{seed}")
    counts = Counts()
    writer = Writer(counts)

    sectors = list(Sector.objects.order_by("code").values_list("id", flat=True))
    procedures = list(Procedure.objects.order_by("code").values_list("id", flat=True))
    phase_ids = dict(Phase.objects.values_list("code", "id"))
    phases = [phase_ids[code] for code in PHASE_ORDER if code in phase_ids] or list(
        phase_ids.values()
    )
    kinds = dict(ActivityKind.objects.values_list("code", "id"))
    webinar = kinds.pop(WEBINAR)
    other_kinds = [kinds[code] for code in sorted(kinds)]
    # The demo data's mix of the other kinds: talks, network meetings, courses, other, conferences.
    kind_weights = [
        {"foredrag": 1086, "nettverksmote": 445, "kurs": 353, "annet": 204, "konferanse": 132}.get(
            code, 100
        )
        for code in sorted(kinds)
    ]
    reference_bodies = list(
        PublicBody.objects.filter(body_type__in=[BodyType.MUNICIPAL, BodyType.COUNTY])
        .order_by("id")
        .values_list("id", flat=True)
    )
    if not (sectors and webinar and reference_bodies):
        raise ValueError("Load the lookups (migrate) and the code lists (load_reference) first.")

    with transaction.atomic():
        # Bodies: the portfolio's own, state and other (the demo's 37 : 21).
        body_start = _next_id(PublicBody)
        n_bodies = BODIES_PER_UNIT * scale
        own_bodies = list(range(body_start, body_start + n_bodies))
        writer.write(
            PublicBody,
            ["id", "name", "org_number", "body_type", "notes", "created_at", "updated_at"],
            (
                (
                    body_id,
                    f"Syntetisk virksomhet {body_id}",
                    None,
                    BodyType.STATE if rng.random() < 0.64 else BodyType.OTHER,
                    "",
                    STAMP,
                    STAMP,
                )
                for body_id in own_bodies
            ),
        )

        # Procurements, with their participations and phase changes.
        procurement_rows = []
        participation_rows = []
        phase_rows = []
        procurement_id = _next_id(Procurement)
        participation_id = _next_id(Participation)
        phase_change_id = _next_id(PhaseChange)
        started_by_year: dict[int, list[int]] = {year: [] for year in YEARS}
        started_years = list(_yearly(rng, PER_YEAR["procurements"], scale))
        planned = int(len(started_years) * PLANNED_SHARE)
        today = dt.date(LAST_YEAR, 12, 31)
        for index in range(len(started_years) + planned):
            year = started_years[index] if index < len(started_years) else None
            started = _day_in(rng, year) if year else None
            ended = None
            outcome = Outcome.ONGOING
            if started and rng.random() < ENDED_SHARE:
                ended = started + dt.timedelta(days=rng.randint(120, 1760))
                if ended > today:
                    ended = None
                else:
                    outcome = Outcome.COMPLETED if rng.random() < 0.74 else Outcome.CANCELLED
            # Phase changes: forankring at the start, then one every few months.
            changes = []
            if started:
                last_phase = len(phases) - 1 if ended else rng.randint(0, len(phases) - 2)
                day = started
                for step in range(last_phase + 1):
                    if day > today:
                        break
                    changes.append((phases[step], day))
                    day = day + dt.timedelta(days=rng.randint(60, 300))
            phase = changes[-1][0] if changes else phases[0]
            procurement_rows.append(
                (
                    procurement_id,
                    f"Syntetisk anskaffelse {procurement_id}",
                    "",  # reference: the spreadsheet import's key, none here
                    "",
                    rng.choice(sectors),
                    rng.choice(procedures) if procedures else None,
                    phase,
                    started.isoformat() if started else None,
                    ended.isoformat() if ended else None,
                    outcome,
                    None,
                    "",
                    "[]",
                    rng.randrange(1, 500) * 100_000 if rng.random() < 0.6 else None,
                    "",
                    STAMP,
                    STAMP,
                )
            )
            for phase_id, day in changes:
                phase_rows.append((phase_change_id, procurement_id, phase_id, day.isoformat(), ""))
                phase_change_id += 1
            # 1 to 6 bodies (3.2 on average), the first one leads.
            n = min(6, 1 + int(rng.expovariate(1 / 2.6)))
            chosen: set[int] = set()
            for position in range(n):
                pool = reference_bodies if rng.random() < MUNICIPAL_SHARE else own_bodies
                body = rng.choice(pool)
                if body in chosen:
                    continue
                chosen.add(body)
                joined = None
                left = None
                if started:
                    joined = started + dt.timedelta(days=rng.randint(0, 90) if position else 0)
                    if joined > today:
                        joined = started
                    if rng.random() < 0.03:
                        left = joined + dt.timedelta(days=rng.randint(30, 700))
                role = (
                    Role.LEAD
                    if position == 0
                    else (Role.OBSERVER if rng.random() < 0.08 else Role.PARTICIPANT)
                )
                participation_rows.append(
                    (
                        participation_id,
                        procurement_id,
                        body,
                        role,
                        joined.isoformat() if joined else None,
                        left.isoformat() if left else None,
                    )
                )
                participation_id += 1
            if year:
                started_by_year[year].append(procurement_id)
            procurement_id += 1
        writer.write(
            Procurement,
            [
                "id",
                "title",
                "reference",
                "description",
                "sector_id",
                "procedure_id",
                "phase_id",
                "started_on",
                "ended_on",
                "outcome",
                "adviser_id",
                "doffin_procedure_id",
                "doffin_notice_ids",
                "estimated_value_nok",
                "notes",
                "created_at",
                "updated_at",
            ],
            procurement_rows,
        )
        writer.write(
            Participation,
            ["id", "procurement_id", "body_id", "role", "joined_on", "left_on"],
            participation_rows,
        )
        writer.write(
            PhaseChange, ["id", "procurement_id", "phase_id", "changed_on", "note"], phase_rows
        )
        del procurement_rows, participation_rows, phase_rows
        all_started = [p for year in YEARS for p in started_by_year[year]]

        # Partnerships: a body becomes a partner in a year, 15 % end again.
        partnership_id = _next_id(Partnership)
        partnership_rows = []
        partner_pool = own_bodies + reference_bodies
        for year in _yearly(rng, PER_YEAR["partnerships"], scale):
            started = _day_in(rng, year)
            ended = None
            if rng.random() < 0.15:
                ended = started + dt.timedelta(days=rng.randint(365, 2500))
                if ended > today:
                    ended = None
            partnership_rows.append(
                (
                    partnership_id,
                    rng.choice(partner_pool),
                    started.isoformat(),
                    ended.isoformat() if ended else None,
                    f"LUP-PA-{partnership_id}",
                    "",
                )
            )
            partnership_id += 1
        writer.write(
            Partnership,
            ["id", "body_id", "started_on", "ended_on", "agreement_reference", "notes"],
            partnership_rows,
        )

        # Outreach activities and their links to procurements of the same year or before.
        activity_id = _next_id(OutreachActivity)
        link_id = _next_id(OutreachActivity.procurements.through)
        link_rows: list[tuple] = []

        def activity_rows() -> Iterator[tuple]:
            # Streamed to the database (millions of rows at scale 1000); the links are kept.
            nonlocal activity_id, link_id
            for year in _yearly(rng, PER_YEAR["activities"], scale):
                is_webinar = rng.random() < WEBINAR_SHARE
                kind = webinar if is_webinar else rng.choices(other_kinds, kind_weights)[0]
                participants = max(1, int(rng.gauss(31, 18)))
                yield (
                    activity_id,
                    _day_in(rng, year).isoformat(),
                    f"Syntetisk aktivitet {activity_id}",
                    kind,
                    participants,
                    participants + rng.randint(10, 120) if is_webinar else 0,
                    "Digitalt" if is_webinar else "",
                    "",
                )
                if started_by_year[year] and rng.random() < LINKED_ACTIVITY_SHARE:
                    for procurement in sorted(
                        {rng.choice(started_by_year[year]) for _ in range(2)}
                    ):
                        link_rows.append((link_id, activity_id, procurement))
                        link_id += 1
                activity_id += 1

        writer.write(
            OutreachActivity,
            [
                "id",
                "date",
                "title",
                "kind_id",
                "participants",
                "registrants",
                "location",
                "notes",
            ],
            activity_rows(),
        )
        writer.write(
            OutreachActivity.procurements.through,
            ["id", "outreachactivity_id", "procurement_id"],
            link_rows,
        )

        post_id = _next_id(Publication)
        writer.write(
            Publication,
            ["id", "title", "url", "published_on"],
            (
                (post_id + i, f"Syntetisk innlegg {post_id + i}", "", _day_in(rng, y).isoformat())
                for i, y in enumerate(list(_yearly(rng, PER_YEAR["posts"], scale)))
            ),
        )
        solution_id = _next_id(Solution)
        solution_rows = []
        for year in _yearly(rng, PER_YEAR["solutions"], scale):
            linked = rng.random() < 0.66 and all_started
            solution_rows.append(
                (
                    solution_id,
                    f"Syntetisk løsning {solution_id}",
                    "",
                    rng.choice(all_started) if linked else None,
                    _day_in(rng, year).isoformat(),
                    "",
                    "",
                )
            )
            solution_id += 1
        writer.write(
            Solution,
            ["id", "name", "supplier", "procurement_id", "published_on", "url", "description"],
            solution_rows,
        )

        # The next record saved by the application gets an id after the generated ones.
        written = [PublicBody, *PORTFOLIO_MODELS]
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), written):
                cursor.execute(sql)
    with connection.cursor() as cursor:
        # Planner statistics, as a live database has them (autovacuum, or SQLite's own).
        cursor.execute("ANALYZE")
    return counts
