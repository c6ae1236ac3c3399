"""The benchmark: the figures, pages and lists at N times LUP's size on PostgreSQL.

    make bench SCALE=100            # or: .venv/bin/python bench/runner.py --scale 100

For one scale it (re)creates the database <BENCH_DATABASE_URL's name>_s<N> on the server of
BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/lup_bench), migrates it, fills
it with `manage.py generate_portfolio --scale N` (VACUUM ANALYZE after), and then, after a
warm-up of each request:

- times at least --requests requests (50) through the whole Django stack (test client: URL
  routing, middleware, session authentication, views, templates, serializers) with the SQL
  query count of each, for the stats endpoint of one year, the series, the dashboard year
  page, the report page and the XLSX export, each cached (the summary) and uncached
  (?fresh=1, counted from the records), and the lists procurements/?active_in=Y and
  bodies/?involved_in=Y on their first and last page. An uncached cell that would take more
  than --budget seconds stops earlier (at least 3 requests); the JSON gives the number made;
- times the floor: the same year's figures by hand-written SQL through psycopg
  (bench/floor.py), after checking they equal annual_figures(Y), and the ratio
  uncached endpoint / floor;
- measures throughput: requests per second of the stats endpoint and of the dashboard year
  page under gunicorn (2 workers) with a bounded load generator on loopback
  (bench/loadgen.py);
- EXPLAINs (ANALYZE) the hot queries and lists the sequential scans of large tables in them.

It writes bench/results/scale-<N>.json and rebuilds docs/benchmark.md from every JSON file in
bench/results/, then drops the database (--keep keeps it). The machine is shared: the load
average before and after is recorded; rerun a scale measured on a busy machine.
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import os
import platform
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DOC = ROOT / "docs" / "benchmark.md"
YEAR = 2023
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/lup_bench"
LARGE_TABLE_ROWS = 100_000  # a sequential scan of a table this big is reported

# (name, URL, has a cached and an uncached form)
FIGURE_URLS = [
    ("stats year", f"/api/v1/stats/years/{YEAR}/"),
    ("stats series", "/api/v1/stats/years/"),
    ("dashboard year", f"/dashboard/{YEAR}/"),
    ("dashboard report", f"/dashboard/{YEAR}/report/"),
    ("export xlsx", f"/dashboard/{YEAR}/export.xlsx"),
]
LIST_URLS = [
    ("procurements active_in", f"/api/v1/procurements/?active_in={YEAR}"),
    ("bodies involved_in", f"/api/v1/bodies/?involved_in={YEAR}"),
]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))]


def summarise(times: list[float]) -> dict[str, float]:
    return {
        "n": len(times),
        "p50_ms": round(statistics.median(times), 2),
        "p95_ms": round(percentile(times, 0.95), 2),
        "mean_ms": round(statistics.fmean(times), 2),
    }


def time_requests(client, url: str, requests: int, budget_s: float) -> dict[str, Any]:
    """p50/p95 of `requests` GETs of `url` (fewer, at least 3, past `budget_s` seconds), with
    the SQL queries of each (the same for every request, or the range)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url)  # warm-up (and the cache, for a cached URL)
    assert response.status_code == 200, (url, response.status_code, response.content[:500])
    times: list[float] = []
    queries: list[int] = []
    spent = 0.0
    while len(times) < requests and (len(times) < 3 or spent < budget_s):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            took = time.perf_counter() - start
        assert response.status_code == 200, (url, response.status_code)
        times.append(took * 1000)
        queries.append(len(captured.captured_queries))
        spent += took
    return {
        **summarise(times),
        "queries": queries[0] if min(queries) == max(queries) else [min(queries), max(queries)],
        "bytes": len(response.content),
    }


def with_fresh(url: str) -> str:
    return url + ("&" if "?" in url else "?") + "fresh=1"


def last_page(client, url: str) -> int:
    count = client.get(url).json()["count"]
    return max(1, math.ceil(count / 50))


