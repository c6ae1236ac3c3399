"""The dashboard: "Publiser tallene for 2023" with its confirmation (POST, CSRF), the published
badge and values beside the live ones, "Hva har endret seg siden publisering?", the published
drill-down, the report from a version and as PDF; the admin shows publications read-only."""

import datetime
import io
import re

import pytest
from django.test import Client
from pypdf import PdfReader

from lup.publishing.models import FigurePublication
from lup.publishing.services import publish
from tests.procurements.factories import ProcurementFactory

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="nb")
    client.force_login(user)
    return client


def test_a_manager_publishes_a_year_after_confirming(small_2023, manager):
    client = client_for(manager)
    page = client.get("/dashboard/2023/").content.decode()
    assert "Publiser tallene for 2023" in page
    confirm = client.get("/dashboard/2023/publish/")
    assert confirm.status_code == 200
    assert "Ja, publiser tallene for 2023" in confirm.content.decode()
    assert not FigurePublication.objects.exists()  # the GET published nothing

    response = client.post("/dashboard/2023/publish/", {"note": "Årsrapport 2023"})
    assert response.status_code == 302
    (publication,) = FigurePublication.objects.all()
    assert (publication.year, publication.version, publication.note) == (2023, 1, "Årsrapport 2023")
    assert publication.published_by == manager
    page = client.get("/dashboard/2023/").content.decode()
    assert "Tallene for 2023 er publisert (versjon 1)." in page
    day = publication.published_at.astimezone(datetime.UTC).strftime("%d.%m.%Y")
    assert re.search(r"Publisert \d\d\.\d\d\.\d{4}", page)
    assert day[-4:] in page
    assert "Ingen endring siden publisering." in page


def test_publishing_needs_the_csrf_token(small_2023, manager):
    client = Client(enforce_csrf_checks=True)
    client.force_login(manager)
    assert client.post("/dashboard/2023/publish/", {"note": ""}).status_code == 403
    assert not FigurePublication.objects.exists()


def test_a_correction_needs_its_reason_in_the_form(small_2023, manager):
    client = client_for(manager)
    client.post("/dashboard/2023/publish/", {"note": "Årsrapport 2023"})
    refused = client.post("/dashboard/2023/publish/", {"note": ""})
    assert refused.status_code == 400
    assert "Begrunnelse for korrigeringen" in refused.content.decode()
    assert FigurePublication.objects.count() == 1
    client.post(
        "/dashboard/2023/publish/",
        {"note": "", "correction_reason": "Korrigert: to anskaffelser registrert for sent"},
    )
    assert [p.version for p in FigurePublication.objects.order_by("version")] == [1, 2]


def test_advisers_may_not_publish(small_2023, adviser):
    client = client_for(adviser)
    assert "Publiser tallene" not in client.get("/dashboard/2023/").content.decode()
    assert client.get("/dashboard/2023/publish/").status_code == 403
    assert client.post("/dashboard/2023/publish/", {"note": "x"}).status_code == 403
    assert not FigurePublication.objects.exists()


def test_a_year_in_progress_cannot_be_published(small_2023, manager):
    client = client_for(manager)
    this_year = datetime.date.today().year
    assert client.get(f"/dashboard/{this_year}/publish/").status_code == 404


def test_the_year_page_shows_the_published_value_beside_a_live_one(small_2023, manager):
    publish(2023, manager)
    ProcurementFactory(title="Sen anskaffelse", started_on=datetime.date(2023, 12, 1))
    page = client_for(manager).get("/dashboard/2023/").content.decode()
    card = re.search(r'<article[^>]*data-figure="procurements_started".*?</article>', page, re.S)
    assert "data-display>3<" in card.group(0)
    assert 'data-published="2"' in card.group(0)
    assert "Publisert: 2" in card.group(0)
    # An unchanged figure shows no published value.
    partners = re.search(r'<article[^>]*data-figure="partners_total".*?</article>', page, re.S)
    assert "data-published" not in partners.group(0)
    assert "De levende tallene avviker fra de publiserte." in page


