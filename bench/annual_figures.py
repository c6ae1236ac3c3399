"""Benchmark of the annual figures: lup.reporting.figures.annual_figures() and the stats endpoints.

Builds a synthetic portfolio in a throwaway database, grows it from 1x to 10x and 100x of a
portfolio of about 500 procurements, and at each size times

  - annual_figures(2023), called directly,
  - GET /api/v1/stats/years/2023/,
  - GET /api/v1/stats/years/ (every year from the first year with data to this year),

as the median wall time of --runs calls, with the number of SQL queries each takes. It then
writes the results for this database into docs/benchmark.md, keeping the section of the
other database.

The database is SQLite in a temporary directory unless DATABASE_URL is set; with a
PostgreSQL URL it works in Django's test database next to it (test_<name>, created and
dropped here), never in the named database itself:

    make bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lup_bench make bench

The generated records are random (fixed seed), not LUP's data.
"""

import argparse
import datetime
import os
import platform
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lup.settings.test")

TMP = Path(tempfile.mkdtemp(prefix="lup-bench-"))
if not os.environ.get("DATABASE_URL"):
    os.environ["DATABASE_URL"] = f"sqlite:///{TMP / 'bench.sqlite3'}"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_test_environment,
    teardown_test_environment,
)
from rest_framework.test import APIClient  # noqa: E402

from lup.reporting.figures import annual_figures  # noqa: E402
from outreach.models import WEBINAR, ActivityKind, OutreachActivity, Publication  # noqa: E402
from partners.models import BodyType, Partnership, PublicBody  # noqa: E402
from procurements.models import (  # noqa: E402
    Outcome,
    Participation,
    Phase,
    Procedure,
    Procurement,
    Role,
    Sector,
    Solution,
)

YEAR = 2023
FIRST_DAY = datetime.date(2014, 1, 1)
LAST_DAY = datetime.date(2025, 12, 31)
SPAN_DAYS = (LAST_DAY - FIRST_DAY).days

# One unit ("1x") of the synthetic portfolio: about what LUP's real portfolio holds.
UNIT = {
    "bodies": 300,  # plus the 375 municipal and county bodies of the reference data
    "procurements": 500,
    "partnerships": 40,
    "activities": 4000,
    "posts": 900,
    "solutions": 250,
}
BATCH = 5000
LOAD_AT_START = " / ".join(f"{load:.1f}" for load in os.getloadavg())
DOC = ROOT / "docs" / "benchmark.md"


def random_day(rng: random.Random) -> datetime.date:
    return FIRST_DAY + datetime.timedelta(days=rng.randrange(SPAN_DAYS + 1))


