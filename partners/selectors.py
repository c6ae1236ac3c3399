"""Reads for public bodies, code lists and partnerships (partnership counting rules)."""

import datetime

from django.db.models import Case, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce

from lup.core.dates import OPEN_END_YEAR, Span, span_bounds, year_of

from .models import County, Municipality, Partnership, PublicBody

ONE_DAY = datetime.timedelta(days=1)


def partnerships_covering(day: datetime.date) -> QuerySet[Partnership]:
    """Partnerships in force on `day` (started on or before it, not ended before it)."""
    return Partnership.objects.filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=day), started_on__lte=day
    )


def partners_at(day: datetime.date) -> QuerySet[PublicBody]:
    """Rule 8: distinct bodies with a partnership covering `day`."""
    return PublicBody.objects.filter(id__in=partnerships_covering(day).values("body_id"))


def partners_at_end_of(year: Span) -> QuerySet[PublicBody]:
    """Rule 8: the partners on 31 December of `year` (or on a Period's last day)."""
    return partners_at(span_bounds(year)[1])


def new_partnerships() -> QuerySet[Partnership]:
    """Partnerships whose body was not a partner the day before they started (rule 8, "new").

    "The day before" is reached through the earlier partnership's end: it covered
    started_on - 1 exactly when it ended on or after that day, i.e. ended_on + 1 >= started_on.
    """
    partner_the_day_before = Partnership.objects.filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=OuterRef("started_on") - ONE_DAY),
        body_id=OuterRef("body_id"),
        started_on__lt=OuterRef("started_on"),
    )
    return Partnership.objects.exclude(Exists(partner_the_day_before))


def new_partnerships_in(year: Span) -> QuerySet[Partnership]:
    """Partnerships started in `year` whose body was not a partner the day before they started."""
    return new_partnerships().filter(started_on__range=span_bounds(year))


def new_partners_in(year: Span) -> QuerySet[PublicBody]:
    """Rule 8: distinct bodies that became partners in `year`."""
    return PublicBody.objects.filter(id__in=new_partnerships_in(year).values("body_id"))


def municipalities_valid_on(day: datetime.date) -> QuerySet[Municipality]:
    return Municipality.objects.valid_on(day)


def municipalities_at_end_of(year: Span) -> QuerySet[Municipality]:
    """Rule 5, denominator: the municipalities in the code list on 31 December of `year`."""
    return municipalities_valid_on(span_bounds(year)[1])


# Rules 5 and 8 in years, for a series counted in one pass (lup/reporting/series.py): a row in
# force on 31 December of `year` (started or valid from on or before it, not ended before it)
# has year(start) <= year, and year <= year(end) when the end is a 31 December, year(end) - 1
# otherwise. tests/reporting/test_series.py checks that the two forms agree, year by year.


def _years_in_force_on_31_december(start: str, end: str) -> dict:
    ends_on_31_december = Q(**{f"{end}__month": 12, f"{end}__day": 31})
    last = year_of(end) - Case(
        When(ends_on_31_december, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return {
        "first_year": year_of(start),
        "last_year": Coalesce(last, Value(OPEN_END_YEAR)),
    }


def partnership_years() -> QuerySet[Partnership]:
    """Rule 8 in years: each partnership with `first_year` and `last_year`, the years on whose
    31 December it is in force (none when first_year > last_year)."""
    return Partnership.objects.annotate(**_years_in_force_on_31_december("started_on", "ended_on"))


def municipality_years() -> QuerySet[Municipality]:
    """Rule 5's denominator in years: each municipality code with `first_year` and `last_year`,
    the years on whose 31 December it is in the code list."""
    return Municipality.objects.annotate(**_years_in_force_on_31_december("valid_from", "valid_to"))


def bodies_of_county(number: str, on: datetime.date | None = None) -> QuerySet[PublicBody]:
    """The bodies of county `number`: its county authority and its municipalities' bodies.

    With `on`, only the codes valid on that day count (the county map of that day); without,
    a code of any period does. Subqueries on body ids, because a municipality renumbered in
    2024 has two code rows for one body.
    """
    counties = County.objects.filter(number=number)
    municipalities = Municipality.objects.filter(county__number=number)
    if on is not None:
        counties = counties.valid_on(on)
        municipalities = municipalities.valid_on(on)
    return PublicBody.objects.filter(
        Q(id__in=municipalities.values("body_id")) | Q(id__in=counties.values("body_id"))
    )
