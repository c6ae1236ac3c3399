"""Regression tests for the 12 causes of a 500 found by the red team (issue 8): each answer is
now a 400 with a clear message (404 for a bad path id), a problem document on the API and a
page elsewhere. Run on SQLite and PostgreSQL (the NUL and long-search causes were each one
database's)."""

import json

import pytest
from django.test import Client, override_settings

from lup.core.inputs import MAX_JSON_DEPTH, MAX_SEARCH_TERMS
from partners.models import PublicBody
from procurements.models import Participation, Procurement, Role
from tests.apiutils import field_errors, problem
from tests.partners.factories import PublicBodyFactory
from tests.procurements.factories import ParticipationFactory, ProcurementFactory, SectorFactory

pytestmark = pytest.mark.django_db

JSON = "application/json"
TOO_BIG = "9" * 25  # past 2**63 - 1


@pytest.fixture
def staff(client, superuser):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.force_login(superuser)
    return client


@pytest.fixture
def procurement():
    procurement = ProcurementFactory(title="Vann")
    ParticipationFactory(procurement=procurement, role=Role.LEAD)
    return procurement


def only_error(response, status: int) -> dict:
    [error] = problem(response, status)["errors"]
    return error


# 1. Unicode digits (², ٢) in lookup and id filters and path ids, API and dashboard.
@pytest.mark.parametrize("digits", ["²", "٢", "１"])
def test_unicode_digits_in_api_filters_and_ids(staff, procurement, digits):
    assert staff.get(f"/api/v1/procurements/?body={digits}").status_code == 400
    assert staff.get(f"/api/v1/procurements/?adviser={digits}").status_code == 400
    assert staff.get(f"/api/v1/procurements/?started_in={digits}").status_code == 400
    # A lookup is an id or a code: this is neither, so nothing matches.
    assert staff.get(f"/api/v1/procurements/?sector={digits}").json()["count"] == 0
    # ٢ is 2 to int(), but no id: the path matches no route.
    only_error(staff.get(f"/api/v1/procurements/{digits}/"), 404)
    only_error(staff.get(f"/api/v1/stats/years/{digits}/"), 400)


def test_unicode_digits_in_dashboard_parameters(staff, procurement):
    assert staff.get("/dashboard/?year=²").status_code == 302
    response = staff.get("/dashboard/2023/records/procurements-started/?sector=²&month=٢")
    assert response.status_code == 200
    assert response.context["active"] == {}
    assert staff.get("/dashboard/٢٠٢٣/").status_code == 404


# 2. Numbers past 64 bits in id filters and admin year filters.
def test_ids_past_64_bits_in_api_filters_and_paths(staff, procurement):
    error = only_error(staff.get(f"/api/v1/procurements/?body={TOO_BIG}"), 400)
    assert error["attr"] == "body"
    assert staff.get(f"/api/v1/procurements/?sector={TOO_BIG}").json()["count"] == 0
    only_error(staff.get(f"/api/v1/procurements/{TOO_BIG}/"), 404)
    assert staff.get(f"/dashboard/procurements/{TOO_BIG}/").status_code == 404


def test_numbers_past_64_bits_in_admin_filters(staff, procurement):
    changelist = "/admin/procurements/procurement/"
    # Django's answer to a filter value it cannot use: back to the list with ?e=1.
    assert staff.get(f"{changelist}?started_in={TOO_BIG}").status_code == 302
    assert staff.get(f"{changelist}?sector__id__exact={TOO_BIG}").status_code == 200
    url = f"/admin/procurements/participation/?procurement__id__exact={TOO_BIG}"
    assert staff.get(url).status_code == 200


# 3. [{}] as the participations of a PATCH.
def test_a_patch_with_an_empty_participation_is_a_400(staff, procurement):
    response = staff.patch(
        f"/api/v1/procurements/{procurement.pk}/",
        json.dumps({"participations": [{}]}),
        content_type=JSON,
    )
    assert field_errors(response) == {
        "participations": {"0": {"body": ["This field is required."]}}
    }
    assert Participation.objects.filter(procurement=procurement).count() == 1


# 4. Deeply nested JSON, on every write endpoint.
@pytest.mark.parametrize("depth", [MAX_JSON_DEPTH + 1, 100_000])
@pytest.mark.parametrize("path", ["/api/v1/procurements/", "/api/v1/sectors/", "/api/v1/bodies/"])
def test_json_nested_too_deep_is_a_400(staff, path, depth):
    body = "[" * depth + "]" * depth
    error = only_error(staff.post(path, body, content_type=JSON), 400)
    assert error["code"] == "nested_too_deep"
    assert error["detail"] == f"The JSON body is nested deeper than {MAX_JSON_DEPTH} levels."


def test_json_nested_within_the_limit_is_read(staff):
    SectorFactory()
    body = {"title": "T", "sector": 1, "notes": "x"}
    for _level in range(MAX_JSON_DEPTH - 1):
        body = {"wrapped": body}
    # Parsed, then refused by the serializer for its fields, not by the parser.
    response = staff.post("/api/v1/procurements/", json.dumps(body), content_type=JSON)
    assert "title" in field_errors(response)


