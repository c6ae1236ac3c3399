from rest_framework import serializers

from lup.core.api.base import ConstraintValidationMixin, LookupSerializer
from outreach.models import ActivityKind, OutreachActivity, Publication


class ActivityKindSerializer(LookupSerializer):
    """A kind of outreach activity (code webinar: counted as webinars): a value of a lookup
    table, with its stable `code`, Norwegian `name`, English `name_en` and `position`."""

    class Meta(LookupSerializer.Meta):
        model = ActivityKind


class OutreachActivitySerializer(ConstraintValidationMixin, serializers.ModelSerializer):
    """An outreach activity (formidlingsaktivitet): a talk, course, webinar, conference or
    network meeting on a day, with its participants (and registrants, for webinars) and the
    procurements it was about."""

    kind_code = serializers.CharField(source="kind.code", read_only=True)
    kind_name = serializers.CharField(source="kind.name", read_only=True)

    class Meta:
        model = OutreachActivity
        fields = [
            "id",
            "date",
            "title",
            "kind",
            "kind_code",
            "kind_name",
            "participants",
            "registrants",
            "location",
            "procurements",
            "notes",
        ]


class PublicationSerializer(serializers.ModelSerializer):
    """A web post published on LUP's site."""

    class Meta:
        model = Publication
        fields = ["id", "title", "url", "published_on"]
