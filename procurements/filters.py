"""List filters for procurements, their participations and phases, solutions, and the body
filters that need the procurement rules. Year filters call the counting-rule selectors."""

import django_filters
from django.utils.translation import gettext_lazy as _

from lup.core.filters import IdFilter, LookupFilter, YearFilter
from partners import filters as partner_filters
from partners.models import BodyType

from . import selectors
from .models import Outcome, Participation, PhaseChange, Procurement, Role, Solution


class ProcurementFilter(django_filters.FilterSet):
    started_in = YearFilter(
        selector=selectors.started_in,
        help_text=_("Procurements started in the year (counting rule 1)."),
    )
    active_in = YearFilter(
        selector=selectors.active_in,
        help_text=_("Procurements active at some time in the year (counting rule 2)."),
    )
    sector = LookupFilter(help_text=_("Sector id or code."))
    procedure = LookupFilter(help_text=_("Procedure id or code."))
    phase = LookupFilter(help_text=_("Current phase id or code."))
    outcome = django_filters.ChoiceFilter(
        choices=Outcome.choices, help_text=_("Procurements with this outcome.")
    )
    body = IdFilter(method="filter_body", help_text=_("Procurements this body takes part in."))
    body_type = django_filters.ChoiceFilter(
        choices=BodyType.choices,
        method="filter_body_type",
        help_text=_("Procurements with at least one body of this type."),
    )
    adviser = IdFilter(help_text=_("Procurements this LUP adviser (a user id) is responsible for."))

    class Meta:
        model = Procurement
        fields = [
            "started_in",
            "active_in",
            "sector",
            "procedure",
            "phase",
            "outcome",
            "body",
            "body_type",
            "adviser",
        ]

    # Subqueries on procurement ids: a join through participations would repeat a procurement
    # once per matching body.
    def filter_body(self, queryset, name, value):
        return queryset.filter(
            pk__in=Participation.objects.filter(body_id=value).values("procurement_id")
        )

    def filter_body_type(self, queryset, name, value):
        return queryset.filter(
            pk__in=Participation.objects.filter(body__body_type=value).values("procurement_id")
        )


class PublicBodyFilter(partner_filters.PublicBodyFilter):
    """The filters of bodies/: those of partners/filters.py and involvement in procurements."""

    involved_in = YearFilter(
        selector=selectors.bodies_involved_in_active,
        help_text=_("Bodies involved in procurements active in the year (counting rules 2 and 3)."),
    )
    involved_in_started = YearFilter(
        selector=selectors.bodies_involved_in_started,
        help_text=_(
            "Bodies involved in procurements started in the year (counting rules 1 and 3)."
        ),
    )
    procurement = IdFilter(
        method="filter_procurement", help_text=_("Bodies taking part in this procurement.")
    )

    class Meta(partner_filters.PublicBodyFilter.Meta):
        fields = [
            *partner_filters.PublicBodyFilter.Meta.fields,
            "involved_in",
            "involved_in_started",
            "procurement",
        ]

    def filter_procurement(self, queryset, name, value):
        return queryset.filter(
            pk__in=Participation.objects.filter(procurement_id=value).values("body_id")
        )


class ParticipationFilter(django_filters.FilterSet):
    procurement = IdFilter(help_text=_("Participations in this procurement."))
    body = IdFilter(help_text=_("Participations of this public body."))
    role = django_filters.ChoiceFilter(
        choices=Role.choices, help_text=_("Participations with this role.")
    )
    body_type = django_filters.ChoiceFilter(
        field_name="body__body_type",
        choices=BodyType.choices,
        help_text=_("Participations of bodies of this type."),
    )
    year = YearFilter(
        method="filter_year",
        help_text=_("Participations whose own period overlaps the year (counting rule 3)."),
    )

    class Meta:
        model = Participation
        fields = ["procurement", "body", "role", "body_type", "year"]

    def filter_year(self, queryset, name, value):
        return queryset.filter(selectors.participation_overlaps(value))


class PhaseChangeFilter(django_filters.FilterSet):
    procurement = IdFilter(help_text=_("The phase history of this procurement."))
    phase = LookupFilter(help_text=_("Phase id or code."))
    year = YearFilter(field_name="changed_on", help_text=_("Phase changes dated in the year."))

    class Meta:
        model = PhaseChange
        fields = ["procurement", "phase", "year"]


class SolutionFilter(django_filters.FilterSet):
    year = YearFilter(
        selector=selectors.solutions_published_in,
        help_text=_("Solutions published in the year (counting rule 7)."),
    )
    procurement = IdFilter(help_text=_("Solutions that came from this procurement."))

    class Meta:
        model = Solution
        fields = ["year", "procurement"]
