"""The admin's import page (upload, preview, confirm, error report) and export action."""

import io

import pytest
from django.contrib.auth.models import Permission
from openpyxl import load_workbook

from partners.models import PublicBody
from procurements.models import Procurement
from tests.procurements.factories import ProcurementFactory, SectorFactory

from .helpers import ORG_A, workbook

pytestmark = pytest.mark.django_db
URL = "/admin/transfer/import/"


@pytest.fixture
def staff(client, superuser):
    SectorFactory(code="helse", name="Helse")
    client.force_login(superuser)
    return client


def upload(client, sheets, name="portefolje.xlsx"):
    data = io.BytesIO(workbook(sheets))
    data.name = name
    response = client.post(URL, {"file": data})
    assert response.status_code == 302
    return response["Location"]


GOOD = {
    "Offentlige virksomheter": [
        ["navn", "organisasjonsnummer", "type"],
        ["Etat A", ORG_A, "Statlig"],
    ],
    "Anskaffelser": [["referanse", "tittel", "fagområde"], ["P-1", "Første", "helse"]],
    "Deltakelser": [
        ["anskaffelse", "virksomhetens organisasjonsnummer", "rolle"],
        ["P-1", ORG_A, "lead"],
    ],
}


def test_upload_preview_and_confirm(staff, superuser):
    preview = staff.get(upload(staff, GOOD))
    html = preview.content.decode()
    assert preview.status_code == 200
    assert 'data-sheet="Anskaffelser"><td>Anskaffelser</td><td>1</td><td>0</td><td>0</td>' in html
    assert "Bekreft importen" in html
    assert Procurement.objects.count() == 0  # the preview wrote nothing
    token = preview.context["token"]
    done = staff.post(URL, {"token": token, "confirm": "1"})
    assert done.status_code == 302
    procurement = Procurement.objects.get(reference="P-1")
    record = procurement.history.get()
    assert (record.history_user, record.history_change_reason) == (
        superuser,
        "Import: portefolje.xlsx",
    )
    again = staff.get(upload(staff, GOOD)).content.decode()
    assert "Ingen endringer" in again and "Bekreft importen" not in again


def test_a_bad_row_shows_the_problems_and_an_error_report_and_cannot_be_confirmed(staff):
    bad = {**GOOD, "Anskaffelser": [*GOOD["Anskaffelser"], ["P-2", "Andre", "romfart"]]}
    preview = staff.get(upload(staff, bad))
    html = preview.content.decode()
    assert "<td>Anskaffelser</td><td>3</td><td>fagområde</td><td>romfart</td>" in html
    assert "Bekreft importen" not in html
    report = staff.get(f"/admin/transfer/import/errors.csv?token={preview.context['token']}")
    text = report.content.decode("utf-8-sig")
    assert text.splitlines()[0] == "ark;rad;kolonne;verdi;årsak"
    assert text.splitlines()[1].startswith("Anskaffelser;3;fagområde;romfart;Ukjent fagområde")
    staff.post(URL, {"token": preview.context["token"], "confirm": "1"})
    assert Procurement.objects.count() == 0
    assert PublicBody.objects.count() == 0


def test_importing_needs_the_permissions_to_add_and_change(client, django_user_model):
    SectorFactory(code="helse")
    user = django_user_model.objects.create_user(
        "redaktor", password="pw-redaktor-1", is_staff=True
    )
    user.user_permissions.add(Permission.objects.get(codename="add_procurement"))
    client.force_login(user)
    data = io.BytesIO(workbook({"Anskaffelser": GOOD["Anskaffelser"]}))
    data.name = "a.xlsx"
    assert client.post(URL, {"file": data}).status_code == 403


def test_a_token_of_another_session_is_refused(staff, client):
    assert staff.get(f"{URL}?token=0123abcd").status_code == 403


def test_every_admin_list_exports_its_selected_rows(staff):
    ProcurementFactory(reference="P-1", title="=kommune")
    procurement = ProcurementFactory(reference="P-2", title="Andre")
    response = staff.post(
        "/admin/procurements/procurement/",
        {"action": "export_selected", "_selected_action": [procurement.pk]},
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][:3] == ["id", "referanse", "tittel"]
    assert [row[1] for row in rows[1:]] == ["P-2"]
    sectors = staff.post(
        "/admin/procurements/sector/",
        {"action": "export_selected", "_selected_action": [SectorFactory(code="helse").pk]},
    )
    assert load_workbook(io.BytesIO(sectors.content)).active["B2"].value == "helse"


def test_the_whole_portfolio_downloads_in_the_import_format(staff):
    ProcurementFactory(reference="P-1", title="=1+1")
    book = load_workbook(io.BytesIO(staff.get("/admin/transfer/export.xlsx").content))
    cell = book["Anskaffelser"]["C2"]
    assert (cell.value, cell.data_type) == ("'=1+1", "s")


def test_the_import_pages_are_norwegian(staff):
    from tests.english import english_words

    bad = {**GOOD, "Anskaffelser": [*GOOD["Anskaffelser"], ["P-2", "Andre", "romfart"]]}
    for url in (URL, upload(staff, GOOD), upload(staff, bad)):
        assert english_words(staff.get(url).content.decode()) == [], url
