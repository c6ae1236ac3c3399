"""The check that every annual figure is reproduced by its API drill-down filter (SPEC section
5), driven by the registry: one check, run on a hand-counted portfolio (test_registry.py) and
on the demo portfolio (test_stats_api_filters.py)."""

from lup.reporting.registry import FIGURES, LIST, SHARE, SUM, value_at
from partners.models import BodyType
from procurements.models import Sector

API = "/api/v1/"


def all_rows(client, path: str, params: dict) -> list[dict]:
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


def count(client, path: str, params: dict) -> int:
    response = client.get(API + path, {**params, "page_size": 1})
    assert response.status_code == 200, response.content
    return response.json()["count"]


def check_every_drill_down(client, year: int, figures: dict) -> int:
    """Assert that each registry figure of `figures` (the figures of `year`) equals what its
    drill-down list gives: its count, or its field summed, or, for a body-type breakdown, the
    count of each type. Returns how many figures were checked."""
    checked = 0
    for entry in FIGURES:
        if entry.api is None or entry.measure == SHARE:
            continue
        path, params = entry.api.path, entry.api.query(year)
        expected = value_at(figures, entry.key)
        if entry.measure == SUM:
            rows = all_rows(client, path, params)
            assert sum(row[entry.field] for row in rows) == expected, entry.key
        elif entry.key == "new_partners":
            rows = all_rows(client, path, params)
            assert sorted((row["name"], row["id"]) for row in rows) == [
                (partner["name"], partner["id"]) for partner in expected
            ]
        elif entry.key == "started_by_sector":
            # Every sector is listed, zeros included, and each row is its sector's list.
            assert len(expected) == Sector.objects.count()
            for row in expected:
                narrowed = {**params, "sector": row["sector"]}
                assert count(client, path, narrowed) == row["count"], row["name"]
        elif entry.measure == LIST:
            raise AssertionError(f"{entry.key}: a list figure this check does not know")
        elif entry.by_body_type:
            assert count(client, path, params) == expected["total"], entry.key
            for body_type in BodyType.values:
                narrowed = {**params, "body_type": body_type}
                assert count(client, path, narrowed) == expected[body_type], (
                    entry.key,
                    body_type,
                )
        else:
            assert count(client, path, params) == expected, entry.key
        checked += 1
    assert checked == len([f for f in FIGURES if f.measure != SHARE])
    return checked
