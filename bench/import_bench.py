"""The import's benchmark: a 10,000-row procurements-and-participations workbook on PostgreSQL.

    .venv/bin/python bench/import_bench.py [--rows 10000] [--keep]

(Re)creates the database <name>_import on the server of BENCH_DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/lup_bench), migrates it and loads the reference data, writes
a workbook of procurements (one in four rows) and their participations (a lead and two others
each, bodies from the reference data named by organisation number), then times, from the file
on disk: the import into the empty database, a second import of the same file (no changes) and
a dry run. Prints the timings as JSON; docs/import.md records them. Drops the database unless
--keep.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def database_url(base: str) -> tuple[str, str]:
    parts = urlsplit(base)
    name = parts.path.lstrip("/") + "_import"
    return urlunsplit(parts._replace(path="/" + name)), name


def recreate(base: str, name: str) -> None:
    import psycopg

    parts = urlsplit(base)
    with psycopg.connect(
        dbname="postgres",
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username,
        password=parts.password,
        autocommit=True,
    ) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def drop(base: str, name: str) -> None:
    import psycopg

    parts = urlsplit(base)
    with psycopg.connect(
        dbname="postgres",
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username,
        password=parts.password,
        autocommit=True,
    ) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')


def write_workbook(path: Path, rows: int) -> dict[str, int]:
    """`rows` data rows: procurements (a quarter) and three participations each."""
    from openpyxl import Workbook

    from partners.models import PublicBody

    orgs = list(
        PublicBody.objects.filter(org_number__isnull=False)
        .order_by("id")
        .values_list("org_number", flat=True)
    )
    procurements = rows // 4
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Anskaffelser")
    sheet.append(["referanse", "tittel", "fagområde", "prosedyre", "startet", "avsluttet"])
    sectors = ["helse", "omsorg", "velferd", "infrastruktur", "forsvar"]
    for n in range(procurements):
        start = datetime.date(2015 + n % 10, 1 + n % 12, 1 + n % 28)
        end = start.replace(year=start.year + 2) if n % 3 == 0 else None
        sheet.append([f"BENCH-{n:05d}", f"Anskaffelse {n}", sectors[n % 5], "pcp", start, end])
    parts = book.create_sheet("Deltakelser")
    parts.append(["anskaffelse", "virksomhetens organisasjonsnummer", "rolle", "ble med"])
    count = 0
    for n in range(procurements):
        for k, role in enumerate(["lead", "participant", "observer"]):
            parts.append([f"BENCH-{n:05d}", orgs[(n * 3 + k) % len(orgs)], role, None])
            count += 1
    book.save(path)
    return {"procurements": procurements, "participations": count}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    base = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/lup_bench")
    url, name = database_url(base)
    recreate(base, name)
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    import django

    django.setup()
    from django.core.management import call_command

    from lup.transfer.files import read_path
    from lup.transfer.importer import import_tables
    from procurements.models import Participation, Procurement

    try:
        call_command("migrate", verbosity=0)
        call_command("load_reference", verbosity=0)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "bench.xlsx"
            sizes = write_workbook(path, args.rows)
            timings = {}
            for label, options in [
                ("import into an empty database", {}),
                ("second import (no changes)", {}),
                ("dry run", {"dry_run": True}),
            ]:
                started = time.perf_counter()
                report = import_tables(read_path(path), reason="Import: bench.xlsx", **options)
                timings[label] = round(time.perf_counter() - started, 2)
                assert report.problems == [], report.problems[:5]
            started = time.perf_counter()
            read_path(path)
            timings["reading the workbook alone"] = round(time.perf_counter() - started, 2)
        assert Procurement.objects.count() == sizes["procurements"]
        assert Participation.objects.count() == sizes["participations"]
        print(
            json.dumps(
                {
                    "rows": sum(sizes.values()),
                    **sizes,
                    "seconds": timings,
                    "load_average": os.getloadavg(),
                    "cpus": os.cpu_count(),
                },
                indent=2,
            )
        )
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            drop(base, name)


if __name__ == "__main__":
    main()
