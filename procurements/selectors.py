"""Reads for procurements: the counting rules for started and active procurements, bodies
involved in them, and published solutions (SPEC section 4, rules 1-3 and 7).

Every yearly figure and every drill-down filter is built from these querysets, so a rule is
written once.
"""

from django.db.models import F, Q, QuerySet, Value
from django.db.models.functions import Coalesce, Greatest, Least

from lup.core.dates import OPEN_END_YEAR, Span, span_bounds, year_of
from partners.models import BodyType, PublicBody

from .models import Participation, Procurement, Solution


def started_in(year: Span) -> QuerySet[Procurement]:
    """Rule 1: started_on falls in `year` (no started_on: planned, counts nowhere).

    `year` is a year or a lup.core.dates.Period (a year up to a day), as in every rule here.
    """
    return Procurement.objects.filter(started_on__range=span_bounds(year))


def active_in(year: Span) -> QuerySet[Procurement]:
    """Rule 2: started on or before 31.12 and not ended before 1.1 (started ones included)."""
    first, last = span_bounds(year)
    return Procurement.objects.filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=first), started_on__lte=last
    )


def participation_overlaps(year: Span) -> Q:
    """Rule 3: a participation's own period overlaps `year` (open ends count as overlapping)."""
    first, last = span_bounds(year)
    return (Q(joined_on__isnull=True) | Q(joined_on__lte=last)) & (
        Q(left_on__isnull=True) | Q(left_on__gte=first)
    )


def participations_in(procurements: QuerySet[Procurement], year: Span) -> QuerySet[Participation]:
    """Participations in `procurements` whose own period overlaps `year`."""
    return Participation.objects.filter(participation_overlaps(year), procurement__in=procurements)


def bodies_involved(procurements: QuerySet[Procurement], year: Span) -> QuerySet[PublicBody]:
    """Rule 3: distinct public bodies with a participation overlapping `year` in `procurements`."""
    # A subquery on body ids keeps the bodies distinct without DISTINCT over a join.
    return PublicBody.objects.filter(id__in=participations_in(procurements, year).values("body_id"))


def bodies_involved_in_started(year: Span) -> QuerySet[PublicBody]:
    return bodies_involved(started_in(year), year)


def bodies_involved_in_active(year: Span) -> QuerySet[PublicBody]:
    return bodies_involved(active_in(year), year)


def municipalities_involved_in_active(year: Span) -> QuerySet[PublicBody]:
    """Rule 5, numerator: the municipal bodies involved in procurements active in `year`."""
    return bodies_involved_in_active(year).filter(body_type=BodyType.MUNICIPAL)


# The same rules in years, for a series of years counted in one pass (lup/reporting/series.py).
# A whole year's bounds make each date comparison a comparison of years: started_on <= 31.12
# is year(started_on) <= year, ended_on >= 1.1 is year(ended_on) >= year, and the same for a
# participation's joined_on and left_on. tests/reporting/test_series.py checks that the two
# forms agree, year by year.


def active_years() -> QuerySet[Procurement]:
    """Rule 2 in years: each started procurement with `first_year` and `last_year`, the years
    it is active in (OPEN_END_YEAR while it has not ended)."""
    return Procurement.objects.filter(started_on__isnull=False).annotate(
        first_year=year_of("started_on"),
        last_year=Coalesce(year_of("ended_on"), Value(OPEN_END_YEAR)),
    )


def participation_years() -> QuerySet[Participation]:
    """Rule 3 in years: each participation in a started procurement with `joined_year` and
    `left_year` (the years its own period overlaps: 0 and OPEN_END_YEAR for open ends),
    `started_year` and `ended_year` (its procurement's, OPEN_END_YEAR while not ended)."""
    return Participation.objects.filter(procurement__started_on__isnull=False).annotate(
        joined_year=Coalesce(year_of("joined_on"), Value(0)),
        left_year=Coalesce(year_of("left_on"), Value(OPEN_END_YEAR)),
        started_year=year_of("procurement__started_on"),
        ended_year=Coalesce(year_of("procurement__ended_on"), Value(OPEN_END_YEAR)),
    )


def participations_active_years() -> QuerySet[Participation]:
    """Rules 2 and 3 in years: each participation with `first_year` and `last_year`, the years
    its own period overlaps while its procurement is active (none when first > last)."""
    return participation_years().annotate(
        first_year=Greatest(F("joined_year"), F("started_year")),
        last_year=Least(F("left_year"), F("ended_year")),
    )


def participations_started_years() -> QuerySet[Participation]:
    """Rules 1 and 3 in years: the participations whose own period overlaps the year their
    procurement started, with that year as both `first_year` and `last_year`."""
    return (
        participation_years()
        .filter(joined_year__lte=F("started_year"), left_year__gte=F("started_year"))
        .annotate(first_year=F("started_year"), last_year=F("started_year"))
    )


def solutions_published_in(year: Span) -> QuerySet[Solution]:
    """Rule 7: solutions whose published_on falls in `year`."""
    return Solution.objects.filter(published_on__range=span_bounds(year))
