"""API of outreach activities, activity kinds and web posts."""

import datetime

import pytest

from outreach.models import ActivityKind, OutreachActivity, Publication
from tests.apiutils import PERMISSION_QUERIES, client_with_perms, field_errors, titles
from tests.outreach.factories import (
    ActivityKindFactory,
    OutreachActivityFactory,
    PublicationFactory,
)
from tests.procurements.factories import ProcurementFactory

# LANGUAGE_CODE is nb; the assertions below read the English messages.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("api_client_in_english")]

D = datetime.date


def test_activity_crud(admin_api_client):
    webinar = ActivityKind.objects.get(code="webinar")
    procurement = ProcurementFactory()
    response = admin_api_client.post(
        "/api/v1/outreach-activities/",
        {
            "date": "2023-10-12",
            "title": "Webinar om markedsdialog",
            "kind": webinar.id,
            "participants": 120,
            "registrants": 180,
            "procurements": [procurement.id],
        },
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert (data["kind_code"], data["kind_name"], data["procurements"]) == (
        "webinar",
        "Webinar",
        [procurement.id],
    )
    url = f"/api/v1/outreach-activities/{data['id']}/"
    response = admin_api_client.patch(url, {"procurements": []})
    assert response.json()["procurements"] == []
    response = admin_api_client.patch(url, {"participants": -1})
    assert response.status_code == 400
    assert list(field_errors(response)) == ["participants"]
    assert admin_api_client.delete(url).status_code == 204
    assert not OutreachActivity.objects.exists()


def test_activity_kind_in_use_is_not_deleted(admin_api_client):
    activity = OutreachActivityFactory()
    response = admin_api_client.delete(f"/api/v1/activity-kinds/{activity.kind_id}/")
    assert response.status_code == 409
    assert ActivityKind.objects.filter(id=activity.kind_id).exists()


def test_activity_kinds_are_listed(reader_client):
    response = reader_client.get("/api/v1/activity-kinds/?ordering=position")
    assert [row["code"] for row in response.json()["results"]] == [
        "foredrag",
        "kurs",
        "webinar",
        "konferanse",
        "nettverksmote",
        "annet",
    ]


def test_activity_filters(reader_client):
    webinar = ActivityKindFactory(code="webinar")
    talk = ActivityKindFactory(code="foredrag")
    procurement = ProcurementFactory()
    OutreachActivityFactory(title="webinar 1 Jan 2023", date=D(2023, 1, 1), kind=webinar)
    OutreachActivityFactory(title="webinar 31 Dec 2023", date=D(2023, 12, 31), kind=webinar)
    OutreachActivityFactory(title="webinar 31 Dec 2022", date=D(2022, 12, 31), kind=webinar)
    OutreachActivityFactory(title="talk 2023", date=D(2023, 6, 1), kind=talk).procurements.add(
        procurement
    )
    OutreachActivityFactory(title="talk 1 Jan 2024", date=D(2024, 1, 1), kind=talk)

    def get(query):
        return titles(reader_client.get(f"/api/v1/outreach-activities/?{query}&ordering=date"))

    assert get("year=2023") == ["webinar 1 Jan 2023", "talk 2023", "webinar 31 Dec 2023"]
    assert get("year=2023&kind=webinar") == ["webinar 1 Jan 2023", "webinar 31 Dec 2023"]
    assert get(f"year=2023&kind={webinar.id}") == ["webinar 1 Jan 2023", "webinar 31 Dec 2023"]
    assert get("kind=webinar") == [
        "webinar 31 Dec 2022",
        "webinar 1 Jan 2023",
        "webinar 31 Dec 2023",
    ]
    assert get("kind=nosuchkind") == []
    assert get(f"procurement={procurement.id}") == ["talk 2023"]
    assert get("search=talk&year=2024") == ["talk 1 Jan 2024"]
    response = reader_client.get("/api/v1/outreach-activities/?year=20233")
    assert response.status_code == 400
    assert field_errors(response) == {
        "year": ["Give a year between 1900 and 2100, for example 2023."]
    }


def test_publications(admin_api_client):
    response = admin_api_client.post(
        "/api/v1/publications/",
        {
            "title": "Ny veileder",
            "url": "https://example.org/veileder",
            "published_on": "2023-12-31",
        },
    )
    assert response.status_code == 201, response.json()
    PublicationFactory(title="first day", published_on=D(2023, 1, 1))
    PublicationFactory(title="year before", published_on=D(2022, 12, 31))
    response = admin_api_client.get("/api/v1/publications/?year=2023&ordering=published_on")
    assert titles(response) == ["first day", "Ny veileder"]
    response = admin_api_client.post(
        "/api/v1/publications/", {"title": "Uten dato", "url": "not a url"}
    )
    assert response.status_code == 400
    assert set(field_errors(response)) == {"url", "published_on"}
    assert Publication.objects.count() == 3


def test_write_permissions(reader_client):
    kind = ActivityKind.objects.get(code="kurs")
    payload = {"date": "2023-03-01", "title": "Kurs", "kind": kind.id, "participants": 30}
    assert reader_client.post("/api/v1/outreach-activities/", payload).status_code == 403
    editor = client_with_perms("outreach.add_outreachactivity")
    assert editor.post("/api/v1/outreach-activities/", payload).status_code == 201
    assert editor.post("/api/v1/publications/", {"title": "X"}).status_code == 403


@pytest.mark.parametrize("rows", [3, 30])
def test_query_counts(reader_client, django_assert_num_queries, rows):
    procurement = ProcurementFactory()
    for i in range(rows):
        OutreachActivityFactory().procurements.add(procurement)
        PublicationFactory()
        ActivityKindFactory(code=f"kind-{i}")
    # data version, count (lup.reporting.counts), page of activities with the kind joined,
    # their procurement ids
    with django_assert_num_queries(PERMISSION_QUERIES + 4):
        response = reader_client.get("/api/v1/outreach-activities/?year=2023&kind=foredrag")
    assert response.json()["count"] == rows
    first = response.json()["results"][0]["id"]
    # the activity with its kind, its procurement ids
    with django_assert_num_queries(PERMISSION_QUERIES + 2):
        reader_client.get(f"/api/v1/outreach-activities/{first}/")
    for prefix in ("publications", "activity-kinds"):
        # data version, count, page of rows
        with django_assert_num_queries(PERMISSION_QUERIES + 3):
            response = reader_client.get(f"/api/v1/{prefix}/")
        first = response.json()["results"][0]["id"]
        # the row
        with django_assert_num_queries(PERMISSION_QUERIES + 1):
            reader_client.get(f"/api/v1/{prefix}/{first}/")
    assert reader_client.get("/api/v1/publications/?year=2023").json()["count"] == rows
