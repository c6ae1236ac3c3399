"""Admin for outreach activities, their kinds, and web posts."""

from django.contrib import admin
from django.db import models
from django.db.models import OuterRef
from django.utils.translation import gettext_lazy as _

from lup.core.admin import HistoryAdmin, LookupAdmin, YearListFilter, subquery_count

from .models import PROTECTED_KIND_CODES, ActivityKind, OutreachActivity, Publication
from .selectors import activities_in, posts_published_in


@admin.register(ActivityKind)
class ActivityKindAdmin(LookupAdmin):
    """Kinds of activity. The webinar kind's code is what the webinar figures count by
    (PROTECTED_KIND_CODES): staff may rename it, not recode or delete it."""

    usage_relation = "activities"

    @staticmethod
    def is_protected(obj) -> bool:
        return obj is not None and obj.code in PROTECTED_KIND_CODES

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return [*fields, "code"] if self.is_protected(obj) else fields

    def get_prepopulated_fields(self, request, obj=None):
        return {} if self.is_protected(obj) else super().get_prepopulated_fields(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self.is_protected(obj) and super().has_delete_permission(request, obj)


class ActivityInYearFilter(YearListFilter):
    title = _("year")
    parameter_name = "year"
    year_fields = ("date",)

    def select(self, year):
        return activities_in(year)


class PublishedInYearFilter(YearListFilter):
    title = _("published in year")
    parameter_name = "year"
    year_fields = ("published_on",)

    def select(self, year):
        return posts_published_in(year)


@admin.register(OutreachActivity)
class OutreachActivityAdmin(HistoryAdmin):
    list_display = [
        "date",
        "title",
        "kind",
        "participants",
        "registrants",
        "location",
        "procurement_count",
    ]
    list_filter = [ActivityInYearFilter, "kind"]
    search_fields = ["title", "location", "notes"]
    date_hierarchy = "date"
    autocomplete_fields = ["procurements"]
    list_select_related = ["kind"]

    def get_queryset(self, request):
        related = OutreachActivity.procurements.through.objects.filter(
            outreachactivity=OuterRef("pk")
        )
        return super().get_queryset(request).annotate(procurement_count=subquery_count(related))

    @admin.display(description=_("procurements"), ordering="procurement_count")
    def procurement_count(self, obj: OutreachActivity) -> int:
        return obj.procurement_count


@admin.register(Publication)
class PublicationAdmin(HistoryAdmin):
    list_display = ["title", "published_on", "url"]
    list_filter = [PublishedInYearFilter]
    search_fields = ["title", "url"]
    date_hierarchy = "published_on"
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
