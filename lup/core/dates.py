"""Years and dates: the period a yearly rule counts in, and the years the product accepts.

The accepted range is written here once. The API's year parameters, the list filters, the
admin's year filters and the dashboard's year pages all parse a year with `parse_year`.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# The years a caller may ask figures or lists for (SPEC section 5: 400 outside 1900-2100).
FIRST_YEAR = 1900
LAST_YEAR = 2100
YEAR_RANGE_MESSAGE = _("Give a year between %(first)d and %(last)d, for example 2023.")


def year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    """1 January and 31 December of `year`: the period every yearly rule counts in."""
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def year_error() -> ValidationError:
    return ValidationError(
        YEAR_RANGE_MESSAGE,
        code="invalid_year",
        params={"first": FIRST_YEAR, "last": LAST_YEAR},
    )


def parse_year(value: object) -> int:
    """A year from user input: an int, or 1 to 4 ASCII digits, between FIRST_YEAR and LAST_YEAR.

    Raises ValidationError otherwise. ASCII only: str.isdigit() and int() also accept digits
    such as "²" or "٢٠٢٣", which are not a year anyone typed on purpose.
    """
    if isinstance(value, bool):
        raise year_error()
    if isinstance(value, int):
        year = value
    elif isinstance(value, str):
        text = value.strip()
        if not (1 <= len(text) <= 4 and text.isascii() and text.isdigit()):
            raise year_error()
        year = int(text)
    else:
        raise year_error()
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise year_error()
    return year


def is_year(value: object) -> bool:
    """True when parse_year accepts `value`."""
    try:
        parse_year(value)
    except ValidationError:
        return False
    return True
