from lup.core.api.base import RecordViewSet
from partners.filters import CountyFilter, MunicipalityFilter, PartnershipFilter
from partners.models import County, Municipality, Partnership

from .serializers import CountySerializer, MunicipalitySerializer, PartnershipSerializer


class CountyViewSet(RecordViewSet):
    """Counties in the dated code list (2 digit county number, valid_from / valid_to)."""

    queryset = County.objects.select_related("body")
    serializer_class = CountySerializer
    filterset_class = CountyFilter
    search_fields = ["number", "name"]
    ordering_fields = ["number", "name", "valid_from", "valid_to", "id"]


class MunicipalityViewSet(RecordViewSet):
    """Municipalities in the dated code list (4 digit municipality number)."""

    queryset = Municipality.objects.select_related("county")
    serializer_class = MunicipalitySerializer
    filterset_class = MunicipalityFilter
    search_fields = ["number", "name", "org_number"]
    ordering_fields = ["number", "name", "valid_from", "valid_to", "id"]


class PartnershipViewSet(RecordViewSet):
    """Partnership agreements between public bodies and LUP."""

    queryset = Partnership.objects.select_related("body")
    serializer_class = PartnershipSerializer
    filterset_class = PartnershipFilter
    search_fields = ["body__name", "agreement_reference"]
    ordering_fields = ["started_on", "ended_on", "body__name", "id"]
