"""The public figures for LUP's website: /public/figures/, /public/figures/{year}/ and the
embeddable /public/figures/{year}/embed/, for anonymous visitors.

They serve the latest published version of each year and nothing else: no record, no record's
name or id, no live number. As a small Norwegian HTML page, or as JSON (?format=json, or a
client that prefers application/json). CORS is open for /public/ only (settings'
CORS_URLS_REGEX); each answer has an ETag (304 when it matches) and a Cache-Control that lets
any cache keep it for a few minutes. Only the embed page may be framed by another site.
"""

import datetime
import hashlib
from typing import Any

from csp.decorators import csp_replace
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from lup.core.dates import is_year
from lup.reporting import registry
from lup.reporting.words import coverage_in_words

from . import selectors
from .models import FigurePublication

MAX_AGE = 300  # seconds a cache may keep a public answer before asking again

# The figures the public gets: every key of the published figures but the new partners' list
# (public bodies by id and name); the sectors by name and count, without their ids.
PRIVATE_KEYS = {"new_partners"}


def public_figures(publication: FigurePublication) -> dict[str, Any]:
    """A publication as the public sees it: the year, version, date, note and figures."""
    figures = {k: v for k, v in publication.figures.items() if k not in PRIVATE_KEYS}
    figures["started_by_sector"] = [
        {"name": row["name"], "count": row["count"]} for row in figures["started_by_sector"]
    ]
    return {
        "year": publication.year,
        "version": publication.version,
        "published_on": timezone.localtime(publication.published_at).date().isoformat(),
        "note": publication.note,
        "municipal_coverage_in_words": coverage_in_words(figures["municipal_coverage"]["share"]),
        "figures": figures,
    }


def _wants_json(request: HttpRequest) -> bool:
    if request.GET.get("format") == "json":
        return True
    return request.get_preferred_type(["text/html", "application/json"]) == "application/json"


def _finish(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """ETag from the body, Cache-Control, Vary; 304 when the client holds this version."""
    response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:40]}"'
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    patch_vary_headers(response, ("Accept", "Accept-Language"))
    conditional = get_conditional_response(request, etag=response["ETag"], response=response)
    return conditional if conditional is not None else response


def _for_page(data: dict[str, Any]) -> dict[str, Any]:
    """The public figures for a template: the date as a date, shown in the page's format."""
    return {**data, "published_on": datetime.date.fromisoformat(data["published_on"])}


def _answer(request: HttpRequest, template: str, data: Any, context: dict) -> HttpResponse:
    if _wants_json(request):
        response: HttpResponse = JsonResponse(
            data, safe=False, json_dumps_params={"ensure_ascii": False}
        )
    else:
        response = HttpResponse(render_to_string(template, context, request=request))
    return _finish(request, response)


def _year_publication(year: str) -> FigurePublication:
    publication = selectors.latest(int(year)) if is_year(year) else None
    if publication is None:
        raise Http404("Not published")
    return publication


@require_safe
def figures_index(request: HttpRequest) -> HttpResponse:
    """Every published year's latest figures, newest year first."""
    years = [public_figures(p) for p in reversed(selectors.latest_per_year())]
    context = {"years": [_for_page(item) for item in years]}
    return _answer(request, "publishing/public_index.html", years, context)


@require_safe
def figures_year(request: HttpRequest, year: str) -> HttpResponse:
    """One year's latest published figures."""
    data = public_figures(_year_publication(year))
    context = {"data": _for_page(data), "rows": registry.rows(data["figures"])}
    return _answer(request, "publishing/public_year.html", data, context)


@require_safe
@xframe_options_exempt
# The Content-Security-Policy forbids framing everywhere else (frame-ancestors 'none').
@csp_replace({"frame-ancestors": ["*"]})  # type: ignore[arg-type]
def figures_embed(request: HttpRequest, year: str) -> HttpResponse:
    """The headline numbers of a year's published figures, for another site to embed in a
    frame (the only public page that may be framed)."""
    data = public_figures(_year_publication(year))
    return _answer(request, "publishing/public_embed.html", data, {"data": _for_page(data)})
