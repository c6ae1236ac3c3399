"""Reads for procurements: the counting rules for started and active procurements, bodies
involved in them, and published solutions (SPEC section 4, rules 1-3 and 7).

Every yearly figure and every drill-down filter is built from these querysets, so a rule is
written once.
"""

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from lup.core.dates import Span, span_bounds
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


def solutions_published_in(year: Span) -> QuerySet[Solution]:
    """Rule 7: solutions whose published_on falls in `year`."""
    return Solution.objects.filter(published_on__range=span_bounds(year))


def adviser_choices() -> QuerySet[Any]:
    """The users a procurement's LUP adviser is picked from: the active staff, by name."""
    return (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True)
        .order_by("first_name", "last_name", "username")
    )


def adviser_label(user: Any) -> str:
    """An adviser as lists show them: the full name, the user name only when there is none."""
    return user.get_full_name() or user.get_username()
