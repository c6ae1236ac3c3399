"""schemathesis runs every operation of the live schema against the app, authenticated as a
superuser on the demo data, and checks each answer: no server error, the body conforms to the
schema, the status code and the content type are the documented ones.

Bounded and repeatable: a fixed seed, a set number of examples per operation (MAX_EXAMPLES),
deterministic generation; everything it writes is rolled back with the test's transaction.
"""

import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from lup.core.api.schema import SchemaGenerator
from tests.apiutils import token_header

MAX_EXAMPLES = 10
SEED = 20231

CHECKS = [
    "not_a_server_error",
    "response_schema_conformance",
    "status_code_conformance",
    "content_type_conformance",
]

CONFIG = SchemathesisConfig.from_dict(
    {
        "seed": SEED,
        # No example database: every run generates the same examples from the seed.
        "generation": {
            "max-examples": MAX_EXAMPLES,
            "deterministic": True,
            "mode": "all",
            "database": "none",
        },
        "phases": {"stateful": {"enabled": False}},
        "checks": {"enabled": False, **{name: {"enabled": True} for name in CHECKS}},
    }
)


@pytest.fixture
def in_process_requests():
    """Requests sent straight to the WSGI app run in the test's own database transaction:
    like Django's test client, keep the request signals from closing its connection."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def load_schema() -> schemathesis.schemas.BaseSchema:
    """The schema /api/v1/schema/ serves, sent to the Django app in this process (WSGI)."""
    document = json.loads(json.dumps(SchemaGenerator().get_schema(request=None, public=True)))
    schema = schemathesis.openapi.from_dict(document, config=CONFIG)
    schema.app = get_wsgi_application()
    return schema


# Loaded when the module is collected (generating the schema needs no database), so that
# each operation is a test of its own.
schema = load_schema()


@schema.parametrize()
# The fixtures hold for every example of an operation: the demo data (each example's writes
# stay until the operation's test is rolled back), the user, the request signals.
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], database=None)
def test_every_operation_conforms_to_the_schema(case, demo_data, in_process_requests, superuser):
    case.call_and_validate(headers=token_header(superuser))


# --- Every record of the demo data, as the API answers it --------------------------------------


def _is_paginated_list(item: dict) -> bool:
    answer = item.get("get", {}).get("responses", {}).get("200", {})
    ref = answer.get("content", {}).get("application/json", {}).get("schema", {}).get("$ref", "")
    return ref.rsplit("/", 1)[-1].startswith("Paginated")


# The record endpoints: those that answer with pages.
LIST_PATHS = [path for path, item in schema.raw_schema["paths"].items() if _is_paginated_list(item)]


@pytest.mark.parametrize("path", LIST_PATHS)
def test_every_demo_record_conforms_to_the_schema(path, demo_data, in_process_requests, superuser):
    """Each list, every page of it, and the first and last record of it by id: the generated
    examples above rarely name an id that exists, so this sweep shows that the records as they
    are (empty values, nulls, nested lists) match the schema."""
    headers = token_header(superuser)
    page, rows = 1, []
    while page:
        case = schema[path]["GET"].Case(query={"page": page, "page_size": 500})
        response = case.call_and_validate(headers=headers)
        body = response.json()
        rows += body["results"]
        page = page + 1 if body["next"] else None
    assert rows, f"{path}: no demo records"
    assert len(rows) == body["count"]
    detail = schema[path + "{id}/"]["GET"]
    for row in {rows[0]["id"]: rows[0], rows[-1]["id"]: rows[-1]}.values():
        response = detail.Case(path_parameters={"id": row["id"]}).call_and_validate(headers=headers)
        assert response.json() == row


@pytest.mark.parametrize("year", [2018, 2019, 2023, 2025, 2100])
def test_the_figures_and_releases_of_every_year_conform_to_the_schema(
    year, demo_data, in_process_requests, superuser
):
    headers = token_header(superuser)
    case = schema["/api/v1/stats/years/{year}/"]["GET"].Case(path_parameters={"year": year})
    assert case.call_and_validate(headers=headers).json()["year"] == year
    series = schema["/api/v1/stats/years/"]["GET"].Case().call_and_validate(headers=headers)
    assert series.json()[0]["year"] == 2019
    ocds = schema["/api/v1/ocds/releases/"]["GET"].Case(query={"year": year})
    ocds.call_and_validate(headers=headers)
