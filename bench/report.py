"""docs/benchmark.md from the benchmark's JSON results (bench/runner.py)."""

from typing import Any

HEADER = """# Benchmark: figures, pages and lists at 1 to 1000 times LUP's size

Written by `make bench SCALE=N` (`bench/runner.py`, one scale per run, PostgreSQL); do not
edit by hand. Each scale is measured in a database of its own filled by
`manage.py generate_portfolio --scale N --seed 2023`: N times LUP's portfolio in every
portfolio table, spread over 2006-2025 and shaped like the demo data (lup/demo/portfolio.py;
the national code lists and the lookups stay as they are). Times are wall-clock, through the
whole Django stack (test client: routing, middleware, session, views, templates,
serializers), after a warm-up request; "cached" reads the figures from the summary (the cache
keyed by the data version, lup/reporting/summary.py), "uncached" is `?fresh=1`, counting from
the records. The floor is the same year's figures by hand-written SQL through psycopg
(bench/floor.py). The machine is shared by five engineers: the load average before and after
each run is given.

How the figures are computed (lup/reporting/figures.py): one year is one UNION ALL statement
of one small aggregate per registry figure, each with its selector's own WHERE clause, so a
dated figure reads only that year's rows through an index (covering indexes on PostgreSQL
let the activities be summed from the index alone). The series (lup/reporting/series.py) is
one statement for every year together: each rule reads its table once, dated figures grouped
by the year of their date, things in force counted once with their first and last year, and
distinct bodies through a window function. Counted from the records it costs about five
years' time, not one year's time per year, and that is as low as reading the rows allows: a
year reads a twentieth of the dated rows through its indexes (a year's activities from the
covering index alone), the series reads all of them (at scale 100 the 650,000 activities
alone take about as long as a whole year's figures), and its bodies' window sorts every
participation. Served from the summary, every page and the series cost one query for the
data version plus the request's own reads. PostgreSQL's JIT is off (lup/settings/base.py): it
compiled these statements for longer than they ran.

The lists are timed after a warm-up request, so their count comes from the cache keyed by the
data version (lup/reporting/counts.py) and the time is the page itself: a first page walks
the index in the list's order; a deep page (the last) walks past every row before it, which
an OFFSET page cannot avoid.
"""


def _ms(cell: dict[str, Any]) -> str:
    return f"{cell['p50_ms']:.1f} / {cell['p95_ms']:.1f}"


def _q(cell: dict[str, Any]) -> str:
    q = cell["queries"]
    return f"{q[0]}-{q[1]}" if isinstance(q, list) else str(q)


def _judged(run: dict[str, Any], key: str, target: str) -> str:
    """The value, with "met" or "NOT met" at the scale the target is set for."""
    value = run["targets"][key]
    bound, scale = target.split(" at scale ")
    if int(scale) != run["scale"] or value is None:
        return str(value)
    limit = float(bound.split()[-1])
    met = value <= limit if bound.startswith("≤") else value < limit
    return f"{value} ({'met' if met else 'NOT met'})"


