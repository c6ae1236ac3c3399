"""Every annual figure can be reproduced by the list filter docs/counting-rules.md names for it
(SPEC section 5), checked on the demo portfolio."""

import pytest

from partners.models import BodyType
from procurements.models import Sector

pytestmark = pytest.mark.django_db

API = "/api/v1/"


@pytest.fixture
def demo(demo_data):
    """The demo portfolio, loaded once for all tests that read it (tests/demo/shared_load.py)."""


def rows(client, path: str, **params) -> list[dict]:
    """Every row of a paginated list."""
    response = client.get(API + path, {**params, "page_size": 500})
    assert response.status_code == 200, response.content
    page = response.json()
    result = list(page["results"])
    while page["next"]:
        page = client.get(page["next"]).json()
        result.extend(page["results"])
    assert len(result) == page["count"]
    return result


def count(client, path: str, **params) -> int:
    response = client.get(API + path, {**params, "page_size": 1})
    assert response.status_code == 200, response.content
    return response.json()["count"]


def test_the_2023_figures_are_those_of_the_annual_report(reader_client, demo):
    figures = reader_client.get(API + "stats/years/2023/").json()

    assert figures["procurements_started"] == 26
    assert figures["procurements_active"] == 64
    assert figures["bodies_in_started"] == {
        "total": 58,
        "state": 16,
        "county": 2,
        "municipal": 37,
        "other": 3,
    }
    assert figures["bodies_in_active"]["total"] == 145
    assert figures["outreach_activities"] == 376
    assert figures["outreach_participants"] == 11540
    assert figures["webinars"] == 5
    assert figures["webinar_registrants"] == 781
    assert figures["posts_published"] == 83
    assert figures["solutions_published"] == 21
    assert figures["partners_total"] == 35
    assert figures["partners_new"] == 5
    assert [partner["name"] for partner in figures["new_partners"]] == [
        "Agder fylkeskommune",
        "Bodø kommune",
        "Forsvarets forskningsinstitutt (FFI)",
        "Forsvarsmateriell (FMA)",
        "Vestland fylkeskommune",
    ]
    assert figures["municipal_coverage"]["total"] == 356
    assert 0.24 <= figures["municipal_coverage"]["share"] <= 0.26


@pytest.mark.parametrize("year", [2022, 2023, 2024])
def test_every_figure_is_reproduced_by_a_list_filter(reader_client, demo, year):
    figures = reader_client.get(API + f"stats/years/{year}/").json()
    c = reader_client

    assert count(c, "procurements/", started_in=year) == figures["procurements_started"]
    assert count(c, "procurements/", active_in=year) == figures["procurements_active"]
    for key, param in (
        ("bodies_in_started", "involved_in_started"),
        ("bodies_in_active", "involved_in"),
    ):
        assert count(c, "bodies/", **{param: year}) == figures[key]["total"]
        for body_type in BodyType.values:
            assert (
                count(c, "bodies/", **{param: year, "body_type": body_type})
                == figures[key][body_type]
            ), (key, body_type)
    for row in figures["started_by_sector"]:
        assert count(c, "procurements/", started_in=year, sector=row["sector"]) == row["count"]
    assert len(figures["started_by_sector"]) == Sector.objects.count()

    coverage = figures["municipal_coverage"]
    assert count(c, "bodies/", involved_in=year, body_type="municipal") == coverage["involved"]
    assert count(c, "municipalities/", valid_on=f"{year}-12-31") == coverage["total"]

    activities = rows(c, "outreach-activities/", year=year)
    assert len(activities) == figures["outreach_activities"]
    assert sum(a["participants"] for a in activities) == figures["outreach_participants"]
    webinars = rows(c, "outreach-activities/", year=year, kind="webinar")
    assert len(webinars) == figures["webinars"]
    assert sum(w["registrants"] for w in webinars) == figures["webinar_registrants"]

    assert count(c, "publications/", year=year) == figures["posts_published"]
    assert count(c, "solutions/", year=year) == figures["solutions_published"]
    assert count(c, "bodies/", partner_at_end_of=year) == figures["partners_total"]
    new_partners = rows(c, "bodies/", new_partner_in=year)
    assert sorted((b["name"], b["id"]) for b in new_partners) == [
        (p["name"], p["id"]) for p in figures["new_partners"]
    ]
