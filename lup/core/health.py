"""GET /healthz: whether this process can answer, for a load balancer or a monitor.

Open to anonymous callers and tells nothing about the data: each check is "ok" or "error".
The database answers a SELECT 1; the cache (Redis where REDIS_URL is set, local memory
otherwise) keeps and returns a value. 200 when every check passes, 503 otherwise.
"""

import logging
import uuid

from django.core.cache import cache
from django.db import connections
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


def check_database() -> bool:
    try:
        for connection in connections.all(initialized_only=False):
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
                cursor.fetchone()
    except Exception:
        logger.exception("health check: database")
        return False
    return True


def check_cache() -> bool:
    key, value = "lup:healthz", uuid.uuid4().hex
    try:
        cache.set(key, value, timeout=30)
        return bool(cache.get(key) == value)
    except Exception:
        logger.exception("health check: cache")
        return False


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    checks = {"database": check_database(), "cache": check_cache()}
    healthy = all(checks.values())
    return JsonResponse(
        {
            "status": "ok" if healthy else "error",
            "checks": {name: "ok" if ok else "error" for name, ok in checks.items()},
        },
        status=200 if healthy else 503,
    )
