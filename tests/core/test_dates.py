"""lup.core.dates: the years a caller may ask for, and the dates a record may carry."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from lup.core.dates import (
    EARLIEST_DATE,
    clamp_year,
    is_year,
    latest_plausible_date,
    parse_year,
    plausible_years,
    validate_plausible_date,
    year_bounds,
)

d = datetime.date


def test_year_bounds_are_the_first_and_last_day():
    assert year_bounds(2023) == (d(2023, 1, 1), d(2023, 12, 31))


@pytest.mark.parametrize(("value", "year"), [("2023", 2023), (" 1900 ", 1900), ("2100", 2100)])
def test_parse_year_takes_ascii_digits_in_range(value, year):
    assert parse_year(value) == year
    assert parse_year(year) == year


@pytest.mark.parametrize(
    "value",
    ["1899", "2101", "0", "", "20x3", "2023.0", "-2023", "+2023", "²⁰²³", "٢٠٢٣", "20233", True],
)
def test_parse_year_refuses_anything_else(value):
    with pytest.raises(ValidationError) as error:
        parse_year(value)
    assert error.value.code == "invalid_year"
    assert not is_year(value)


def test_the_year_message_names_the_range():
    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            parse_year("1899")
        assert error.value.messages == ["Give a year between 1900 and 2100, for example 2023."]


def test_plausible_dates_run_from_1990_to_ten_years_ahead():
    today = d(2026, 12, 2)
    assert d(1990, 1, 1) == EARLIEST_DATE
    assert latest_plausible_date(today) == d(2036, 12, 2)
    assert latest_plausible_date(d(2028, 2, 29)) == d(2038, 2, 28)
    assert plausible_years(today) == range(1990, 2037)
    assert clamp_year(1823, today) == 1990
    assert clamp_year(2023, today) == 2023
    assert clamp_year(9999, today) == 2036


def test_the_date_validator_at_its_bounds():
    latest = latest_plausible_date()
    validate_plausible_date(EARLIEST_DATE)
    validate_plausible_date(latest)
    validate_plausible_date(None)
    for day in (d(1989, 12, 31), latest + datetime.timedelta(days=1), d(1, 1, 1)):
        with pytest.raises(ValidationError) as error:
            validate_plausible_date(day)
        assert error.value.code == "implausible_date"
    with translation.override("nb"):
        with pytest.raises(ValidationError) as error:
            validate_plausible_date(d(1, 1, 1))
        assert error.value.messages[0].startswith("Oppgi en dato mellom 01.01.1990 og ")
