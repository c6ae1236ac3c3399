"""Every API error is one RFC 9457 problem document (lup.core.api.errors), and request bodies
are JSON (lup.core.api.negotiation)."""

import json

import pytest
from django.test import Client
from rest_framework.test import APIClient

from procurements.models import Procurement
from tests.apiutils import field_errors, problem
from tests.partners.factories import PublicBodyFactory
from tests.procurements.factories import ProcurementFactory, SectorFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("api_client_in_english")]


def test_a_400_lists_each_message_under_the_input_it_is_about(admin_api_client):
    body = PublicBodyFactory()
    response = admin_api_client.post(
        "/api/v1/procurements/",
        {
            "sector": SectorFactory().id,
            "participations": [{"body": body.id, "role": "lead"}, {"body": 999_999}],
        },
    )
    document = problem(response, 400)
    assert (document["title"], document["detail"]) == ("Bad Request", "Invalid input.")
    assert sorted((e["attr"], e["code"], e["detail"]) for e in document["errors"]) == [
        ("participations.1.body", "does_not_exist", 'Invalid pk "999999" - object does not exist.'),
        ("title", "required", "This field is required."),
    ]
    assert field_errors(response) == {
        "participations": {"1": {"body": ['Invalid pk "999999" - object does not exist.']}},
        "title": ["This field is required."],
    }


def test_a_rule_across_the_list_is_about_the_list(admin_api_client):
    body = PublicBodyFactory()
    response = admin_api_client.post(
        "/api/v1/procurements/",
        {"title": "T", "sector": SectorFactory().id, "participations": [{"body": body.id}]},
    )
    [error] = problem(response, 400)["errors"]
    assert error == {
        "attr": "participations",
        "code": "invalid",
        "detail": "A procurement with participants needs exactly one lead.",
    }


def test_messages_follow_the_request_language(api_client, superuser):
    api_client.force_authenticate(superuser)
    response = api_client.post(
        "/api/v1/sectors/", {"name": "X"}, format="json", HTTP_ACCEPT_LANGUAGE="nb"
    )
    assert field_errors(response) == {"code": ["Dette feltet er påkrevd."]}


@pytest.mark.parametrize(
    ("method", "path", "status", "code"),
    [
        ("get", "/api/v1/procurements/999999/", 404, "not_found"),
        ("get", "/api/v1/procurements/?page=99", 404, "not_found"),
        ("post", "/api/v1/stats/years/", 405, "method_not_allowed"),
        ("delete", "/api/v1/procurements/", 405, "method_not_allowed"),
    ],
)
def test_other_errors_have_one_entry_about_the_request(
    admin_api_client, method, path, status, code
):
    response = getattr(admin_api_client, method)(path)
    [error] = problem(response, status)["errors"]
    assert (error["attr"], error["code"]) == (None, code)


def test_a_forbidden_write_is_a_403_problem(reader_client):
    response = reader_client.delete(f"/api/v1/procurements/{ProcurementFactory().id}/")
    [error] = problem(response, 403)["errors"]
    assert error["code"] == "permission_denied"
    assert Procurement.objects.count() == 1


def test_a_record_in_use_is_a_409_problem(admin_api_client):
    procurement = ProcurementFactory()
    response = admin_api_client.delete(f"/api/v1/sectors/{procurement.sector_id}/")
    document = problem(response, 409)
    assert document["title"] == "Conflict"
    assert document["errors"][0]["code"] == "conflict"


def test_an_unknown_api_path_is_a_problem_but_other_paths_get_the_page(client):
    problem(client.get("/api/v1/no-such-endpoint/"), 404)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_an_unexpected_exception_is_a_500_problem_without_its_message(
    admin_api_client, monkeypatch
):
    from procurements.api import views

    def explode(self):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(views.ProcurementViewSet, "get_queryset", explode)
    admin_api_client.raise_request_exception = False
    response = admin_api_client.get("/api/v1/procurements/")
    document = problem(response, 500)
    assert document["errors"][0]["code"] == "error"
    assert b"secret" not in response.content


# --- Bodies are JSON ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/x-www-form-urlencoded", "code=x&name=X"),
        (
            "multipart/form-data; boundary=B",
            '--B\r\nContent-Disposition: form-data; name="code"\r\n\r\nx\r\n--B--\r\n',
        ),
        ("text/plain", "x"),
    ],
)
def test_a_body_that_is_not_json_is_415(admin_api_client, content_type, body):
    response = admin_api_client.generic("POST", "/api/v1/sectors/", body, content_type)
    [error] = problem(response, 415)["errors"]
    assert error["code"] == "unsupported_media_type"


def test_malformed_json_is_a_400_about_the_request(admin_api_client):
    response = admin_api_client.generic("POST", "/api/v1/sectors/", '{"code": ', "application/json")
    [error] = problem(response, 400)["errors"]
    assert (error["attr"], error["code"]) == (None, "parse_error")


def test_the_browsable_api_still_posts_its_html_form(superuser):
    browser = Client(HTTP_ACCEPT="text/html", HTTP_ACCEPT_LANGUAGE="en")
    browser.force_login(superuser)
    response = browser.post("/api/v1/sectors/", {"code": "test-sector", "name": "Testsektor"})
    assert response.status_code == 201
    assert response["Content-Type"].startswith("text/html")


def test_a_partial_update_stores_a_list_once(admin_api_client):
    procurement = ProcurementFactory()
    response = admin_api_client.patch(
        f"/api/v1/procurements/{procurement.id}/", {"doffin_notice_ids": ["A", "B"]}
    )
    assert response.status_code == 200, response.content
    assert response.json()["doffin_notice_ids"] == ["A", "B"]
    procurement.refresh_from_db()
    assert procurement.doffin_notice_ids == ["A", "B"]


def test_a_client_that_accepts_only_json_gets_the_problem_document():
    # RFC 9457: application/problem+json is JSON; a client asking for application/json reads it.
    client = APIClient(HTTP_ACCEPT="application/json")
    response = client.get("/api/v1/procurements/")
    assert response.status_code in (401, 403)
    assert response["Content-Type"] == "application/problem+json"
    assert json.loads(response.content)["status"] == response.status_code
