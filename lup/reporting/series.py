"""The figures of a run of whole years in one pass over the records: the series.

figures.py counts one year with each figure's selector, reading that year's rows. A series of
N years that way reads the rows of every period-bound figure (the active procurements, the
bodies in them, the partners) once per year, so it costs about N years' time. Here each rule
is read once for all the years:

- a dated figure (started procurements, activities and their participants, webinars and their
  registrants, web posts, solutions, sectors) is its selector over the whole run (a
  lup.core.dates.Years span), grouped by the year of its date;
- a figure of things in force during or at the end of a year (active procurements,
  municipalities in the code list) counts each row once, with the first and last year it
  counts in: the rules' year forms in the selectors (procurements.selectors.active_years and
  the others), which turn each date comparison of a whole year into a comparison of years;
- a figure of distinct bodies (bodies in started and in active procurements, partners at year
  end) takes each body's rows in the order of their first year and keeps of each row only the
  years no earlier row of the same body already covers (a window function), so every body
  counts once a year.

Each part gives rows (figure, group, label, first year, last year, n, n2): n (and n2) count in
every year from the first to the last. One SQL statement, the parts joined by UNION ALL,
whatever the number of years or records. tests/reporting/test_series.py checks that the series
equals figures.annual_figures() of each year, on the demo data and on random portfolios.
"""

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.db import connection
from django.db.models import CharField, Count, F, Max, QuerySet, Value, Window
from django.db.models.expressions import RowRange
from django.db.models.functions import Cast

from lup.core.dates import Years, span_bounds, year_of
from partners import selectors as partners
from partners.models import BodyType, PublicBody
from procurements import selectors as procurements
from procurements.models import Sector

from . import registry
from .registry import Figure

SECTORS = "started_by_sector"
NEW_PARTNERS = "new_partners"

# Dated figures: the field whose year a record counts in (the one its selector's range is on).
DATED: dict[str, str] = {
    "procurements_started": "started_on",
    "outreach_activities": "date",
    "outreach_participants": "date",
    "webinars": "date",
    "webinar_registrants": "date",
    "posts_published": "published_on",
    "solutions_published": "published_on",
}

# Figures that are part of another's rows, in a series and in a year's statement alike
# (figures._assemble): the number of new partners is the length of their list; the
# municipalities involved are the municipal bodies in active procurements.
DERIVED: dict[str, Callable[[dict[tuple[str, str], int], list[dict]], int]] = {
    "partners_new": lambda counts, new: len(new),
    "municipal_coverage.involved": lambda counts, new: counts.get(
        ("bodies_in_active", BodyType.MUNICIPAL), 0
    ),
}

Part = tuple[str, list[Any]]


def _sql(queryset: QuerySet) -> Part:
    sql, params = queryset.query.get_compiler(connection=connection).as_sql()
    return sql, list(params)


def _text(value: str) -> Value:
    return Value(value, output_field=CharField())


def _dated_part(entries: tuple[Figure, ...], years: Years) -> Part:
    """A dated group of figures (a count and a sum over one selector): by year of the date.
    (Summing the days first, then the days by year, was no faster at scale 100 and 30 %
    slower at scale 1000.)"""
    first = entries[0]
    measures: list[Any] = [entry.aggregate() for entry in entries]
    if len(measures) == 1:
        measures.append(Value(0))
    rows = (
        first.records_of(years)
        .order_by()
        .annotate(y=year_of(DATED[first.key]))
        .values("y")
        .annotate(n=measures[0], n2=measures[1])
    )
    sql, params = _sql(rows)
    keys = ",".join(entry.key for entry in entries)
    return f"SELECT %s, '', '', y, y, n, n2 FROM ({sql}) dated", [keys, *params]


def _spans_part(key: str, rows: QuerySet) -> Part:
    """Rows with first_year and last_year, each counted in every year between (no row counts
    twice in a year: one row per procurement or code)."""
    sql, params = _sql(rows.order_by().values("first_year", "last_year"))
    return (
        f"SELECT %s, '', '', first_year, last_year, COUNT(*), 0 FROM ({sql}) spans "
        "WHERE first_year <= last_year GROUP BY first_year, last_year",
        [key, *params],
    )


