from rest_framework import serializers

from lup.core.api.base import ConstraintValidationMixin, LookupSerializer
from outreach.models import ActivityKind, OutreachActivity, Publication


class ActivityKindSerializer(LookupSerializer):
    class Meta(LookupSerializer.Meta):
        model = ActivityKind


class OutreachActivitySerializer(ConstraintValidationMixin, serializers.ModelSerializer):
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
    class Meta:
        model = Publication
        fields = ["id", "title", "url", "published_on"]
