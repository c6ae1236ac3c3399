"""/api/v1/stats/published/, .../{year}/ (?version=) and .../{year}/diff/: shape, values,
errors as problem documents, ETag, access, query counts; and no way to change a publication."""

import datetime

import pytest

from lup.publishing.models import FigurePublication
from lup.publishing.services import publish
from tests.apiutils import field_errors, problem
from tests.outreach.factories import OutreachActivityFactory
from tests.procurements.factories import ProcurementFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/stats/published/"
YEAR = "/api/v1/stats/published/{}/"
DIFF = "/api/v1/stats/published/{}/diff/"


def test_the_latest_version_of_every_year(small_2023, manager, reader_client):
    publish(2022, manager, note="Årsrapport 2022")
    publish(2023, manager, note="Årsrapport 2023")
    publish(2023, manager, correction_reason="Korrigert: en anskaffelse for sent")

    body = reader_client.get(LIST).json()
    assert [(p["year"], p["version"]) for p in body] == [(2022, 1), (2023, 2)]
    assert body[1]["correction_reason"] == "Korrigert: en anskaffelse for sent"
    assert body[1]["published_by"] == "kari"


def test_a_year_with_its_figures_record_ids_and_versions(small_2023, manager, reader_client):
    publish(2023, manager, note="Årsrapport 2023")
    live = reader_client.get("/api/v1/stats/years/2023/").json()
    ProcurementFactory(started_on=datetime.date(2023, 11, 1))
    publish(2023, manager, correction_reason="Korrigert: en anskaffelse for sent")

    first = reader_client.get(YEAR.format(2023), {"version": 1})
    assert first.status_code == 200
    body = first.json()
    assert (body["version"], body["note"], body["correction_reason"]) == (1, "Årsrapport 2023", "")
    assert body["figures"] == live
    assert body["record_ids"]["procurements_started"] == sorted(
        [small_2023["first"].pk, small_2023["second"].pk]
    )
    assert first["ETag"]
    latest = reader_client.get(YEAR.format(2023)).json()
    assert (latest["version"], latest["figures"]["procurements_started"]) == (2, 3)
    again = reader_client.get(
        YEAR.format(2023), HTTP_IF_NONE_MATCH=first["ETag"], data={"version": 1}
    )
    assert again.status_code == 304


def test_the_diff_names_the_records_and_the_changes(small_2023, manager, reader_client):
    publish(2023, manager)
    assert reader_client.get(DIFF.format(2023)).json()["unchanged"] is True
    ProcurementFactory(title="Sen anskaffelse", started_on=datetime.date(2023, 11, 1))

    body = reader_client.get(DIFF.format(2023)).json()
    assert body["unchanged"] is False
    started = next(f for f in body["figures"] if f["key"] == "procurements_started")
    assert (started["published"], started["live"], started["differs"]) == (2, 3, True)
    (added,) = started["added"]
    assert added["name"] == "Sen anskaffelse"
    assert added["changes"][0]["kind"] == "created"


@pytest.mark.parametrize("url", [YEAR, DIFF])
def test_a_year_not_published_is_404_and_bad_input_is_400(db, reader_client, url):
    assert problem(reader_client.get(url.format(2023)), 404)["errors"][0]["code"] == "not_found"
    assert "year" in field_errors(reader_client.get(url.format("abc")))
    assert "version" in field_errors(reader_client.get(url.format(2023), {"version": "x"}))
    assert "version" in field_errors(reader_client.get(url.format(2023), {"version": 0}))


def test_reading_needs_a_login(small_2023, manager, api_client):
    publish(2023, manager)
    assert api_client.get(LIST).status_code in (401, 403)
    assert api_client.get(YEAR.format(2023)).status_code in (401, 403)


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_api_cannot_change_a_publication(small_2023, manager, admin_api_client, method):
    publication = publish(2023, manager)
    for url in (LIST, YEAR.format(2023), DIFF.format(2023)):
        response = getattr(admin_api_client, method)(url, {"note": "endret"}, format="json")
        assert response.status_code == 405, url
    assert FigurePublication.objects.get(pk=publication.pk).note == ""


def test_query_counts(small_2023, manager, reader_client, django_assert_num_queries):
    publish(2022, manager)
    publish(2023, manager)
    # The latest version of each year: one query.
    with django_assert_num_queries(1):
        reader_client.get(LIST)
    # The publication: one query.
    with django_assert_num_queries(1):
        reader_client.get(YEAR.format(2023))


def _diff_queries(client, django_assert_max_num_queries) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(DIFF.format(2023)).status_code == 200
    return len(captured)


def test_the_diff_takes_the_same_queries_with_ten_times_the_changes(
    small_2023, manager, reader_client, django_assert_max_num_queries
):
    activities = [OutreachActivityFactory(date=datetime.date(2023, 10, d)) for d in range(1, 11)]
    publish(2023, manager)
    ProcurementFactory(started_on=datetime.date(2023, 11, 1))
    activities[0].delete()
    one = _diff_queries(reader_client, django_assert_max_num_queries)
    for day in range(2, 11):
        ProcurementFactory(started_on=datetime.date(2023, 11, day))
        activities[day - 1].delete()
    ten = _diff_queries(reader_client, django_assert_max_num_queries)
    # The publication, the data version, the figures, the ids per distinct selector, and per
    # model with records in the difference: names, deleted names, history (bodies: their
    # participations' and partnerships'). None per record.
    assert one == ten
    assert ten <= 30
