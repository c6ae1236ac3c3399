"""The manager dashboard: access, pages, the cards against lup.reporting.figures, drill-down
lists that show the card's count, exports, languages and number formats."""

import csv
import datetime
import io
import re

import pytest
from django.contrib.auth.models import Group
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from lup.dashboard.cards import coverage_in_words, delta
from lup.dashboard.records import RECORD_LISTS
from lup.dashboard.roles import ADVISERS, MANAGERS, portfolio_models
from lup.reporting import figures, registry
from lup.reporting.figures import latest_year_with_data
from lup.reporting.registry import value_at
from tests.dashboard.dashboard_portfolio import (
    PASSWORD,
    adviser,
    build_portfolio,
    make_user,
    manager,
)
from tests.outreach.factories import OutreachActivityFactory, PublicationFactory
from tests.procurements.factories import ProcurementFactory

pytestmark = pytest.mark.django_db

d = datetime.date
NBSP = "\xa0"
CARD = re.compile(r'data-figure="([^"]+)" data-value="([^"]+)"')
CARD_LINK = re.compile(
    r'data-figure="([^"]+)"[^>]*>\s*<h3 class="card__label"><a class="card__link" href="([^"]+)"'
)
TOTAL = re.compile(r'data-total="(\d+)"')


@pytest.fixture
def portfolio():
    build_portfolio()


@pytest.fixture
def client_nb():
    """A client that prefers Norwegian bokmål, as LUP's managers' browsers do."""
    client = Client(HTTP_ACCEPT_LANGUAGE="nb")
    client.force_login(manager())
    return client


