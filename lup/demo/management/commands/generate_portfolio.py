import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from lup.demo.portfolio import FIRST_YEAR, LAST_YEAR, generate, portfolio_is_empty
from partners.models import Municipality


class Command(BaseCommand):
    help = (
        "Write a synthetic portfolio SCALE times LUP's size, spread over "
        f"{FIRST_YEAR}-{LAST_YEAR} and shaped like the demo data, into an empty database "
        "(lup/demo/portfolio.py): COPY on PostgreSQL, bulk INSERTs elsewhere. The same seed and "
        "scale give the same records. For benchmarks; the records are not LUP's."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1, help="Units of LUP's size (1).")
        parser.add_argument("--seed", type=int, default=2023, help="Random seed (2023).")

    def handle(self, *args, scale: int, seed: int, **options):
        if scale < 1:
            raise CommandError("--scale must be 1 or more.")
        if not portfolio_is_empty():
            raise CommandError(
                "This database already holds portfolio records; generate_portfolio writes into "
                "an empty one (a new database, or after `manage.py flush`)."
            )
        if not Municipality.objects.exists():
            call_command("load_reference", verbosity=0)
        start = time.perf_counter()
        try:
            counts = generate(scale, seed)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        took = time.perf_counter() - start
        summary = ", ".join(f"{n:,} {table}" for table, n in counts.rows.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated scale {scale} (seed {seed}): {counts.total:,} rows in {took:.1f} s "
                f"({summary})."
            )
        )
