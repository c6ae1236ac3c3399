"""A record date outside lup.core.dates' plausible range, or a count or amount beyond its
realistic maximum, is refused on every write path; one already stored does not stretch the
yearly series."""

import datetime

import pytest
from django.urls import reverse

from lup.reporting.figures import annual_series, first_year_with_data
from outreach.models import OutreachActivity, Publication
from tests.apiutils import client_with_perms
from tests.dbutils import refused
from tests.outreach.factories import ActivityKindFactory, PublicationFactory
from tests.partners.factories import PublicBodyFactory
from tests.procurements.factories import ProcurementFactory, SectorFactory

pytestmark = pytest.mark.django_db

d = datetime.date
TOO_EARLY = "0001-01-01"


def test_a_post_dated_year_one_is_refused_by_the_api():
    client = client_with_perms("outreach.add_publication")
    response = client.post(
        "/api/v1/publications/", {"title": "Typo", "published_on": TOO_EARLY}, format="json"
    )
    assert response.status_code == 400
    [message] = response.json()["published_on"]
    assert message.startswith("Give a date between 01/01/1990 and ")
    assert not Publication.objects.exists()


@pytest.mark.parametrize(
    ("path", "perm", "payload", "field"),
    [
        ("partnerships/", "partners.add_partnership", {"started_on": "1989-12-31"}, "started_on"),
        ("procurements/", "procurements.add_procurement", {"started_on": TOO_EARLY}, "started_on"),
        (
            "procurements/",
            "procurements.add_procurement",
            {"started_on": "2023-01-01", "ended_on": "2999-01-01"},
            "ended_on",
        ),
        ("solutions/", "procurements.add_solution", {"published_on": TOO_EARLY}, "published_on"),
        ("outreach-activities/", "outreach.add_outreachactivity", {"date": TOO_EARLY}, "date"),
    ],
)
def test_every_dated_record_refuses_an_implausible_date(path, perm, payload, field):
    body = PublicBodyFactory()
    base = {
        "partnerships/": {"body": body.id},
        "procurements/": {"title": "T", "sector": SectorFactory().id},
        "solutions/": {"name": "S"},
        "outreach-activities/": {"title": "A", "kind": ActivityKindFactory().id},
    }[path]
    response = client_with_perms(perm).post(f"/api/v1/{path}", {**base, **payload}, format="json")
    assert response.status_code == 400
    assert list(response.json()) == [field]


def test_a_participation_date_is_checked_inside_a_procurement():
    body = PublicBodyFactory()
    client = client_with_perms("procurements.add_procurement")
    response = client.post(
        "/api/v1/procurements/",
        {
            "title": "T",
            "sector": SectorFactory().id,
            "participations": [{"body": body.id, "role": "lead", "joined_on": TOO_EARLY}],
        },
        format="json",
    )
    assert response.status_code == 400
    # Participation errors are keyed by the row's index, as for the service's own checks.
    assert list(response.json()["participations"]["0"]) == ["joined_on"]


@pytest.mark.parametrize(("participants", "status"), [(1_000_000, 201), (1_000_001, 400)])
def test_participants_have_a_realistic_maximum(participants, status):
    client = client_with_perms("outreach.add_outreachactivity")
    response = client.post(
        "/api/v1/outreach-activities/",
        {
            "title": "A",
            "kind": ActivityKindFactory().id,
            "date": "2023-05-01",
            "participants": participants,
        },
        format="json",
    )
    assert response.status_code == status, response.json()


def test_the_database_refuses_an_overflowing_count_that_skipped_validation():
    PublicationFactory(published_on=d(2023, 1, 1))
    activity = OutreachActivity(
        title="A", kind=ActivityKindFactory(), date=d(2023, 5, 1), participants=2_000_000
    )
    refused(activity.save, "outreach_participants_realistic")


def test_the_admin_refuses_an_implausible_date(client, superuser):
    client.force_login(superuser)
    response = client.post(
        reverse("admin:outreach_publication_add"),
        {"title": "Typo", "published_on": TOO_EARLY, "url": ""},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200  # the form again, with the error
    assert "Give a date between" in response.content.decode()
    assert not Publication.objects.exists()


def test_a_stored_implausible_date_does_not_stretch_the_series():
    """A date that reached the database before validation existed (or through a bulk
    update) is ignored by the series, which starts at the first plausible year."""
    ProcurementFactory(started_on=d(2021, 3, 1))
    post = PublicationFactory(published_on=d(2022, 1, 1))
    Publication.objects.filter(pk=post.pk).update(published_on=d(1823, 5, 17))

    assert first_year_with_data() == 2021
    series = annual_series(last=2023)
    assert [row["year"] for row in series] == [2021, 2022, 2023]
