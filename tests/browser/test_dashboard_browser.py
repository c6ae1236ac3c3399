"""The manager's journey through the dashboard in a real browser, with the demo data.

One test function walks the whole journey, so the demo data is loaded once: log in, open
/dashboard/2023/, compare every figure with the API's, hover a chart, follow a card to its list,
switch year, switch language, download the CSV. Screenshots go to test-artifacts/.
"""

import csv
import io
import re

import pytest
from django.core.management import call_command

from tests.browser.conftest import restore_seeded_lookups
from tests.dashboard.dashboard_portfolio import PASSWORD, manager

# serialized_rollback: the lookups of the data migrations are back for the next test after the
# flush that ends a transactional test.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# The figures of LUP's annual report for 2023 (SPEC section 2), in the order of the cards.
PUBLISHED_2023 = ["26", "58", "64", "145", "376", "11 540", "83", "21", "5", "781", "35", "5"]
CHARTS = ["sector", "bodies", "outreach", "coverage", "trends"]
ALL_CHARTS_DRAWN = """() => {
  const charts = [...document.querySelectorAll('[data-chart]')];
  return charts.length > 0 && charts.every(el => el.dataset.drawn === 'true');
}"""


def plain(text: str) -> str:
    """Displayed text with the no-break spaces of Norwegian number grouping made plain."""
    return " ".join(text.replace("\xa0", " ").split())


def value_at(figures: dict, key: str):
    for part in key.split("."):
        figures = figures[part]
    return figures


def open_year(page, base: str, year: int) -> None:
    page.goto(f"{base}/dashboard/{year}/")
    page.wait_for_function(ALL_CHARTS_DRAWN)


def cards(page) -> list[dict]:
    return page.eval_on_selector_all(
        "article.card[data-figure]",
        """els => els.map(el => ({
            key: el.dataset.figure,
            value: el.dataset.value,
            display: el.querySelector('[data-display]').textContent,
            href: el.querySelector('a.card__link').getAttribute('href'),
        }))""",
    )


def api_figures(page, base: str, year: int) -> dict:
    response = page.request.get(f"{base}/api/v1/stats/years/{year}/")
    assert response.ok, response.status
    return response.json()


def assert_cards_equal_api(page, base: str, year: int) -> list[dict]:
    shown = cards(page)
    api = api_figures(page, base, year)
    assert len(shown) == 13
    for card in shown:
        expected = value_at(api, card["key"])
        assert int(card["value"]) == expected, card["key"]
        assert plain(card["display"]).replace(" ", "") == str(expected), card["key"]
    return shown


