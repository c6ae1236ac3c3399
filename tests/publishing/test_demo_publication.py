"""seed_demo publishes 2023 as in the annual report; the live 2023 is the same, so the demo
shows no change since publication, and both endpoints give SPEC section 2."""

import datetime
from zoneinfo import ZoneInfo

from lup.publishing import selectors
from lup.publishing.models import FigurePublication
from tests.demo.test_demo import (
    BODIES_IN_ACTIVE_2023,
    MUNICIPALITIES_2023,
    NEW_PARTNERS_2023,
    PUBLISHED_2023,
    seed_demo,
)


def _spec_section_2(figures: dict) -> None:
    assert {key: figures[key] for key in PUBLISHED_2023} == PUBLISHED_2023
    assert figures["bodies_in_active"]["total"] == BODIES_IN_ACTIVE_2023
    assert [partner["name"] for partner in figures["new_partners"]] == NEW_PARTNERS_2023
    assert figures["municipal_coverage"]["total"] == MUNICIPALITIES_2023
    assert 0.24 <= figures["municipal_coverage"]["share"] <= 0.26


def test_the_demo_publishes_2023_as_in_the_annual_report(demo_data):
    (publication,) = FigurePublication.objects.all()
    assert (publication.year, publication.version) == (2023, 1)
    assert publication.note == "Årsrapport 2023"
    assert publication.published_at.astimezone(ZoneInfo("Europe/Oslo")).date() == datetime.date(
        2024, 2, 15
    )
    assert len(publication.ids_of("procurements_started")) == 26
    assert selectors.diff(publication).unchanged


def test_live_and_published_2023_both_equal_spec_section_2(demo_data, reader_client):
    live = reader_client.get("/api/v1/stats/years/2023/").json()
    published = reader_client.get("/api/v1/stats/published/2023/").json()
    _spec_section_2(live)
    _spec_section_2(published["figures"])
    assert published["figures"] == live
    diff = reader_client.get("/api/v1/stats/published/2023/diff/").json()
    assert diff["unchanged"] is True


def test_seed_demo_again_adds_no_publication(demo_data):
    output = seed_demo()
    assert "published" not in output
    assert FigurePublication.objects.count() == 1
