"""Conditional GET for the API's reads: an ETag on every successful GET, 304 Not Modified when
the client already holds that version, and a Cache-Control that makes caches ask again.

The ETag is a hash of the rendered body, so it changes exactly when the answer does (records,
language, page, format). The view still runs its queries to know the body; what a 304 saves is
the transfer and the client's parsing. A data version (a number that changes on every write)
would let a view answer 304 before it queries: see `etag_for`.
"""

import hashlib
from typing import Any, cast

from django.conf import settings
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from rest_framework.request import Request
from rest_framework.response import Response

CONDITIONAL_METHODS = ("GET", "HEAD")


def etag_for(content: bytes) -> str:
    """A strong entity tag for a response body."""
    return f'"{hashlib.sha256(content).hexdigest()[:40]}"'


def cache_control_for_reads() -> dict[str, bool]:
    """Figures and records change whenever staff change a record, so a cache may keep an answer
    but must revalidate it (no-cache) before using it; shared caches may keep it only when
    reads are public (DJANGO_API_PUBLIC_READ)."""
    if settings.API_PUBLIC_READ:
        return {"public": True, "no_cache": True}
    return {"private": True, "no_cache": True}


class ConditionalGetMixin:
    """For API views: ETag, Cache-Control and 304 on successful GET and HEAD requests."""

    def finalize_response(
        self, request: Request, response: Response, *args: Any, **kwargs: Any
    ) -> Response:
        response = super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]
        if request.method not in CONDITIONAL_METHODS or response.status_code != 200:
            return response
        response.render()
        response["ETag"] = etag_for(response.content)
        patch_cache_control(response, **cache_control_for_reads())
        # The body depends on the negotiated format (JSON or the browsable API's HTML).
        patch_vary_headers(response, ("Accept",))
        conditional = get_conditional_response(
            request._request, etag=response["ETag"], response=response
        )
        # A 304 is an HttpResponseNotModified, not a DRF Response: it has no body to render.
        return cast(Response, conditional)