def test_the_changes_page_names_the_record_and_who_changed_it(small_2023, manager, adviser):
    publish(2023, manager)
    client = client_for(manager)
    unchanged = client.get("/dashboard/2023/published/").content.decode()
    assert "Hva har endret seg siden publisering?" in unchanged
    assert "data-unchanged" in unchanged

    first = small_2023["first"]
    late = ProcurementFactory.build(
        title="Sen anskaffelse",
        started_on=datetime.date(2023, 12, 1),
        sector=first.sector,
        procedure=first.procedure,
        phase=first.phase,
    )
    late._history_user = adviser
    late.save()
    moved = small_2023["second"]
    moved.started_on = datetime.date(2024, 2, 1)
    moved._history_user = adviser
    moved.save()

    page = client.get("/dashboard/2023/published/").content.decode()
    section = re.search(r'data-figure="procurements_started".*?</section>', page, re.S).group(0)
    assert "Sen anskaffelse" in section
    assert "Digitale nattevakter" in section
    assert "Opprettet" in section
    assert "ola" in section
    assert "01.09.2023 → 01.02.2024" in section


def test_the_published_drill_down_lists_exactly_the_stored_ids(small_2023, manager):
    publication = publish(2023, manager)
    late = ProcurementFactory(title="Sen anskaffelse", started_on=datetime.date(2023, 12, 1))
    client = client_for(manager)
    page = client.get("/dashboard/2023/records/procurements-started/?version=1")
    body = page.content.decode()
    assert page.status_code == 200
    assert 'data-published-records data-version="1"' in body
    ids = {int(i) for i in re.findall(r'href="/dashboard/procurements/(\d+)/', body)}
    assert ids == set(publication.ids_of("procurements_started"))
    assert late.pk not in ids
    live = client.get("/dashboard/2023/records/procurements-started/").content.decode()
    assert "Sen anskaffelse" in live
    assert client.get("/dashboard/2023/records/procurements-started/?version=9").status_code == 404


def test_the_report_from_a_version_says_which_and_downloads_as_pdf(small_2023, manager):
    publish(2023, manager, note="Årsrapport 2023")
    ProcurementFactory(title="Sen anskaffelse", started_on=datetime.date(2023, 12, 1))
    client = client_for(manager)
    report = client.get("/dashboard/2023/report/?version=1").content.decode()
    assert 'data-report-source="published" data-version="1"' in report
    assert "De publiserte tallene: versjon 1" in report
    assert report.count("<svg") >= 4
    live = client.get("/dashboard/2023/report/").content.decode()
    assert 'data-report-source="live"' in live

    response = client.get("/dashboard/2023/report.pdf?version=1")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "lup-arsrapport-2023-v1.pdf" in response["Content-Disposition"]
    pdf = PdfReader(io.BytesIO(response.content))
    assert len(pdf.pages) >= 2
    text = " ".join(page.extract_text() for page in pdf.pages)
    assert "De publiserte tallene: versjon 1" in text
    assert "Det ble igangsatt 2 innovative anskaffelser i 2023" in text
    assert "LUP hadde 2 formidlingsaktiviteter med 100 deltakere." in text
    # The charts are drawn: the month chart's labels and the body types' legend are text.
    assert "Jan" in text and "Des" in text
    assert "I igangsatte anskaffelser" in text
    width, height = pdf.pages[0].mediabox.width, pdf.pages[0].mediabox.height
    assert (round(float(width)), round(float(height))) == (595, 842)  # A4 in points

    live_pdf = PdfReader(io.BytesIO(client.get("/dashboard/2023/report.pdf").content))
    live_text = " ".join(page.extract_text() for page in live_pdf.pages).replace("\n", " ")
    assert "Det ble igangsatt 3 innovative anskaffelser i 2023" in live_text


def test_the_admin_shows_publications_read_only(small_2023, manager, superuser):
    publication = publish(2023, manager)
    client = Client()
    client.force_login(superuser)
    base = "/admin/publishing/figurepublication/"
    assert client.get(base).status_code == 200
    change = client.get(f"{base}{publication.pk}/change/")
    assert change.status_code == 200
    assert 'name="_save"' not in change.content.decode()
    assert client.post(f"{base}{publication.pk}/change/", {"note": "endret"}).status_code == 403
    assert client.get(f"{base}{publication.pk}/delete/").status_code == 403
    assert client.post(f"{base}{publication.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.get(f"{base}add/").status_code == 403
    publication.refresh_from_db()
    assert publication.note == ""
