"""Reads for public bodies, code lists and partnerships (partnership counting rules)."""

import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet

from .models import Municipality, Partnership, PublicBody

ONE_DAY = datetime.timedelta(days=1)


def year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    """1 January and 31 December of `year`: the period every yearly rule counts in."""
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def partnerships_covering(day: datetime.date) -> QuerySet[Partnership]:
    """Partnerships in force on `day` (started on or before it, not ended before it)."""
    return Partnership.objects.filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=day), started_on__lte=day
    )


def partners_at(day: datetime.date) -> QuerySet[PublicBody]:
    """Rule 8: distinct bodies with a partnership covering `day`."""
    return PublicBody.objects.filter(id__in=partnerships_covering(day).values("body_id"))


def partners_at_end_of(year: int) -> QuerySet[PublicBody]:
    return partners_at(year_bounds(year)[1])


def new_partnerships_in(year: int) -> QuerySet[Partnership]:
    """Partnerships started in `year` whose body was not a partner the day before they started.

    "The day before" is reached through the earlier partnership's end: it covered
    started_on - 1 exactly when it ended on or after that day, i.e. ended_on + 1 >= started_on.
    """
    first, last = year_bounds(year)
    partner_the_day_before = Partnership.objects.filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=OuterRef("started_on") - ONE_DAY),
        body_id=OuterRef("body_id"),
        started_on__lt=OuterRef("started_on"),
    )
    return Partnership.objects.filter(started_on__range=(first, last)).exclude(
        Exists(partner_the_day_before)
    )


def new_partners_in(year: int) -> QuerySet[PublicBody]:
    """Rule 8: distinct bodies that became partners in `year`."""
    return PublicBody.objects.filter(id__in=new_partnerships_in(year).values("body_id"))


def municipalities_valid_on(day: datetime.date) -> QuerySet[Municipality]:
    return Municipality.objects.valid_on(day)
