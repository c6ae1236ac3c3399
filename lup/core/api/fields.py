"""Serializer fields that know no domain."""

from typing import Any

from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from lup.core.dates import FIRST_YEAR, LAST_YEAR, parse_year


@extend_schema_field({"type": "integer", "minimum": FIRST_YEAR, "maximum": LAST_YEAR})
class YearField(serializers.Field):
    """A year, parsed by lup.core.dates.parse_year (ASCII digits, FIRST_YEAR-LAST_YEAR)."""

    def to_internal_value(self, data: Any) -> int:
        try:
            return parse_year(data)
        except ValidationError as exc:
            # parse_year's message has %-style placeholders; DRF's Field.fail() formats with
            # str.format() and would leave "%(first)d" in the text, so pass the formatted one.
            raise serializers.ValidationError(exc.messages, code="invalid_year") from exc

    def to_representation(self, value: Any) -> int:
        return int(value)
