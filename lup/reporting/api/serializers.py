"""The response shape of the annual figures, built from the registry (lup.reporting.registry).

The fields follow registry.AnnualFigures, in its order; each field's description is its
registry entry's. The serializers describe the response for the OpenAPI schema and hold no
rule.
"""

from typing import Any, get_args, get_origin

from django.utils import translation
from rest_framework import serializers

from lup.reporting import registry


class BodyTypeCountsSerializer(serializers.Serializer):
    total = serializers.IntegerField(
        help_text="Distinct public bodies (the sum of the four types)."
    )
    state = serializers.IntegerField()
    county = serializers.IntegerField()
    municipal = serializers.IntegerField()
    other = serializers.IntegerField()


class SectorCountSerializer(serializers.Serializer):
    sector = serializers.IntegerField(help_text="Sector id (see /api/v1/sectors/).")
    name = serializers.CharField()
    count = serializers.IntegerField(help_text="Procurements started in the year in this sector.")


class NewPartnerSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="Public body id (see /api/v1/bodies/).")
    name = serializers.CharField()


def _help_text(key: str) -> str | None:
    entry = registry.BY_KEY.get(key)
    if entry is None:
        return None
    # The schema is in English whatever the language of the request.
    with translation.override("en"):
        return str(entry.description)


def _field(key: str, annotation: Any) -> serializers.Field:
    help_text = _help_text(key)
    if annotation is int:
        return serializers.IntegerField(help_text=help_text)
    if annotation is float:
        return serializers.FloatField(min_value=0, max_value=1, help_text=help_text)
    if annotation is registry.BodyTypeCounts:
        return BodyTypeCountsSerializer(help_text=help_text)
    if get_origin(annotation) is list:
        (item,) = get_args(annotation)
        return ITEM_SERIALIZERS[item](many=True, help_text=help_text)
    return _nested(key, annotation)(help_text=help_text)


def _nested(prefix: str, shape: Any) -> type[serializers.Serializer]:
    """A serializer class named after the TypedDict `shape`, one field per key."""
    fields = {
        name: _field(f"{prefix}.{name}" if prefix else name, annotation)
        for name, annotation in shape.__annotations__.items()
    }
    fields["__doc__"] = shape.__doc__
    return type(f"{shape.__name__}Serializer", (serializers.Serializer,), fields)


ITEM_SERIALIZERS = {
    registry.SectorCount: SectorCountSerializer,
    registry.NewPartner: NewPartnerSerializer,
}

MunicipalCoverageSerializer = _nested("municipal_coverage", registry.MunicipalCoverage)
AnnualFiguresSerializer = _nested("", registry.AnnualFigures)