def measure_endpoints(client, requests: int, budget_s: float) -> dict[str, Any]:
    """Every endpoint of the issue, cached and uncached where the summary applies."""
    result: dict[str, Any] = {}
    for name, url in FIGURE_URLS:
        result[name] = {
            "url": url,
            "cached": time_requests(client, url, requests, budget_s),
            "uncached": time_requests(client, with_fresh(url), requests, budget_s),
        }
    for name, url in LIST_URLS:
        deep = f"{url}&page={last_page(client, url)}"
        result[name] = {
            "url": url,
            "first page": time_requests(client, url, requests, budget_s),
            "deep page": {**time_requests(client, deep, requests, budget_s), "url": deep},
        }
    return result


def time_floor(dsn: str, requests: int) -> dict[str, Any]:
    import psycopg

    from bench.floor import floor_figures
    from lup.reporting import figures

    with psycopg.connect(dsn, autocommit=True) as connection, connection.cursor() as cursor:
        expected = json.loads(json.dumps(figures.annual_figures(YEAR)))
        got = json.loads(json.dumps(floor_figures(cursor, YEAR)))
        assert got == expected, f"the floor SQL disagrees with annual_figures: {got} {expected}"
        floor_figures(cursor, YEAR)  # warm-up
        times = []
        for _ in range(requests):
            start = time.perf_counter()
            floor_figures(cursor, YEAR)
            times.append((time.perf_counter() - start) * 1000)
    return summarise(times)


def time_functions(requests: int, budget_s: float) -> dict[str, Any]:
    """annual_figures(Y) and annual_series() called directly, uncached."""
    from lup.reporting import figures

    result = {}
    for name, call in (
        ("annual_figures", lambda: figures.annual_figures(YEAR)),
        ("annual_series", figures.annual_series),
    ):
        call()
        times: list[float] = []
        while len(times) < requests and (len(times) < 3 or sum(times) < budget_s * 1000):
            start = time.perf_counter()
            call()
            times.append((time.perf_counter() - start) * 1000)
        result[name] = summarise(times)
    from lup.core.dates import Years
    from lup.reporting.series import statement

    start = time.perf_counter()
    sql, _ = statement(Years(2006, datetime.date.today().year))
    result["build series SQL"] = {
        "ms": round((time.perf_counter() - start) * 1000, 3),
        "chars": len(sql),
    }
    return result