class Generator:
    """Adds units of synthetic records with bulk_create (no history rows, no signals)."""

    def __init__(self, seed: int = 2023):
        self.rng = random.Random(seed)
        self.units = 0
        # Ids rather than instances: assigning an id skips the related-object descriptors.
        self.sectors = list(Sector.objects.values_list("id", flat=True))
        self.procedures = list(Procedure.objects.values_list("id", flat=True))
        self.phases = list(Phase.objects.values_list("id", flat=True))
        self.webinar = ActivityKind.objects.get(code=WEBINAR).id
        self.kinds = list(
            ActivityKind.objects.exclude(id=self.webinar).values_list("id", flat=True)
        )
        self.municipal = list(
            PublicBody.objects.filter(body_type=BodyType.MUNICIPAL).values_list("id", flat=True)
        )
        self.bodies: list[int] = []

    def add_units(self, count: int) -> None:
        for _ in range(count):
            self._add_unit()

    def _add_unit(self) -> None:
        rng = self.rng
        self.units += 1
        types = [BodyType.STATE] * 8 + [BodyType.OTHER] * 3 + [BodyType.COUNTY]
        new_bodies = PublicBody.objects.bulk_create(
            [
                PublicBody(name=f"Virksomhet {self.units}-{i}", body_type=rng.choice(types))
                for i in range(UNIT["bodies"])
            ],
            batch_size=BATCH,
        )
        self.bodies.extend(body.id for body in new_bodies)

        procurements = []
        for i in range(UNIT["procurements"]):
            started = None if rng.random() < 0.05 else random_day(rng)
            ended = None
            if started and rng.random() < 0.5:
                ended = started + datetime.timedelta(days=rng.randrange(60, 1500))
            procurements.append(
                Procurement(
                    title=f"Anskaffelse {self.units}-{i}",
                    sector_id=rng.choice(self.sectors),
                    procedure_id=rng.choice(self.procedures),
                    phase_id=rng.choice(self.phases),
                    started_on=started,
                    ended_on=ended,
                    outcome=Outcome.COMPLETED if ended else Outcome.ONGOING,
                )
            )
        procurements = Procurement.objects.bulk_create(procurements, batch_size=BATCH)

        participations = []
        for procurement in procurements:
            # About 4 bodies each, a third of them municipalities; the first one leads.
            others = rng.sample(self.bodies, rng.randrange(1, 5))
            municipalities = rng.sample(self.municipal, rng.randrange(0, 3))
            for n, body_id in enumerate(others + municipalities):
                left = None
                if procurement.started_on and rng.random() < 0.1:
                    left = procurement.started_on + datetime.timedelta(days=rng.randrange(400))
                participations.append(
                    Participation(
                        procurement_id=procurement.id,
                        body_id=body_id,
                        role=Role.LEAD
                        if n == 0
                        else rng.choice([Role.PARTICIPANT] * 4 + [Role.OBSERVER]),
                        left_on=left,
                    )
                )
        Participation.objects.bulk_create(participations, batch_size=BATCH)

        partnerships = []
        for body_id in rng.sample(self.bodies + self.municipal, UNIT["partnerships"]):
            started = random_day(rng)
            ended = (
                started + datetime.timedelta(days=rng.randrange(365, 2000))
                if rng.random() < 0.3
                else None
            )
            partnerships.append(Partnership(body_id=body_id, started_on=started, ended_on=ended))
        Partnership.objects.bulk_create(partnerships, batch_size=BATCH)

        activities = []
        for i in range(UNIT["activities"]):
            # About 2 % webinars: LUP held 5 among 376 activities in 2023.
            kind = self.webinar if rng.random() < 0.02 else rng.choice(self.kinds)
            is_webinar = kind == self.webinar
            activities.append(
                OutreachActivity(
                    date=random_day(rng),
                    title=f"Aktivitet {self.units}-{i}",
                    kind_id=kind,
                    participants=rng.randrange(5, 60),
                    registrants=rng.randrange(50, 300) if is_webinar else 0,
                )
            )
        OutreachActivity.objects.bulk_create(activities, batch_size=BATCH)

        Publication.objects.bulk_create(
            [
                Publication(title=f"Innlegg {self.units}-{i}", published_on=random_day(rng))
                for i in range(UNIT["posts"])
            ],
            batch_size=BATCH,
        )
        Solution.objects.bulk_create(
            [
                Solution(
                    name=f"Løsning {self.units}-{i}",
                    procurement_id=rng.choice(procurements).id,
                    published_on=random_day(rng),
                )
                for i in range(UNIT["solutions"])
            ],
            batch_size=BATCH,
        )


def measure(call, runs: int, budget_s: float = 20.0) -> tuple[float, int, int]:
    """Median wall time in ms of up to `runs` calls, the queries of one call, the runs made.

    Stops repeating once the calls have taken `budget_s` seconds (at least one run), so that
    slow cells at 100x do not stretch the whole benchmark.
    """
    times: list[float] = []
    queries = 0
    while len(times) < runs and (not times or sum(times) < budget_s * 1000):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            call()
            times.append((time.perf_counter() - start) * 1000)
        queries = len(captured.captured_queries)
    return statistics.median(times), queries, len(times)


