"""The annual figures: every number of LUP's annual report, computed from the records.

This module is the one place the figures are counted. The API (/api/v1/stats/), the
dashboard, the exports and the tests all call it. It does not restate a counting rule
(SPEC section 4, docs/counting-rules.md): each figure counts rows of a queryset returned by
the selectors in partners/, procurements/ and outreach/, the same querysets the API list
filters use, so a figure and its drill-down list cannot disagree.

Query budget. The figures of a batch of years (one year for annual_figures(), up to
YEARS_PER_BATCH for annual_series()) take a fixed number of SQL queries, whatever the size
of the data:

  1. procurements   one aggregate: started and active counts per year
  2. bodies         one grouped aggregate over public bodies by body_type: bodies in started
                    and in active procurements, and partners at the end of each year
  3. sectors        one query over the sectors, started count per year in a subquery
  4. municipalities one aggregate: municipalities valid on 31 December of each year
  5. outreach       one aggregate: activities, participants, webinars, registrants per year
  6. posts          one aggregate: web posts per year
  7. solutions      one aggregate: solutions per year
  8. new partners   one query (a UNION over the years in a series): the new partners by name

A selector's rule enters an aggregate as `filter=Q(id__in=<selector queryset>)`: a
non-correlated subquery the database evaluates once per query, not once per row.
"""

from typing import Any

from django.db.models import Count, IntegerField, Min, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from outreach.models import OutreachActivity, Publication
from outreach.selectors import activities_in, posts_published_in, webinars_in
from partners.models import BodyType, County, Municipality, Partnership, PublicBody
from partners.selectors import (
    municipalities_valid_on,
    new_partners_in,
    partners_at_end_of,
    year_bounds,
)
from procurements.models import Procurement, Sector, Solution
from procurements.selectors import (
    active_in,
    bodies_involved_in_active,
    bodies_involved_in_started,
    solutions_published_in,
    started_in,
)

BODY_TYPES: tuple[str, ...] = tuple(BodyType.values)  # state, county, municipal, other

# annual_series() computes this many years per set of queries (8 queries per batch). It
# bounds the size of one SQL statement (columns, bound parameters, UNION terms), which stays
# well inside SQLite's limits; a series from 1976 to today needs one batch.
YEARS_PER_BATCH = 60

Figures = dict[str, Any]


