"""List filters for public bodies, the code lists and partnerships, and the filter types every
app's filters share (years, dates and lookups).

A filter that reproduces a counting rule calls the rule's selector and keeps the rows whose id
is in it, so the rule is written once (in selectors.py) and a list filter always counts what
the annual figures count.
"""

from collections.abc import Callable

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters.constants import EMPTY_VALUES
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from .models import BodyType, County, Municipality, Partnership, PublicBody
from .selectors import (
    municipalities_valid_on,
    new_partners_in,
    new_partnerships_in,
    partners_at_end_of,
    partnerships_covering,
    year_bounds,
)
from .validators import county_number_validator

MIN_YEAR = 1900
MAX_YEAR = 2100


class YearField(forms.IntegerField):
    """A year between 1900 and 2100; anything else is a field error (400 in the API)."""

    def __init__(self, **kwargs):
        message = _("Give a year between %(min)d and %(max)d, for example 2023.") % {
            "min": MIN_YEAR,
            "max": MAX_YEAR,
        }
        kwargs.setdefault(
            "error_messages", {"invalid": message, "min_value": message, "max_value": message}
        )
        super().__init__(min_value=MIN_YEAR, max_value=MAX_YEAR, **kwargs)


class SelectorFilterMixin:
    """Keeps the rows whose id is in `selector(value)`: a filter built on a selector."""

    def __init__(self, *args, selector: Callable[..., QuerySet] | None = None, **kwargs):
        self.selector = selector
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value in EMPTY_VALUES:
            return qs
        if self.selector is not None:
            return qs.filter(pk__in=self.selector(value).values("pk"))
        return super().filter(qs, value)


@extend_schema_field(OpenApiTypes.INT)
class YearFilter(SelectorFilterMixin, django_filters.NumberFilter):
    """A year (1900-2100). With `selector`, the rows the selector gives for that year;
    without, the rows whose `field_name` date falls in the year."""

    field_class = YearField

    def filter(self, qs, value):
        if value in EMPTY_VALUES or self.selector is not None:
            return super().filter(qs, value)
        return qs.filter(**{f"{self.field_name}__range": year_bounds(value)})


class DateSelectorFilter(SelectorFilterMixin, django_filters.DateFilter):
    """A date (YYYY-MM-DD) handed to a selector, e.g. the partnerships covering that day."""


@extend_schema_field(OpenApiTypes.STR)
class LookupFilter(django_filters.CharFilter):
    """A lookup-table value by id or by code: `kind=3` and `kind=webinar` both work."""

    def filter(self, qs, value):
        if value in EMPTY_VALUES:
            return qs
        value = value.strip()
        if value.isdigit():
            return qs.filter(**{f"{self.field_name}_id": int(value)})
        return qs.filter(**{f"{self.field_name}__code": value})


@extend_schema_field(OpenApiTypes.INT)
class IdFilter(django_filters.NumberFilter):
    """A related record by id (a whole number); no query to check that the record exists."""

    field_class = forms.IntegerField


def _county_number_filter(**kwargs) -> django_filters.CharFilter:
    return django_filters.CharFilter(
        validators=[county_number_validator],
        help_text=_("County number, 2 digits, e.g. 46."),
        **kwargs,
    )


class PublicBodyFilter(django_filters.FilterSet):
    """Filters of bodies/ that need only this app; procurements/filters.py adds the rules
    about involvement in procurements."""

    body_type = django_filters.ChoiceFilter(choices=BodyType.choices)
    county = _county_number_filter(
        method="filter_county",
        label=_("county"),
    )
    partner_at_end_of = YearFilter(
        selector=partners_at_end_of,
        help_text=_("Partners at the end of the year (counting rule 8)."),
    )
    new_partner_in = YearFilter(
        selector=new_partners_in,
        help_text=_("Bodies that became partners in the year (counting rule 8)."),
    )

    class Meta:
        model = PublicBody
        fields = ["body_type", "county", "partner_at_end_of", "new_partner_in"]

    def filter_county(self, queryset, name, value):
        """Bodies of the county: its county authority and the municipalities in it."""
        # Subqueries on body ids: a municipality renumbered in 2024 has two rows for one body.
        in_county = Q(
            pk__in=Municipality.objects.filter(county__number=value).values("body_id")
        ) | Q(pk__in=County.objects.filter(number=value).values("body_id"))
        return queryset.filter(in_county)


class CountyFilter(django_filters.FilterSet):
    body = IdFilter()
    valid_on = DateSelectorFilter(
        selector=lambda day: County.objects.valid_on(day),
        help_text=_("Counties in force on this date (YYYY-MM-DD)."),
    )
    county = _county_number_filter(field_name="number")

    class Meta:
        model = County
        fields = ["valid_on", "county", "body"]


class MunicipalityFilter(django_filters.FilterSet):
    body = IdFilter()
    valid_on = DateSelectorFilter(
        selector=municipalities_valid_on,
        help_text=_("Municipalities in force on this date (YYYY-MM-DD)."),
    )
    county = _county_number_filter(field_name="county__number")

    class Meta:
        model = Municipality
        fields = ["valid_on", "county", "body"]


class PartnershipFilter(django_filters.FilterSet):
    body = IdFilter()
    active_on = DateSelectorFilter(
        selector=partnerships_covering,
        help_text=_("Partnerships in force on this date (YYYY-MM-DD)."),
    )
    started_in = YearFilter(field_name="started_on")
    new_in = YearFilter(
        selector=new_partnerships_in,
        help_text=_("Partnerships that made their body a new partner in the year (rule 8)."),
    )
    body_type = django_filters.ChoiceFilter(field_name="body__body_type", choices=BodyType.choices)

    class Meta:
        model = Partnership
        fields = ["body", "active_on", "started_in", "new_in", "body_type"]
