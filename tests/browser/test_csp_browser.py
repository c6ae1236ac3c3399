"""With the Content-Security-Policy active, the pages that run scripts still work in Chromium
and the browser reports no violation: the dashboard's plotly charts, the admin's JavaScript
(a change form with its autocomplete widgets and calendar), Swagger UI and Redoc."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from procurements.models import Procurement
from tests.browser.conftest import restore_seeded_lookups

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
PASSWORD = "pw-csp-browser-123"


def test_no_page_breaks_the_policy(live_server, context):
    restore_seeded_lookups()  # after another transactional test's flush
    call_command("seed_demo", stdout=io.StringIO())
    get_user_model().objects.create_superuser("csp", "csp@example.org", PASSWORD)
    base = live_server.url
    page = context.new_page()
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text)
            if "Content Security Policy" in message.text
            or "Content-Security-Policy" in message.text
            else None
        ),
    )
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", "csp")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{base}/admin/")

    # Plotly draws every chart (data-drawn is set by dashboard.js after Plotly.newPlot).
    page.goto(f"{base}/dashboard/2023/")
    page.wait_for_selector('[data-drawn="true"] svg.main-svg')

    # The admin's scripts: the autocomplete widget (select2) and the date shortcuts.
    procurement = Procurement.objects.order_by("pk").first()
    page.goto(f"{base}/admin/procurements/procurement/{procurement.pk}/change/")
    page.wait_for_selector(".select2-container")
    page.wait_for_selector(".datetimeshortcuts")

    # Swagger UI renders the operations; Redoc renders the schema.
    page.goto(f"{base}/api/v1/docs/")
    page.wait_for_selector(".opblock", timeout=30_000)
    page.goto(f"{base}/api/v1/redoc/")
    page.wait_for_selector("redoc .api-content, .api-content", timeout=30_000)

    # Redoc's "API docs by Redocly" logo is on a CDN: blocked, as everything from another
    # origin is (nothing loads from the internet). Nothing of this site's own is blocked.
    own = [text for text in violations if "https://cdn.redoc.ly/" not in text]
    assert own == []
    assert errors == []
