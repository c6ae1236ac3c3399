"""The annual figures: every number of LUP's annual report, computed from the records.

This module is the one place the figures are counted. The API (/api/v1/stats/), the
dashboard, the exports and the tests all call it. It does not restate a counting rule
(SPEC section 4, docs/counting-rules.md): each figure is an aggregate over a queryset returned
by the selectors in partners/, procurements/ and outreach/, the same querysets the API list
filters use, so a figure and its drill-down list cannot disagree.

Query budget. One year's figures (annual_figures(), or two years compared) take 1 SQL query,
whatever the size of the data: one UNION ALL of, for each year,

  - one small aggregate per counted figure (registry.counted()): COUNT or SUM over the
    selector's queryset, bodies grouped by body_type; two figures over the same selector
    (activities and their participants) share one SELECT;
  - every sector with its started count in a correlated subquery (rule 9);
  - the new partners with their names (rule 8).

Each part of the UNION keeps the selector's own WHERE clause, so the database reads only the
rows of that year through the date indexes, instead of scanning whole tables once per year.

A series (annual_series(), figures_of_years() of three years or more) is counted in one pass
over the records instead, by lup.reporting.series with the rules' year forms: 1 SQL query
whatever the number of years, and about the time of a few years rather than one per year.

Building the SQL. The ORM builds one year's statement once per database connection (a few
milliseconds); the statement of any other whole year is the same text with that year's dates
as its parameters (SpanTemplate). A statement whose parameters cannot be told apart that way
is built by the ORM each time.

These functions always count: lup.reporting.summary serves them from a cache keyed by the
database's data version for the pages and the API.
"""

import datetime
import threading
from collections.abc import Callable, Iterable, Sequence
from typing import Any, cast