def explain_hot_queries(client) -> dict[str, Any]:
    """EXPLAIN ANALYZE of the queries of the hot requests, and the sequential scans of large
    tables in them."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from lup.reporting.figures import _statement

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, reltuples::bigint FROM pg_class WHERE relkind = 'r' "
            "AND relnamespace = 'public'::regnamespace"
        )
        rows = dict(cursor.fetchall())
    large = {table for table, n in rows.items() if n >= LARGE_TABLE_ROWS}
    queries: list[tuple[str, str]] = []
    sql, params = _statement([YEAR])
    with connection.cursor() as cursor:
        queries.append(("figures of a year (uncached)", cursor.mogrify(sql, params)))
    for name, url in [
        ("stats year (cached)", FIGURE_URLS[0][1]),
        ("dashboard year (cached)", FIGURE_URLS[2][1]),
    ] + [(f"{n} first page", u) for n, u in LIST_URLS]:
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        for i, query in enumerate(captured.captured_queries):
            queries.append((f"{name} #{i + 1}", query["sql"]))
    plans = []
    with connection.cursor() as cursor:
        for name, query in queries:
            if not query.lstrip().upper().startswith(("SELECT", "(SELECT", "WITH")):
                continue
            cursor.execute("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) " + query)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            scans = sorted(set(re.findall(r"Seq Scan on (\w+)", plan)) & large)
            plans.append({"query": name, "sql": query, "plan": plan, "large_seq_scans": scans})
    return {"large_tables": {t: rows[t] for t in sorted(large)}, "plans": plans}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def measure_throughput(
    database_url: str, redis_url: str | None, token: str, session: str, seconds: float
) -> dict[str, Any]:
    """Requests per second under gunicorn (2 sync workers: one per core) with 4 clients."""
    from bench.loadgen import run_load

    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": database_url,
        "PYTHONPATH": str(ROOT),
        "DJANGO_CACHE_KEY_PREFIX": f"lup-bench-{uuid.uuid4().hex}",
    }
    if redis_url:
        env["REDIS_URL"] = redis_url
    else:
        env.pop("REDIS_URL", None)
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "lup.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "2",
        "--timeout",
        "300",
    ]
    server = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/", timeout=2)
                break
            except urllib.error.HTTPError:
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.3)
        result = {}
        for name, path, headers in (
            ("stats year", FIGURE_URLS[0][1], {"Authorization": f"Api-Key {token}"}),
            ("dashboard year", FIGURE_URLS[2][1], {"Cookie": f"sessionid={session}"}),
        ):
            run_load(port, path, headers, clients=2, seconds=2)  # warm both workers
            load = run_load(port, path, headers, clients=4, seconds=seconds)
            result[name] = load.__dict__
        result["server"] = "gunicorn, 2 sync workers; 4 client threads on loopback"
        result["cache"] = "redis" if redis_url else "local memory per worker"
        return result
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


def machine() -> dict[str, Any]:
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "system": f"{platform.system()} {platform.release()}",
        "python": f"{platform.python_implementation()} {platform.python_version()}",
    }


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def targets(result: dict[str, Any]) -> dict[str, Any]:
    e = result["endpoints"]
    floor = result["floor"]["p50_ms"]
    year_fresh = e["stats year"]["uncached"]["p50_ms"]
    series_fresh = e["stats series"]["uncached"]["p50_ms"]
    return {
        "uncached stats / floor (p50)": round(year_fresh / floor, 2) if floor else None,
        "uncached series / uncached year (p50)": round(series_fresh / year_fresh, 2),
        "dashboard year p95 uncached ms": e["dashboard year"]["uncached"]["p95_ms"],
        "dashboard year p95 cached ms": e["dashboard year"]["cached"]["p95_ms"],
        "stats year p95 cached ms": e["stats year"]["cached"]["p95_ms"],
        "list p95 ms (worst)": max(
            e[name][page]["p95_ms"] for name, _ in LIST_URLS for page in ("first page", "deep page")
        ),
        "large sequential scans": sorted(
            {scan for plan in result["explain"]["plans"] for scan in plan["large_seq_scans"]}
        ),
    }


def query_counts(result: dict[str, Any]) -> dict[str, Any]:
    counts = {}
    for name, cells in result["endpoints"].items():
        for cell, values in cells.items():
            if isinstance(values, dict) and "queries" in values:
                counts[f"{name} {cell}"] = values["queries"]
    return counts


def recreate_database(base_url: str, scale: int) -> tuple[str, str]:
    """(DATABASE_URL, libpq DSN) of a new, empty <name>_s<scale> on base_url's server."""
    import dj_database_url
    import psycopg

    parts = dj_database_url.parse(base_url)
    name = f"{parts['NAME']}_s{scale}"
    server = {
        "host": parts["HOST"] or "127.0.0.1",
        "port": parts["PORT"] or 5432,
        "user": parts["USER"] or "postgres",
        "password": parts["PASSWORD"] or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    auth = server["user"] + (f":{server['password']}" if server["password"] else "")
    url = f"postgres://{auth}@{server['host']}:{server['port']}/{name}"
    dsn = psycopg.conninfo.make_conninfo(dbname=name, **server)
    return url, dsn


def drop_database(base_url: str, scale: int) -> None:
    import dj_database_url
    import psycopg

    parts = dj_database_url.parse(base_url)
    with psycopg.connect(
        dbname="postgres",
        autocommit=True,
        host=parts["HOST"] or "127.0.0.1",
        port=parts["PORT"] or 5432,
        user=parts["USER"] or "postgres",
        password=parts["PASSWORD"] or None,
    ) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{parts["NAME"]}_s{scale}" WITH (FORCE)')


def redis_or_none() -> str | None:
    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    try:
        import redis

        redis.Redis.from_url(url, socket_timeout=2).ping()
        return url
    except Exception:
        return None


def run(args: argparse.Namespace) -> dict[str, Any]:
    base = args.database_url
    database_url, dsn = recreate_database(base, args.scale)
    redis_url = redis_or_none()
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ["DJANGO_CACHE_KEY_PREFIX"] = f"lup-bench-{uuid.uuid4().hex}"
    if redis_url:
        os.environ["REDIS_URL"] = redis_url
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from lup.core.models import ApiKey

    load_before = load_average()
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrated = time.perf_counter()
    call_command("generate_portfolio", scale=args.scale, seed=args.seed, verbosity=0)
    generated = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
        cursor.execute(
            "SELECT relname, n_live_tup FROM pg_stat_user_tables WHERE relname NOT LIKE "
            "'%%historical%%' ORDER BY n_live_tup DESC"
        )
        table_rows = {table: n for table, n in cursor.fetchall() if n}
        cursor.execute("SHOW server_version")
        server_version = cursor.fetchone()[0]
    user = get_user_model().objects.create_superuser("bench", "bench@example.org", "pw-bench-1")
    _api_key, token = ApiKey.objects.create_key(user=user, name="bench", read_only=False)
    client = Client(HTTP_ACCEPT_LANGUAGE="nb")
    client.force_login(user)
    session = client.cookies["sessionid"].value
    print(f"scale {args.scale}: generated in {generated - migrated:.1f} s", flush=True)

    result: dict[str, Any] = {
        "scale": args.scale,
        "seed": args.seed,
        "date": datetime.datetime.now().isoformat(timespec="seconds"),
        "machine": machine(),
        "database": f"PostgreSQL {server_version}",
        "cache": "redis" if redis_url else "local memory",
        "requests per cell": args.requests,
        "budget per cell s": args.budget,
        "load average before": load_before,
        "generate s": round(generated - migrated, 1),
        "migrate s": round(migrated - started, 1),
        "rows": table_rows,
        "rows in all": sum(table_rows.values()),
    }
    result["functions"] = time_functions(args.requests, args.budget)
    print("functions", json.dumps(result["functions"]), flush=True)
    result["endpoints"] = measure_endpoints(client, args.requests, args.budget)
    print("endpoints done", flush=True)
    result["floor"] = time_floor(dsn, args.requests)
    result["explain"] = explain_hot_queries(client)
    if args.throughput_seconds > 0:
        result["throughput"] = measure_throughput(
            database_url, redis_url, token, session, args.throughput_seconds
        )
    result["load average after"] = load_average()
    result["query counts"] = query_counts(result)
    result["targets"] = targets(result)
    connection.close()
    return result


def write_doc() -> None:
    """docs/benchmark.md from every bench/results/scale-*.json."""
    from bench.report import render

    results = [
        json.loads(path.read_text())
        for path in sorted(RESULTS.glob("scale-*.json"), key=lambda p: int(p.stem.split("-")[1]))
    ]
    DOC.write_text(render(results))
    print(f"Wrote {DOC.relative_to(ROOT)} ({', '.join(str(r['scale']) for r in results)})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--seed", type=int, default=2023)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--budget", type=float, default=60.0, help="seconds per cell at most")
    parser.add_argument("--throughput-seconds", type=float, default=10.0)
    parser.add_argument(
        "--database-url", default=os.environ.get("BENCH_DATABASE_URL") or DEFAULT_DATABASE
    )
    parser.add_argument("--keep", action="store_true", help="keep the database")
    parser.add_argument("--doc-only", action="store_true", help="only rebuild the doc")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    if not args.doc_only:
        try:
            result = run(args)
        finally:
            if not args.keep:
                drop_database(args.database_url, args.scale)
        RESULTS.mkdir(parents=True, exist_ok=True)
        path = RESULTS / f"scale-{args.scale}.json"
        path.write_text(json.dumps(result, indent=1, ensure_ascii=False))
        print(f"Wrote {path.relative_to(ROOT)}")
        print(json.dumps(result["targets"], indent=1))
    write_doc()


if __name__ == "__main__":
    main()
