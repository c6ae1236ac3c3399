from django.db.models import Prefetch

from partners.api.base import RecordViewSet
from partners.api.views import PublicBodyViewSet as PartnersPublicBodyViewSet
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

LOOKUP_SEARCH = ["code", "name", "name_en"]
LOOKUP_ORDERING = ["position", "name", "code", "id"]


class PublicBodyViewSet(PartnersPublicBodyViewSet):
    """Public bodies, with the filters on involvement in procurements (counting rule 3)."""

    filterset_class = PublicBodyFilter


class SectorViewSet(RecordViewSet):
    """Sectors (fagområder), a lookup table."""

    queryset = Sector.objects.all()
    serializer_class = SectorSerializer
    search_fields = LOOKUP_SEARCH
    ordering_fields = LOOKUP_ORDERING


class ProcedureViewSet(RecordViewSet):
    """Procurement procedures, a lookup table."""

    queryset = Procedure.objects.all()
    serializer_class = ProcedureSerializer
    search_fields = LOOKUP_SEARCH
    ordering_fields = LOOKUP_ORDERING


class PhaseViewSet(RecordViewSet):
    """Phases of LUP's procurement method, a lookup table."""

    queryset = Phase.objects.all()
    serializer_class = PhaseSerializer
    search_fields = LOOKUP_SEARCH
    ordering_fields = LOOKUP_ORDERING


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


class ParticipationViewSet(RecordViewSet):
    """Participations one by one (procurements/ writes a procurement's whole list)."""

    queryset = Participation.objects.select_related("procurement", "body")
    serializer_class = ParticipationSerializer
    filterset_class = ParticipationFilter
    search_fields = ["body__name", "procurement__title"]
    ordering_fields = ["joined_on", "left_on", "role", "body__name", "id"]


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
