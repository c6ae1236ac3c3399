"""Serializer fields that know no domain."""

from typing import Any

from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from lup.core.dates import FIRST_YEAR, LAST_YEAR, YEAR_RANGE_MESSAGE, parse_year


@extend_schema_field({"type": "integer", "minimum": FIRST_YEAR, "maximum": LAST_YEAR})
class YearField(serializers.Field):
    """A year, parsed by lup.core.dates.parse_year (ASCII digits, FIRST_YEAR-LAST_YEAR)."""

    default_error_messages = {"invalid_year": YEAR_RANGE_MESSAGE}

    def to_internal_value(self, data: Any) -> int:
        try:
            return parse_year(data)
        except ValidationError as exc:
            # The message is %-formatted (as for the forms); Field.fail would use str.format.
            message = self.error_messages["invalid_year"] % {"first": FIRST_YEAR, "last": LAST_YEAR}
            raise serializers.ValidationError(message, code="invalid_year") from exc

    def to_representation(self, value: Any) -> int:
        return int(value)