def database_label() -> tuple[str, str]:
    """("sqlite" | "postgresql", human-readable version)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            return "postgresql", f"PostgreSQL {cursor.fetchone()[0]}"
        cursor.execute("SELECT sqlite_version()")
        return "sqlite", f"SQLite {cursor.fetchone()[0]} (file in a temporary directory)"


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def run(sizes: list[int], runs: int, series_runs: int) -> tuple[str, str]:
    vendor, version = database_label()
    if vendor == "sqlite":
        # A throwaway database: no need to wait for the disk on every bulk insert.
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous = OFF")
            cursor.execute("PRAGMA journal_mode = MEMORY")
    call_command("load_reference", verbosity=0)
    user = get_user_model().objects.create_user("bench")
    client = APIClient()
    client.force_authenticate(user)
    generator = Generator()
    rows = []
    for size in sizes:
        start = time.perf_counter()
        generator.add_units(size - generator.units)
        with connection.cursor() as cursor:
            # Planner statistics, as a live database has them (autovacuum, or SQLite's own).
            cursor.execute("ANALYZE")
        built = time.perf_counter() - start
        figures_ms, figures_q, _ = measure(lambda: annual_figures(YEAR), runs)
        year_ms, year_q, _ = measure(lambda: client.get(f"/api/v1/stats/years/{YEAR}/"), runs)
        series_ms, series_q, series_n = measure(
            lambda: client.get("/api/v1/stats/years/"), series_runs
        )
        response = client.get(f"/api/v1/stats/years/{YEAR}/")
        assert response.status_code == 200, response.content
        assert response.json() == annual_figures(YEAR)
        counts = {
            "procurements": Procurement.objects.count(),
            "participations": Participation.objects.count(),
            "bodies": PublicBody.objects.count(),
            "activities": OutreachActivity.objects.count(),
            "rows": sum(
                model.objects.count()
                for model in (
                    Procurement,
                    Participation,
                    PublicBody,
                    Partnership,
                    OutreachActivity,
                    Publication,
                    Solution,
                )
            ),
        }
        rows.append(
            f"| {size}x | {counts['procurements']:,} | {counts['participations']:,} "
            f"| {counts['bodies']:,} | {counts['activities']:,} | {counts['rows']:,} "
            f"| {figures_ms:.1f} | {figures_q} | {year_ms:.1f} | {year_q} "
            f"| {series_ms:.1f} ({series_n}) | {series_q} |"
        )
        print(rows[-1], f"(built in {built:.1f} s)", flush=True)
    python = f"{platform.python_implementation()} {platform.python_version()}"
    section = "\n".join(
        [
            f"## {version.split(' ')[0]}",
            "",
            f"- database: {version}",
            f"- machine: {os.cpu_count()} CPUs (nproc), {cpu_model()}, {platform.system()} "
            f"{platform.release()}, load average {LOAD_AT_START}",
            f"- Python: {python}, Django {django.get_version()}",
            f"- run: {datetime.date.today().isoformat()}, median of {runs} runs per cell "
            f"(series: of the number of runs in brackets, at most {series_runs})",
            "",
            "| size | procurements | participations | bodies | activities | rows in all "
            f"| annual_figures({YEAR}) ms | queries | GET years/{YEAR}/ ms | queries "
            "| GET years/ ms | queries |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
            *rows,
        ]
    )
    return vendor, section


HEADER = """# Benchmark: annual figures

Written by `make bench` (`bench/annual_figures.py`); do not edit by hand. The script builds a
synthetic portfolio (random records with a fixed seed, not LUP's data) in a throwaway
database and grows it from 1x to 100x of a unit of about LUP's real size: 500 procurements
(3.5 bodies each on average), 300 public bodies besides the 375 of the reference code lists,
40 partnerships, 4,000 outreach activities, 900 web posts and 250 solutions, dated
2014-2025. At each size it times `lup.reporting.figures.annual_figures(2023)`, the endpoint
`GET /api/v1/stats/years/2023/` and the series `GET /api/v1/stats/years/` (every year from
2014 to the current year), and counts their SQL queries.

The query counts do not change with the size (SPEC section 6): 3 queries for a year, 4 for
the series (first year with data, then 3 for a batch of up to 30 years). The time of a year
grows with the rows of that year, since each query aggregates them; the series costs about
one year's time per year, plus some 50 ms of Python per year to build its SQL. The machine
is shared: the load average at the start of the run is given, and times on a busy machine
are higher than on an idle one.

Run it again with `make bench` (SQLite) and
`DATABASE_URL=postgres://postgres@127.0.0.1:5432/lup_bench make bench` (PostgreSQL; it works
in the test database `test_lup_bench`, which it creates and drops).
"""


def write_doc(vendor: str, section: str) -> None:
    """Replace this database's section of docs/benchmark.md, keep the other one."""
    sections = {}
    if DOC.exists():
        for name, body in re.findall(
            r"<!-- bench:(\w+) -->\n(.*?)<!-- /bench:\1 -->", DOC.read_text(), flags=re.S
        ):
            sections[name] = body
    sections[vendor] = section + "\n"
    parts = [HEADER]
    for name in ("sqlite", "postgresql"):
        if name in sections:
            parts.append(f"<!-- bench:{name} -->\n{sections[name]}<!-- /bench:{name} -->\n")
    DOC.parent.mkdir(parents=True, exist_ok=True)
    DOC.write_text("\n".join(parts))
    print(f"Wrote {DOC.relative_to(ROOT)} ({vendor})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1,10,100", help="portfolio sizes in units (1,10,100)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per cell (median)")
    parser.add_argument(
        "--series-runs", type=int, default=3, help="timed runs of the series endpoint"
    )
    parser.add_argument("--no-write", action="store_true", help="print, do not write the doc")
    args = parser.parse_args()
    sizes = sorted({int(size) for size in args.sizes.split(",")})

    setup_test_environment()
    if connection.vendor == "sqlite":
        settings.DATABASES["default"]["TEST"]["NAME"] = str(TMP / "bench.sqlite3")
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        vendor, section = run(sizes, args.runs, args.series_runs)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
        shutil.rmtree(TMP, ignore_errors=True)
    if args.no_write:
        print(section)
    else:
        write_doc(vendor, section)


if __name__ == "__main__":
    main()
