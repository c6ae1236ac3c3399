"""The annual figures: every number of LUP's annual report, computed from the records.

This module is the one place the figures are counted. The API (/api/v1/stats/), the
dashboard, the exports and the tests all call it. It does not restate a counting rule
(SPEC section 4, docs/counting-rules.md): each figure is an aggregate over a queryset returned
by the selectors in partners/, procurements/ and outreach/, the same querysets the API list
filters use, so a figure and its drill-down list cannot disagree.

Query budget. The figures of a batch of years (one year for annual_figures(), up to
YEARS_PER_BATCH years for annual_series()) take 3 SQL queries, whatever the size of the data:

  1. counts        one UNION ALL of one small aggregate per figure and year (registry.counted()):
                   COUNT or SUM over the selector's queryset, bodies grouped by body_type
  2. sectors       every sector, with its started count per year in a correlated subquery
  3. new partners  the new partners of each year with their names (a UNION ALL over years)

Each part of the UNION keeps the selector's own WHERE clause, so the database reads only the
rows of that year through the date indexes, instead of scanning whole tables once per year.
"""

import datetime
from collections.abc import Sequence
from typing import Any, cast

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
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from lup.core.dates import EARLIEST_DATE, Period, Span, year_bounds
from outreach.models import OutreachActivity, Publication
from outreach.selectors import activities_in
from partners.models import BodyType, County, Partnership
from partners.selectors import municipalities_valid_on, new_partners_in
from procurements.models import Procurement, Sector, Solution
from procurements.selectors import bodies_involved_in_active, started_in

from . import registry
from .registry import BODY_TYPES, SHARE, AnnualFigures, Figure, set_value, value_at

# annual_series() computes this many years per set of 3 queries. It bounds the size of one
# SQL statement: about 15 x 30 = 450 SELECTs in the UNION, inside SQLite's limit of 500.
YEARS_PER_BATCH = 30


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def _union(parts: list[QuerySet]) -> QuerySet:
    """One query: the parts joined by UNION ALL (a plain SELECT when there is one part)."""
    first, *rest = parts
    return first.union(*rest, all=True) if rest else first


def _aggregate(entry: Figure) -> Aggregate:
    return Sum(entry.field) if entry.measure == registry.SUM else Count("id")


def _count_part(span: Span, entry: Figure) -> QuerySet:
    """SELECT year, key, body type (or ''), aggregate FROM the figure's selector's queryset."""
    group = F("body_type") if entry.by_body_type else Value("", output_field=CharField())
    return (
        entry.records_of(span)
        .order_by()
        .annotate(
            year=Value(_year_of(span), output_field=IntegerField()),
            figure=Value(entry.key, output_field=CharField()),
            group=group,
        )
        .values("year", "figure", "group")
        .annotate(n=Coalesce(_aggregate(entry), 0))
    )


def _year_of(span: Span) -> int:
    return span.year if isinstance(span, Period) else span


def _in_shape(values: dict[str, Any]) -> AnnualFigures:
    """The figures in AnnualFigures' key order (the API's order)."""
    # `values` is filled from the registry's keys, which mypy cannot follow; a key of
    # AnnualFigures that the registry does not fill fails here with a KeyError.
    return cast(AnnualFigures, {key: values[key] for key in AnnualFigures.__annotations__})


def _figures_for_years(spans: Sequence[Span]) -> dict[int, AnnualFigures]:
    """The figures of each year (or Period) in `spans`, keyed by year, in the 3 queries named
    in the module docstring. The spans are of different years."""
    if not spans:
        return {}
    counted = registry.counted()
    by_year = {_year_of(span): span for span in spans}
    years = list(by_year)

    # 1. counts: (year, figure, group) -> n. An ungrouped part always returns one row (0 when
    # nothing matches); a grouped part returns the body types that occur.
    counts: dict[tuple[int, str, str], int] = {}
    for row in _union([_count_part(span, entry) for span in spans for entry in counted]):
        counts[row["year"], row["figure"], row["group"]] = row["n"]

    # 2. started by sector (rule 9): every sector appears, so count in a subquery per sector.
    sector_rows = list(
        Sector.objects.order_by()
        .annotate(
            **{
                f"started_{y}": Coalesce(
                    Subquery(
                        started_in(by_year[y])
                        .filter(sector=OuterRef("pk"))
                        .order_by()
                        .values("sector")
                        .annotate(n=Count("id"))
                        .values("n")
                    ),
                    0,
                )
                for y in years
            }
        )
        .values("id", "name", *(f"started_{y}" for y in years))
    )

    # 3. new partners (rule 8) with their names.
    new_partners: dict[int, list[dict]] = {y: [] for y in years}
    new_partner_rows = _union(
        [
            new_partners_in(by_year[y])
            .order_by()
            .annotate(year=Value(y, output_field=IntegerField()))
            .values_list("year", "id", "name")
            for y in years
        ]
    )
    for year, body_id, name in new_partner_rows:
        new_partners[year].append({"id": body_id, "name": name})

    result = {}
    for y in years:
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
        values["started_by_sector"] = sorted(
            (
                {"sector": row["id"], "name": row["name"], "count": row[f"started_{y}"]}
                for row in sector_rows
            ),
            key=lambda item: (-item["count"], item["name"], item["sector"]),
        )
        values["new_partners"] = sorted(
            new_partners[y], key=lambda item: (item["name"], item["id"])
        )
        result[y] = _in_shape(values)
    return result


def annual_figures(year: int, until: datetime.date | None = None) -> AnnualFigures:
    """The figures of `year` (SPEC sections 2 and 5, registry.AnnualFigures) in 3 SQL queries,
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

    `first` defaults to first_year_with_data(), `last` to the current year. [] when there is
    no data (or first > last). 3 queries per YEARS_PER_BATCH years, plus one for the default
    `first`; never a query per record.
    """
    if first is None:
        first = first_year_with_data()
        if first is None:
            return []
    if last is None:
        last = timezone.localdate().year
    series: list[AnnualFigures] = []
    for start in range(first, last + 1, YEARS_PER_BATCH):
        batch = list(range(start, min(start + YEARS_PER_BATCH, last + 1)))
        figures = _figures_for_years(batch)
        series.extend(figures[y] for y in batch)
    return series


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