def _group_join(by_body_type: bool) -> tuple[str, str, str]:
    """The group column, the join that gives it to rows with a body_id and its GROUP BY term:
    the body's type, joined after the rows are reduced to distinct bodies (fewer rows to
    join), or '' (and no term)."""
    if not by_body_type:
        return "''", "", ""
    quote = connection.ops.quote_name
    table = quote(PublicBody._meta.db_table)
    body_type = str(PublicBody._meta.get_field("body_type").column)
    column = f"body.{quote(body_type)}"
    return (
        column,
        f" JOIN {table} body ON body.{quote(str(PublicBody._meta.pk.column))} = bodies.body_id",
        f", {column}",
    )


def _distinct_bodies_part(key: str, rows: QuerySet, by_body_type: bool) -> Part:
    """Rows of bodies (body_id, first_year, last_year): each body once in each year that any of
    its rows covers. A row keeps the years after the last year its earlier rows (by first
    year) reach: those earlier rows all start before it, so they cover every year from its
    first year to the latest of their last years, and nothing after."""
    covered = (
        rows.order_by()
        .filter(first_year__lte=F("last_year"))
        .annotate(
            earlier_last=Window(
                Max("last_year"),
                partition_by=[F("body_id")],
                order_by=[F("first_year").asc(), F("last_year").asc()],
                frame=RowRange(start=None, end=-1),
            ),
        )
        .values("body_id", "first_year", "last_year", "earlier_last")
    )
    sql, params = _sql(covered)
    start = (
        "CASE WHEN earlier_last IS NULL OR earlier_last < first_year "
        "THEN first_year ELSE earlier_last + 1 END"
    )
    group, join, by = _group_join(by_body_type)
    return (
        f"SELECT %s, {group}, '', {start}, last_year, COUNT(*), 0 FROM ({sql}) bodies{join} "
        f"WHERE earlier_last IS NULL OR earlier_last < last_year "
        f"GROUP BY {start}, last_year{by}",
        [key, *params],
    )


def _distinct_bodies_by_year_part(key: str, rows: QuerySet, by_body_type: bool) -> Part:
    """Rows of bodies that each count in one year (first_year = last_year): the distinct bodies
    of each year, without the window of _distinct_bodies_part. Each (year, group, body) once,
    then counted: a hash of the pairs rather than the sort a COUNT(DISTINCT) makes (PostgreSQL
    sorts for it, on disk at 100 times LUP's size). The body's type is joined before the
    pairs are made distinct: joined after, PostgreSQL 15 planned a parallel hash of the pairs
    that ran for minutes at 1000 times LUP's size."""
    group = F("body__body_type") if by_body_type else _text("")
    pairs = (
        rows.order_by()
        .annotate(grp=group, y=F("first_year"))
        .values("y", "grp", "body_id")
        .distinct()
    )
    sql, params = _sql(pairs)
    return (
        f"SELECT %s, grp, '', y, y, COUNT(*), 0 FROM ({sql}) bodies_by_year GROUP BY y, grp",
        [key, *params],
    )


def _sectors_parts(years: Years) -> list[Part]:
    """Rule 9: every sector by id and name (no year), and the started count by year and sector."""
    names, names_params = _sql(
        Sector.objects.order_by().annotate(sid=Cast("id", CharField())).values("sid", "name")
    )
    started, started_params = _sql(
        procurements.started_in(years)
        .order_by()
        .annotate(y=year_of("started_on"), sid=Cast("sector_id", CharField()))
        .values("y", "sid")
        .annotate(n=Count("id"))
    )
    return [
        (
            f"SELECT %s, sid, name, NULL, NULL, 0, 0 FROM ({names}) sector_names",
            [SECTORS, *names_params],
        ),
        (f"SELECT %s, sid, '', y, y, n, 0 FROM ({started}) started", [SECTORS, *started_params]),
    ]


