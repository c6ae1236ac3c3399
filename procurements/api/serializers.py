from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from lup.core.api.base import ConstraintValidationMixin, LookupSerializer, api_errors
from partners.models import BodyType
from procurements import services
from procurements.models import (
    Participation,
    Phase,
    PhaseChange,
    Procedure,
    Procurement,
    Role,
    Sector,
    Solution,
)
from procurements.selectors import adviser_choices, adviser_label


class SectorSerializer(LookupSerializer):
    """A sector (fagområde) a procurement serves: a value of a lookup table, with its stable
    `code`, Norwegian `name`, English `name_en` and `position` in lists."""

    class Meta(LookupSerializer.Meta):
        model = Sector


class ProcedureSerializer(LookupSerializer):
    """A procurement procedure, e.g. innovasjonspartnerskap: a value of a lookup table, with its
    stable `code`, Norwegian `name`, English `name_en` and `position` in lists."""

    class Meta(LookupSerializer.Meta):
        model = Procedure


class PhaseSerializer(LookupSerializer):
    """A phase of LUP's procurement method, e.g. behovsavklaring: a value of a lookup table, with
    its stable `code`, Norwegian `name`, English `name_en` and `position` in lists."""

    class Meta(LookupSerializer.Meta):
        model = Phase


class ProcurementParticipationSerializer(serializers.ModelSerializer):
    """A public body in the procurement: its role, and the days it took part (joined_on and
    left_on, both optional). Written as {body, role, joined_on, left_on}."""

    body_name = serializers.CharField(source="body.name", read_only=True)
    body_type = serializers.ChoiceField(
        source="body.body_type", choices=BodyType.choices, read_only=True
    )

    class Meta:
        model = Participation
        fields = ["id", "body", "body_name", "body_type", "role", "joined_on", "left_on"]
        read_only_fields = ["id"]

    def get_validators(self):
        # The rules across participations (one lead, each body once) are the service's.
        return []


class AdviserField(serializers.PrimaryKeyRelatedField):
    """A user by id, offered by full name (not user name) in the browsable API's form."""

    def display_value(self, instance):
        return adviser_label(instance)


class ProcurementSerializer(serializers.ModelSerializer):
    """An innovative procurement (innovativ anskaffelse) with its participating public bodies,
    read and written in one request: a write saves the procurement and its participations
    together, or nothing. started_on empty means planned: it counts in no year."""

    sector_name = serializers.CharField(source="sector.name", read_only=True)
    procedure_name = serializers.CharField(source="procedure.name", read_only=True, allow_null=True)
    phase_name = serializers.CharField(source="phase.name", read_only=True, allow_null=True)
    adviser = AdviserField(
        queryset=adviser_choices(),
        allow_null=True,
        required=False,
        help_text="The id of the LUP adviser: an active staff user.",
    )
    adviser_name = serializers.SerializerMethodField(
        help_text="The LUP adviser's full name (or user name); null without an adviser."
    )
    doffin_notice_ids = serializers.ListField(
        child=serializers.CharField(max_length=50), required=False
    )
    participations = ProcurementParticipationSerializer(
        many=True,
        required=False,
        help_text=_(
            "The public bodies in the procurement. When given, they replace the current ones "
            "(an empty list removes all); left out, they stay as they are. With participants, "
            "exactly one has the role lead."
        ),
    )

    class Meta:
        model = Procurement
        fields = [
            "id",
            "title",
            "reference",
            "description",
            "sector",
            "sector_name",
            "procedure",
            "procedure_name",
            "phase",
            "phase_name",
            "started_on",
            "ended_on",
            "outcome",
            "adviser",
            "adviser_name",
            "doffin_procedure_id",
            "doffin_notice_ids",
            "estimated_value_nok",
            "notes",
            "participations",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]

    @extend_schema_field({"type": "string", "nullable": True})
    def get_adviser_name(self, procurement: Procurement) -> str | None:
        adviser = procurement.adviser
        if adviser is None:
            return None
        return adviser_label(adviser)

    def validate_participations(self, rows):
        """Each row names its body, in a PATCH too: a partial write may leave out fields of
        the procurement, but the list it sends replaces the current one, row by row whole.
        (DRF's partial mode would also let `[{}]` through, to fail in the service.)"""
        required = serializers.Field.default_error_messages["required"]
        errors = [{} if "body" in row else {"body": [required]} for row in rows]
        if any(errors):
            raise serializers.ValidationError(errors, code="required")
        return rows

    def _run(self, write, *args, **validated_data):
        try:
            return write(*args, **validated_data)
        except services.InvalidProcurement as exc:
            raise serializers.ValidationError(api_errors(exc.errors)) from exc
        except DjangoValidationError as exc:
            raise serializers.ValidationError(serializers.as_serializer_error(exc)) from exc

    def create(self, validated_data):
        return self._run(services.procurement_create, **validated_data)

    def update(self, instance, validated_data):
        return self._run(services.procurement_update, instance, **validated_data)


class ParticipationSerializer(ConstraintValidationMixin, serializers.ModelSerializer):
    """A public body in a procurement, one at a time: a procurement has at most one lead and
    lists each body once. To write a procurement's whole list (with exactly one lead), send
    `participations` to procurements/."""

    procurement_title = serializers.CharField(source="procurement.title", read_only=True)
    body_name = serializers.CharField(source="body.name", read_only=True)
    body_type = serializers.ChoiceField(
        source="body.body_type", choices=BodyType.choices, read_only=True
    )

    class Meta:
        model = Participation
        fields = [
            "id",
            "procurement",
            "procurement_title",
            "body",
            "body_name",
            "body_type",
            "role",
            "joined_on",
            "left_on",
        ]

    def validate(self, attrs):
        attrs = super().validate(attrs)
        instance = self.instance
        procurement = attrs.get("procurement", getattr(instance, "procurement", None))
        role = attrs.get("role", getattr(instance, "role", None) or Role.PARTICIPANT)
        try:
            services.validate_lead_after(procurement, replacing=instance, role=role)
            if instance is not None and instance.procurement_id != procurement.pk:
                # Moved to another procurement: the one it leaves must keep its lead too.
                services.validate_lead_after(instance.procurement, replacing=instance)
        except DjangoValidationError as exc:
            raise serializers.ValidationError({"role": exc.messages}) from exc
        return attrs


class PhaseChangeSerializer(ConstraintValidationMixin, serializers.ModelSerializer):
    """An entry of a procurement's phase history: it entered `phase` on `changed_on`."""

    phase_name = serializers.CharField(source="phase.name", read_only=True)

    class Meta:
        model = PhaseChange
        fields = ["id", "procurement", "phase", "phase_name", "changed_on", "note"]


class SolutionSerializer(serializers.ModelSerializer):
    """A solution written up on "Finn løsninger", usually the result of a procurement."""

    procurement_title = serializers.CharField(
        source="procurement.title", read_only=True, allow_null=True
    )

    class Meta:
        model = Solution
        fields = [
            "id",
            "name",
            "supplier",
            "procurement",
            "procurement_title",
            "published_on",
            "url",
            "description",
        ]
