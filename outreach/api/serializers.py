from rest_framework import serializers

from outreach.models import ActivityKind, OutreachActivity, Publication
from partners.api.base import ConstraintValidationMixin
from procurements.api.serializers import LOOKUP_FIELDS


class ActivityKindSerializer(serializers.ModelSerializer):
    class Meta:
        model = ActivityKind
        fields = LOOKUP_FIELDS


class OutreachActivitySerializer(ConstraintValidationMixin, serializers.ModelSerializer):
    kind_code = serializers.CharField(source="kind.code", read_only=True)
    kind_name = serializers.CharField(source="kind.name", read_only=True)

    constraint_fields = {
        "outreach_participants_not_negative": "participants",
        "outreach_registrants_not_negative": "registrants",
    }

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