from django.db import connection
from django.db.models import (
    Aggregate,
    CharField,
    Count,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Cast, Coalesce, TruncMonth
from django.utils import timezone

from lup.core.collation import norwegian_key
from lup.core.dates import EARLIEST_DATE, Period, Span, Years, clamp_year, year_bounds
from outreach.models import OutreachActivity, Publication
from outreach.selectors import activities_in
from partners.models import BodyType, County, Partnership
from partners.selectors import municipalities_valid_on, new_partners_in
from procurements.models import Procurement, Sector, Solution
from procurements.selectors import bodies_involved_in_active, started_in

from . import registry, series
from .registry import BODY_TYPES, SHARE, AnnualFigures, Figure, set_value, value_at
from .series import NEW_PARTNERS, SECTORS  # the lists' keys, in both forms of the count

# One SQL statement holds at most this many SELECTs of the UNION: SQLite's limit is 500.
MAX_PARTS = 480


def years_per_batch() -> int:
    """The years one statement of annual_series() computes: the counted figures, the sectors
    and the new partners of each year are one SELECT each (34 with the registry of 2026)."""
    return max(1, MAX_PARTS // (len(_count_groups()) + 2))


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def _union(parts: list[QuerySet]) -> QuerySet:
    """One query: the parts joined by UNION ALL (a plain SELECT when there is one part)."""
    first, *rest = parts
    return first.union(*rest, all=True) if rest else first


def _text(value: str) -> Value:
    return Value(value, output_field=CharField())


def _labelled(queryset: QuerySet, span: Span, figure: str, group: Any, label: Any) -> QuerySet:
    """The queryset's rows as (year, figure, group, label) columns, the UNION's shape."""
    return (
        queryset.order_by()
        .annotate(
            year=Value(_year_of(span), output_field=IntegerField()),
            figure=_text(figure),
            group=group,
            label=label,
        )
        .values("year", "figure", "group", "label")
    )


def _count_groups() -> list[tuple[Figure, ...]]:
    """The counted figures in groups of at most two that count the same selector's rows the
    same way (an activity count and its participants' sum): one SELECT computes both."""
    groups: list[list[Figure]] = []
    for entry in registry.counted():
        if entry.key in series.DERIVED:
            continue  # from the other figures' rows (_assemble)
        for group in groups:
            first = group[0]
            if (
                len(group) < 2
                and first.selector is entry.selector
                and first.by_body_type == entry.by_body_type
            ):
                group.append(entry)
                break
        else:
            groups.append([entry])
    return [tuple(group) for group in groups]


def _count_part(span: Span, entries: tuple[Figure, ...]) -> QuerySet:
    """SELECT year, keys, body type (or ''), '', aggregate, aggregate (or 0) FROM the
    figures' selector's queryset."""
    first = entries[0]
    group = F("body_type") if first.by_body_type else _text("")
    keys = ",".join(entry.key for entry in entries)
    second = entries[1].aggregate() if len(entries) > 1 else Value(0, output_field=IntegerField())
    return _labelled(first.records_of(span), span, keys, group, _text("")).annotate(
        n=first.aggregate(), n2=second
    )


def _sectors_part(span: Span) -> QuerySet:
    """Rule 9: every sector (so each appears, with 0), its started count in a subquery."""
    started = (
        started_in(span)
        .filter(sector=OuterRef("pk"))
        .order_by()
        .values("sector")
        .annotate(n=Count("id"))
        .values("n")
    )
    return _labelled(
        Sector.objects.all(), span, SECTORS, Cast("id", CharField()), F("name")
    ).annotate(n=Coalesce(Subquery(started), 0), n2=Value(0, output_field=IntegerField()))


def _new_partners_part(span: Span) -> QuerySet:
    """Rule 8: the new partners of the year, by id and name."""
    return _labelled(
        new_partners_in(span), span, NEW_PARTNERS, Cast("id", CharField()), F("name")
    ).annotate(n=Value(0, output_field=IntegerField()), n2=Value(0, output_field=IntegerField()))


def _span_query(span: Span) -> QuerySet:
    """Every figure of one year (or Period) as rows (year, figure, group, label, n)."""
    return _union(
        [_count_part(span, entries) for entries in _count_groups()]
        + [_sectors_part(span), _new_partners_part(span)]
    )


def _year_of(span: Span) -> int:
    if isinstance(span, Years):
        raise TypeError("a statement counts one year or Period; a run of Years is series.py's")
    return span.year if isinstance(span, Period) else span


class SpanTemplate:
    """One whole year's statement, compiled once, with the parameters that carry the year.

    The ORM compiles _span_query() for two sentinel years; the SQL text is the same and the
    parameters differ only where they are the year, its 1 January or its 31 December (as a
    date, or as the ISO text SQLite's backend passes). Any other year's statement is that text
    with those parameters replaced. If the two compiles differ otherwise (a figure whose SQL
    depends on the year in another way), there is no template and each year is compiled.
    """

    SENTINELS = (1004, 1008)  # years no record can carry (lup.core.dates.EARLIEST_DATE)

    def __init__(self, sql: str, params: list[Any], slots: dict[int, Callable[[int], Any]]):
        self.sql = sql
        self.params = params
        self.slots = slots

    @classmethod
    def build(cls) -> "SpanTemplate | None":
        (sql, first), (other_sql, second) = (
            _span_query(year).query.get_compiler(connection=connection).as_sql()
            for year in cls.SENTINELS
        )
        if sql != other_sql or len(first) != len(second):
            return None
        slots: dict[int, Callable[[int], Any]] = {}
        for position, (a, b) in enumerate(zip(first, second, strict=True)):
            if a == b:
                continue
            slot = cls._slot(a, b)
            if slot is None:
                return None
            slots[position] = slot
        return cls(sql, list(first), slots)

    @classmethod
    def _slot(cls, a: Any, b: Any) -> Callable[[int], Any] | None:
        """How the parameter (a for the first sentinel, b for the second) follows the year, in
        the parameter's own type (psycopg wraps an int as Int4, SQLite gets dates as text)."""
        s1, s2 = cls.SENTINELS
        kinds: list[Callable[[int], Any]] = [
            lambda y: y,
            lambda y: year_bounds(y)[0],
            lambda y: year_bounds(y)[1],
            lambda y: year_bounds(y)[0].isoformat(),
            lambda y: year_bounds(y)[1].isoformat(),
        ]
        kind_of = type(a)
        if type(b) is not kind_of or isinstance(a, bool):
            return None
        for kind in kinds:
            if kind(s1) == a and kind(s2) == b:
                if isinstance(a, int):
                    return lambda y: kind_of(y)
                return kind
        return None

    def for_year(self, year: int) -> tuple[str, list[Any]]:
        params = list(self.params)
        for position, slot in self.slots.items():
            params[position] = slot(year)
        return self.sql, params


_templates = threading.local()


def _template() -> SpanTemplate | None:
    """This connection's template (built on first use; per thread, as connections are)."""
    key = (connection.alias, connection.vendor, registry.counted())
    cached = getattr(_templates, "value", None)
    if cached is None or cached[0] != key:
        _templates.value = cached = (key, SpanTemplate.build())
    return cached[1]


def _statement(spans: Sequence[Span]) -> tuple[str, list[Any]]:
    """One UNION ALL statement with every figure of every span."""
    template = _template()
    pieces: list[str] = []
    params: list[Any] = []
    for span in spans:
        if template is not None and isinstance(span, int):
            sql, part_params = template.for_year(span)
        else:
            sql, part_params = _span_query(span).query.get_compiler(connection=connection).as_sql()
        pieces.append(sql)
        params.extend(part_params)
    return " UNION ALL ".join(pieces), params


def _in_shape(values: dict[str, Any]) -> AnnualFigures:
    """The figures in AnnualFigures' key order (the API's order)."""
    # `values` is filled from the registry's keys, which mypy cannot follow; a key of
    # AnnualFigures missing from it raises KeyError here.
    return cast(AnnualFigures, {key: values[key] for key in AnnualFigures.__annotations__})


def _figures_for_years(spans: Sequence[Span]) -> dict[int, AnnualFigures]:
    """The figures of each year (or Period) in `spans`, keyed by year, in one query (module
    docstring). The spans are of different years."""
    if not spans:
        return {}
    years = [_year_of(span) for span in spans]

    # (year, figure, group) -> n. An ungrouped part always returns one row (0 when nothing
    # matches); a grouped part returns the body types that occur; the lists one row each.
    counts: dict[tuple[int, str, str], int] = {}
    sectors: dict[int, list[dict]] = {y: [] for y in years}
    new_partners: dict[int, list[dict]] = {y: [] for y in years}
    sql, params = _statement(spans)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    for year, figure, group, label, n, n2 in rows:
        if figure == SECTORS:
            sectors[year].append({"sector": int(group), "name": label, "count": int(n)})
        elif figure == NEW_PARTNERS:
            new_partners[year].append({"id": int(group), "name": label})
        else:
            for key, value in zip(figure.split(","), (n, n2), strict=False):
                counts[year, key, group] = int(value)

    return _assemble(years, counts, sectors, new_partners)


def _assemble(
    years: Iterable[int],
    counts: dict[tuple[int, str, str], int],
    sectors: dict[int, list[dict]],
    new_partners: dict[int, list[dict]],
) -> dict[int, AnnualFigures]:
    """AnnualFigures of each year from counts[year, key, group] (group: the body type of a
    breakdown, "" otherwise) and the lists of sectors and new partners."""
    counted = registry.counted()
    result = {}
    for y in years:
        flat = {(key, group): n for (year, key, group), n in counts.items() if year == y}
        for key, derive in series.DERIVED.items():
            counts[y, key, ""] = derive(flat, new_partners[y])
        values: dict[str, Any] = {"year": y}
        for entry in counted:
            if entry.by_body_type:
                types = {t: counts.get((y, entry.key, t), 0) for t in BODY_TYPES}
                set_value(values, entry.key, {"total": sum(types.values()), **types})
            else:
                set_value(values, entry.key, counts.get((y, entry.key, ""), 0))
        for entry in registry.FIGURES:
            if entry.measure == SHARE and entry.ratio_of is not None:
                part, whole = entry.ratio_of
                set_value(
                    values, entry.key, _share(value_at(values, part), value_at(values, whole))
                )
        values[SECTORS] = sorted(
            sectors[y],
            key=lambda item: (-item["count"], norwegian_key(item["name"]), item["sector"]),
        )
        values[NEW_PARTNERS] = sorted(
            new_partners[y], key=lambda item: (norwegian_key(item["name"]), item["id"])
        )
        result[y] = _in_shape(values)
    return result


def annual_figures(year: int, until: datetime.date | None = None) -> AnnualFigures:
    """The figures of `year` (SPEC sections 2 and 5, registry.AnnualFigures) in 1 SQL query,
    whatever the data size.

    With `until`, the figures of the year up to that day's date in it (lup.core.dates.Period):
    a year in progress, or the same part of an earlier year to compare it with. The rules are
    the same, on the days 1 January to `until`; "at the end of the year" becomes "on `until`".
    """
    span: Span = year if until is None else Period.to_date(year, until)
    return _figures_for_years([span])[year]


# Every dated record a year's figures can start from: (model, date field).
DATED_EVENTS = (
    (Procurement, "started_on"),
    (OutreachActivity, "date"),
    (Publication, "published_on"),
    (Solution, "published_on"),
    (Partnership, "started_on"),
)


def _one_row(queryset: QuerySet, aggregate: Aggregate) -> QuerySet:
    """SELECT aggregate FROM the queryset's rows, as one row that a UNION can take (a plain
    values_list(aggregate) would group by every column and return one row per record)."""
    return (
        queryset.order_by()
        .annotate(whole_table=Value(1, output_field=IntegerField()))
        .values("whole_table")
        .annotate(value=aggregate)
        .values_list("value", flat=True)
    )


def first_year_with_data() -> int | None:
    """The earliest year with a dated record (DATED_EVENTS) on or after EARLIEST_DATE, or None
    when there is none.

    A date before EARLIEST_DATE is a typo that validation now refuses; one already stored does
    not stretch the series back to it (manage.py check_data reports it). One query: a UNION
    ALL of one MIN() per table.
    """
    parts = [
        _one_row(model.objects.filter(**{f"{field}__gte": EARLIEST_DATE}), Min(field))
        for model, field in DATED_EVENTS
    ]
    earliest = [day for day in _union(parts) if day is not None]
    return min(earliest).year if earliest else None


def latest_year_with_data(today: datetime.date | None = None) -> int | None:
    """The year of the most recent dated record (DATED_EVENTS) up to today, or None.

    Future dates are plans, so they do not count. One query: a UNION ALL of one MAX() per table.
    """
    today = today or timezone.localdate()
    parts = [
        _one_row(model.objects.filter(**{f"{field}__lte": today}), Max(field))
        for model, field in DATED_EVENTS
    ]
    latest = [day for day in _union(parts) if day is not None]
    return max(latest).year if latest else None


def annual_series(first: int | None = None, last: int | None = None) -> list[AnnualFigures]:
    """annual_figures() for every year from `first` to `last`, oldest first.

    `first` defaults to first_year_with_data(), `last` to the current year, both moved into
    lup.core.dates.plausible_years(), so a mistyped date cannot stretch the series. [] when
    there is no data (or first > last). 1 query (lup.reporting.series), plus one for the
    default `first`; never a query per record.
    """
    if first is None:
        first = first_year_with_data()
        if first is None:
            return []
        first = clamp_year(first)
    if last is None:
        last = clamp_year(timezone.localdate().year)
    by_year = figures_of_years(range(first, last + 1))
    return [by_year[y] for y in range(first, last + 1)]


# From this many years on, a series is counted in one pass over the records (series.py)
# rather than year by year.
SERIES_FROM_YEARS = 3


def figures_of_years(years: Iterable[int]) -> dict[int, AnnualFigures]:
    """annual_figures() of each whole year in `years`, keyed by year, in 1 query.

    Up to SERIES_FROM_YEARS - 1 years: each year's statement (1 query per years_per_batch()
    years). More: lup.reporting.series, every year from the first to the last in one pass,
    whatever their number.
    """
    ordered = sorted(set(years))
    if len(ordered) >= SERIES_FROM_YEARS:
        run = Years(ordered[0], ordered[-1])
        by_year = _assemble(range(run.first_year, run.last_year + 1), *series.counts_of(run))
        return {y: by_year[y] for y in ordered}
    size = years_per_batch()
    result: dict[int, AnnualFigures] = {}
    for start in range(0, len(ordered), size):
        result.update(_figures_for_years(ordered[start : start + size]))
    return result


def outreach_by_month(year: int) -> list[dict[str, int]]:
    """Rule 6 per calendar month of `year`: 12 rows {month, activities, participants}."""
    rows = (
        activities_in(year)
        .annotate(month=TruncMonth("date"))
        .values("month")
        .order_by()
        .annotate(activities=Count("id"), participants=Coalesce(Sum("participants"), 0))
    )
    by_month = {row["month"].month: row for row in rows}
    return [
        {
            "month": month,
            "activities": by_month[month]["activities"] if month in by_month else 0,
            "participants": by_month[month]["participants"] if month in by_month else 0,
        }
        for month in range(1, 13)
    ]


def municipal_coverage_by_county(year: int) -> list[dict[str, Any]]:
    """Rule 5 per county valid on 31.12 of `year`, ordered by county number.

    total: municipalities of the county valid on that day; involved: the distinct municipal
    bodies among them involved in procurements active in `year`. One query.
    """
    day = year_bounds(year)[1]
    valid = Q(municipalities__in=municipalities_valid_on(day).order_by().values("id"))
    involved_bodies = (
        bodies_involved_in_active(year).filter(body_type=BodyType.MUNICIPAL).order_by().values("id")
    )
    rows = (
        County.objects.valid_on(day)
        .order_by("number")
        .annotate(
            total=Count("municipalities", filter=valid, distinct=True),
            # A renumbered municipality is one body: count bodies, not code rows.
            involved=Count(
                "municipalities__body",
                filter=valid & Q(municipalities__body__in=involved_bodies),
                distinct=True,
            ),
        )
        .values("number", "name", "total", "involved")
    )
    return [
        {
            "county": row["number"],
            "name": row["name"],
            "involved": row["involved"],
            "total": row["total"],
            "share": _share(row["involved"], row["total"]),
        }
        for row in rows
    ]
