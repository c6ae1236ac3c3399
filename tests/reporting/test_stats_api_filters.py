"""Every annual figure can be reproduced by the list filter docs/counting-rules.md names for it
(SPEC section 5), checked on the demo portfolio: the years before, of and after the change of
the municipality map, with records of every kind.

The 2023 figures themselves are checked against the annual report in tests/demo/test_demo.py;
the same check on a portfolio counted by hand is in test_registry.py.
"""

import pytest

from tests.reporting.drilldowns import check_every_drill_down

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("year", [2022, 2023, 2024])
def test_every_figure_is_reproduced_by_a_list_filter(reader_client, demo_data, year):
    response = reader_client.get(f"/api/v1/stats/years/{year}/")
    assert response.status_code == 200
    figures = response.json()
    # Demo data in every section, so that no check compares zero with zero.
    assert figures["procurements_started"] and figures["outreach_activities"]
    assert figures["partners_total"] and figures["solutions_published"]

    check_every_drill_down(reader_client, year, figures)
