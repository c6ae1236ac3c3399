"""The /api/v1/ root, the OpenAPI schema and the docs pages."""

import json
import re

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import Client

from lup.core.api.schema import SchemaGenerator
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


# --- A schema that generated clients can trust -------------------------------------------------


@pytest.fixture(scope="module")
def schema():
    """The schema as /api/v1/schema/ serves it (generated once for this module's tests)."""
    generator = SchemaGenerator()
    return json.loads(json.dumps(generator.get_schema(request=None, public=True)))


def operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            yield path, method, operation


def test_the_schema_is_the_same_in_every_language(browser, schema):
    for language in ("nb", "en", "nb-NO,nb;q=0.9"):
        response = browser.get("/api/v1/schema/?format=json", HTTP_ACCEPT_LANGUAGE=language)
        assert json.loads(response.content) == schema
    # English texts and identifiers, e.g. the enum of outcomes and a filter's description.
    assert "OutcomeEnum" in schema["components"]["schemas"]
    parameters = {
        p["name"]: p for p in schema["paths"]["/api/v1/procurements/"]["get"]["parameters"]
    }
    assert parameters["sector"]["description"] == "Sector id or code."


def test_the_management_command_writes_the_same_schema(schema, tmp_path, settings):
    settings.LANGUAGE_CODE = "nb"
    out = tmp_path / "schema.json"
    call_command("spectacular", "--format", "openapi-json", "--file", str(out))
    assert json.loads(out.read_text()) == schema


def test_every_operation_has_a_summary_and_a_description(schema):
    for path, method, operation in operations(schema):
        assert operation.get("summary"), (method, path)
        assert operation.get("description"), (method, path)
    assert schema["paths"]["/api/v1/procurements/{id}/"]["patch"]["summary"] == (
        "Change fields of a procurement"
    )
    assert schema["paths"]["/api/v1/outreach-activities/"]["post"]["summary"] == (
        "Create an outreach activity"
    )


def test_every_parameter_has_a_type_and_a_description(schema):
    for path, method, operation in operations(schema):
        for parameter in operation.get("parameters", []):
            where = (method, path, parameter["name"])
            assert parameter.get("description"), where
            assert parameter["schema"].get("type") in {"integer", "string", "number"}, where
    listing = {
        p["name"]: p["description"]
        for p in schema["paths"]["/api/v1/procurements/"]["get"]["parameters"]
    }
    assert "one of: title, description" in listing["search"]
    assert "one of started_on, ended_on, title" in listing["ordering"]
    assert listing["active_in"] == "Procurements active at some time in the year (counting rule 2)."


# The docstrings of the project's base classes are notes for its developers.
BASE_CLASS_DOCS = [
    "Checks the model's Meta.constraints",
    "A lookup-table value (lup.core.models.Lookup)",
    "A ModelViewSet whose writes",
    "A lookup table's endpoint",
    "An endpoint without a model",
]
CODE_WORDS = re.compile(
    r"\b(lup|partners|procurements|outreach)\.[a-z_]+\b|\.py\b|Meta\.|\bsubclass"
)


def test_descriptions_are_written_for_the_api_s_users(schema):
    texts = [op.get("description", "") for _p, _m, op in operations(schema)]
    for name, component in schema["components"]["schemas"].items():
        if name.endswith("Enum"):
            continue
        assert component.get("description"), name
        texts.append(component["description"])
        texts += [p.get("description", "") for p in component.get("properties", {}).values()]
    for text in texts:
        assert not any(text.startswith(doc) for doc in BASE_CLASS_DOCS), text
        assert not CODE_WORDS.search(text), text


def test_write_bodies_are_json_only(schema):
    writes = 0
    for path, _method, operation in operations(schema):
        if "requestBody" in operation:
            writes += 1
            assert list(operation["requestBody"]["content"]) == ["application/json"], path
    assert writes == 14 * 3  # create, update, partial update of every record endpoint


def test_nullable_and_required_fields_are_exact(schema):
    procurement = schema["components"]["schemas"]["Procurement"]
    assert procurement["properties"]["adviser_name"]["nullable"] is True
    assert "nullable" not in procurement["properties"]["sector_name"]
    # An answer always holds every field.
    assert set(procurement["required"]) == set(procurement["properties"])
    # A write needs only the title and sector; a partial update needs nothing.
    assert set(schema["components"]["schemas"]["ProcurementRequest"]["required"]) == {
        "title",
        "sector",
    }
    assert "required" not in schema["components"]["schemas"]["PatchedProcurementRequest"]


PROBLEM = {"$ref": "#/components/schemas/Problem"}


def test_every_operation_documents_its_errors_as_problem_details(schema):
    for path, method, operation in operations(schema):
        responses = operation["responses"]
        expected = {"401", "403", "405", "406", "429", "500"}
        if method in {"post", "put", "patch"}:
            expected |= {"400", "415"}
        if "{" in path or "page" in {p["name"] for p in operation.get("parameters", [])}:
            expected.add("404")
        assert expected <= set(responses), (method, path, sorted(responses))
        for status, response in responses.items():
            if status >= "400":
                assert list(response["content"]) == ["application/problem+json"], (path, status)
                assert response["description"], (path, status)
                if status != "400":
                    assert response["content"]["application/problem+json"]["schema"] == PROBLEM
    problem = schema["components"]["schemas"]["Problem"]
    assert set(problem["required"]) == {"type", "title", "status", "detail", "errors"}


def test_a_400_names_the_inputs_a_client_sent(schema):
    create = schema["paths"]["/api/v1/procurements/"]["post"]["responses"]["400"]
    ref = create["content"]["application/problem+json"]["schema"]["$ref"]
    problem = schema["components"]["schemas"][ref.rsplit("/", 1)[1]]
    error_ref = problem["properties"]["errors"]["items"]["$ref"]
    attr = schema["components"]["schemas"][error_ref.rsplit("/", 1)[1]]["properties"]["attr"]
    pattern = re.compile(attr["pattern"])
    assert attr["nullable"] is True
    for name in ["title", "participations", "participations.0.body", "participations.12.role"]:
        assert pattern.match(name), name
    for name in ["participations.x.body", "titles", "participations.0.colour"]:
        assert not pattern.match(name), name
    # Filters are inputs too.
    listing = schema["paths"]["/api/v1/procurements/"]["get"]["responses"]["400"]
    ref = listing["content"]["application/problem+json"]["schema"]["$ref"]
    assert ref.endswith("/ProcurementsListValidationProblem")


def test_reads_document_etag_and_304(schema):
    for path, method, operation in operations(schema):
        if method != "get":
            continue
        names = {p["name"] for p in operation.get("parameters", [])}
        assert "If-None-Match" in names, path
        assert "304" in operation["responses"], path
        assert "ETag" in operation["responses"]["200"]["headers"], path
