"""Record pages, search and the year in progress, for a manager who is not staff."""

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone

from lup.reporting import figures
from outreach.models import OutreachActivity
from partners.models import Partnership, PublicBody
from procurements.models import PhaseChange, Procurement, Role, Solution
from tests.dashboard.dashboard_portfolio import adviser, build_portfolio, manager
from tests.outreach.factories import OutreachActivityFactory
from tests.procurements.factories import ProcurementFactory

pytestmark = pytest.mark.django_db
d = datetime.date


@pytest.fixture
def portfolio():
    build_portfolio()


@pytest.fixture
def client_nb():
    client = Client(HTTP_ACCEPT_LANGUAGE="nb")
    client.force_login(manager())
    return client


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def test_a_procurement_page_shows_participants_phases_activities_solutions_doffin_history(
    client_nb, portfolio
):
    running = Procurement.objects.get(started_on=d(2022, 6, 1))
    phase = PhaseChange.objects.model._meta.get_field("phase").related_model.objects.first()
    PhaseChange.objects.create(procurement=running, phase=phase, changed_on=d(2022, 6, 1))
    running.doffin_notice_ids = ["2022-123456"]
    running.notes = "Nytt notat"
    running.save()
    activity = OutreachActivity.objects.first()
    activity.procurements.add(running)
    html = page(client_nb, f"/dashboard/procurements/{running.pk}/?year=2023")
    assert running.title in html
    assert "Fylkeskommunen 0" in html and "Direktoratet 0" in html
    # The lead first, with its role.
    assert html.index("Fylkeskommunen 0") < html.index("Direktoratet 0")
    assert str(Role.LEAD.label) in html or "Ansvarlig" in html
    assert 'datetime="2022-06-01"' in html and phase.name in html
    assert f'href="/dashboard/activities/{activity.pk}/?year=2023"' in html
    solution = Solution.objects.get(procurement=running)
    assert f'href="/dashboard/solutions/{solution.pk}/?year=2023"' in html
    assert 'href="https://www.doffin.no/notices/2022-123456"' in html
    assert "Endringshistorikk" in html
    assert "<ins>Nytt notat</ins>" in html
    assert 'href="/dashboard/2023/"' in html  # the breadcrumb back to the year
    assert "/admin/" not in html


def test_staff_get_an_edit_in_admin_link_managers_do_not(portfolio):
    procurement = Procurement.objects.first()
    staff = Client(HTTP_ACCEPT_LANGUAGE="nb")
    staff.force_login(adviser())
    html = page(staff, f"/dashboard/procurements/{procurement.pk}/")
    assert (
        f'href="/admin/procurements/procurement/{procurement.pk}/change/" data-admin-link' in html
    )
    assert "Endre i admin" in html
    managers = Client(HTTP_ACCEPT_LANGUAGE="nb")
    managers.force_login(manager())
    assert "data-admin-link" not in page(managers, f"/dashboard/procurements/{procurement.pk}/")


def test_a_body_page_shows_procurements_by_year_partnerships_and_its_municipality(
    client_nb, portfolio
):
    municipal = PublicBody.objects.get(procurements__started_on=d(2023, 3, 1))
    html = page(client_nb, f"/dashboard/bodies/{municipal.pk}/")
    assert 'data-procurements-year="2023"' in html
    assert "Testkommune 0" in html and "Testfylke" in html
    county_body = PublicBody.objects.get(name="Fylkeskommunen 0")
    html = page(client_nb, f"/dashboard/bodies/{county_body.pk}/")
    assert 'data-procurements-year="2022"' in html
    partnership = Partnership.objects.get(body=county_body)
    assert f'href="/dashboard/partnerships/{partnership.pk}/"' in html
    assert "01.05.2023–pågår" in html
    html = page(client_nb, f"/dashboard/partnerships/{partnership.pk}/")
    assert f'href="/dashboard/bodies/{county_body.pk}/"' in html


def test_activity_and_solution_pages(client_nb, portfolio):
    activity = OutreachActivity.objects.get(participants=6000)
    html = page(client_nb, f"/dashboard/activities/{activity.pk}/")
    assert "07.02.2023" in html and "6\xa0000" in html
    solution = Solution.objects.first()
    html = page(client_nb, f"/dashboard/solutions/{solution.pk}/")
    assert f'href="/dashboard/procurements/{solution.procurement_id}/"' in html


def test_unknown_records_are_not_found(client_nb):
    for path in ("procurements", "bodies", "partnerships", "activities", "solutions"):
        assert client_nb.get(f"/dashboard/{path}/999999/").status_code == 404


