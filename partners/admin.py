"""Admin for public bodies, the dated municipality and county code lists, and partnerships.

Counts in the lists come from get_queryset annotations, so a changelist takes the same number
of queries whatever the number of rows. Year filters delegate to the counting-rule selectors.
"""

from django.contrib import admin
from django.db.models import Count, Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lup.core.admin import HistoryAdmin, ReadOnlyInline, YearListFilter, changelist_link
from lup.core.dates import year_bounds

from .forms import MunicipalityForm, PublicBodyForm
from .models import County, Municipality, Partnership, PublicBody
from .selectors import (
    bodies_of_county,
    municipalities_valid_on,
    new_partnerships_in,
    partners_at_end_of,
    partnerships_covering,
)


class CountyNumberFilter(admin.SimpleListFilter):
    """Filter by county number across both maps (a number keeps its newest name)."""

    title = _("county")
    parameter_name = "county"

    def lookups(self, request, model_admin):
        newest_name: dict[str, str] = {}
        for number, name in County.objects.order_by("number", "-valid_from").values_list(
            "number", "name"
        ):
            newest_name.setdefault(number, name)
        return [(number, f"{number} {name}") for number, name in newest_name.items()]

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        return self.filter_county(queryset, self.value())

    def filter_county(self, queryset: QuerySet, number: str) -> QuerySet:
        raise NotImplementedError


class BodyCountyFilter(CountyNumberFilter):
    def filter_county(self, queryset, number):
        return queryset.filter(pk__in=bodies_of_county(number).values("pk"))


class MunicipalityCountyFilter(CountyNumberFilter):
    def filter_county(self, queryset, number):
        return queryset.filter(county__number=number)


class PartnerAtEndOfYearFilter(YearListFilter):
    title = _("partner at end of year")
    parameter_name = "partner_at_end_of"
    year_model = Partnership
    year_fields = ("started_on", "ended_on")

    def select(self, year):
        return partners_at_end_of(year)


class PartnershipInForceAtEndOfYearFilter(YearListFilter):
    title = _("in force at end of year")
    parameter_name = "in_force_at_end_of"
    year_fields = ("started_on", "ended_on")

    def select(self, year):
        return partnerships_covering(year_bounds(year)[1])


class NewPartnershipInYearFilter(YearListFilter):
    title = _("new partner in year")
    parameter_name = "new_in"
    year_fields = ("started_on",)

    def select(self, year):
        return new_partnerships_in(year)


class ActiveNowFilter(admin.SimpleListFilter):
    title = _("active now")
    parameter_name = "active_now"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        active = partnerships_covering(timezone.localdate()).values("pk")
        if self.value() == "yes":
            return queryset.filter(pk__in=active)
        if self.value() == "no":
            return queryset.exclude(pk__in=active)
        return queryset


class MunicipalityValidAtEndOfYearFilter(YearListFilter):
    title = _("valid at end of year")
    parameter_name = "valid_at_end_of"
    year_fields = ("valid_from", "valid_to")

    def select(self, year):
        return municipalities_valid_on(year_bounds(year)[1])


class CountyValidAtEndOfYearFilter(MunicipalityValidAtEndOfYearFilter):
    def select(self, year):
        return County.objects.valid_on(year_bounds(year)[1])


class MunicipalityInline(ReadOnlyInline):
    model = Municipality
    fields = ["number", "name", "county", "valid_from", "valid_to"]
    verbose_name = _("municipality code")
    verbose_name_plural = _("municipality codes")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("county")


class CountyInline(ReadOnlyInline):
    model = County
    fields = ["number", "name", "valid_from", "valid_to"]
    verbose_name = _("county authority for")
    verbose_name_plural = _("county authority for")


class PartnershipInline(admin.TabularInline):
    model = Partnership
    fields = ["started_on", "ended_on", "agreement_reference"]
    extra = 0

    def get_queryset(self, request):
        # Each row shows the partnership's name, which reads its body.
        return super().get_queryset(request).select_related("body")