def _ids(queryset) -> Q:
    """Rows of the aggregated table that the selector `queryset` returns (a subquery on id)."""
    return Q(id__in=queryset.order_by().values("id"))


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def _figures_for_years(years: list[int]) -> dict[int, Figures]:
    """The figures of each year in `years`, in the 8 queries named in the module docstring."""
    if not years:
        return {}

    # 1. procurements: rules 1 and 2.
    procurements = Procurement.objects.order_by().aggregate(
        **{f"started_{y}": Count("id", filter=_ids(started_in(y))) for y in years},
        **{f"active_{y}": Count("id", filter=_ids(active_in(y))) for y in years},
    )

    # 2. bodies by type: rules 3 and 4, and partners at the end of the year (rule 8).
    # Grouping by body_type gives the four type counts; their sum is the distinct total.
    body_rows = (
        PublicBody.objects.values("body_type")
        .order_by()
        .annotate(
            **{
                f"started_{y}": Count("id", filter=_ids(bodies_involved_in_started(y)))
                for y in years
            },
            **{
                f"active_{y}": Count("id", filter=_ids(bodies_involved_in_active(y))) for y in years
            },
            **{f"partners_{y}": Count("id", filter=_ids(partners_at_end_of(y))) for y in years},
        )
    )
    bodies: dict[str, dict[str, int]] = {row.pop("body_type"): row for row in body_rows}

    # 3. started by sector: rule 9; every sector appears, so the count is a subquery per sector.
    sector_rows = list(
        Sector.objects.order_by()
        .annotate(
            **{
                f"started_{y}": Coalesce(
                    Subquery(
                        started_in(y)
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

    # 4. municipalities valid on 31 December: the denominator of rule 5.
    municipalities = Municipality.objects.order_by().aggregate(
        **{
            f"total_{y}": Count("id", filter=_ids(municipalities_valid_on(year_bounds(y)[1])))
            for y in years
        }
    )

    # 5. outreach: rule 6.
    outreach = OutreachActivity.objects.order_by().aggregate(
        **{f"activities_{y}": Count("id", filter=_ids(activities_in(y))) for y in years},
        **{
            f"participants_{y}": Coalesce(Sum("participants", filter=_ids(activities_in(y))), 0)
            for y in years
        },
        **{f"webinars_{y}": Count("id", filter=_ids(webinars_in(y))) for y in years},
        **{
            f"registrants_{y}": Coalesce(Sum("registrants", filter=_ids(webinars_in(y))), 0)
            for y in years
        },
    )

    # 6 and 7. publications: rule 7.
    posts = Publication.objects.order_by().aggregate(
        **{f"posts_{y}": Count("id", filter=_ids(posts_published_in(y))) for y in years}
    )
    solutions = Solution.objects.order_by().aggregate(
        **{f"solutions_{y}": Count("id", filter=_ids(solutions_published_in(y))) for y in years}
    )

    # 8. new partners: rule 8, one query for all the years (UNION of one SELECT per year).
    new_partner_parts = [
        new_partners_in(y)
        .order_by()
        .annotate(year=Value(y, output_field=IntegerField()))
        .values_list("year", "id", "name")
        for y in years
    ]
    new_partner_rows = (
        new_partner_parts[0].union(*new_partner_parts[1:], all=True)
        if len(new_partner_parts) > 1
        else new_partner_parts[0]
    )
    new_partners: dict[int, list[dict]] = {y: [] for y in years}
    for year, body_id, name in new_partner_rows:
        new_partners[year].append({"id": body_id, "name": name})

    result = {}
    for y in years:
        in_started = {t: bodies.get(t, {}).get(f"started_{y}", 0) for t in BODY_TYPES}
        in_active = {t: bodies.get(t, {}).get(f"active_{y}", 0) for t in BODY_TYPES}
        by_sector = sorted(
            (
                {"sector": row["id"], "name": row["name"], "count": row[f"started_{y}"]}
                for row in sector_rows
            ),
            key=lambda item: (-item["count"], item["name"], item["sector"]),
        )
        involved = in_active[BodyType.MUNICIPAL]
        total_municipalities = municipalities[f"total_{y}"]
        partners_new = sorted(new_partners[y], key=lambda item: (item["name"], item["id"]))
        result[y] = {
            "year": y,
            "procurements_started": procurements[f"started_{y}"],
            "procurements_active": procurements[f"active_{y}"],
            "bodies_in_started": {"total": sum(in_started.values()), **in_started},
            "bodies_in_active": {"total": sum(in_active.values()), **in_active},
            "started_by_sector": by_sector,
            "municipal_coverage": {
                "involved": involved,
                "total": total_municipalities,
                "share": _share(involved, total_municipalities),
            },
            "outreach_activities": outreach[f"activities_{y}"],
            "outreach_participants": outreach[f"participants_{y}"],
            "webinars": outreach[f"webinars_{y}"],
            "webinar_registrants": outreach[f"registrants_{y}"],
            "posts_published": posts[f"posts_{y}"],
            "solutions_published": solutions[f"solutions_{y}"],
            "partners_total": sum(bodies.get(t, {}).get(f"partners_{y}", 0) for t in BODY_TYPES),
            "partners_new": len(partners_new),
            "new_partners": partners_new,
        }
    return result


def annual_figures(year: int) -> Figures:
    """The figures of `year` (SPEC sections 2 and 5) in 8 SQL queries, whatever the data size.

    Keys: year, procurements_started, procurements_active, bodies_in_started and
    bodies_in_active ({total, state, county, municipal, other}), started_by_sector
    ([{sector, name, count}], every sector, count descending then name), municipal_coverage
    ({involved, total, share}), outreach_activities, outreach_participants, webinars,
    webinar_registrants, posts_published, solutions_published, partners_total,
    partners_new and new_partners ([{id, name}] by name).
    """
    return _figures_for_years([year])[year]


def first_year_with_data() -> int | None:
    """The earliest year with a dated record, or None when there is none.

    Looks at procurement starts, outreach activities, web posts, solutions and partnership
    starts. One query: a UNION ALL of one MIN() per table.
    """
    dated = [
        (Procurement, "started_on"),
        (OutreachActivity, "date"),
        (Publication, "published_on"),
        (Solution, "published_on"),
        (Partnership, "started_on"),
    ]
    parts = [
        model.objects.order_by().values(earliest=Min(field)).values_list("earliest", flat=True)
        for model, field in dated
    ]
    earliest = [day for day in parts[0].union(*parts[1:], all=True) if day is not None]
    return min(earliest).year if earliest else None


def annual_series(first: int | None = None, last: int | None = None) -> list[Figures]:
    """annual_figures() for every year from `first` to `last`, oldest first.

    `first` defaults to first_year_with_data(), `last` to the current year. [] when there is
    no data (or first > last). 8 queries per YEARS_PER_BATCH years, plus one for the default
    `first`; never a query per record.
    """
    if first is None:
        first = first_year_with_data()
        if first is None:
            return []
    if last is None:
        last = timezone.localdate().year
    series: list[Figures] = []
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
