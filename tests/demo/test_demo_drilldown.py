"""Drill-down: every published 2023 figure can be reproduced by a list filter of the API.

With the demo data loaded, each filter's count equals the matching number of annual_figures(2023)
and the number in LUP's annual report.
"""

import pytest

from lup.reporting.figures import annual_figures

# (list URL under /api/v1/, key in annual_figures, published 2023 figure)
DRILL_DOWNS = [
    ("procurements/?started_in=2023", "procurements_started", 26),
    ("procurements/?active_in=2023", "procurements_active", 64),
    ("bodies/?involved_in_started=2023", "bodies_in_started.total", 58),
    ("bodies/?involved_in_started=2023&body_type=state", "bodies_in_started.state", 16),
    ("bodies/?involved_in_started=2023&body_type=county", "bodies_in_started.county", 2),
    ("bodies/?involved_in_started=2023&body_type=municipal", "bodies_in_started.municipal", 37),
    ("bodies/?involved_in_started=2023&body_type=other", "bodies_in_started.other", 3),
    ("bodies/?involved_in=2023", "bodies_in_active.total", 145),
    ("bodies/?involved_in=2023&body_type=municipal", "municipal_coverage.involved", 89),
    ("bodies/?partner_at_end_of=2023", "partners_total", 35),
    ("bodies/?new_partner_in=2023", "partners_new", 5),
    ("outreach-activities/?year=2023", "outreach_activities", 376),
    ("outreach-activities/?year=2023&kind=webinar", "webinars", 5),
    ("publications/?year=2023", "posts_published", 83),
    ("solutions/?year=2023", "solutions_published", 21),
]


@pytest.fixture
def figures_2023(demo_data):
    """annual_figures(2023) on the shared demo data."""
    return annual_figures(2023)


def figure(figures: dict, key: str) -> int:
    value = figures
    for part in key.split("."):
        value = value[part]
    return value


@pytest.mark.parametrize(("url", "key", "published"), DRILL_DOWNS, ids=[d[0] for d in DRILL_DOWNS])
def test_list_filter_reproduces_the_published_figure(
    figures_2023, reader_client, url, key, published
):
    response = reader_client.get(f"/api/v1/{url}")
    assert response.status_code == 200, response.content
    assert response.json()["count"] == figure(figures_2023, key) == published


def test_new_partners_list_names_the_five_of_the_report(figures_2023, reader_client):
    response = reader_client.get("/api/v1/bodies/?new_partner_in=2023&page_size=50")
    names = sorted(body["name"] for body in response.json()["results"])
    assert names == sorted(partner["name"] for partner in figures_2023["new_partners"])
    assert names == [
        "Agder fylkeskommune",
        "Bodø kommune",
        "Forsvarets forskningsinstitutt (FFI)",
        "Forsvarsmateriell (FMA)",
        "Vestland fylkeskommune",
    ]