def _new_partners_part(years: Years) -> Part:
    """Rule 8: the new partners by the year they became one, with their names."""
    rows = (
        partners.new_partnerships()
        .filter(started_on__range=span_bounds(years))
        .order_by()
        .annotate(
            y=year_of("started_on"),
            bid=Cast("body_id", CharField()),
            body_name=F("body__name"),
        )
        .values("y", "bid", "body_name")
        .distinct()
    )
    sql, params = _sql(rows)
    return (
        f"SELECT %s, bid, body_name, y, y, 0, 0 FROM ({sql}) new_partners",
        [NEW_PARTNERS, *params],
    )


# The figures counted from the rules' year forms, by key: rows counted once each (SPANNED),
# rows of bodies, each body counted once a year (BODIES), and rows of bodies that each count in
# one year only (BODIES_BY_YEAR).
SPANNED: dict[str, Callable[[], QuerySet]] = {
    "procurements_active": procurements.active_years,
    "municipal_coverage.total": partners.municipality_years,
}
BODIES_BY_YEAR: dict[str, Callable[[], QuerySet]] = {
    "bodies_in_started": procurements.participations_started_years,
}
BODIES: dict[str, Callable[[], QuerySet]] = {
    "bodies_in_active": procurements.participations_active_years,
    "partners_total": partners.partnership_years,
}


def _parts(years: Years) -> list[Part]:
    parts: list[Part] = []
    done: set[str] = set()
    for entry in registry.counted():
        if entry.key in done or entry.key in DERIVED:
            continue
        if entry.key in DATED:
            # A count and a sum over the same selector share one SELECT.
            entries = tuple(
                other
                for other in registry.counted()
                if other.selector is entry.selector and other.key in DATED
            )
            parts.append(_dated_part(entries, years))
            done.update(other.key for other in entries)
        elif entry.key in SPANNED:
            parts.append(_spans_part(entry.key, SPANNED[entry.key]()))
        elif entry.key in BODIES_BY_YEAR:
            rows = BODIES_BY_YEAR[entry.key]()
            parts.append(_distinct_bodies_by_year_part(entry.key, rows, entry.by_body_type))
        elif entry.key in BODIES:
            parts.append(_distinct_bodies_part(entry.key, BODIES[entry.key](), entry.by_body_type))
        else:
            raise LookupError(f"{entry.key} has no form for a series (lup/reporting/series.py)")
        done.add(entry.key)
    return [*parts, *_sectors_parts(years), _new_partners_part(years)]


def statement(years: Years) -> Part:
    """Every figure of every year of `years`, as one UNION ALL statement."""
    parts = _parts(years)
    return " UNION ALL ".join(sql for sql, _ in parts), [p for _, params in parts for p in params]


def counts_of(years: Years) -> tuple[dict, dict, dict]:
    """(counts, sectors, new partners) of each year of `years` in one query, in the shape
    figures.py assembles: counts[year, key, group], sectors[year] and new_partners[year] lists."""
    sql, params = statement(years)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    run = range(years.first_year, years.last_year + 1)
    counts: dict[tuple[int, str, str], int] = defaultdict(int)
    names: dict[int, str] = {}
    started: dict[tuple[int, int], int] = {}
    new_partners: dict[int, list[dict]] = {y: [] for y in run}
    for figure, group, label, first, last, n, n2 in rows:
        if figure == SECTORS:
            if first is None:
                names[int(group)] = label
            else:
                started[int(first), int(group)] = int(n)
        elif figure == NEW_PARTNERS:
            new_partners[int(first)].append({"id": int(group), "name": label})
        else:
            keys = figure.split(",")
            for y in range(max(int(first), years.first_year), min(int(last), years.last_year) + 1):
                for key, value in zip(keys, (n, n2), strict=False):
                    counts[y, key, group] += int(value)
    sectors = {
        y: [
            {"sector": sector, "name": name, "count": started.get((y, sector), 0)}
            for sector, name in names.items()
        ]
        for y in run
    }
    return dict(counts), sectors, new_partners
