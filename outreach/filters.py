"""List filters for outreach activities and web posts; year filters call the counting-rule
selectors (rules 6 and 7)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from lup.core.filters import IdFilter, LookupFilter, YearFilter

from . import selectors
from .models import OutreachActivity, Publication


class OutreachActivityFilter(django_filters.FilterSet):
    year = YearFilter(
        selector=selectors.activities_in,
        help_text=_("Activities held in the year (counting rule 6)."),
    )
    kind = LookupFilter(help_text=_("Activity kind id or code, e.g. webinar."))
    procurement = IdFilter(
        field_name="procurements", help_text=_("Activities linked to this procurement.")
    )

    class Meta:
        model = OutreachActivity
        fields = ["year", "kind", "procurement"]


class PublicationFilter(django_filters.FilterSet):
    year = YearFilter(
        selector=selectors.posts_published_in,
        help_text=_("Web posts published in the year (counting rule 7)."),
    )

    class Meta:
        model = Publication
        fields = ["year"]
