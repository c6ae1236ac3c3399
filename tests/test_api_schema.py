"""The /api/v1/ root, the OpenAPI schema and the docs pages."""

import json

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import Client

from tests.apiutils import RECORD_ENDPOINTS

pytestmark = pytest.mark.django_db


@pytest.fixture
def browser(user):
    client = Client()
    client.force_login(user)
    return client


def test_root_lists_every_record_endpoint(reader_client):
    response = reader_client.get("/api/v1/")
    assert response.status_code == 200
    assert sorted(response.json()) == sorted(RECORD_ENDPOINTS)


def test_schema_is_openapi_3(browser):
    response = browser.get("/api/v1/schema/?format=json")
    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["openapi"].startswith("3.")
    for prefix in RECORD_ENDPOINTS:
        assert f"/api/v1/{prefix}/" in schema["paths"]
        assert f"/api/v1/{prefix}/{{id}}/" in schema["paths"]
    assert "/api/v1/stats/years/{year}/" in schema["paths"]
    assert set(schema["paths"]["/api/v1/procurements/"]) >= {"get", "post"}
    assert set(schema["paths"]["/api/v1/procurements/{id}/"]) >= {"get", "put", "patch", "delete"}
    parameters = {
        p["name"]: p for p in schema["paths"]["/api/v1/procurements/"]["get"]["parameters"]
    }
    assert parameters["started_in"]["schema"]["type"] == "integer"
    assert {"active_in", "sector", "body", "body_type", "search", "ordering"} <= set(parameters)
    nested = schema["components"]["schemas"]["ProcurementParticipationRequest"]["properties"]
    assert set(nested) == {"body", "role", "joined_on", "left_on"}


def test_schema_validates_without_warnings(tmp_path):
    # drf-spectacular checks the document against the OpenAPI 3 JSON schema; any warning
    # (an unresolvable field or filter type) fails.
    out = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    assert out.read_text().startswith("openapi: 3.")


@pytest.mark.parametrize("url", ["/api/v1/docs/", "/api/v1/redoc/"])
def test_docs_load_nothing_from_the_internet(browser, url):
    response = browser.get(url)
    assert response.status_code == 200
    html = response.content.decode().lower()
    for host in ("cdn", "jsdelivr", "unpkg"):
        assert host not in html
    assert "drf_spectacular_sidecar/" in html


def test_docs_assets_are_installed():
    assert finders.find("drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")
    assert finders.find("drf_spectacular_sidecar/swagger-ui-dist/swagger-ui.css")
    assert finders.find("drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js")
