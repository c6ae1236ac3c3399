"""List filters for public bodies, the code lists and partnerships.

Year filters call the counting-rule selectors (lup.core.filters), so a list filter counts
exactly what the annual figures count.
"""

import django_filters
from django.utils.translation import gettext_lazy as _

from lup.core.filters import DateSelectorFilter, IdFilter, YearFilter

from .models import BodyType, County, Municipality, Partnership, PublicBody
from .selectors import (
    bodies_of_county,
    municipalities_valid_on,
    new_partners_in,
    new_partnerships_in,
    partners_at_end_of,
    partnerships_covering,
)
from .validators import county_number_validator


def _county_number_filter(**kwargs) -> django_filters.CharFilter:
    return django_filters.CharFilter(
        validators=[county_number_validator],
        help_text=_("County number, 2 digits, e.g. 46."),
        **kwargs,
    )


class PublicBodyFilter(django_filters.FilterSet):
    """The filters of bodies/ that need only this app; procurements/filters.py adds the rules
    about involvement in procurements."""

    body_type = django_filters.ChoiceFilter(
        choices=BodyType.choices, help_text=_("Bodies of this type.")
    )
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
        return queryset.filter(pk__in=bodies_of_county(value).values("pk"))


class CountyFilter(django_filters.FilterSet):
    body = IdFilter(help_text=_("The county whose county authority is this public body."))
    valid_on = DateSelectorFilter(
        selector=lambda day: County.objects.valid_on(day),
        help_text=_("Counties in force on this date (YYYY-MM-DD)."),
    )
    county = _county_number_filter(field_name="number")

    class Meta:
        model = County
        fields = ["valid_on", "county", "body"]


class MunicipalityFilter(django_filters.FilterSet):
    body = IdFilter(help_text=_("The municipality whose authority is this public body."))
    valid_on = DateSelectorFilter(
        selector=municipalities_valid_on,
        help_text=_("Municipalities in force on this date (YYYY-MM-DD)."),
    )
    county = _county_number_filter(field_name="county__number")

    class Meta:
        model = Municipality
        fields = ["valid_on", "county", "body"]


class PartnershipFilter(django_filters.FilterSet):
    body = IdFilter(help_text=_("Partnerships of this public body."))
    active_on = DateSelectorFilter(
        selector=partnerships_covering,
        help_text=_("Partnerships in force on this date (YYYY-MM-DD)."),
    )
    started_in = YearFilter(
        field_name="started_on", help_text=_("Partnerships that started in the year.")
    )
    new_in = YearFilter(
        selector=new_partnerships_in,
        help_text=_("Partnerships that made their body a new partner in the year (rule 8)."),
    )
    body_type = django_filters.ChoiceFilter(
        field_name="body__body_type",
        choices=BodyType.choices,
        help_text=_("Partnerships of bodies of this type."),
    )

    class Meta:
        model = Partnership
        fields = ["body", "active_on", "started_in", "new_in", "body_type"]
