"""The registry of figures (lup/reporting/registry.py) against the shape of a year's figures,
the dashboard's record lists and the API's drill-down filters."""

import datetime
from typing import get_origin

import pytest

from lup.dashboard.records import RECORD_LISTS
from lup.reporting import registry
from lup.reporting.figures import annual_figures
from lup.reporting.registry import (
    COUNT,
    FIGURES,
    LIST,
    SHARE,
    SUM,
    AnnualFigures,
    BodyTypeCounts,
    value_at,
)
from tests.partners.factories import PartnershipFactory
from tests.reporting.drilldowns import check_every_drill_down
from tests.reporting.test_stats_api import build_portfolio


def figure_paths(shape, prefix: str = "") -> set[str]:
    """The paths of AnnualFigures that are one figure each: numbers, lists and body-type
    breakdowns (a BodyTypeCounts is one figure with its four parts)."""
    paths = set()
    for name, annotation in shape.__annotations__.items():
        path = f"{prefix}{name}"
        if annotation is BodyTypeCounts or get_origin(annotation) is list:
            paths.add(path)
        elif hasattr(annotation, "__annotations__"):
            paths |= figure_paths(annotation, f"{path}.")
        else:
            paths.add(path)
    return paths


def test_the_registry_lists_every_figure_of_the_shape_once():
    keys = [entry.key for entry in FIGURES]
    assert len(keys) == len(set(keys))
    assert set(keys) == figure_paths(AnnualFigures) - {"year"}


def test_every_entry_is_complete():
    for entry in FIGURES:
        assert str(entry.label) and str(entry.description), entry.key
        assert 1 <= entry.rule <= 9, entry.key
        if entry.measure in (COUNT, SUM, LIST):
            assert entry.selector is not None and entry.api is not None, entry.key
        if entry.measure == SUM:
            assert entry.field, entry.key
        if entry.measure == SHARE:
            part, whole = entry.ratio_of
            assert registry.figure(part).measure == registry.figure(whole).measure == COUNT
        if entry.section is not None:
            assert entry.section in registry.SECTION_TITLES, entry.key
        if entry.records:
            # The drill-down list shows the records of a figure that counts them.
            assert RECORD_LISTS[entry.records].queryset(2023).model == (
                entry.records_of(2023).model
            ), entry.key


def test_every_card_and_trend_opens_a_record_list():
    shown = [f for f in FIGURES if f.section is not None or f.trend]
    assert shown
    for entry in shown:
        assert entry.records in RECORD_LISTS, entry.key


def test_the_cards_are_those_of_the_annual_report_in_its_order():
    cards = [f.value_key for s in registry.SECTION_TITLES for f in registry.on_cards(s)]
    assert cards == [
        "procurements_started",
        "bodies_in_started.total",
        "procurements_active",
        "bodies_in_active.total",
        "outreach_activities",
        "outreach_participants",
        "posts_published",
        "solutions_published",
        "webinars",
        "webinar_registrants",
        "partners_total",
        "partners_new",
        "municipal_coverage.involved",
    ]


@pytest.mark.django_db
def test_every_drill_down_filter_gives_the_figure(reader_client):
    """For each registry figure, its API drill-down list has as many rows as the figure counts
    (or sums its field to the figure), on a portfolio counted by hand in test_stats_api."""
    build_portfolio(copies=2)
    # A partner since 2021 and one whose agreement ended in 2023: partners at the end of 2023
    # (3) differ from the new partners of 2023 (2).
    PartnershipFactory(started_on=datetime.date(2021, 1, 1))
    PartnershipFactory(started_on=datetime.date(2021, 1, 1), ended_on=datetime.date(2023, 6, 30))
    figures = annual_figures(2023)
    # The hand count, so that no two drill-downs could be swapped unnoticed.
    assert (figures["procurements_started"], figures["procurements_active"]) == (2, 4)
    assert (figures["bodies_in_started"]["total"], figures["bodies_in_active"]["total"]) == (4, 6)
    assert (figures["outreach_activities"], figures["webinars"]) == (4, 2)
    assert (figures["partners_total"], figures["partners_new"]) == (3, 2)

    check_every_drill_down(reader_client, 2023, figures)


def test_value_at_reads_a_dotted_key():
    figures = {"a": {"b": 3}, "c": 4}
    assert value_at(figures, "a.b") == 3
    assert value_at(figures, "c") == 4
    with pytest.raises(KeyError):
        value_at(figures, "a.x")


def test_rows_give_every_number_with_the_four_body_types():
    keys = [key for key, _label, _value in registry.rows(_zeros(2023))]
    assert keys[:6] == [
        "procurements_started",
        "bodies_in_started.total",
        "bodies_in_started.state",
        "bodies_in_started.county",
        "bodies_in_started.municipal",
        "bodies_in_started.other",
    ]
    assert "started_by_sector" not in keys and "new_partners" not in keys
    assert "municipal_coverage.share" in keys


def _zeros(year: int) -> dict:
    zero_types = {"total": 0, "state": 0, "county": 0, "municipal": 0, "other": 0}
    return {
        "year": year,
        "procurements_started": 0,
        "procurements_active": 0,
        "bodies_in_started": dict(zero_types),
        "bodies_in_active": dict(zero_types),
        "started_by_sector": [],
        "municipal_coverage": {"involved": 0, "total": 0, "share": 0.0},
        "outreach_activities": 0,
        "outreach_participants": 0,
        "webinars": 0,
        "webinar_registrants": 0,
        "posts_published": 0,
        "solutions_published": 0,
        "partners_total": 0,
        "partners_new": 0,
        "new_partners": [],
    }
