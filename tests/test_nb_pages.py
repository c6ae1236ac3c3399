"""Every admin and dashboard page, rendered in Norwegian bokmål, shows no English word.

The pages are rendered with a small portfolio whose data is Norwegian, and each page's visible
text (and the attributes a browser or screen reader shows) is checked against a list of
English UI words (tests/english.py). A hit names the page and the words around it: add the
string's translation to its app's locale, or, for a string of Django or a library, to
templates/translation_overrides.html and locale/nb (then `make messages`).
"""

import contextlib
import datetime

import pytest
from django.contrib import admin
from django.test import Client, RequestFactory
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from tests.dashboard.dashboard_portfolio import build_portfolio, manager
from tests.english import english_words
from tests.procurements.factories import ProcurementFactory

pytestmark = pytest.mark.django_db


def admin_pages(user) -> list[str]:
    """The admin's index, each registered model's list (with counts), add, change and history
    pages, and the password change page."""
    urls = ["/admin/", "/admin/password_change/"]
    request = RequestFactory().get("/admin/")
    request.user = user
    for model, model_admin in admin.site._registry.items():
        name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        urls += [reverse(f"{name}_changelist"), reverse(f"{name}_changelist") + "?_facets=True"]
        # Publications have no add page (they are published from the dashboard), the audit
        # log neither (read-only).
        if model_admin.has_add_permission(request):
            urls.append(reverse(f"{name}_add"))
        row = model._default_manager.order_by("pk").first()
        if row is not None:
            for view in ("change", "history"):
                with contextlib.suppress(NoReverseMatch):
                    urls.append(reverse(f"{name}_{view}", args=[row.pk]))
    return urls


def dashboard_pages() -> list[str]:
    from outreach.models import OutreachActivity
    from partners.models import Partnership, PublicBody
    from procurements.models import Procurement, Solution

    this_year = timezone.localdate().year
    urls = [
        "/dashboard/2023/",
        f"/dashboard/{this_year}/",
        "/dashboard/2023/report/",
        f"/dashboard/{this_year}/report/",
        "/dashboard/2023/records/procurements-started/",
        "/dashboard/2023/records/bodies-active/?type=state",
        "/dashboard/2023/records/activities/?month=6",
        "/dashboard/1990/",
        "/dashboard/search/?q=kommune",
        "/dashboard/search/?q=k",
        # The published figures (the portfolio's 2023 is published).
        "/dashboard/2023/publish/",
        "/dashboard/2023/published/",
        "/dashboard/2023/report/?version=1",
        "/dashboard/2023/records/procurements-started/?version=1",
        "/public/figures/",
        "/public/figures/2023/",
        "/public/figures/2023/embed/",
    ]
    for model, path in (
        (Procurement, "procurements"),
        (PublicBody, "bodies"),
        (Partnership, "partnerships"),
        (OutreachActivity, "activities"),
        (Solution, "solutions"),
    ):
        urls.append(f"/dashboard/{path}/{model.objects.order_by('pk').first().pk}/?year=2023")
    return urls


def english_on(client, urls) -> dict[str, list[str]]:
    found = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 404), (url, response.status_code)
        words = english_words(response.content.decode())
        if words:
            found[url] = words[:5]
    return found


@pytest.fixture
def portfolio():
    build_portfolio()
    from procurements.models import Procurement

    # A history with a change, so the history pages show their change rows.
    procurement = Procurement.objects.order_by("pk").first()
    procurement.notes = "Endret notat"
    procurement.save()
    # 2023 published, then a record changed: the changes page lists it.
    from lup.publishing.services import publish

    publish(2023, None, note="Årsrapport 2023")
    ProcurementFactory(
        title="Sen anskaffelse",
        started_on=datetime.date(2023, 12, 1),
        sector=procurement.sector,
        procedure=procurement.procedure,
        phase=procurement.phase,
    )


def test_every_admin_page_is_norwegian(portfolio, superuser):
    client = Client(HTTP_ACCEPT_LANGUAGE="nb")
    client.force_login(superuser)
    assert english_on(client, admin_pages(superuser)) == {}


def test_every_dashboard_page_is_norwegian(portfolio, superuser):
    for user in (manager(), superuser):
        client = Client(HTTP_ACCEPT_LANGUAGE="nb")
        client.force_login(user)
        assert english_on(client, dashboard_pages()) == {}


def test_the_check_finds_english(portfolio, superuser):
    # The same pages in English are full of hits: the check can fail.
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(superuser)
    assert len(english_on(client, ["/admin/", "/dashboard/2023/"])) == 2


def test_the_strings_named_in_the_issue_are_norwegian(portfolio, superuser):
    client = Client(HTTP_ACCEPT_LANGUAGE="nb")
    client.force_login(superuser)
    listing = client.get("/admin/procurements/procurement/").content.decode()
    assert "Vis antall" in listing and "Show counts" not in listing
    index = client.get("/admin/").content.decode()
    assert "API-nøkler" in index and "Auth Token" not in index
    response = client.post(reverse("admin:procurements_procurement_add"), {"title": ""})
    assert "Vennligst korriger feil" in response.content.decode()
    assert "Please correct" not in response.content.decode()
    from procurements.models import Procurement

    history = client.get(
        reverse(
            "admin:procurements_procurement_history",
            args=[Procurement.objects.order_by("pk").first().pk],
        )
    ).content.decode()
    assert "oppføringer" in history and " entr" not in history
    assert ">None<" not in history.replace(" ", "").replace("\n", "")
