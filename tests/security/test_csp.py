"""A Content-Security-Policy on every HTML page (django-csp), with no inline script allowed and
none needed: every page's scripts are files of this site."""

import re

import pytest
from django.contrib import admin
from django.test import Client, RequestFactory
from django.urls import reverse

from lup.dashboard.records import RECORD_LISTS
from outreach.models import OutreachActivity
from partners.models import Partnership, PublicBody
from procurements.models import Procurement, Solution

pytestmark = pytest.mark.django_db

SCRIPT_TAG = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.DOTALL | re.IGNORECASE)
# onclick=, onload=, ...: inline handlers, which a policy without 'unsafe-inline' blocks.
EVENT_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE)
JSON_TYPE = re.compile(r"""type\s*=\s*["']application/(ld\+)?json["']""", re.IGNORECASE)


def directives(header: str) -> dict[str, list[str]]:
    parsed = {}
    for part in header.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


def html_pages(superuser) -> list[str]:
    """Every kind of HTML page: the dashboard's, each admin changelist, add form, change form and
    history, the browsable API, the API docs, and the login pages."""
    first = {
        "procurement": Procurement.objects.order_by("pk").first(),
        "body": PublicBody.objects.order_by("pk").first(),
        "partnership": Partnership.objects.order_by("pk").first(),
        "activity": OutreachActivity.objects.order_by("pk").first(),
        "solution": Solution.objects.order_by("pk").first(),
    }
    pages = [
        "/dashboard/2023/",
        "/dashboard/2023/report/",
        "/dashboard/search/?q=helse",
        *(f"/dashboard/2023/records/{slug}/" for slug in RECORD_LISTS),
        *(reverse(f"dashboard:{name}", args=[record.pk]) for name, record in first.items()),
        "/admin/",
        "/api/v1/",
        "/api/v1/procurements/",
        "/api/v1/docs/",
        "/api/v1/redoc/",
    ]
    request = RequestFactory().get("/admin/")
    request.user = superuser
    for model, model_admin in admin.site._registry.items():
        info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        pages.append(reverse(f"{info}_changelist"))
        if model_admin.has_add_permission(request):  # the audit log is read-only
            pages.append(reverse(f"{info}_add"))
        record = model._default_manager.order_by("pk").first()
        if record is not None:
            pages += [
                reverse(f"{info}_change", args=[record.pk]),
                reverse(f"{info}_history", args=[record.pk]),
            ]
    return pages


def assert_strict_policy(response, url):
    header = response.get("Content-Security-Policy")
    assert header, url
    policy = directives(header)
    assert policy["script-src"] == ["'self'"], (url, header)
    assert policy["default-src"] == ["'self'"], (url, header)
    assert policy["frame-ancestors"] == ["'none'"], (url, header)
    assert "'unsafe-eval'" not in header, url


def assert_no_inline_script(html: str, url: str):
    for attributes, body in SCRIPT_TAG.findall(html):
        if JSON_TYPE.search(attributes):
            continue  # data, not code: a policy does not apply to it
        assert "src=" in attributes and not body.strip(), (url, attributes, body[:200])
    assert not EVENT_HANDLER.search(html), (url, EVENT_HANDLER.search(html).group(0))


def test_every_html_page_sends_a_strict_policy_and_has_no_inline_script(demo_data, superuser):
    client = Client()
    client.force_login(superuser)
    checked = 0
    for url in html_pages(superuser):
        response = client.get(url, HTTP_ACCEPT="text/html")
        assert response.status_code == 200, url
        assert response["Content-Type"].startswith("text/html"), url
        assert_strict_policy(response, url)
        assert_no_inline_script(response.content.decode(), url)
        checked += 1
    assert checked > 60


def test_the_swagger_ui_start_up_script_is_a_file(superuser):
    client = Client()
    client.force_login(superuser)
    html = client.get("/api/v1/docs/").content.decode()
    [script_url] = [
        src for src in re.findall(r'<script src="([^"]+)"', html) if "script" in src.split("?")[-1]
    ]
    script = client.get(script_url.replace("&amp;", "&"))
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in script.content.decode()


def test_anonymous_pages_and_errors_send_it_too(db):
    client = Client()
    for url, status in [
        ("/accounts/login/", 200),
        ("/admin/login/", 200),
        ("/dashboard/no-such-page/", 404),
        ("/dashboard/search/?q=%00", 400),
    ]:
        response = client.get(url)
        assert response.status_code == status, url
        assert_strict_policy(response, url)
        assert_no_inline_script(response.content.decode(), url)
