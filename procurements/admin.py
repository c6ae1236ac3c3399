"""Admin for procurements, the bodies in them, their phase history, solutions and lookups."""

from django.contrib import admin
from django.db import models
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from lup.core.admin import HistoryAdmin, LookupAdmin, YearListFilter, subquery_count
from partners.models import BodyType

from .forms import ParticipationForm, ParticipationInlineFormSet, ProcurementForm
from .models import (
    Participation,
    Phase,
    PhaseChange,
    Procedure,
    Procurement,
    Role,
    Sector,
    Solution,
)
from .selectors import active_in, solutions_published_in, started_in
from .services import record_phase_change

admin.site.register(Sector, LookupAdmin)
admin.site.register(Procedure, LookupAdmin)
admin.site.register(Phase, LookupAdmin)


class StartedInYearFilter(YearListFilter):
    title = _("started in year")
    parameter_name = "started_in"
    year_fields = ("started_on",)

    def select(self, year):
        return started_in(year)


class ActiveInYearFilter(YearListFilter):
    title = _("active in year")
    parameter_name = "active_in"
    year_fields = ("started_on", "ended_on")

    def select(self, year):
        return active_in(year)


class BodyTypeInvolvedFilter(admin.SimpleListFilter):
    title = _("type of body involved")
    parameter_name = "body_type"

    def lookups(self, request, model_admin):
        return BodyType.choices

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        involved = Participation.objects.filter(body__body_type=self.value())
        return queryset.filter(pk__in=involved.values("procurement_id"))


class SolutionPublishedInYearFilter(YearListFilter):
    title = _("published in year")
    parameter_name = "published_in"
    year_fields = ("published_on",)

    def select(self, year):
        return solutions_published_in(year)


class ParticipationInline(admin.TabularInline):
    model = Participation
    formset = ParticipationInlineFormSet
    fields = ["body", "role", "joined_on", "left_on"]
    autocomplete_fields = ["body"]
    extra = 1

    def get_queryset(self, request):
        # Each row shows the participation's name, which reads its body and procurement.
        return super().get_queryset(request).select_related("body", "procurement")


class PhaseChangeInline(admin.TabularInline):
    model = PhaseChange
    fields = ["changed_on", "phase", "note"]
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("procurement", "phase")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "phase":
            # Read the phases once for all rows rather than once per row's select box.
            field.choices = list(iter(field.choices))  # iter(): no COUNT query for len()
        return field


@admin.register(Procurement)
class ProcurementAdmin(HistoryAdmin):
    form = ProcurementForm
    list_display = [
        "title",
        "sector",
        "phase",
        "started_on",
        "ended_on",
        "outcome",
        "lead_name",
        "participant_count",
    ]
    list_filter = [
        StartedInYearFilter,
        ActiveInYearFilter,
        "sector",
        "procedure",
        "phase",
        "outcome",
        BodyTypeInvolvedFilter,
        # The adviser is a filter rather than a column: nine columns beside the two sidebars
        # did not fit at 1440 px.
        ("adviser", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = [
        "title",
        "description",
        "reference",
        "doffin_procedure_id",
        "participations__body__name",
    ]
    date_hierarchy = "started_on"
    autocomplete_fields = ["adviser"]
    list_select_related = ["sector", "phase"]
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "description",
                    "sector",
                    "procedure",
                    ("phase", "phase_changed_on"),
                    "outcome",
                ]
            },
        ),
        (_("Dates"), {"fields": ["started_on", "ended_on"]}),
        (
            _("Follow-up"),
            {
                "fields": [
                    "adviser",
                    "reference",
                    "doffin_procedure_id",
                    "doffin_notice_ids",
                    "estimated_value_nok",
                    "notes",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]
    inlines = [ParticipationInline, PhaseChangeInline]

    def get_queryset(self, request):
        participations = Participation.objects.filter(procurement=OuterRef("pk"))
        return (
            super()
            .get_queryset(request)
            .annotate(
                participant_count=subquery_count(participations),
                lead=Subquery(participations.filter(role=Role.LEAD).values("body__name")[:1]),
            )
        )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # After the phase-history inline is saved: a phase staff dated there is not repeated.
        if "phase" in form.changed_data:
            record_phase_change(form.instance, on=form.phase_change_date())

    @admin.display(description=_("lead"), ordering="lead")
    def lead_name(self, obj: Procurement) -> str | None:
        return obj.lead

    @admin.display(description=_("bodies"), ordering="participant_count")
    def participant_count(self, obj: Procurement) -> int:
        return obj.participant_count


@admin.register(Participation)
class ParticipationAdmin(HistoryAdmin):
    form = ParticipationForm
    list_display = ["procurement", "body", "role", "joined_on", "left_on"]
    list_filter = ["role", "body__body_type"]
    search_fields = ["procurement__title", "body__name", "body__org_number"]
    autocomplete_fields = ["procurement", "body"]
    list_select_related = ["procurement", "body"]

    def get_queryset(self, request):
        # The change page's title is the participation's name: body and procurement.
        return super().get_queryset(request).select_related("procurement", "body")

    def get_actions(self, request):
        # Deleting in bulk could take a procurement's lead away; staff edit the bodies of a
        # procurement on its own page, where the one-lead rule is checked.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.role == Role.LEAD:
            others = Participation.objects.filter(procurement_id=obj.procurement_id)
            if others.exclude(pk=obj.pk).exists():
                return False
        return super().has_delete_permission(request, obj)


@admin.register(PhaseChange)
class PhaseChangeAdmin(HistoryAdmin):
    list_display = ["procurement", "phase", "changed_on", "note"]
    list_filter = ["phase"]
    search_fields = ["procurement__title", "note"]
    date_hierarchy = "changed_on"
    autocomplete_fields = ["procurement"]
    list_select_related = ["procurement", "phase"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("procurement", "phase")


@admin.register(Solution)
class SolutionAdmin(HistoryAdmin):
    list_display = ["name", "supplier", "procurement", "published_on"]
    list_filter = [SolutionPublishedInYearFilter]
    search_fields = ["name", "supplier", "procurement__title"]
    date_hierarchy = "published_on"
    autocomplete_fields = ["procurement"]
    list_select_related = ["procurement"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
