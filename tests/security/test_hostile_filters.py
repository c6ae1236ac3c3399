"""Arbitrary text in every filter of every list endpoint and every admin changelist filter gets
2xx or 4xx, never a 500 (issue 8), on the demo portfolio.

The parameters are not listed here: the API's come from its OpenAPI schema (which drf-spectacular
builds from each viewset's filterset, search, ordering and pagination, and the stats and OCDS
views' own parameters), the admin's from each registered ModelAdmin's changelist filters, and
the dashboard's from its record lists' narrowings. A new filter is fuzzed without touching this
file. Hypothesis runs derandomized with a bounded number of examples, so a run is repeatable
and takes about a minute (max_examples below).
"""

import re
from urllib.parse import quote

import pytest
from django.contrib import admin
from django.test import Client, RequestFactory
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lup.dashboard.records import RECORD_LISTS

pytestmark = pytest.mark.django_db

EXAMPLES = 20
FUZZ = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Arbitrary text (any code point but surrogates, which a URL cannot carry: Django reads
# undecodable bytes as U+FFFD), plus the values that broke something before.
KNOWN_BAD = [
    "²",
    "٢٠٢٣",
    "１",
    "9" * 25,
    str(2**63),
    "-1",
    "0",
    "0001-01-01",
    "\x00",
    "a\x00b",
    " ".join(["ab"] * 1000),
    "%",
    "'; --",
    "true",
    "2023.5",
    "1e309",
]
values = st.one_of(
    st.sampled_from(KNOWN_BAD),
    st.text(max_size=40),
    st.integers().map(str),
    st.dates().map(str),
)


def api_operations() -> list[tuple[str, list[str], list[str]]]:
    """(path template, path parameters, query parameters) of every GET in the schema."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    found = []
    for path, item in schema["paths"].items():
        operation = item.get("get")
        if operation is None:
            continue
        parameters = operation.get("parameters", [])
        found.append(
            (
                path,
                [p["name"] for p in parameters if p["in"] == "path"],
                [p["name"] for p in parameters if p["in"] == "query"],
            )
        )
    return found


ADMIN_MODELS = [model._meta.label_lower for model in admin.site._registry]


def changelist(label: str, user) -> tuple[str, list[str]]:
    """The changelist URL of a registered model and its parameters: its filters' (as the
    ModelAdmin builds them, with the choices read from the database), search, ordering, page."""
    model = next(m for m in admin.site._registry if m._meta.label_lower == label)
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    request = RequestFactory().get(url)
    request.user = user
    instance = admin.site._registry[model].get_changelist_instance(request)
    params = ["q", "o", "p"]
    for spec in instance.filter_specs:
        params.extend(spec.expected_parameters())
    return url, params


@pytest.fixture
def staff(superuser):
    client = Client()
    client.force_login(superuser)
    return client


def assert_no_server_error(response, url, params):
    assert response.status_code < 500, (url, params, response.content[:500])


def test_every_filter_is_found(demo_data, superuser):
    """The enumeration sees the filters (a broken one would fuzz nothing). Admin shows a
    year filter only when there are years to offer: the demo data has them."""
    operations = {path: query for path, _path_params, query in api_operations()}
    assert {"started_in", "active_in", "body", "sector", "search", "ordering", "page"} <= set(
        operations["/api/v1/procurements/"]
    )
    assert {"year", "procurement"} <= set(operations["/api/v1/ocds/releases/"])
    assert {"started_in", "active_in", "q"} <= set(
        changelist("procurements.procurement", superuser)[1]
    )
    assert "body__body_type__exact" in changelist("procurements.participation", superuser)[1]
    assert len(ADMIN_MODELS) >= 14


@pytest.mark.parametrize(
    ("path", "path_params", "query_params"),
    # An operation without parameters has nothing to fuzz (the stats' series, the API root).
    [operation for operation in api_operations() if operation[1] or operation[2]],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_api_filters_take_any_text(demo_data, staff, path, path_params, query_params):

    @FUZZ
    @given(
        st.dictionaries(st.sampled_from(query_params or ["page"]), values, max_size=3),
        st.lists(values, min_size=len(path_params), max_size=len(path_params)),
    )
    def check(params, path_values):
        url = path
        for name, value in zip(path_params, path_values, strict=True):
            url = url.replace("{" + name + "}", quote(value, safe="") or "x")
        response = staff.get(url, params)
        assert_no_server_error(response, url, params)

    check()


@pytest.mark.parametrize("label", ADMIN_MODELS)
def test_admin_changelist_filters_take_any_text(demo_data, superuser, staff, label):
    url, params = changelist(label, superuser)

    @FUZZ
    @given(st.dictionaries(st.sampled_from(params), values, min_size=1, max_size=3))
    def check(query):
        response = staff.get(url, query)
        assert_no_server_error(response, url, query)

    check()


def dashboard_pages() -> list[tuple[str, list[str]]]:
    pages = [("/dashboard/", ["year"]), ("/dashboard/search/", ["q"])]
    for slug, record_list in RECORD_LISTS.items():
        params = ["page", *(narrowing.param for narrowing in record_list.narrowings)]
        pages.append((f"/dashboard/2023/records/{slug}/", params))
    return pages


@pytest.mark.parametrize(
    ("url", "params"), dashboard_pages(), ids=lambda v: v if isinstance(v, str) else None
)
def test_dashboard_parameters_take_any_text(demo_data, staff, url, params):
    @FUZZ
    @given(st.dictionaries(st.sampled_from(params), values, min_size=1, max_size=3))
    def check(query):
        response = staff.get(url, query)
        assert_no_server_error(response, url, query)

    check()


def test_path_templates_are_filled():
    for path, path_params, _query in api_operations():
        assert set(re.findall(r"{(\w+)}", path)) == set(path_params), path
