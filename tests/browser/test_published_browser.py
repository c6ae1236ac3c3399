"""The published figures in a real browser, with the demo data (the "done when" of issue 12):
2023 is published with no change since; an adviser registers a late 2023 procurement in admin;
the dashboard shows the live 27 beside the published 26, and "Hva har endret seg siden
publisering?" names that procurement and the adviser who added it. Screenshots go to
test-artifacts/."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

from lup.dashboard.roles import ADVISERS
from tests.browser.conftest import restore_seeded_lookups
from tests.dashboard.dashboard_portfolio import PASSWORD, manager

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LATE = "Sen anskaffelse: digital legevakt"
CARD = 'article.card[data-figure="procurements_started"]'


def log_in(page, url: str, username: str) -> None:
    page.goto(url)
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("form button[type=submit], form input[type=submit]").first.click()
    page.wait_for_load_state()


def test_a_late_procurement_shows_live_beside_published_and_in_the_changes(
    live_server, context, artifacts
):
    restore_seeded_lookups()
    call_command("seed_demo", stdout=io.StringIO())
    leader = manager("leder")
    adviser = get_user_model().objects.create_user("ola.radgiver", password=PASSWORD, is_staff=True)
    adviser.groups.add(Group.objects.get(name=ADVISERS))
    base = live_server.url
    page = context.new_page()

    # 2023 is published, with no change since.
    log_in(page, f"{base}/accounts/login/", leader.username)
    page.goto(f"{base}/dashboard/2023/")
    assert page.locator("[data-published-badge]").inner_text().startswith("Publisert 15.02.2024")
    assert page.locator("[data-published-unchanged]").is_visible()
    assert page.locator(f"{CARD} [data-display]").inner_text() == "26"
    assert page.locator(f"{CARD} [data-published]").count() == 0
    page.click("text=Hva har endret seg siden publisering?")
    assert page.locator("[data-unchanged]").is_visible()
    context.clear_cookies()

    # An adviser registers a late 2023 procurement in admin.
    log_in(page, f"{base}/admin/login/?next=/admin/", adviser.username)
    page.goto(f"{base}/admin/procurements/procurement/add/")
    page.fill("#id_title", LATE)
    for field in ("sector", "procedure", "phase"):
        value = page.eval_on_selector(
            f"#id_{field}", "el => [...el.options].find(o => o.value).value"
        )
        page.select_option(f"#id_{field}", value)
    page.fill("#id_started_on", "01.12.2023")
    page.click("input[name=_save]")
    page.wait_for_url(re.compile(r"/admin/procurements/procurement/$"))
    context.clear_cookies()

    # The dashboard: live 27 beside the published 26.
    log_in(page, f"{base}/accounts/login/", leader.username)
    page.goto(f"{base}/dashboard/2023/")
    assert page.locator(f"{CARD} [data-display]").inner_text() == "27"
    published = page.locator(f"{CARD} [data-published]")
    assert published.get_attribute("data-published") == "26"
    assert published.inner_text() == "Publisert: 26"
    assert page.locator("[data-published-changed]").is_visible()
    page.screenshot(path=str(artifacts / "published-live-27-beside-26.png"), full_page=True)

    # The changes page names the procurement and who added it.
    page.click("text=Hva har endret seg siden publisering?")
    section = page.locator('section[data-figure="procurements_started"]')
    text = section.inner_text()
    assert "publisert 26" in text and "nå 27" in text
    assert LATE in text
    assert "Opprettet" in text and "ola.radgiver" in text
    page.screenshot(path=str(artifacts / "published-changes.png"), full_page=True)

    # Its published records are the 26 it counted, without the late one.
    section.locator("text=De publiserte postene").click()
    assert page.locator("[data-total]").get_attribute("data-total") == "26"
    assert LATE not in page.content()
