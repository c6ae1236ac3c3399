"""The public figures: anonymous visitors get the published figures and nothing else (a walk
over every public URL looks for records' names and ids and for live numbers), as HTML or JSON;
CORS only there; ETag, Cache-Control, 304; only the embed page may be framed."""

import datetime
import json
import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from lup.publishing.services import publish
from lup.reporting.figures import annual_figures
from outreach.models import OutreachActivity, Publication
from partners.models import PublicBody
from procurements.models import Procurement, Solution
from tests.outreach.factories import OutreachActivityFactory, PublicationFactory
from tests.partners.factories import PartnershipFactory
from tests.procurements.factories import ProcurementFactory, SolutionFactory

pytestmark = pytest.mark.django_db

ORIGIN = "https://www.anskaffelser.no"
LIVE_PARTICIPANTS = 4321  # a late activity's participants: only the live sum holds them


def public_urls(years: list[int]) -> list[str]:
    """Every URL of the public URLconf (lup.publishing.urls), each year filled in, and JSON."""
    (resolver,) = [
        p
        for p in get_resolver().url_patterns
        if isinstance(p, URLResolver) and str(p.pattern) == "public/"
    ]
    urls = []
    for pattern in resolver.url_patterns:
        assert isinstance(pattern, URLPattern)
        route = "/public/" + str(pattern.pattern)
        for year in years if "<str:year>" in route else [None]:
            url = route.replace("<str:year>", str(year))
            urls += [url, url + "?format=json"]
    return urls


@pytest.fixture
def published_then_changed(small_2023, manager):
    """2022 and 2023 published; then a late 2023 procurement, a late activity, a post, a
    solution and a partnership, so that live and published differ."""
    PartnershipFactory(started_on=datetime.date(2023, 2, 1))
    publish(2022, manager, note="Årsrapport 2022")
    publish(2023, manager, note="Årsrapport 2023")
    ProcurementFactory(title="Hemmelig sen anskaffelse", started_on=datetime.date(2023, 12, 1))
    OutreachActivityFactory(date=datetime.date(2023, 12, 2), participants=LIVE_PARTICIPANTS)
    PublicationFactory(title="Sent innlegg", published_on=datetime.date(2023, 12, 3))
    SolutionFactory(name="Sen løsning", published_on=datetime.date(2023, 12, 4))
    PartnershipFactory(started_on=datetime.date(2023, 12, 5))
    return small_2023


def _names() -> set[str]:
    names = set()
    for model, field in (
        (Procurement, "title"),
        (PublicBody, "name"),
        (OutreachActivity, "title"),
        (Publication, "title"),
        (Solution, "name"),
    ):
        names |= set(model.objects.values_list(field, flat=True))
    return {name for name in names if name}


def _keys(value) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


def test_anonymous_visitors_see_published_numbers_only(published_then_changed):
    client = Client()
    names = _names()
    assert "Hemmelig sen anskaffelse" in names and "Smarte senger" in names
    urls = public_urls([2022, 2023])
    assert len(urls) == 10
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        text = re.sub(r"\s", " ", body)
        for name in names:
            assert name not in text, (url, name)
        # The live participants (published 100, live 4421) appear nowhere, in any format.
        for live in ("4421", "4 421", "4\xa0421"):
            assert live not in text, url
        if "format=json" in url:
            data = json.loads(body)
            # No record ids: no "id", "ids", "sector" or "record_ids" key anywhere.
            assert not _keys(data) & {"id", "ids", "sector", "record_ids", "new_partners"}, url
        else:
            assert "<html" in body


def test_the_year_page_shows_the_published_figures_in_norwegian(published_then_changed):
    response = Client().get("/public/figures/2023/")
    body = response.content.decode()
    assert response["Content-Language"] == "nb"
    assert "LUPs tall for 2023" in body
    assert "Årsrapport 2023" in body
    assert 'data-figure="procurements_started"' in body
    row = re.search(
        r'data-figure="outreach_participants"><th[^>]*>[^<]*</th><td[^>]*>([^<]*)<', body
    )
    assert row.group(1) == "100"


def test_json_by_format_or_accept(published_then_changed):
    client = Client()
    by_format = client.get("/public/figures/2023/?format=json")
    by_accept = client.get("/public/figures/2023/", HTTP_ACCEPT="application/json")
    assert by_format["Content-Type"] == by_accept["Content-Type"] == "application/json"
    data = by_format.json()
    assert data == by_accept.json()
    assert (data["year"], data["version"], data["note"]) == (2023, 1, "Årsrapport 2023")
    assert data["figures"]["procurements_started"] == 2
    assert data["figures"]["outreach_participants"] == 100
    listing = client.get("/public/figures/?format=json").json()
    assert [item["year"] for item in listing] == [2023, 2022]


def test_the_embed_page_has_the_headline_and_may_be_framed(published_then_changed):
    client = Client()
    embed = client.get("/public/figures/2023/embed/")
    assert "X-Frame-Options" not in embed
    # The Content-Security-Policy lets any site frame it, and no other page.
    assert "frame-ancestors *" in embed["Content-Security-Policy"]
    assert "script-src 'self'" in embed["Content-Security-Policy"]
    assert 'data-figure="municipal_coverage"' in embed.content.decode()
    page = client.get("/public/figures/2023/")
    assert page["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in page["Content-Security-Policy"]


def test_cors_is_open_for_the_public_figures_only(published_then_changed, user):
    client = Client(HTTP_ORIGIN=ORIGIN)
    public = client.get("/public/figures/2023/?format=json")
    assert public["Access-Control-Allow-Origin"] == "*"
    client.force_login(user)
    for url in ("/api/v1/stats/published/2023/", "/api/v1/stats/years/2023/", "/dashboard/"):
        assert "Access-Control-Allow-Origin" not in client.get(url), url


def test_etag_cache_control_and_304(published_then_changed):
    client = Client()
    first = client.get("/public/figures/2023/?format=json")
    assert first["ETag"]
    assert "public" in first["Cache-Control"] and "max-age=300" in first["Cache-Control"]
    again = client.get("/public/figures/2023/?format=json", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_a_year_not_published_is_404_and_writes_are_refused(published_then_changed):
    client = Client()
    assert client.get("/public/figures/2021/").status_code == 404
    assert client.get("/public/figures/abc/").status_code == 404
    assert client.post("/public/figures/2023/").status_code in (403, 405)


def test_a_correction_replaces_the_public_figures(published_then_changed, manager):
    publish(2023, manager, correction_reason="Korrigert: en anskaffelse registrert for sent")
    data = Client().get("/public/figures/2023/?format=json").json()
    live = annual_figures(2023)
    assert live["procurements_started"] > 2
    assert (data["version"], data["figures"]["procurements_started"]) == (
        2,
        live["procurements_started"],
    )
