"""The benchmark's runner at a tiny scale (bench/runner.py): it measures every request of the
issue, and the SQL query count of each is the same at scale 1 and scale 2.

Timings are not asserted (speed is shown by the benchmark's figures in docs/benchmark.md).
"""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client

from bench.report import render
from bench.runner import FIGURE_URLS, LIST_URLS, measure_endpoints, query_counts
from lup.demo.portfolio import PORTFOLIO_MODELS, generate
from lup.reporting import figures
from lup.reporting.dataversion import immediate_versions
from outreach.models import OutreachActivity
from partners.models import PublicBody
from procurements.models import Procurement

# A version after each write, as after each commit: the cached requests read the cache.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("immediate_versions")]


def wipe_portfolio() -> None:
    """Remove the generated records with plain DELETEs (no history rows for a wipe)."""
    with connection.cursor() as cursor:
        for model in PORTFOLIO_MODELS:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")
        generated = PublicBody.objects.filter(name__startswith="Syntetisk virksomhet")
        cursor.execute(
            f"DELETE FROM {PublicBody._meta.db_table} WHERE id IN "
            f"({', '.join(str(pk) for pk in generated.values_list('pk', flat=True))})"
        )


def measured(client, scale: int) -> dict:
    generate(scale, seed=7)
    # load_reference's loaddata ended with SET CONSTRAINTS ALL DEFERRED: immediate again.
    immediate_versions(connection)
    endpoints = measure_endpoints(client, requests=2, budget_s=1.0)
    return {"endpoints": endpoints, "query counts": query_counts({"endpoints": endpoints})}


def test_the_runner_measures_every_request_and_counts_do_not_grow_with_scale():
    from django.core.management import call_command

    call_command("load_reference", verbosity=0)
    user = get_user_model().objects.create_superuser("bench", "b@example.org", "pw-bench-1")
    client = Client(HTTP_ACCEPT_LANGUAGE="nb")
    client.force_login(user)

    small = measured(client, 1)
    started_small = figures.annual_figures(2023)["procurements_started"]
    wipe_portfolio()
    large = measured(client, 2)

    names = {name for name, _ in FIGURE_URLS + LIST_URLS}
    assert set(small["endpoints"]) == names
    for name, _ in FIGURE_URLS:
        cells = small["endpoints"][name]
        assert cells["cached"]["n"] == cells["uncached"]["n"] == 2
        # A cached request reads the version instead of the records: never more queries.
        assert cells["cached"]["queries"] <= cells["uncached"]["queries"]
    # The year page reads the version instead of the series, the month and the county.
    page = small["endpoints"]["dashboard year"]
    assert page["cached"]["queries"] + 3 == page["uncached"]["queries"]
    assert small["query counts"] == large["query counts"]
    # Twice the portfolio: about twice the procurements started in 2023.
    assert 1.5 < figures.annual_figures(2023)["procurements_started"] / started_small < 2.5


def test_the_report_renders_a_run():
    run = {
        "scale": 1,
        "seed": 1,
        "date": "2026-12-02T20:00:00",
        "machine": {"cpus": 2, "cpu": "x", "system": "Linux", "python": "CPython 3.11"},
        "database": "PostgreSQL 15",
        "cache": "redis",
        "requests per cell": 50,
        "load average before": [0.5, 0.4, 0.3],
        "load average after": [1.0, 0.8, 0.5],
        "generate s": 0.5,
        "rows in all": 12000,
        "endpoints": {
            "stats year": {
                "url": "/x",
                "cached": {"n": 50, "p50_ms": 1.0, "p95_ms": 2.0, "queries": 1},
                "uncached": {"n": 50, "p50_ms": 10.0, "p95_ms": 20.0, "queries": 2},
            }
        },
        "functions": {
            "annual_figures": {"n": 50, "p50_ms": 5.0, "p95_ms": 6.0},
            "annual_series": {"n": 3, "p50_ms": 50.0, "p95_ms": 60.0},
            "build series SQL": {"ms": 0.5, "chars": 100},
        },
        "floor": {"n": 50, "p50_ms": 4.0, "p95_ms": 5.0},
        "throughput": {
            "stats year": {"per_second": 100.0, "p50_ms": 9.0, "p95_ms": 12.0, "errors": 0},
            "dashboard year": {"per_second": 50.0, "p50_ms": 19.0, "p95_ms": 22.0, "errors": 0},
        },
        "targets": {
            "uncached stats / floor (p50)": 2.5,
            "uncached series / uncached year (p50)": 5.0,
            "dashboard year p95 uncached ms": 100,
            "dashboard year p95 cached ms": 10,
            "stats year p95 cached ms": 2.0,
            "list p95 ms (worst)": 30,
            "large sequential scans": [],
        },
        "query counts": {"stats year cached": 1},
        "explain": {
            "large_tables": {},
            "plans": [{"query": "q", "plan": "Seq Scan", "large_seq_scans": []}],
        },
    }
    text = render([run])
    assert "| stats year, cached | 1.0 / 2.0 (1) |" in text
    assert "| annual_series(), direct, uncached | 50.0 / 60.0 [n=3] |" in text
    assert "100.0 (9.0 / 12.0)" in text
    assert "0.50 0.40 0.30 / 1.00 0.80 0.50" in text


def digest() -> str:
    import hashlib

    content = hashlib.sha256()
    for model in (*PORTFOLIO_MODELS, PublicBody):
        for row in model.objects.order_by("pk").values_list():
            content.update(repr(row).encode())
    return content.hexdigest()


def test_generate_portfolio_is_deterministic_for_a_seed():
    from django.core.management import call_command

    call_command("generate_portfolio", scale=1, seed=11, verbosity=0)
    first = digest()
    counts = {model: model.objects.count() for model in PORTFOLIO_MODELS}
    wipe_portfolio()
    call_command("generate_portfolio", scale=1, seed=11, verbosity=0)
    assert digest() == first
    wipe_portfolio()
    call_command("generate_portfolio", scale=1, seed=12, verbosity=0)
    assert digest() != first
    # One unit: LUP's portfolio over 20 years (about 21 procurements and 325 activities a year).
    assert 380 <= counts[Procurement] <= 480
    assert 6000 <= counts[OutreachActivity] <= 7000
