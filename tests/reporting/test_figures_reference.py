"""lup.reporting.figures against the reference code lists: the 2023 map and the 2024 map."""

import datetime

import pytest

from lup.reporting.figures import annual_figures, municipal_coverage_by_county
from partners.models import BodyType, Municipality, PublicBody
from tests.partners.factories import PublicBodyFactory
from tests.procurements.factories import ParticipationFactory, ProcurementFactory

# The maps are loaded once for the module (tests/conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_maps")]


def test_coverage_total_is_the_municipalities_of_the_year():
    assert annual_figures(2023)["municipal_coverage"] == {"involved": 0, "total": 356, "share": 0}
    assert annual_figures(2024)["municipal_coverage"] == {"involved": 0, "total": 357, "share": 0}


def test_renumbered_municipality_counts_once():
    # Halden was 3001 (Viken) until 2023 and is 3101 (Østfold) from 2024: one body, two codes.
    halden = Municipality.objects.get(number="3001").body
    assert Municipality.objects.get(number="3101").body == halden
    bodo = PublicBody.objects.get(org_number="972418013")
    state = PublicBodyFactory(body_type=BodyType.STATE)
    procurement = ProcurementFactory(started_on=datetime.date(2023, 9, 1))
    for body in (halden, bodo, state):
        ParticipationFactory(procurement=procurement, body=body)

    assert annual_figures(2023)["municipal_coverage"] == {
        "involved": 2,
        "total": 356,
        "share": 0.0056,
    }
    assert annual_figures(2024)["municipal_coverage"] == {
        "involved": 2,
        "total": 357,
        "share": 0.0056,
    }
    by_county_2023 = {row["county"]: row for row in municipal_coverage_by_county(2023)}
    by_county_2024 = {row["county"]: row for row in municipal_coverage_by_county(2024)}
    assert len(by_county_2023) == 11
    assert len(by_county_2024) == 15
    assert sum(row["total"] for row in by_county_2023.values()) == 356
    assert sum(row["total"] for row in by_county_2024.values()) == 357
    # The counts per county are those of shared/reference/municipalities_*.csv (and the
    # per-county list in its README for 2024).
    assert by_county_2023["30"] == {  # Halden (3001) in Viken
        "county": "30",
        "name": "Viken",
        "involved": 1,
        "total": 51,
        "share": 0.0196,
    }
    assert by_county_2024["31"] == {  # Halden (3101) in Østfold
        "county": "31",
        "name": "Østfold",
        "involved": 1,
        "total": 12,
        "share": 0.0833,
    }
    for by_county in (by_county_2023, by_county_2024):  # Bodø in Nordland on both maps
        assert by_county["18"] == {
            "county": "18",
            "name": "Nordland",
            "involved": 1,
            "total": 41,
            "share": 0.0244,
        }
    assert "30" not in by_county_2024 and "31" not in by_county_2023
    assert sum(row["involved"] for row in by_county_2023.values()) == 2
    assert sum(row["involved"] for row in by_county_2024.values()) == 2
