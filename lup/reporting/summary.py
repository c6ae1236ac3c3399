"""The figures served from a cache that every write keeps true: keyed by the data version.

Each entry is one year's figures (or a year to a day, or a month or county breakdown, or the
first year with data) stored under the data version it was counted at (lup.reporting.models,
bumped by database triggers on every write to a table the figures read, whatever wrote). A
write gives the database a new version, so the next read misses and counts again: a cached
figure is never older than the records. Entries of old versions are never read again and
expire.

The version is read first, then the records: figures counted from records newer than their
key are harmless (the key is no longer current once the write committed), and figures older
than their key cannot happen.

The cache is Django's `default` cache: Redis when REDIS_URL is set (shared by every process),
local memory otherwise. A Summary is made per request; `fresh=True` (staff: ?fresh=1) counts
from the records and leaves the cache alone, the path the benchmark measures against the
database's floor.

Query budget of a Summary: 1 query for the version (once per Summary), then on a miss the
queries of lup.reporting.figures (1 per batch of years), and none on a hit.
"""

import datetime
import hashlib
import inspect
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest
from django.utils import timezone

from lup.core import dates
from outreach import selectors as outreach_selectors
from partners import selectors as partners_selectors
from procurements import selectors as procurements_selectors

from . import figures, registry
from .dataversion import PENDING, TABLE
from .models import DataVersion
from .registry import AnnualFigures


def _code_fingerprint() -> str:
    """A hash of the counting code: a deploy that changes a rule does not read old entries."""
    digest = hashlib.sha256()
    for module in (
        figures,
        registry,
        dates,
        partners_selectors,
        procurements_selectors,
        outreach_selectors,
    ):
        digest.update(inspect.getsource(module).encode())
    return digest.hexdigest()[:12]


CODE = _code_fingerprint()
T = TypeVar("T")


def data_version() -> str | None:
    """The current data version, "epoch.version" (1 query), or None when nothing may be
    cached: the row is missing (a flushed database before its next migrate), or this
    transaction changed data it has not committed yet (PostgreSQL: the version changes at
    commit, lup/reporting/dataversion.py), so the figures it reads are its own."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT epoch, version, EXISTS (SELECT 1 FROM {PENDING} "
                f"WHERE txid = txid_current_if_assigned()) FROM {TABLE} WHERE id = 1"
            )
            row = cursor.fetchone()
        if row is None or row[2]:
            return None
        return f"{row[0]}.{row[1]}"
    found = DataVersion.objects.filter(pk=1).values_list("epoch", "version").first()
    return None if found is None else f"{found[0]}.{found[1]}"


def cache_timeout() -> int:
    """Seconds an entry is kept: entries of old versions are never read again, and expire."""
    return getattr(settings, "LUP_FIGURES_CACHE_TIMEOUT", 24 * 3600)


class Summary:
    """The figures of one request: the version read once, every figure through the cache."""

    def __init__(self, fresh: bool = False):
        self.fresh = fresh
        self._version: str | None = None
        self._version_read = False

    @property
    def version(self) -> str | None:
        if self.fresh:
            return None
        if not self._version_read:
            self._version = data_version()
            self._version_read = True
        return self._version

    def _key(self, *parts: Any) -> str:
        return ":".join(["figures", CODE, connection.vendor, str(self.version), *map(str, parts)])

    def _cached(self, key: tuple, compute: Callable[[], T]) -> T:
        if self.version is None:
            return compute()
        full = self._key(*key)
        value = cache.get(full)
        if value is None:
            value = compute()
            cache.set(full, value, cache_timeout())
        return value

    def years(self, years: Iterable[int]) -> dict[int, AnnualFigures]:
        """The figures of each whole year in `years`: cached ones from the cache, the others
        counted together (1 query per batch)."""
        wanted = list(dict.fromkeys(years))
        if self.version is None:
            return figures.figures_of_years(wanted)
        keys = {y: self._key("year", y) for y in wanted}
        found = cache.get_many(list(keys.values()))
        result = {y: found[key] for y, key in keys.items() if key in found}
        missing = [y for y in wanted if y not in result]
        if missing:
            counted = figures.figures_of_years(missing)
            cache.set_many({keys[y]: counted[y] for y in missing}, cache_timeout())
            result.update(counted)
        return result

    def annual_figures(self, year: int, until: datetime.date | None = None) -> AnnualFigures:
        if until is None:
            return self.years([year])[year]
        period = dates.Period.to_date(year, until)
        if period.is_whole_year:
            return self.years([year])[year]
        return self._cached(
            ("until", year, period.last.isoformat()),
            lambda: figures.annual_figures(year, until),
        )

    def year_and_year_before(
        self, year: int, until: datetime.date | None = None
    ) -> tuple[AnnualFigures, AnnualFigures]:
        """The figures of `year` and of the year before (the same days of it with `until`):
        whole years in one batch."""
        if until is None or dates.Period.to_date(year, until).is_whole_year:
            both = self.years([year, year - 1])
            return both[year], both[year - 1]
        return self.annual_figures(year, until), self.annual_figures(year - 1, until)

    def first_year_with_data(self) -> int | None:
        # A year is never 0, so 0 stands for "no data" in the cache (None means a miss).
        first = self._cached(("first",), lambda: figures.first_year_with_data() or 0)
        return first or None

    def annual_series(
        self, first: int | None = None, last: int | None = None
    ) -> list[AnnualFigures]:
        """figures.annual_series(), from the cache year by year."""
        if first is None:
            first = self.first_year_with_data()
            if first is None:
                return []
            first = dates.clamp_year(first)
        if last is None:
            last = dates.clamp_year(timezone.localdate().year)
        by_year = self.years(range(first, last + 1))
        return [by_year[y] for y in range(first, last + 1)]

    def outreach_by_month(self, year: int) -> list[dict[str, int]]:
        return self._cached(("month", year), lambda: figures.outreach_by_month(year))

    def municipal_coverage_by_county(self, year: int) -> list[dict[str, Any]]:
        return self._cached(("county", year), lambda: figures.municipal_coverage_by_county(year))


def wants_fresh(request: HttpRequest) -> bool:
    """?fresh=1 from a staff user: count from the records, bypassing the cache."""
    user = getattr(request, "user", None)
    return bool(
        request.GET.get("fresh") == "1" and user is not None and user.is_staff and user.is_active
    )
