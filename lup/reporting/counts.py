"""The row counts of the API's lists, from the cache the figures use: keyed by the data
version (lup.reporting.summary), so a count is never older than the records.

A page of a list at 1000 times LUP's size spent most of its time counting the rows that match
(bodies/?involved_in=2023: 272 ms of 281 ms, docs/benchmark.md), and a client that pages
through a list asks for the same count on every page. The count of a queryset whose tables
all carry the data version's triggers (lup.reporting.dataversion.watched_tables()) is kept
under the version and the queryset's SQL; any other (a list that also reads users, say) and
any count in a transaction that has written (the version is None) is counted each time, as is
every count of a staff request with ?fresh=1.

Query budget: 1 query for the data version, then the count only when it is not cached.
"""

import hashlib
import re
from functools import cache as memoize
from functools import cached_property
from typing import Any

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import QuerySet

from lup.core.api.pagination import PageNumberPagination as BasePageNumberPagination

from .dataversion import watched_tables
from .summary import CODE, cache_timeout, data_version, wants_fresh

# The tables a statement reads: every FROM and JOIN names one, in the outer query and in each
# subquery (Django quotes them on both databases).
TABLES = re.compile(r'\b(?:FROM|JOIN) "(\w+)"', re.IGNORECASE)


@memoize
def _watched() -> frozenset[str]:
    return frozenset(watched_tables())


def count_key(queryset: QuerySet) -> str | None:
    """The cache key of the queryset's count under the current data version, or None when
    it may not be cached (a table without the version's triggers, or no version)."""
    # The rows counted, without the related rows fetched alongside (a procurement's adviser,
    # from the users' table) or the order, which COUNT(*) leaves out too.
    try:
        sql, params = queryset.select_related(None).order_by().query.sql_with_params()
    except EmptyResultSet:  # nothing can match (an id past 64 bits): count() needs no query
        return None
    tables = set(TABLES.findall(sql))
    if not tables or not tables <= _watched():
        return None
    version = data_version()
    if version is None:
        return None
    digest = hashlib.sha256(repr((sql, tuple(params))).encode()).hexdigest()[:32]
    return ":".join(["count", CODE, connection.vendor, version, digest])


def cached_count(queryset: QuerySet) -> int:
    """queryset.count(), from the cache when its data version and SQL were counted before."""
    key = count_key(queryset)
    if key is None:
        return queryset.count()
    found = cache.get(key)
    if found is None:
        found = queryset.count()
        cache.set(key, found, cache_timeout())
    return found


class CachedCountPaginator(Paginator):
    """A paginator whose count comes from cached_count (fresh=True: counted each time)."""

    fresh = False

    @cached_property
    def count(self) -> int:
        if self.fresh or not isinstance(self.object_list, QuerySet):
            return super().count
        return cached_count(self.object_list)


class PageNumberPagination(BasePageNumberPagination):
    """The API's pagination (lup.core.api.pagination) with the lists' counts cached."""

    fresh = False

    def django_paginator_class(self, *args: Any, **kwargs: Any) -> CachedCountPaginator:  # type: ignore[override]
        paginator = CachedCountPaginator(*args, **kwargs)
        paginator.fresh = self.fresh
        return paginator

    def paginate_queryset(self, queryset, request, view=None):  # type: ignore[no-untyped-def]
        self.fresh = wants_fresh(request)
        return super().paginate_queryset(queryset, request, view)
