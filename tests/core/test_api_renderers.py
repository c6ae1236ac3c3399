"""Every API list answers ?format=csv and ?format=xlsx, in the JSON's columns."""

import csv
import io

import pytest
from openpyxl import load_workbook

from tests.apiutils import RECORD_ENDPOINTS
from tests.procurements.factories import ParticipationFactory, ProcurementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(admin_api_client):
    ParticipationFactory(procurement=ProcurementFactory(title="=HYPERLINK(1)", reference="P-1"))
    return admin_api_client


@pytest.mark.parametrize("endpoint", RECORD_ENDPOINTS)
def test_every_list_answers_csv_and_xlsx_with_the_json_columns(client, endpoint):
    url = f"/api/v1/{endpoint}/"
    rows = client.get(url).json()["results"]
    columns = list(rows[0]) if rows else []
    as_csv = client.get(url, {"format": "csv"})
    assert as_csv.status_code == 200
    assert as_csv["Content-Type"].startswith("text/csv")
    text = as_csv.content.decode("utf-8-sig")
    read = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert read[0] == columns or (not rows and read == [[]])
    assert len(read) - 1 == len(rows)
    as_xlsx = client.get(url, {"format": "xlsx"})
    assert as_xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(as_xlsx.content)).active
    assert [c.value for c in sheet[1]] == columns or not rows
    assert sheet.max_row - 1 == len(rows) or not rows


def test_text_that_looks_like_a_formula_is_text(client):
    sheet = load_workbook(
        io.BytesIO(client.get("/api/v1/procurements/", {"format": "xlsx"}).content)
    ).active
    headers = [c.value for c in sheet[1]]
    cell = sheet.cell(row=2, column=headers.index("title") + 1)
    assert (cell.value, cell.data_type) == ("'=HYPERLINK(1)", "s")
    text = client.get("/api/v1/procurements/", {"format": "csv"}).content.decode("utf-8-sig")
    assert ";'=HYPERLINK(1);" in text


def test_the_schema_still_lists_json_answers_only(client):
    schema = client.get("/api/v1/schema/?format=json").json()
    media = {
        content
        for path in schema["paths"].values()
        for operation in path.values()
        if isinstance(operation, dict)
        for response in operation.get("responses", {}).values()
        for content in response.get("content", {})
    }
    assert "text/csv" not in media
