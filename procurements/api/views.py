from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import PermissionDenied

from lup.core.api.base import Conflict, LookupViewSet, RecordViewSet
from partners.api.serializers import PublicBodySerializer
from partners.models import PublicBody
from procurements import services
from procurements.filters import (
    ParticipationFilter,
    PhaseChangeFilter,
    ProcurementFilter,
    PublicBodyFilter,
    SolutionFilter,
)
from procurements.models import (
    Participation,
    Phase,
    PhaseChange,
    Procedure,
    Procurement,
    Sector,
    Solution,
)

from .serializers import (
    ParticipationSerializer,
    PhaseChangeSerializer,
    PhaseSerializer,
    ProcedureSerializer,
    ProcurementSerializer,
    SectorSerializer,
    SolutionSerializer,
)


class PublicBodyViewSet(RecordViewSet):
    """Public bodies, with the filters on their partnerships (counting rule 8) and on their
    involvement in procurements (counting rules 1-3)."""

    queryset = PublicBody.objects.prefetch_related("municipalities", "counties")
    serializer_class = PublicBodySerializer
    filterset_class = PublicBodyFilter
    search_fields = ["name", "org_number"]
    ordering_fields = ["name", "org_number", "body_type", "id", "created_at", "updated_at"]


class SectorViewSet(LookupViewSet):
    """Sectors (fagområder), a lookup table."""

    queryset = Sector.objects.all()
    serializer_class = SectorSerializer


class ProcedureViewSet(LookupViewSet):
    """Procurement procedures, a lookup table."""

    queryset = Procedure.objects.all()
    serializer_class = ProcedureSerializer


class PhaseViewSet(LookupViewSet):
    """Phases of LUP's procurement method, a lookup table."""

    queryset = Phase.objects.all()
    serializer_class = PhaseSerializer


class ProcurementViewSet(RecordViewSet):
    """Innovative procurements with their participating bodies.

    POST, PUT and PATCH take the participations in the same request
    (`"participations": [{"body": 1, "role": "lead"}, ...]`) and save all or nothing.
    """

    queryset = Procurement.objects.select_related(
        "sector", "procedure", "phase", "adviser"
    ).prefetch_related(
        Prefetch("participations", queryset=Participation.objects.select_related("body"))
    )
    serializer_class = ProcurementSerializer
    filterset_class = ProcurementFilter
    search_fields = ["title", "description"]
    ordering_fields = [
        "started_on",
        "ended_on",
        "title",
        "outcome",
        "estimated_value_nok",
        "created_at",
        "updated_at",
        "id",
    ]

    def perform_create(self, serializer):
        self.check_participation_permissions(None, serializer.validated_data)
        super().perform_create(serializer)

    def perform_update(self, serializer):
        self.check_participation_permissions(serializer.instance, serializer.validated_data)
        super().perform_update(serializer)

    def check_participation_permissions(self, procurement, validated_data) -> None:
        """A nested write of the participations needs the Participation model's own add,
        change and delete permissions for what it adds, changes and removes, as the admin's
        inline does: 403 and nothing saved otherwise."""
        rows = validated_data.get("participations")
        if rows is None:
            return
        added, changed, removed = services.participation_changes(procurement, rows)
        user = self.request.user
        actions = {
            "add": _("add participations"),
            "change": _("change participations"),
            "delete": _("delete participations"),
        }
        missing = [
            str(actions[action])
            for action, bodies in (("add", added), ("change", changed), ("delete", removed))
            if bodies and not user.has_perm(f"procurements.{action}_participation")
        ]
        if missing:
            raise PermissionDenied(
                _("You do not have permission to %(actions)s.") % {"actions": ", ".join(missing)}
            )


class ParticipationViewSet(RecordViewSet):
    """Participations one by one (procurements/ writes a procurement's whole list). A write
    or delete here must leave the procurement with exactly one lead, or no participations:
    to move the lead to another body, send the whole list to procurements/."""

    queryset = Participation.objects.select_related("procurement", "body")
    serializer_class = ParticipationSerializer
    filterset_class = ParticipationFilter
    search_fields = ["body__name", "procurement__title"]
    ordering_fields = ["joined_on", "left_on", "role", "body__name", "id"]

    def perform_destroy(self, instance):
        try:
            services.validate_lead_after(instance.procurement, replacing=instance)
        except DjangoValidationError as exc:
            # 409: the request is fine, the records as they are forbid it.
            raise Conflict(" ".join(exc.messages)) from exc
        super().perform_destroy(instance)


class PhaseChangeViewSet(RecordViewSet):
    """The dated phase history of procurements."""

    queryset = PhaseChange.objects.select_related("phase")
    serializer_class = PhaseChangeSerializer
    filterset_class = PhaseChangeFilter
    ordering_fields = ["changed_on", "id"]


class SolutionViewSet(RecordViewSet):
    """Solutions written up on "Finn løsninger"."""

    queryset = Solution.objects.select_related("procurement")
    serializer_class = SolutionSerializer
    filterset_class = SolutionFilter
    search_fields = ["name", "supplier", "description"]
    ordering_fields = ["published_on", "name", "id"]