def page(client, url, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def card_values(html: str) -> dict[str, str]:
    return dict(CARD.findall(html))


# Access and permissions.

ALL_PAGES = [
    "/dashboard/",
    "/dashboard/2023/",
    "/dashboard/2023/report/",
    "/dashboard/2023/records/procurements-started/",
    "/dashboard/2023/export.csv",
    "/dashboard/2023/export.xlsx",
]


@pytest.mark.parametrize("url", ALL_PAGES)
def test_anonymous_users_are_sent_to_the_login_page(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url}"


@pytest.mark.parametrize("url", ALL_PAGES)
def test_a_user_without_the_dashboard_permission_is_refused(client, url):
    client.force_login(make_user("someone"))
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("url", ALL_PAGES)
@pytest.mark.parametrize("make", [manager, adviser])
def test_managers_and_advisers_may_view_every_page(client, portfolio, url, make):
    client.force_login(make())
    response = client.get(url)
    if url == "/dashboard/":
        # The root sends the user on to the latest year with data: the portfolio's is 2023.
        assert response.status_code == 302
        assert response["Location"] == "/dashboard/2023/"
    else:
        assert response.status_code == 200


def test_groups_hold_the_permissions_of_their_role():
    managers = Group.objects.get(name=MANAGERS)
    advisers = Group.objects.get(name=ADVISERS)
    models = [model._meta.model_name for model in portfolio_models()]
    assert "procurement" in models and "publicbody" in models and "outreachactivity" in models
    manager_perms = set(managers.permissions.values_list("codename", flat=True))
    adviser_perms = set(advisers.permissions.values_list("codename", flat=True))
    # Managers also publish a year's figures (lup.publishing); advisers do not.
    assert manager_perms == {"view_dashboard", "publish_figures"} | {f"view_{m}" for m in models}
    assert adviser_perms == {"view_dashboard"} | {
        f"{action}_{m}" for m in models for action in ("add", "change", "view")
    }


def test_a_manager_who_is_not_staff_logs_in_on_the_dashboard_login_page(client, portfolio):
    user = manager()
    assert not user.is_staff
    response = client.post(
        "/accounts/login/",
        {"username": user.username, "password": PASSWORD, "next": "/dashboard/2023/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/dashboard/2023/"
    assert client.get("/dashboard/2023/").status_code == 200


def test_log_out_needs_a_post_and_ends_the_session(client_nb, portfolio):
    assert client_nb.get("/accounts/logout/").status_code == 405
    assert client_nb.get("/dashboard/2023/").status_code == 200  # still logged in
    response = client_nb.post("/accounts/logout/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    response = client_nb.get("/dashboard/2023/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/dashboard/2023/"


# The latest year and the year selector.


def test_dashboard_root_redirects_to_the_latest_year_with_data(client_nb):
    ProcurementFactory(started_on=d(2021, 3, 1))
    PublicationFactory(published_on=d(2022, 8, 1))
    # A planned activity next year is not data yet.
    OutreachActivityFactory(date=timezone.localdate() + datetime.timedelta(days=400))
    response = client_nb.get("/dashboard/")
    assert response.status_code == 302
    assert response["Location"] == "/dashboard/2022/"


def test_dashboard_root_without_data_shows_the_current_year(client_nb):
    assert latest_year_with_data() is None
    response = client_nb.get("/dashboard/")
    assert response.status_code == 302
    assert response["Location"] == f"/dashboard/{timezone.localdate().year}/"


def test_year_selector_without_javascript_redirects_to_the_chosen_year(client_nb):
    response = client_nb.get("/dashboard/", {"year": "2019"})
    assert response.status_code == 302
    assert response["Location"] == "/dashboard/2019/"


def test_year_selector_lists_the_years_with_data_and_links_each(client_nb, portfolio):
    html = page(client_nb, "/dashboard/2023/")
    this_year = timezone.localdate().year
    options = re.findall(r'<option value="(\d{4})" data-url="([^"]+)"( selected)?>', html)
    assert [int(y) for y, _url, _sel in options] == list(range(this_year, 2019, -1))
    assert ("2023", "/dashboard/2023/", " selected") in options
    # On a records page the selector keeps the figure.
    html = page(client_nb, "/dashboard/2023/records/posts/")
    assert 'data-url="/dashboard/2022/records/posts/"' in html


@pytest.mark.parametrize("year", [1899, 2101])
def test_years_outside_1900_to_2100_are_not_found(client_nb, year):
    assert client_nb.get(f"/dashboard/{year}/").status_code == 404
    assert client_nb.get(f"/dashboard/{year}/export.csv").status_code == 404


# The year page.


def test_every_card_shows_the_figure_of_the_counting_module(client_nb, portfolio):
    html = page(client_nb, "/dashboard/2023/")
    expected = figures.annual_figures(2023)
    shown = card_values(html)
    keys = [
        figure.value_key
        for section in registry.SECTION_TITLES
        for figure in registry.on_cards(section)
    ]
    assert list(shown) == keys
    assert {key: int(value) for key, value in shown.items()} == {
        key: value_at(expected, key) for key in keys
    }
    # The hand count of the portfolio (tests/dashboard/dashboard_portfolio.py), card by card.
    assert shown == {
        "procurements_started": "2",
        "bodies_in_started.total": "2",
        "procurements_active": "3",
        "bodies_in_active.total": "3",
        "outreach_activities": "3",
        "outreach_participants": "11540",
        "posts_published": "1",
        "solutions_published": "1",
        "webinars": "1",
        "webinar_registrants": "120",
        "partners_total": "2",
        "partners_new": "1",
        "municipal_coverage.involved": "1",
    }


def test_numbers_and_coverage_are_in_norwegian(client_nb, portfolio):
    html = page(client_nb, "/dashboard/2023/")
    assert f'<p class="card__value" data-display>11{NBSP}540</p>' in html
    assert "1 av 4 kommuner" in html
    assert '<html lang="nb">' in html
    assert "Nøkkeltall 2023" in html  # the year is never grouped like a number
    assert f"2{NBSP}023" not in html


def test_english_is_available(portfolio):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(manager())
    html = page(client, "/dashboard/2023/")
    assert "1 in 4 municipalities" in html
    assert "Key figures 2023" in html
    assert '<p class="card__value" data-display>11,540</p>' in html


def test_language_switch_sets_english_and_back(client_nb, portfolio):
    response = client_nb.post(
        reverse("set_language"), {"language": "en", "next": "/dashboard/2023/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/dashboard/2023/"
    assert "Key figures 2023" in page(client_nb, "/dashboard/2023/")
    client_nb.post(reverse("set_language"), {"language": "nb", "next": "/dashboard/2023/"})
    assert "Nøkkeltall 2023" in page(client_nb, "/dashboard/2023/")


def test_cards_show_the_change_from_the_previous_year(client_nb, portfolio):
    html = page(client_nb, "/dashboard/2023/")
    started = html[html.index('data-figure="procurements_started"') :]
    started = started[: started.index("</article>")]
    # 2 started in 2023 and 2 in 2022.
    assert 'class="delta delta--same"' in started
    participants = html[html.index('data-figure="outreach_participants"') :]
    participants = participants[: participants.index("</article>")]
    # 11 540 in 2023 against 25 in 2022.
    assert f"▲</span> +11{NBSP}515" in participants


@pytest.mark.parametrize("year", [2019, 2030, 1990])
def test_a_year_outside_the_data_gives_a_clear_page_not_zeros(client_nb, portfolio, year):
    # The portfolio's first dated record is of 2020; the current year is the last offered.
    for url in (
        f"/dashboard/{year}/",
        f"/dashboard/{year}/report/",
        f"/dashboard/{year}/export.csv",
    ):
        response = client_nb.get(url)
        assert response.status_code == 404, url
        html = response.content.decode()
        assert f'data-no-year="{year}"' in html
        assert f"Ingen tall for {year}" in html
        assert not CARD.findall(html)
    assert client_nb.get("/dashboard/2020/").status_code == 200


def test_the_year_selector_offers_the_first_year_with_data_to_the_current_year(
    client_nb, portfolio
):
    html = page(client_nb, "/dashboard/2023/")
    offered = [int(y) for y in re.findall(r'<option value="(\d{4})"', html)]
    this_year = timezone.localdate().year
    assert offered == list(range(this_year, 2019, -1))
    assert f"{this_year} hittil i år</option>" in html


def test_every_chart_has_a_container_and_a_table_with_the_same_numbers(client_nb, portfolio):
    html = page(client_nb, "/dashboard/2023/")
    charts = re.findall(r'data-chart="([a-z]+)"', html)
    assert set(charts) == {"sector", "bodies", "outreach", "coverage", "trends"}
    assert html.count('class="data-table"') == 5
    assert '<script id="dashboard-data" type="application/json">' in html
    assert "/static/vendor/plotly/plotly.min.js" in html
    assert "cdn" not in html.lower()
    # The sector table: Helse 1, Forsvar 1 (count desc, then name).
    assert re.search(r'<th scope="row">Forsvar</th><td class="num">1</td>', html)
    assert re.search(r'<th scope="row">Helse</th><td class="num">1</td>', html)


# Drill-down lists.


def test_each_card_links_to_a_list_with_the_cards_count(client_nb, portfolio):
    html = page(client_nb, "/dashboard/2023/")
    values = card_values(html)
    links = dict(CARD_LINK.findall(html))
    assert set(links) == set(values)
    # The summed figures match the list's sum, every other figure the list's count.
    summed = {"outreach_participants": "participants", "webinar_registrants": "registrants"}
    for key, url in links.items():
        listing = page(client_nb, url)
        if key in summed:
            shown = re.search(rf'data-sum="{summed[key]}" data-value="(\d+)"', listing).group(1)
        else:
            shown = TOTAL.search(listing).group(1)
        assert shown == values[key], key


def test_body_type_links_show_the_breakdown_count(client_nb, portfolio):
    # The hand count of the portfolio: started ones have the state and the municipal body,
    # the one still running from 2022 adds the county authority.
    expected = {
        "bodies-started": {"state": 1, "county": 0, "municipal": 1, "other": 0},
        "bodies-active": {"state": 1, "county": 1, "municipal": 1, "other": 0},
    }
    shown = {
        slug: {
            body_type: int(
                TOTAL.search(
                    page(client_nb, f"/dashboard/2023/records/{slug}/", type=body_type)
                ).group(1)
            )
            for body_type in ("state", "county", "municipal", "other")
        }
        for slug in expected
    }
    assert shown == expected


def test_chart_drill_downs_match_the_chart_numbers(client_nb, portfolio):
    def total(url, **params) -> int:
        return int(TOTAL.search(page(client_nb, url, **params)).group(1))

    sectors = figures.annual_figures(2023)["started_by_sector"]
    # Started in 2023: one in Helse, one in Forsvar, none in the other four sectors.
    assert {row["name"]: row["count"] for row in sectors if row["count"]} == {
        "Forsvar": 1,
        "Helse": 1,
    }
    for row in sectors:
        listing = total("/dashboard/2023/records/procurements-started/", sector=row["sector"])
        assert listing == row["count"], row["name"]
    months = figures.outreach_by_month(2023)
    # Activities in 2023: one in February, two in June.
    assert {row["month"]: row["activities"] for row in months if row["activities"]} == {2: 1, 6: 2}
    for row in months:
        listing = total("/dashboard/2023/records/activities/", month=row["month"])
        assert listing == row["activities"], row["month"]
    # One county, Testfylke, with one of its four municipalities involved.
    assert [
        (row["county"], row["involved"]) for row in figures.municipal_coverage_by_county(2023)
    ] == [("99", 1)]
    listing = page(client_nb, "/dashboard/2023/records/municipal-coverage/", county="99")
    assert int(TOTAL.search(listing).group(1)) == 1
    assert "Testfylke" in listing


def test_list_shows_the_sum_the_card_shows(client_nb, portfolio):
    listing = page(client_nb, "/dashboard/2023/records/activities/")
    assert f"<strong>11{NBSP}540</strong>" in listing
    listing = page(client_nb, "/dashboard/2023/records/webinars/")
    assert "<strong>120</strong>" in listing


def test_list_shows_the_api_filter_and_links_to_record_pages_not_admin(client_nb, portfolio):
    listing = page(client_nb, "/dashboard/2023/records/bodies-started/", type="state")
    assert "/api/v1/bodies/?involved_in_started=2023&amp;body_type=state" in listing
    assert re.search(r'href="/dashboard/bodies/\d+/\?year=2023"', listing)
    assert "/admin/" not in listing
    listing = page(client_nb, "/dashboard/2023/records/webinars/")
    assert "/api/v1/outreach-activities/?year=2023&amp;kind=webinar" in listing
    assert re.search(r'href="/dashboard/activities/\d+/\?year=2023"', listing)
    listing = page(client_nb, "/dashboard/2023/records/procurements-started/")
    assert "01.03.2023" in listing  # dates as 31.12.2023
    assert re.search(r'href="/dashboard/procurements/\d+/\?year=2023"', listing)
    listing = page(client_nb, "/dashboard/2023/records/solutions/")
    assert re.search(r'href="/dashboard/solutions/\d+/\?year=2023"', listing)


def test_api_filter_shown_on_each_list_returns_the_lists_count(client_nb, portfolio):
    for slug in RECORD_LISTS:
        listing = page(client_nb, f"/dashboard/2023/records/{slug}/")
        api_url = re.search(r"data-api-url>([^<]+)<", listing).group(1).replace("&amp;", "&")
        response = client_nb.get(api_url, HTTP_ACCEPT="application/json")
        assert response.status_code == 200, api_url
        assert response.json()["count"] == int(TOTAL.search(listing).group(1)), slug


def test_lists_are_paginated(client_nb):
    ProcurementFactory.create_batch(55, started_on=d(2023, 5, 1))
    first = page(client_nb, "/dashboard/2023/records/procurements-started/")
    assert 'data-total="55"' in first
    assert first.count('<th scope="row">') == 50
    second = page(client_nb, "/dashboard/2023/records/procurements-started/", page=2)
    assert second.count('<th scope="row">') == 5


def test_unknown_figure_is_not_found(client_nb):
    assert client_nb.get("/dashboard/2023/records/nonsense/").status_code == 404


def test_invalid_narrowing_values_are_ignored(client_nb, portfolio):
    listing = page(client_nb, "/dashboard/2023/records/bodies-active/", type="x", county="x1")
    assert 'data-total="3"' in listing


# Exports and the report page.


def test_csv_export_is_norwegian_excel_with_every_figure_and_the_change(client_nb, portfolio):
    response = client_nb.get("/dashboard/2023/export.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="lup-nokkeltall-2023.csv"' in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")  # a byte-order mark: Excel reads UTF-8
    assert "\r\n" in text
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))
    assert rows[0] == ["Nøkkeltall", "2023", "2022", "Endring"]
    by_label = {row[0]: row[1:] for row in rows[1:]}
    current = figures.annual_figures(2023)
    # One row per figure, then one per sector (every sector, zeros included).
    assert len(rows) - 1 == len(registry.rows(current)) + len(current["started_by_sector"])
    assert by_label["Deltakere"] == ["11540", "25", "11515"]
    assert by_label["Igangsatte anskaffelser"] == ["2", "2", "0"]
    # The share with a decimal comma, its change in percentage points.
    assert by_label["Kommunal dekning (andel)"][0] == "0,25"
    assert by_label["Igangsatte anskaffelser: Forsvar"] == ["1", "1", "0"]
    assert "bodies_in_started.state" not in text  # no internal keys
    assert by_label["– herav statlige virksomheter"] == ["1", "1", "0"]


def test_csv_export_follows_the_language_switch(client_nb, portfolio):
    client_nb.cookies["django_language"] = "en"
    response = client_nb.get("/dashboard/2023/export.csv")
    assert 'filename="lup-key-figures-2023.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Figure", "2023", "2022", "Change"]
    assert ["Participants", "11540", "25", "11515"] in rows


def test_xlsx_export_has_key_figures_first_and_a_sheet_per_breakdown(client_nb, portfolio):
    response = client_nb.get("/dashboard/2023/export.xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == [
        "Nøkkeltall",
        "Per fagområde",
        "Per virksomhetstype",
        "Per fylke",
        "Per måned",
        "Nye partnere",
    ]
    key = workbook["Nøkkeltall"]
    rows = [[cell.value for cell in row] for row in key.iter_rows()]
    assert rows[0] == ["Nøkkeltall", "2023", "2022", "Endring"]
    assert ["Deltakere", 11540, 25, 11515] in rows
    assert key.freeze_panes == "A2"
    assert key.column_dimensions["A"].width > 40
    participants = next(row for row in key.iter_rows() if row[0].value == "Deltakere")
    assert participants[1].number_format == "#,##0"
    assert participants[3].number_format.startswith("+")
    share = next(row for row in key.iter_rows() if row[0].value == "Kommunal dekning (andel)")
    assert share[1].value == 0.25
    assert share[1].number_format == "0.0%"
    body_types = [[c.value for c in r] for r in workbook["Per virksomhetstype"].iter_rows()]
    # In the registry's order: state, county, municipal, other.
    assert [row[0] for row in body_types[1:]] == ["Statlige", "Fylkeskommuner", "Kommuner", "Andre"]
    # The state body: in the procurement started 2023 and in the one started 2022, active in both.
    assert body_types[1][1:] == [1, 1, 1, 1]
    months = [[c.value for c in r] for r in workbook["Per måned"].iter_rows()]
    assert months[6] == ["Juni", 2, 5540]
    assert len(months) == 13
    counties = [[c.value for c in r] for r in workbook["Per fylke"].iter_rows()]
    assert counties[1][:4] == ["99", "Testfylke", 1, 4]
    sectors = [[c.value for c in r] for r in workbook["Per fagområde"].iter_rows()]
    assert ["Forsvar", 1, 1, 0] in sectors
    partners = [[c.value for c in r] for r in workbook["Nye partnere"].iter_rows()]
    assert partners[1] == [2023, "Fylkeskommunen 0"]
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes == "A2", sheet.title
        assert all(cell.font.bold for cell in sheet[1]), sheet.title


def test_exports_write_text_through_the_formula_guard(client_nb, portfolio):
    from partners.models import PublicBody

    PublicBody.objects.filter(name="Fylkeskommunen 0").update(name="=HYPERLINK(1)")
    workbook = load_workbook(io.BytesIO(client_nb.get("/dashboard/2023/export.xlsx").content))
    partners = [[c.value for c in r] for r in workbook["Nye partnere"].iter_rows()]
    assert partners[1] == [2023, "'=HYPERLINK(1)"]
    assert workbook["Nye partnere"]["B2"].data_type == "s"  # text, not a formula


def test_report_page_has_the_figures_and_a_print_stylesheet(client_nb, portfolio):
    html = page(client_nb, "/dashboard/2023/report/")
    rows = dict(re.findall(r'<tr data-figure="([^"]+)" data-value="([^"]+)"', html))
    assert rows == card_values(page(client_nb, "/dashboard/2023/"))
    assert "1 av 4 kommuner jobbet med innovative anskaffelser" in html
    assert "Fylkeskommunen 0" in html
    assert "/static/dashboard/dashboard.css" in html
    with open(finders.find("dashboard/dashboard.css"), encoding="utf-8") as css:
        assert "@media print" in css.read()


# Helpers.


@pytest.mark.parametrize(
    ("share", "words"),
    [
        (0.25, "1 in 4 municipalities"),
        (0.2528, "1 in 4 municipalities"),
        (0.24, "1 in 4 municipalities"),
        (0.1, "1 in 10 municipalities"),
        (0.5, "1 in 2 municipalities"),
        (0.9, "nearly every municipality"),
        (1.0, "every municipality"),
        (0.0, "no municipalities"),
    ],
)
def test_coverage_in_words(share, words):
    with translation.override("en"):
        assert coverage_in_words(share) == words


def test_coverage_in_words_in_norwegian():
    with translation.override("nb"):
        assert coverage_in_words(0.2528) == "1 av 4 kommuner"


def test_delta_is_signed_and_localised():
    with translation.override("nb"):
        assert delta(11540, 10000) == {"direction": "up", "symbol": "▲", "text": f"+1{NBSP}540"}
        assert delta(3, 5)["text"] == "−2"
        assert delta(25.28, 24.0, decimals=1)["text"] == "+1,3"
        assert delta(7, 7)["direction"] == "same"


def test_latest_year_with_data_looks_at_every_dated_table():
    assert latest_year_with_data() is None
    PublicationFactory(published_on=d(2019, 1, 1))
    assert latest_year_with_data() == 2019
    ProcurementFactory(started_on=d(2021, 12, 31))
    assert latest_year_with_data() == 2021
    assert latest_year_with_data(today=d(2020, 6, 1)) == 2019


def test_the_new_partners_card_names_ten_and_links_the_rest_to_its_list(client_nb):
    """A card names at most ten new partners (in Norwegian order) and says how many more, with
    a link to the whole list: at 1000 times LUP's size a year has 7,000 of them."""
    from lup.dashboard.cards import CARD_NAMES
    from tests.partners.factories import PartnershipFactory, PublicBodyFactory

    names = [f"Etat {n:02d}" for n in range(1, 13)]
    for name in names:
        PartnershipFactory(body=PublicBodyFactory(name=name), started_on=d(2023, 3, 1))
    html = page(client_nb, reverse("dashboard:year", kwargs={"year": 2023}))
    names_list = html[html.index('class="card__names"') :]
    names_list = names_list[: names_list.index("</ul>")]
    assert CARD_NAMES == 10
    assert re.findall(r">(Etat \d\d)</a>", names_list) == names[:10]
    more = re.search(r'<a href="([^"]+)" data-names-more="2">og 2 til</a>', names_list)
    assert more is not None
    listing = page(client_nb, more.group(1).replace("&amp;", "&"))
    assert all(name in listing for name in names)


def test_the_new_partners_card_with_ten_names_says_no_more(client_nb):
    from tests.partners.factories import PartnershipFactory, PublicBodyFactory

    for n in range(10):
        PartnershipFactory(body=PublicBodyFactory(name=f"Etat {n}"), started_on=d(2023, 3, 1))
    html = page(client_nb, reverse("dashboard:year", kwargs={"year": 2023}))
    assert len(re.findall(r">Etat \d</a>", html)) == 10
    assert "data-names-more" not in html