def render(results: list[dict[str, Any]]) -> str:
    if not results:
        return HEADER
    out = [HEADER]
    out.append("## Runs\n")
    out.append(
        "| scale | rows in all | generated in | date | load average before / after | cache |"
    )
    out.append("| ---: | ---: | ---: | --- | --- | --- |")
    for r in results:
        before = " ".join(f"{x:.2f}" for x in r["load average before"])
        after = " ".join(f"{x:.2f}" for x in r["load average after"])
        out.append(
            f"| {r['scale']} | {r['rows in all']:,} | {r['generate s']} s | {r['date']} "
            f"| {before} / {after} | {r['cache']} |"
        )
    m = results[-1]["machine"]
    out.append(
        f"\nMachine: {m['cpus']} CPUs ({m['cpu']}), {m['system']}, {m['python']}, "
        f"{results[-1]['database']}.\n"
    )

    out.append("## Requests: p50 / p95 ms (SQL queries)\n")
    out.append(
        "At least 50 requests per cell, fewer (n in brackets) where an uncached cell would "
        "take more than the run's budget.\n"
    )
    scales = [r["scale"] for r in results]
    out.append("| request | " + " | ".join(f"scale {s}" for s in scales) + " |")
    out.append("| --- |" + " ---: |" * len(scales))
    names = list(results[0]["endpoints"])
    for name in names:
        for cell in results[0]["endpoints"][name]:
            if cell == "url":
                continue
            row = [f"{name}, {cell}"]
            for r in results:
                c = r["endpoints"][name][cell]
                n = "" if c["n"] >= r["requests per cell"] else f" [n={c['n']}]"
                row.append(f"{_ms(c)} ({_q(c)}){n}")
            out.append("| " + " | ".join(row) + " |")
    for label, key in (
        ("annual_figures(2023), direct, uncached", "annual_figures"),
        ("annual_series(), direct, uncached", "annual_series"),
    ):
        row = [label]
        for r in results:
            c = r["functions"][key]
            n = "" if c["n"] >= r["requests per cell"] else f" [n={c['n']}]"
            row.append(f"{_ms(c)}{n}")
        out.append("| " + " | ".join(row) + " |")
    out.append(
        "| floor: the year's figures by hand-written SQL | "
        + " | ".join(_ms(r["floor"]) for r in results)
        + " |"
    )
    out.append(
        "| building the series' SQL (ms) | "
        + " | ".join(f"{r['functions']['build series SQL']['ms']}" for r in results)
        + " |"
    )

    out.append("\n## Throughput under gunicorn (2 workers, 4 clients, loopback)\n")
    out.append("| endpoint | " + " | ".join(f"scale {s}" for s in scales) + " |")
    out.append("| --- |" + " ---: |" * len(scales))
    for name in ("stats year", "dashboard year"):
        row = [f"{name}: requests/s (p50 / p95 ms)"]
        for r in results:
            t = r.get("throughput", {}).get(name)
            row.append(
                f"{t['per_second']} ({t['p50_ms']} / {t['p95_ms']})"
                + (f", {t['errors']} errors" if t["errors"] else "")
                if t
                else "-"
            )
        out.append("| " + " | ".join(row) + " |")

    out.append("\n## Targets (issue 11)\n")
    out.append("| what | target | " + " | ".join(f"scale {s}" for s in scales) + " |")
    out.append("| --- | --- |" + " ---: |" * len(scales))
    rows = [
        ("uncached stats endpoint / floor (p50)", "≤ 1.5 at scale 100"),
        ("uncached series / uncached year (p50)", "≤ 2 at scale 100"),
        ("dashboard year p95 uncached ms", "< 500 at scale 100"),
        ("dashboard year p95 cached ms", "< 150 at scale 1000"),
        ("stats year p95 cached ms", "< 50 at scale 1000"),
        ("list p95 ms (worst)", "< 100 at scale 1000"),
    ]
    key_of = {
        "uncached stats endpoint / floor (p50)": "uncached stats / floor (p50)",
    }
    for label, target in rows:
        key = key_of.get(label, label)
        out.append(
            f"| {label} | {target} | " + " | ".join(_judged(r, key, target) for r in results) + " |"
        )
    counts = [r["query counts"] for r in results]
    same = all(c == counts[0] for c in counts)
    out.append(
        "| SQL query count of every request | the same at every scale | "
        + " | ".join("same" if c == counts[0] else "DIFFERENT" for c in counts)
        + " |"
    )
    out.append(
        "| sequential scans of large tables in the hot queries | none at scale 1000 | "
        + " | ".join(", ".join(r["targets"]["large sequential scans"]) or "none" for r in results)
        + " |"
    )
    out.append(f"\nQuery counts {'are' if same else 'are NOT'} the same at every scale.\n")

    largest = results[-1]
    out.append(f"## EXPLAIN ANALYZE of the hot queries at scale {largest['scale']}\n")
    tables = ", ".join(f"{t} ({n:,})" for t, n in largest["explain"]["large_tables"].items())
    out.append(f"Tables of {100_000:,} rows or more: {tables or 'none'}.\n")
    for plan in largest["explain"]["plans"]:
        scans = ", ".join(plan["large_seq_scans"]) or "none"
        out.append(f"### {plan['query']} (sequential scans of large tables: {scans})\n")
        out.append("```text\n" + plan["plan"] + "\n```\n")
    return "\n".join(out) + "\n"