def test_record_pages_need_the_dashboard_permission(client, portfolio):
    url = f"/dashboard/procurements/{Procurement.objects.first().pk}/"
    assert client.get(url).status_code == 302
    from tests.dashboard.dashboard_portfolio import make_user

    client.force_login(make_user("someone"))
    assert client.get(url).status_code == 403


def test_search_finds_titles_names_and_organisation_numbers(client_nb, portfolio):
    body = PublicBody.objects.get(name="Direktoratet 0")
    html = page(client_nb, "/dashboard/search/?q=direktoratet")
    assert f'href="/dashboard/bodies/{body.pk}/"' in html
    if body.org_number:
        spaced = f"{body.org_number[:3]} {body.org_number[3:6]} {body.org_number[6:]}"
        assert f'href="/dashboard/bodies/{body.pk}/"' in page(
            client_nb, f"/dashboard/search/?q={spaced}"
        )
    procurement = Procurement.objects.first()
    html = page(client_nb, f"/dashboard/search/?q={procurement.title[:12]}")
    assert f'href="/dashboard/procurements/{procurement.pk}/"' in html
    assert "Skriv minst 2 tegn." in page(client_nb, "/dashboard/search/?q=a")
    # The search box is in every page's header.
    assert 'action="/dashboard/search/"' in page(client_nb, "/dashboard/2023/")


def test_every_link_of_the_2023_dashboard_stays_in_the_dashboard_for_a_manager(
    client_nb, portfolio
):
    """Done when: as a user in Ledere only, every link on the 2023 dashboard, its lists and
    its record pages answers 200 inside the dashboard; none goes to /admin/."""
    seen, queue, kinds = set(), ["/dashboard/2023/"], set()
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client_nb.get(url, follow=True)  # /dashboard/ redirects to the latest year
        assert response.status_code == 200, url
        assert all(not hop.startswith("/admin") for hop, _code in response.redirect_chain)
        if not response["Content-Type"].startswith("text/html"):
            continue
        for href in re.findall(r'href="([^"#]*)"', response.content.decode()):
            href = href.replace("&amp;", "&")
            assert not href.startswith("/admin"), (url, href)
            if not href.startswith("/dashboard/") or "page=" in href:
                continue
            if re.match(r"/dashboard/(\d{4})/", href) and not href.startswith("/dashboard/2023/"):
                continue  # other years: the same pages again
            kinds.add(href.split("/")[2])
            queue.append(href)
    assert {"2023", "procurements", "bodies", "activities", "solutions", "partnerships"} <= kinds


# The year in progress.


def test_the_current_year_says_so_far_and_compares_with_the_same_days_of_last_year(client_nb):
    today = timezone.localdate()
    this_year = today.year
    # Last year: one procurement started before today's date, one after it.
    ProcurementFactory(started_on=d(this_year - 1, 1, 1))
    later = d(this_year - 1, 12, 31)
    if later.replace(year=this_year) > today:
        ProcurementFactory(started_on=later)
    ProcurementFactory(started_on=d(this_year, 1, 1))
    html = page(client_nb, f"/dashboard/{this_year}/")
    assert "hittil i år" in html
    assert f"fra samme periode i {this_year - 1}" in html
    until = today.strftime("%d.%m.")
    assert f"01.01.{this_year - 1}–{until}{this_year - 1}" in html
    card = html[html.index('data-figure="procurements_started"') :]
    card = card[: card.index("</article>")]
    # 1 so far against 1 in the same days of last year: no change, not "−1".
    assert 'data-value="1"' in card
    assert "delta--same" in card
    same_period = figures.annual_figures(this_year - 1, until=today)
    assert same_period["procurements_started"] == 1
    report = page(client_nb, f"/dashboard/{this_year}/report/")
    assert "hittil i år" in report and f"{this_year - 1} samme periode" not in report
    assert f"Samme periode i {this_year - 1}" in report


def test_the_trends_mark_the_current_year_as_partial(client_nb):
    this_year = timezone.localdate().year
    OutreachActivityFactory(date=d(this_year - 2, 5, 1))
    html = page(client_nb, f"/dashboard/{this_year}/")
    assert '"partial": true' in html
    assert "stiplet linje" in html
    assert '"partial": false' in page(client_nb, f"/dashboard/{this_year - 1}/")


def test_the_report_lists_body_types_in_the_registrys_order(client_nb, portfolio):
    html = page(client_nb, "/dashboard/2023/report/")
    sentence = re.search(r"som involverte [^<]*", html).group()
    positions = [sentence.index(word) for word in ("statlige", "fylkeskommuner", "kommuner og")]
    assert positions == sorted(positions)
    assert sentence.index("kommuner og") < sentence.index("andre")