def test_manager_journey_through_the_dashboard(live_server, context, artifacts):
    restore_seeded_lookups()  # after another transactional test's flush
    call_command("seed_demo", stdout=io.StringIO())
    user = manager("leder")  # a manager who is not staff
    base = live_server.url
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    # Log in: the dashboard sends an anonymous visitor to its own login page.
    page.goto(f"{base}/dashboard/2023/")
    assert "/accounts/login/" in page.url
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("form.form button[type=submit]")
    page.wait_for_url(f"{base}/dashboard/2023/")
    page.wait_for_function(ALL_CHARTS_DRAWN)

    # Every figure shown equals the API's, and they are the published 2023 figures.
    shown = assert_cards_equal_api(page, base, 2023)
    assert [plain(card["display"]) for card in shown[:12]] == PUBLISHED_2023
    coverage = page.locator('[data-figure="municipal_coverage.involved"]')
    assert plain(coverage.locator("[data-words]").inner_text()) == "1 av 4 kommuner"

    # Every chart is drawn by plotly, and shows the values on hover.
    for name in CHARTS:
        charts = page.locator(f'[data-chart="{name}"][data-drawn="true"]')
        assert charts.count() >= 1, name
        assert charts.first.locator("svg.main-svg").count() >= 1, name
    # plotly's drag layer sits above the bars and takes the pointer: hover at the bar's place.
    page.locator('[data-chart="sector"] .bars .point path').first.hover(force=True)
    hover = page.locator('[data-chart="sector"] .hoverlayer .hovertext')
    hover.wait_for()
    # The hover label is SVG text: "Helse: 7".
    assert re.search(r"\w: \d+$", plain(hover.text_content()))
    # The chart tables hold the same numbers, for screen readers.
    assert page.locator("details.chart__table table").count() == 5

    page.mouse.move(0, 0)  # no hover label in the screenshot
    page.evaluate("document.fonts.ready")
    page.screenshot(path=str(artifacts / "dashboard-2023-desktop.png"), full_page=True)

    # A phone: one column of cards, charts redrawn to the narrow width.
    phone = context.new_page()
    phone.set_viewport_size({"width": 390, "height": 844})
    open_year(phone, base, 2023)
    lefts = phone.eval_on_selector_all(
        "article.card",
        "els => new Set(els.map(el => Math.round(el.getBoundingClientRect().left))).size",
    )
    assert lefts == 1
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the page scrolls sideways on a phone"
    phone.screenshot(path=str(artifacts / "dashboard-2023-phone.png"), full_page=True)
    phone.close()

    # Follow a card to its list: the list shows the card's count.
    page.click('[data-figure="procurements_started"] a.card__link')
    page.wait_for_url(re.compile(r"/dashboard/2023/records/procurements-started/$"))
    assert page.locator("[data-total]").get_attribute("data-total") == "26"
    assert "/api/v1/procurements/?started_in=2023" in page.locator("[data-api-url]").inner_text()
    assert page.locator("table.records tbody tr").count() == 26
    page.go_back()
    page.wait_for_function(ALL_CHARTS_DRAWN)
    page.click('[data-figure="bodies_in_started.total"] a[data-type="state"]')
    assert page.locator("[data-total]").get_attribute("data-total") == "16"

    # Switch year with the year selector.
    open_year(page, base, 2023)
    page.select_option("#year-select", "2022")
    page.wait_for_url(f"{base}/dashboard/2022/")
    page.wait_for_function(ALL_CHARTS_DRAWN)
    assert_cards_equal_api(page, base, 2022)
    assert page.locator("h1").inner_text() == "Nøkkeltall 2022"

    # Download the CSV of 2023 and check its contents.
    open_year(page, base, 2023)
    with page.expect_download() as download_info:
        page.click("a[href$='/dashboard/2023/export.csv']")
    download = download_info.value
    assert download.suggested_filename == "lup-nokkeltall-2023.csv"
    with open(download.path(), encoding="utf-8-sig", newline="") as exported:
        rows = list(csv.reader(exported, delimiter=";"))
    assert rows[0] == ["Nøkkeltall", "2023", "2022", "Endring"]
    by_label = {row[0]: row[1:] for row in rows[1:]}
    api_2023, api_2022 = api_figures(page, base, 2023), api_figures(page, base, 2022)
    for label, key in (
        ("Igangsatte anskaffelser", "procurements_started"),
        ("Virksomheter i aktive anskaffelser", "bodies_in_active.total"),
        ("Deltakere", "outreach_participants"),
    ):
        now, before = value_at(api_2023, key), value_at(api_2022, key)
        assert by_label[label] == [str(now), str(before), str(now - before)], label
    assert by_label["Igangsatte anskaffelser"] == ["26", "21", "5"]
    assert by_label["Deltakere"][0] == "11540"

    # English is a click away.
    page.click("form.lang button[value=en]")
    page.wait_for_function(ALL_CHARTS_DRAWN)
    assert page.locator("h1").inner_text() == "Key figures 2023"
    assert plain(coverage.locator("[data-words]").inner_text()) == "1 in 4 municipalities"
    assert (
        plain(page.locator('[data-figure="outreach_participants"] [data-display]').inner_text())
        == "11,540"
    )

    assert errors == []
