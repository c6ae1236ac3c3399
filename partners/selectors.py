"""Reads for public bodies, code lists and partnerships (partnership counting rules)."""

import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet

from lup.core.dates import Span, span_bounds

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


def new_partnerships_in(year: Span) -> QuerySet[Partnership]:
    """Partnerships started in `year` whose body was not a partner the day before they started.

    "The day before" is reached through the earlier partnership's end: it covered
    started_on - 1 exactly when it ended on or after that day, i.e. ended_on + 1 >= started_on.
    """
    first, last = span_bounds(year)
    partner_the_day_before = Partnership.objects.filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=OuterRef("started_on") - ONE_DAY),
        body_id=OuterRef("body_id"),
        started_on__lt=OuterRef("started_on"),
    )
    return Partnership.objects.filter(started_on__range=(first, last)).exclude(
        Exists(partner_the_day_before)
    )


def new_partners_in(year: Span) -> QuerySet[PublicBody]:
    """Rule 8: distinct bodies that became partners in `year`."""
    return PublicBody.objects.filter(id__in=new_partnerships_in(year).values("body_id"))


def municipalities_valid_on(day: datetime.date) -> QuerySet[Municipality]:
    return Municipality.objects.valid_on(day)


def municipalities_at_end_of(year: Span) -> QuerySet[Municipality]:
    """Rule 5, denominator: the municipalities in the code list on 31 December of `year`."""
    return municipalities_valid_on(span_bounds(year)[1])


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