@admin.register(PublicBody)
class PublicBodyAdmin(HistoryAdmin):
    form = PublicBodyForm
    list_display = ["name", "org_number", "body_type", "procurement_count", "is_partner_now"]
    list_filter = ["body_type", BodyCountyFilter, PartnerAtEndOfYearFilter]
    search_fields = ["name", "org_number"]
    readonly_fields = ["created_at", "updated_at"]
    fields = ["name", "org_number", "body_type", "notes", "created_at", "updated_at"]
    inlines = [PartnershipInline, MunicipalityInline, CountyInline]

    def get_inlines(self, request, obj):
        # A body being added has no codes yet; the code-list inlines only show existing links.
        return self.inlines if obj is not None else [PartnershipInline]

    def get_queryset(self, request):
        today = timezone.localdate()
        return (
            super()
            .get_queryset(request)
            .annotate(
                # One participation per (procurement, body), so this counts procurements.
                procurement_count=Count("participations"),
                partner_now=Exists(partnerships_covering(today).filter(body=OuterRef("pk"))),
            )
        )

    def get_search_results(self, request, queryset, search_term):
        # "972 418 013" is one organisation number, not three search words.
        compact = search_term.replace(" ", "")
        if len(compact) == 9 and compact.isdigit():
            return queryset.filter(org_number=compact), False
        return super().get_search_results(request, queryset, search_term)

    @admin.display(description=_("procurements"), ordering="procurement_count")
    def procurement_count(self, obj: PublicBody) -> str:
        return changelist_link(
            "procurements.procurement", obj.procurement_count, bodies__id__exact=obj.pk
        )

    @admin.display(description=_("partner now"), boolean=True, ordering="partner_now")
    def is_partner_now(self, obj: PublicBody) -> bool:
        return obj.partner_now


@admin.register(County)
class CountyAdmin(HistoryAdmin):
    list_display = ["number", "name", "valid_from", "valid_to", "body", "municipality_count"]
    list_filter = [CountyValidAtEndOfYearFilter]
    search_fields = ["number", "name"]
    autocomplete_fields = ["body"]
    list_select_related = ["body"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(municipality_count=Count("municipalities"))

    @admin.display(description=_("municipalities"), ordering="municipality_count")
    def municipality_count(self, obj: County) -> str:
        return changelist_link(
            "partners.municipality", obj.municipality_count, county__id__exact=obj.pk
        )


@admin.register(Municipality)
class MunicipalityAdmin(HistoryAdmin):
    form = MunicipalityForm
    list_display = ["number", "name", "county", "valid_from", "valid_to", "body", "org_number"]
    list_filter = [MunicipalityCountyFilter, MunicipalityValidAtEndOfYearFilter]
    search_fields = ["number", "name", "org_number"]
    autocomplete_fields = ["county", "body"]
    list_select_related = ["county", "body"]


@admin.register(Partnership)
class PartnershipAdmin(HistoryAdmin):
    list_display = ["body", "started_on", "ended_on", "agreement_reference", "is_active_now"]
    list_filter = [
        ActiveNowFilter,
        PartnershipInForceAtEndOfYearFilter,
        NewPartnershipInYearFilter,
        "body__body_type",
    ]
    search_fields = ["body__name", "body__org_number", "agreement_reference"]
    date_hierarchy = "started_on"
    autocomplete_fields = ["body"]
    list_select_related = ["body"]

    def get_queryset(self, request):
        today = timezone.localdate()
        return (
            super()
            .get_queryset(request)
            .select_related("body")  # the partnership's name, on its change page too
            .annotate(
                active_now=Exists(partnerships_covering(today).filter(pk=OuterRef("pk"))),
            )
        )

    @admin.display(description=_("active now"), boolean=True, ordering="active_now")
    def is_active_now(self, obj: Partnership) -> bool:
        return obj.active_now