# 5. Lone surrogates in choice fields and organisation numbers.
@pytest.mark.parametrize(
    ("path", "field"),
    [("procurements", "outcome"), ("bodies", "org_number"), ("bodies", "body_type")],
)
def test_a_lone_surrogate_in_a_body_is_a_400(staff, procurement, path, field):
    record = procurement if path == "procurements" else PublicBodyFactory()
    response = staff.patch(
        f"/api/v1/{path}/{record.pk}/", json.dumps({field: "9\ud800"}), content_type=JSON
    )
    error = only_error(response, 400)
    assert error["code"] == "surrogate_characters_not_allowed"
    assert "U+D800" in error["detail"]


def test_a_lone_surrogate_in_a_key_is_a_400(staff, procurement):
    response = staff.patch(
        f"/api/v1/procurements/{procurement.pk}/", '{"\\udfff": 1}', content_type=JSON
    )
    assert only_error(response, 400)["code"] == "surrogate_characters_not_allowed"


# 6. NUL characters in admin filters (PostgreSQL cannot hold them), and everywhere else.
@pytest.mark.parametrize(
    "url",
    [
        "/admin/partners/publicbody/?body_type=%00",
        "/admin/partners/publicbody/?county=a%00",
        "/admin/procurements/procurement/?outcome=%00",
        "/admin/procurements/procurement/?q=%00",
        "/admin/procurements/procurement/?o=1%00",
        "/admin/procurements/participation/?procurement__id__exact=%00",
        "/dashboard/search/?q=%00",
    ],
)
def test_nul_in_a_page_parameter_is_a_400_page(staff, url):
    response = staff.get(url)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert "Bad request" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/bodies/?county=%00",
        "/api/v1/procurements/?search=vann%00",
        "/api/v1/procurements/?ordering=%00",
        "/api/v1/procurements/?x%00=1",
    ],
)
def test_nul_in_an_api_parameter_is_a_400_problem(staff, url):
    error = only_error(staff.get(url), 400)
    assert error["code"] == "null_characters_not_allowed"


def test_nul_in_a_json_string_is_a_400(staff):
    body = PublicBodyFactory()
    response = staff.patch(f"/api/v1/bodies/{body.pk}/", '{"name": "a\\u0000b"}', content_type=JSON)
    assert problem(response, 400)
    assert PublicBody.objects.get(pk=body.pk).name == body.name


# 7. A non-numeric id in simple-history's admin URLs.
@pytest.mark.parametrize("suffix", ["abc/history/", "1/history/abc/", f"{TOO_BIG}/history/"])
def test_a_bad_id_in_a_history_url_is_a_404(staff, procurement, suffix):
    suffix = suffix.replace("1/", f"{procurement.pk}/", 1) if suffix.startswith("1/") else suffix
    assert staff.get(f"/admin/procurements/procurement/{suffix}").status_code == 404


def test_a_good_history_url_still_answers(staff, procurement):
    url = f"/admin/procurements/procurement/{procurement.pk}/history/"
    assert staff.get(url).status_code == 200
    version = procurement.history.first().history_id
    assert staff.get(f"{url}{version}/").status_code == 200


# 8. A 1000-word search (SQLite's expression tree is at most 1000 deep).
def test_a_1000_word_search_is_a_400_on_the_api(staff, procurement):
    words = "+".join(["vann"] * 1000)
    error = only_error(staff.get(f"/api/v1/procurements/?search={words}"), 400)
    assert (error["attr"], error["detail"]) == (
        "search",
        f"Search with at most {MAX_SEARCH_TERMS} words.",
    )
    few = "+".join(["vann"] * MAX_SEARCH_TERMS)
    assert staff.get(f"/api/v1/procurements/?search={few}").json()["count"] == 1


def test_a_1000_word_search_in_admin_says_why_and_finds_nothing(staff, procurement):
    words = "+".join(["vann"] * 1000)
    response = staff.get(f"/admin/procurements/procurement/?q={words}")
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == []
    assert [str(m) for m in response.context["messages"]] == [
        f"Search with at most {MAX_SEARCH_TERMS} words."
    ]
    few = "+".join(["vann"] * MAX_SEARCH_TERMS)
    response = staff.get(f"/admin/procurements/procurement/?q={few}")
    assert list(response.context["cl"].result_list) == [procurement]


def test_a_1000_word_search_on_the_dashboard_answers(staff, procurement):
    words = "+".join(["vann"] * 1000)
    assert staff.get(f"/dashboard/search/?q={words}").status_code == 200


# 9. Too-large bodies: a problem document, not Django's HTML 400 or a 500.
@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_a_json_body_too_large_is_a_400_problem(staff):
    body = json.dumps({"title": "x" * 2000})
    error = only_error(staff.post("/api/v1/procurements/", body, content_type=JSON), 400)
    assert (error["code"], error["detail"]) == (
        "request_too_large",
        "The request body is larger than 1000 bytes.",
    )
    assert not Procurement.objects.exists()


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_a_form_body_too_large_outside_the_api_is_a_400_page():
    response = Client(HTTP_ACCEPT_LANGUAGE="en").post(
        "/accounts/login/", {"username": "u", "password": "y" * 2000}
    )
    assert response.status_code == 400
    assert "Bad request" in response.content.decode()


@override_settings(DATA_UPLOAD_MAX_NUMBER_FIELDS=10)
def test_too_many_parameters_is_a_400_problem_before_any_view():
    """Django refuses the query string when the middleware reads it, and answers through
    handler400: a problem document under /api/ (it was Django's HTML page)."""
    params = "&".join(f"p{n}=1" for n in range(20))
    response = Client(HTTP_ACCEPT_LANGUAGE="en").get(f"/api/v1/procurements/?{params}")
    assert only_error(response, 400)["code"] == "too_many_fields"
