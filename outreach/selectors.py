"""Reads for outreach: counting rules 6 (activities, webinars) and 7 (web posts)."""

from django.db.models import QuerySet

from lup.core.dates import Span, span_bounds

from .models import WEBINAR, OutreachActivity, Publication


def activities_in(year: Span) -> QuerySet[OutreachActivity]:
    """Rule 6: activities dated in `year`."""
    return OutreachActivity.objects.filter(date__range=span_bounds(year))


def webinars_in(year: Span) -> QuerySet[OutreachActivity]:
    """Rule 6: activities in `year` of the kind with code "webinar"."""
    return activities_in(year).filter(kind__code=WEBINAR)


def posts_published_in(year: Span) -> QuerySet[Publication]:
    """Rule 7: web posts published in `year`."""
    return Publication.objects.filter(published_on__range=span_bounds(year))
