from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.fields import empty
from rest_framework.validators import UniqueValidator

from lup.core.api.base import ConstraintValidationMixin
from partners.models import BodyType, County, Municipality, Partnership, PublicBody
from partners.validators import normalize_org_number, validate_org_number


class OrgNumberField(serializers.CharField):
    """An organisation number: spaces and dashes removed ("972 418 013" -> "972418013"),
    checked with python-stdnum (9 digits, mod-11). Empty input becomes `empty_value`."""

    def __init__(self, *, empty_value=None, **kwargs):
        self.empty_value = empty_value
        kwargs.setdefault("required", False)
        kwargs.setdefault("allow_null", empty_value is None)
        kwargs.setdefault("allow_blank", True)
        kwargs["validators"] = [validate_org_number, *kwargs.get("validators", [])]
        super().__init__(**kwargs)

    def run_validation(self, data=empty):
        if isinstance(data, int) and not isinstance(data, bool):
            data = str(data)
        if isinstance(data, str):
            data = normalize_org_number(data)
            if data is None:
                return self.empty_value
        return super().run_validation(data)


class MunicipalityBriefSerializer(serializers.ModelSerializer):
    """A municipality of the code list whose authority a public body is."""

    class Meta:
        model = Municipality
        fields = ["id", "number", "name", "valid_from", "valid_to"]
        read_only_fields = fields


class CountyBriefSerializer(serializers.ModelSerializer):
    """A county of the code list whose authority a public body is."""

    class Meta:
        model = County
        fields = ["id", "number", "name", "valid_from", "valid_to"]
        read_only_fields = fields


class PublicBodySerializer(ConstraintValidationMixin, serializers.ModelSerializer):
    """A public body (offentlig virksomhet): a state body, a county authority, a municipality
    or another public body. `municipalities` and `counties` are the code-list entries whose
    authority it is (a municipality renumbered in 2024 has two)."""

    org_number = OrgNumberField(
        help_text=_("9 digits; spaces are removed. Empty for bodies without one."),
        validators=[
            UniqueValidator(
                queryset=PublicBody.objects.all(),
                message=_("A public body with this organisation number already exists."),
            )
        ],
    )
    municipalities = MunicipalityBriefSerializer(many=True, read_only=True)
    counties = CountyBriefSerializer(many=True, read_only=True)

    class Meta:
        model = PublicBody
        fields = [
            "id",
            "name",
            "org_number",
            "body_type",
            "notes",
            "municipalities",
            "counties",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]


class CountySerializer(ConstraintValidationMixin, serializers.ModelSerializer):
    """A county (fylke) in the dated code list: its 2-digit number, the days it is in force
    (valid_to empty: still in force) and the public body of its county authority."""

    body_name = serializers.CharField(source="body.name", read_only=True, allow_null=True)

    class Meta:
        model = County
        fields = ["id", "number", "name", "valid_from", "valid_to", "body", "body_name"]


class MunicipalitySerializer(ConstraintValidationMixin, serializers.ModelSerializer):
    """A municipality (kommune) in the dated code list: its 4-digit number, its county, the days
    it is in force (valid_to empty: still in force) and the municipality's public body."""

    org_number = OrgNumberField(empty_value="")
    county_number = serializers.CharField(source="county.number", read_only=True)
    county_name = serializers.CharField(source="county.name", read_only=True)

    class Meta:
        model = Municipality
        fields = [
            "id",
            "number",
            "name",
            "county",
            "county_number",
            "county_name",
            "org_number",
            "valid_from",
            "valid_to",
            "body",
        ]


class PartnershipSerializer(ConstraintValidationMixin, serializers.ModelSerializer):
    """A public body's partnership agreement with LUP, in force from started_on to ended_on
    (empty: still in force)."""

    body_name = serializers.CharField(source="body.name", read_only=True)
    body_type = serializers.ChoiceField(
        source="body.body_type", choices=BodyType.choices, read_only=True
    )

    class Meta:
        model = Partnership
        fields = [
            "id",
            "body",
            "body_name",
            "body_type",
            "started_on",
            "ended_on",
            "agreement_reference",
            "notes",
        ]
