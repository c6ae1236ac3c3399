"""The admin's spreadsheet import in a real browser: upload a workbook with a bad row, read the
problems, download the error report; upload a good one, read the preview, confirm."""

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from procurements.models import Procurement
from tests.browser.conftest import restore_seeded_lookups
from tests.transfer.helpers import ORG_A, workbook

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

GOOD = {
    "Offentlige virksomheter": [
        ["navn", "organisasjonsnummer", "type"],
        ["Etat A", ORG_A, "Statlig"],
    ],
    "Anskaffelser": [["referanse", "tittel", "fagområde"], ["P-1", "Første", "helse"]],
    "Deltakelser": [
        ["anskaffelse", "virksomhetens organisasjonsnummer", "rolle"],
        ["P-1", ORG_A, "Ansvarlig (leder)"],
    ],
}


def test_admin_import_preview_error_report_and_confirm(live_server, context, artifacts, tmp_path):
    restore_seeded_lookups()
    get_user_model().objects.create_superuser("importer", "i@example.org", "pw-import-123")
    bad = {**GOOD, "Anskaffelser": [*GOOD["Anskaffelser"], ["P-2", "Andre", "romfart"]]}
    (tmp_path / "feil.xlsx").write_bytes(workbook(bad))
    (tmp_path / "riktig.xlsx").write_bytes(workbook(GOOD))

    page = context.new_page()
    page.goto(f"{live_server.url}/admin/login/?next=/admin/transfer/import/")
    page.fill("#id_username", "importer")
    page.fill("#id_password", "pw-import-123")
    page.click("input[type=submit]")
    assert page.url.endswith("/admin/transfer/import/")

    page.set_input_files("#id_file", str(tmp_path / "feil.xlsx"))
    page.click("#upload-form input[type=submit]")
    page.wait_for_selector("#problems")
    cells = page.eval_on_selector_all(
        "#problems tbody tr td", "els => els.map(el => el.textContent)"
    )
    assert cells[:4] == ["Anskaffelser", "3", "fagområde", "romfart"]
    assert cells[4].startswith("Ukjent fagområde")
    assert page.locator("input[name=confirm]").count() == 0
    page.screenshot(path=str(artifacts / "import-problems.png"), full_page=True)
    with page.expect_download() as download:
        page.click("#error-report")
    report = Path(download.value.path()).read_bytes().decode("utf-8-sig")
    assert report.splitlines()[0] == "ark;rad;kolonne;verdi;årsak"
    assert Procurement.objects.count() == 0

    page.set_input_files("#id_file", str(tmp_path / "riktig.xlsx"))
    page.click("#upload-form input[type=submit]")
    page.wait_for_selector("#counts")
    row = page.eval_on_selector_all(
        "#counts tr[data-sheet='Anskaffelser'] td", "els => els.map(el => el.textContent)"
    )
    assert row == ["Anskaffelser", "1", "0", "0"]
    page.screenshot(path=str(artifacts / "import-preview.png"), full_page=True)
    assert Procurement.objects.count() == 0
    page.click("input[name=confirm]")
    page.wait_for_selector(".messagelist")
    assert "Importert." in page.inner_text(".messagelist")
    assert Procurement.objects.get().reference == "P-1"
