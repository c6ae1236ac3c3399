"""Every dashboard, list, record and report page at a phone's width (390 px) and a desktop's
(1440 px), with the demo data: no page scrolls sideways (scrollWidth > innerWidth) and nothing
sticks out of its card. Then the manager's journey, card → list → record page → back, with no
admin page on the way. The published figures' pages and the public pages are among them."""

import io
import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from lup.dashboard.records import RECORD_LISTS
from outreach.models import OutreachActivity
from partners.models import Partnership, PublicBody
from procurements.models import Procurement, Solution
from tests.browser.conftest import restore_seeded_lookups
from tests.dashboard.dashboard_portfolio import PASSWORD, manager

# serialized_rollback: the lookups of the data migrations (which seed_demo needs) are restored
# after another transactional test flushed them.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
WIDTHS = (390, 1440)
CARDS = ".card, .chart, .record__card, .login__card, .report, .table-card, .api-box"

# For each card, the descendants whose right or left edge is outside it, unless an element
# between them scrolls or clips (a table in .table-scroll may be wider than its card).
STICKING_OUT = """(selector) => {
  const clips = (el, card) => {
    // The card itself may scroll (a wide table in a table card): its content is reachable.
    for (let node = el.parentElement; node; node = node.parentElement) {
      const overflow = getComputedStyle(node).overflowX;
      if (overflow === 'auto' || overflow === 'scroll' || overflow === 'hidden') return true;
      if (node === card) break;
    }
    return false;
  };
  const out = [];
  for (const card of document.querySelectorAll(selector)) {
    const box = card.getBoundingClientRect();
    if (!box.width) continue;
    for (const el of card.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (!r.width || !r.height) continue;
      if ((r.right > box.right + 1 || r.left < box.left - 1) && !clips(el, card)) {
        const name = el.tagName.toLowerCase() + '.' + (el.className.baseVal ?? el.className);
        const at = (b) => `${Math.round(b.left)}–${Math.round(b.right)}`;
        out.push(`${card.className} > ${name}: ${at(r)} outside ${at(box)}`);
        break;
      }
    }
  }
  return out;
}"""


def pages() -> list[str]:
    this_year = timezone.localdate().year
    urls = [
        "/dashboard/2023/",
        f"/dashboard/{this_year}/",
        "/dashboard/2023/report/",
        f"/dashboard/{this_year}/report/",
        "/dashboard/2018/",
        "/dashboard/search/?q=kommune",
        # The published figures (seed_demo publishes 2023) and the public pages.
        "/dashboard/2023/report/?version=1",
        "/dashboard/2023/publish/",
        "/dashboard/2023/published/",
        "/dashboard/2023/records/procurements-started/?version=1",
        "/public/figures/",
        "/public/figures/2023/",
        "/public/figures/2023/embed/",
    ]
    urls += [f"/dashboard/2023/records/{slug}/" for slug in RECORD_LISTS]
    urls += ["/dashboard/2023/records/bodies-active/?type=municipal"]
    longest = Procurement.objects.order_by("-participations__id").first()
    urls += [
        f"/dashboard/procurements/{longest.pk}/?year=2023",
        f"/dashboard/bodies/{PublicBody.objects.filter(name__startswith='Bodø').first().pk}/",
        f"/dashboard/partnerships/{Partnership.objects.first().pk}/",
        f"/dashboard/activities/{OutreachActivity.objects.first().pk}/",
        f"/dashboard/solutions/{Solution.objects.first().pk}/",
    ]
    return urls


def log_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("form.form button[type=submit]")
    page.wait_for_url(re.compile(r"/dashboard/"))


def test_every_page_fits_at_390_and_1440_px_and_the_managers_journey(live_server, browser):
    restore_seeded_lookups()
    call_command("seed_demo", stdout=io.StringIO())
    user = manager("leder")
    base = live_server.url
    problems: list[str] = []
    for width in WIDTHS:
        context = browser.new_context(
            locale="nb-NO", viewport={"width": width, "height": 900}, has_touch=width < 600
        )
        context.set_default_timeout(20_000)
        page = context.new_page()
        page.goto(f"{base}/accounts/login/")
        problems += [f"{width}px login: {p}" for p in page.evaluate(STICKING_OUT, CARDS)]
        log_in(page, base, user.username)
        for url in pages():
            page.goto(base + url)
            if page.locator("[data-chart]").count():
                page.wait_for_function(
                    "() => [...document.querySelectorAll('[data-chart]')]"
                    ".every(el => el.dataset.drawn === 'true')"
                )
            scroll, inner = page.evaluate(
                "() => [document.documentElement.scrollWidth, window.innerWidth]"
            )
            if scroll > inner:
                problems.append(f"{width}px {url}: scrolls sideways ({scroll} > {inner})")
            problems += [f"{width}px {url}: {p}" for p in page.evaluate(STICKING_OUT, CARDS)]
            # At 1440 px every table of the report fits its column without scrolling (the
            # body-type table used to be cut off at its card's edge).
            if width == 1440 and "/report/" in url:
                cut = page.evaluate(
                    "() => [...document.querySelectorAll('.report .table-scroll')]"
                    ".filter(el => el.scrollWidth > el.clientWidth + 1)"
                    ".map(el => el.parentElement.querySelector('h2')?.textContent)"
                )
                problems += [f"{width}px {url}: table cut off: {name}" for name in cut]
            # No plotly toolbar on a touch screen.
            if width < 600 and page.locator(".modebar-container .modebar").count():
                problems.append(f"{width}px {url}: the chart toolbar is shown on touch")
        context.close()
    assert problems == [], "\n".join(problems)

    # The manager's journey: a card, its list, a record, and back, never through admin.
    context = browser.new_context(locale="nb-NO", viewport={"width": 1440, "height": 900})
    page = context.new_page()
    visited: list[str] = []
    page.on("framenavigated", lambda frame: visited.append(frame.url))
    log_in(page, base, user.username)
    page.goto(f"{base}/dashboard/2023/")
    page.click('[data-figure="procurements_started"] a.card__link')
    page.wait_for_url(re.compile(r"/dashboard/2023/records/procurements-started/$"))
    page.locator("table.records tbody tr th a").first.click()
    page.wait_for_url(re.compile(r"/dashboard/procurements/\d+/\?year=2023$"))
    assert page.locator("[data-participants] tbody tr").count() >= 1
    assert page.locator("[data-admin-link]").count() == 0  # a manager is not staff
    body = page.locator("[data-participants] tbody tr th a").first
    body.click()
    page.wait_for_url(re.compile(r"/dashboard/bodies/\d+/"))
    page.go_back()
    page.wait_for_url(re.compile(r"/dashboard/procurements/\d+/"))
    page.go_back()
    page.wait_for_url(re.compile(r"/dashboard/2023/records/procurements-started/$"))
    page.click("nav.breadcrumb a")
    page.wait_for_url(re.compile(r"/dashboard/2023/$"))
    assert not [url for url in visited if "/admin/" in url]
    context.close()
