"""Form fields that know no domain, shared by admin forms and django-filter filters."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from .dates import FIRST_YEAR, LAST_YEAR, YEAR_RANGE_MESSAGE, parse_year

# The largest value a 64-bit signed integer column (BigAutoField ids) holds.
MAX_ID = 2**63 - 1


class YearField(forms.Field):
    """A year between FIRST_YEAR and LAST_YEAR, parsed by lup.core.dates.parse_year."""

    default_error_messages = {"invalid_year": YEAR_RANGE_MESSAGE}

    def to_python(self, value: Any) -> int | None:
        if value in self.empty_values:
            return None
        try:
            return parse_year(value)
        except ValidationError as exc:
            raise ValidationError(
                self.error_messages["invalid_year"],
                code="invalid_year",
                params={"first": FIRST_YEAR, "last": LAST_YEAR},
            ) from exc


class IdField(forms.IntegerField):
    """A record id: a whole number from 1 to the largest 64-bit id, in ASCII digits."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> int | None:
        if (
            isinstance(value, str)
            and value.strip()
            and not (value.strip().isascii() and value.strip().isdigit())
        ):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)
