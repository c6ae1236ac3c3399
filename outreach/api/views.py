from django.db.models import Prefetch

from lup.core.api.base import LookupViewSet, RecordViewSet
from outreach.filters import OutreachActivityFilter, PublicationFilter
from outreach.models import ActivityKind, OutreachActivity, Publication
from procurements.models import Procurement

from .serializers import ActivityKindSerializer, OutreachActivitySerializer, PublicationSerializer


class ActivityKindViewSet(LookupViewSet):
    """Kinds of outreach activity, a lookup table (code "webinar" counts as webinars)."""

    queryset = ActivityKind.objects.all()
    serializer_class = ActivityKindSerializer


class OutreachActivityViewSet(RecordViewSet):
    """Outreach activities: talks, courses, webinars, conferences, network meetings."""

    queryset = OutreachActivity.objects.select_related("kind").prefetch_related(
        # Only the ids are shown.
        Prefetch("procurements", queryset=Procurement.objects.only("id"))
    )
    serializer_class = OutreachActivitySerializer
    filterset_class = OutreachActivityFilter
    search_fields = ["title", "location", "notes"]
    ordering_fields = ["date", "title", "participants", "registrants", "id"]


class PublicationViewSet(RecordViewSet):
    """Web posts published on LUP's site."""

    queryset = Publication.objects.all()
    serializer_class = PublicationSerializer
    filterset_class = PublicationFilter
    search_fields = ["title", "url"]
    ordering_fields = ["published_on", "title", "id"]
