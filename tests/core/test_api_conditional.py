"""Conditional GET on the API's reads (lup.core.api.conditional): an ETag that changes with the
answer, 304 Not Modified for a client that holds the current one, and a Cache-Control that
makes every cache ask again."""

import pytest

from tests.procurements.factories import ProcurementFactory

pytestmark = pytest.mark.django_db

READS = [
    "/api/v1/procurements/",
    "/api/v1/procurements/?active_in=2023",
    "/api/v1/stats/years/2023/",
    "/api/v1/stats/years/",
]


@pytest.mark.parametrize("url", READS)
def test_a_read_has_an_etag_and_answers_304_to_it(reader_client, url):
    ProcurementFactory(title="Første")
    response = reader_client.get(url)
    assert response.status_code == 200
    etag = response["ETag"]
    assert etag.startswith('"') and etag.endswith('"') and len(etag) == 42
    assert response["Cache-Control"] == "private, no-cache"

    again = reader_client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert (again["ETag"], again["Cache-Control"]) == (etag, "private, no-cache")

    other = reader_client.get(url, HTTP_IF_NONE_MATCH='"something-else"')
    assert other.status_code == 200
    assert other.content == response.content


@pytest.mark.parametrize("url", ["/api/v1/procurements/", "/api/v1/stats/years/2023/"])
def test_the_etag_changes_when_a_record_changes(reader_client, url):
    procurement = ProcurementFactory(title="Første")
    etag = reader_client.get(url)["ETag"]
    procurement.title = "Endret"
    procurement.estimated_value_nok = 1_000
    procurement.save()
    # A new procurement started in 2023 changes the figures, too.
    ProcurementFactory(title="Ny")
    response = reader_client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag


def test_the_etag_differs_by_language_and_page(reader_client):
    for number in range(3):
        ProcurementFactory(title=f"P{number}")
    url = "/api/v1/procurements/?page_size=2"
    first = reader_client.get(url)
    second = reader_client.get(url + "&page=2")
    assert first["ETag"] != second["ETag"]
    nb = reader_client.get("/api/v1/stats/years/2023/", HTTP_ACCEPT_LANGUAGE="nb")
    assert "Accept-Language" in nb["Vary"]


def test_public_reads_may_be_kept_by_shared_caches(api_client, settings):
    settings.API_PUBLIC_READ = True
    response = api_client.get("/api/v1/stats/years/2023/")
    assert response["Cache-Control"] == "public, no-cache"


def test_errors_and_writes_have_no_etag(admin_api_client):
    assert not admin_api_client.get("/api/v1/procurements/999999/").has_header("ETag")
    response = admin_api_client.post("/api/v1/sectors/", {"code": "ny-sektor", "name": "Ny"})
    assert response.status_code == 201
    assert not response.has_header("ETag")
