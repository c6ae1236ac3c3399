"""Years and dates: the period a yearly rule counts in, the years a caller may ask for, and
the dates a record may carry.

Each range is written here once:

- `parse_year` takes the years the API's parameters, the list filters, the admin's year
  filters and the dashboard's URLs accept (FIRST_YEAR-LAST_YEAR, SPEC section 5);
- `validate_plausible_date` refuses a record date before EARLIEST_DATE or more than
  FUTURE_YEARS years from today, a typo that would otherwise stretch every yearly series
  (a post dated 0001-01-01 made the series 2,026 years long);
- `plausible_years` bounds every series and year list to the years such dates can fall in.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Func, IntegerField
from django.db.models.functions import Cast, ExtractYear
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

# The years a caller may ask figures or lists for (SPEC section 5: 400 outside 1900-2100).
FIRST_YEAR = 1900
LAST_YEAR = 2100
YEAR_RANGE_MESSAGE = _("Give a year between %(first)d and %(last)d, for example 2023.")


def year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    """1 January and 31 December of `year`: the period every yearly rule counts in."""
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def same_day_in(year: int, day: datetime.date) -> datetime.date:
    """`day`'s month and day in `year` (28 February for 29 February in a common year)."""
    try:
        return day.replace(year=year)
    except ValueError:
        return day.replace(year=year, day=28)


@dataclass(frozen=True)
class Period:
    """The days a rule counts in: a whole year, or the part of one from 1 January to a day
    (a year in progress, "hittil i år", compared with the same part of the year before)."""

    year: int
    last: datetime.date

    @classmethod
    def whole(cls, year: int) -> "Period":
        return cls(year, year_bounds(year)[1])

    @classmethod
    def to_date(cls, year: int, day: datetime.date) -> "Period":
        """1 January of `year` to `day`'s month and day in `year` (at most 31 December)."""
        return cls(year, min(same_day_in(year, day), year_bounds(year)[1]))

    @property
    def first(self) -> datetime.date:
        return datetime.date(self.year, 1, 1)

    @property
    def is_whole_year(self) -> bool:
        return self.last == year_bounds(self.year)[1]


@dataclass(frozen=True)
class Years:
    """Whole years from `first_year` to `last_year`: the rows a dated rule counts in any of
    them, for a series grouped by the year of their date (lup/reporting/series.py)."""

    first_year: int
    last_year: int


# What a counting rule takes: a year (the whole of it), a Period, or a run of whole Years.
Span = int | Period | Years

# The year an open end (no end date, no join date's limit) reaches, in the rules' year form.
OPEN_END_YEAR = 9999


class YearOf(Func):
    """The year of a date as an integer. PostgreSQL's EXTRACT gives a numeric, slow to compute,
    sort and group by: date_part gives a double, and the year of a date fits one exactly (the
    series over 1.2 million rows took 30 % less time with it). Other databases: EXTRACT."""

    output_field = IntegerField()

    def __init__(self, expression: Any):
        super().__init__(expression)

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> Any:  # type: ignore[override]
        return compiler.compile(Cast(ExtractYear(self.source_expressions[0]), IntegerField()))

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        sql, params = compiler.compile(self.source_expressions[0])
        return f"date_part('year', {sql})::integer", params


def year_of(date: Any) -> YearOf:
    """The year of a date field or expression as an integer, in SQL."""
    return YearOf(date)


def span_bounds(span: Span) -> tuple[datetime.date, datetime.date]:
    """The first and last day of a year, a Period or a run of Years."""
    if isinstance(span, Period):
        return span.first, span.last
    if isinstance(span, Years):
        return year_bounds(span.first_year)[0], year_bounds(span.last_year)[1]
    return year_bounds(span)


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


# The dates a record may carry: from LUP's prehistory to ten years ahead (plans).
EARLIEST_DATE = datetime.date(1990, 1, 1)
FUTURE_YEARS = 10
PLAUSIBLE_DATE_MESSAGE = _("Give a date between %(earliest)s and %(latest)s.")


def latest_plausible_date(today: datetime.date | None = None) -> datetime.date:
    """FUTURE_YEARS years after `today` (default: today in the project's time zone)."""
    today = today or timezone.localdate()
    try:
        return today.replace(year=today.year + FUTURE_YEARS)
    except ValueError:  # 29 February
        return today.replace(year=today.year + FUTURE_YEARS, day=28)


def validate_plausible_date(value: datetime.date | None) -> None:
    """A model-field validator: the date lies between EARLIEST_DATE and ten years from today."""
    if value is None:
        return
    latest = latest_plausible_date()
    if not EARLIEST_DATE <= value <= latest:
        raise ValidationError(
            PLAUSIBLE_DATE_MESSAGE,
            code="implausible_date",
            params={
                "earliest": formats.date_format(EARLIEST_DATE, "SHORT_DATE_FORMAT"),
                "latest": formats.date_format(latest, "SHORT_DATE_FORMAT"),
            },
        )


def plausible_years(today: datetime.date | None = None) -> range:
    """The years a record date can fall in: EARLIEST_DATE's year to ten years from today."""
    return range(EARLIEST_DATE.year, latest_plausible_date(today).year + 1)


def clamp_year(year: int, today: datetime.date | None = None) -> int:
    """`year` moved into plausible_years()."""
    years = plausible_years(today)
    return min(max(year, years.start), years.stop - 1)
