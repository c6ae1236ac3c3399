"""Property: whatever writes, the figures read through the cache equal the figures counted
from the records, for every year (lup/reporting/summary.py, dataversion.py).

Hypothesis draws sequences of changes through each write path (fixed seed, a set number of
examples). Before each change the cache is warmed; after it, the summary's series, year-to-date
figures and breakdowns must equal a fresh count. The paths:

- admin: an outreach activity added through the admin's add form, a web post deleted through
  its delete page;
- the API: a procurement's start date patched, a web post created;
- an import: loaddata of a fixture written on the fly (the spreadsheet importer of lup/transfer/
  is not on main yet; its writes go through the same tables and triggers);
- QuerySet.update() on activities and participations, bulk_create and bulk_update;
- deletes with cascades (a procurement and its participations);
- a simple-history revert (a historical record's instance saved back, as the admin's revert
  does);
- reference data: a municipality's validity changed, then load_reference restoring it;
- lookups and the many-to-many table: an activity moved to or from the webinar kind (whose
  code the database protects), a sector's name, an activity linked to a procurement.

Runs on whatever database the suite uses, with whatever cache the settings give (Redis when
REDIS_URL is set, local memory otherwise).
"""

import datetime
import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from lup.reporting import figures
from lup.reporting.dataversion import immediate_versions
from lup.reporting.summary import Summary
from outreach.models import WEBINAR, ActivityKind, OutreachActivity, Publication
from partners.models import BodyType, Municipality, PublicBody
from procurements.models import Participation, Procurement, Sector
from tests.outreach.factories import (
    ActivityKindFactory,
    OutreachActivityFactory,
    PublicationFactory,
)
from tests.partners.factories import PartnershipFactory, PublicBodyFactory
from tests.procurements.factories import ParticipationFactory, ProcurementFactory

# A version after each write, as after each commit (immediate_versions, tests/conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("immediate_versions")]

d = datetime.date
YEARS = list(range(2019, 2026))
days = st.builds(
    lambda year, day: d(year, 1, 1) + datetime.timedelta(days=day),
    st.sampled_from(YEARS),
    st.integers(0, 364),
)


@pytest.fixture
def portfolio(superuser, tmp_path):
    call_command("load_reference", verbosity=0)
    ActivityKindFactory(code="foredrag")
    municipal = list(PublicBody.objects.filter(body_type=BodyType.MUNICIPAL)[:6])
    for index, year in enumerate(YEARS):
        procurement = ProcurementFactory(
            started_on=d(year, 3, 1), ended_on=d(year + 1, 6, 1) if index % 2 else None
        )
        ParticipationFactory(procurement=procurement, body=municipal[index % len(municipal)])
        ParticipationFactory(procurement=procurement, body=PublicBodyFactory())
        OutreachActivityFactory(date=d(year, 5, 1), participants=10 + index)
        PublicationFactory(published_on=d(year, 9, 1))
        PartnershipFactory(started_on=d(year, 2, 1), body=municipal[index % len(municipal)])
    admin = Client()
    admin.force_login(superuser)
    api = APIClient()
    api.force_authenticate(superuser)
    return {"admin": admin, "api": api, "tmp": tmp_path}


def pick(model, index: int):
    rows = list(model.objects.order_by("pk").values_list("pk", flat=True))
    return model.objects.get(pk=rows[index % len(rows)]) if rows else None


# Each change: (path, parameters) -> a function of the portfolio fixture.


def admin_add_activity(env, day, n):
    kind = ActivityKind.objects.get(code="foredrag")
    response = env["admin"].post(
        "/admin/outreach/outreachactivity/add/",
        {
            "date": day.isoformat(),
            "title": "Lagt inn i admin",
            "kind": kind.pk,
            "participants": n,
            "registrants": 0,
            "location": "",
            "notes": "",
        },
    )
    assert response.status_code == 302, response.content[:2000]


def admin_delete_post(env, day, n):
    post = pick(Publication, n)
    if post is not None:
        response = env["admin"].post(
            f"/admin/outreach/publication/{post.pk}/delete/", {"post": "yes"}
        )
        assert response.status_code == 302


def api_patch_start(env, day, n):
    procurement = pick(Procurement, n)
    response = env["api"].patch(
        f"/api/v1/procurements/{procurement.pk}/",
        {"started_on": day.isoformat(), "ended_on": None},
        format="json",
    )
    assert response.status_code == 200, response.content


def api_create_post(env, day, n):
    response = env["api"].post(
        "/api/v1/publications/", {"title": "Fra API", "published_on": day.isoformat()}
    )
    assert response.status_code == 201, response.content


def import_fixture(env, day, n):
    body = pick(PublicBody, n)
    kind = ActivityKind.objects.get(code="foredrag")
    path = env["tmp"] / f"import-{n}.json"
    path.write_text(
        json.dumps(
            [
                {
                    "model": "partners.partnership",
                    "fields": {"body": body.pk, "started_on": day.isoformat()},
                },
                {
                    "model": "outreach.outreachactivity",
                    "fields": {
                        "date": day.isoformat(),
                        "title": "Importert",
                        "kind": kind.pk,
                        "participants": n,
                        "registrants": 0,
                    },
                },
            ]
        )
    )
    call_command("loaddata", str(path), verbosity=0)


def queryset_update(env, day, n):
    OutreachActivity.objects.filter(pk=pick(OutreachActivity, n).pk).update(
        participants=n, date=day
    )
    Participation.objects.filter(pk=pick(Participation, n).pk).update(
        left_on=day if n % 2 else None
    )


def bulk_writes(env, day, n):
    Publication.objects.bulk_create(
        [Publication(title=f"Bulk {i}", published_on=day) for i in range(n % 3 + 1)]
    )
    body = pick(PublicBody, n)
    body.body_type = [BodyType.STATE, BodyType.OTHER, BodyType.MUNICIPAL][n % 3]
    PublicBody.objects.bulk_update([body], ["body_type"])


def delete_cascade(env, day, n):
    procurement = pick(Procurement, n)
    if Procurement.objects.count() > 2:
        procurement.solutions.all().delete()
        procurement.delete()  # its participations and phase changes go with it


def history_revert(env, day, n):
    procurement = pick(Procurement, n)
    procurement.started_on = day
    procurement.ended_on = None
    procurement.save()
    earliest = procurement.history.earliest()
    earliest.instance.save()  # back to how it was created


def reference_reload(env, day, n):
    municipality = pick(Municipality, n)
    Municipality.objects.filter(pk=municipality.pk).update(valid_to=d(2021, 12, 31))
    assert_summary_equals_fresh()  # the change is seen...
    call_command("load_reference", verbosity=0)  # ...and so is load_reference undoing it
    immediate_versions(connection)


def lookups_and_links(env, day, n):
    # The webinar kind's code is protected (outreach 0006), so an activity moves between the
    # webinar kind and another: the webinar figures change through the lookup link.
    webinar = ActivityKind.objects.get(code=WEBINAR)
    other = ActivityKind.objects.exclude(pk=webinar.pk).first()
    activity = pick(OutreachActivity, n)
    kind = other if activity.kind_id == webinar.pk else webinar
    OutreachActivity.objects.filter(pk=activity.pk).update(kind=kind)
    Sector.objects.filter(pk=pick(Sector, n).pk).update(name=f"Sektor {n}")
    pick(OutreachActivity, n).procurements.add(pick(Procurement, n))


CHANGES = [
    admin_add_activity,
    admin_delete_post,
    api_patch_start,
    api_create_post,
    import_fixture,
    queryset_update,
    bulk_writes,
    delete_cascade,
    history_revert,
    reference_reload,
    lookups_and_links,
]


def assert_summary_equals_fresh():
    summary = Summary()
    assert summary.annual_series() == figures.annual_series()
    assert summary.first_year_with_data() == figures.first_year_with_data()
    for year in (2021, 2024):
        assert summary.annual_figures(year, until=d(year, 6, 30)) == figures.annual_figures(
            year, until=d(year, 6, 30)
        )
        assert summary.outreach_by_month(year) == figures.outreach_by_month(year)
        assert summary.municipal_coverage_by_county(year) == (
            figures.municipal_coverage_by_county(year)
        )


def warm():
    """Read everything through the cache, so that a stale entry would be served next."""
    summary = Summary()
    summary.annual_series()
    summary.first_year_with_data()
    for year in (2021, 2024):
        summary.annual_figures(year, until=d(year, 6, 30))
        summary.outreach_by_month(year)
        summary.municipal_coverage_by_county(year)


@settings(
    max_examples=30,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    changes=st.lists(
        st.tuples(st.sampled_from(CHANGES), days, st.integers(0, 50)), min_size=1, max_size=4
    )
)
def test_the_summary_equals_a_fresh_count_after_every_change(portfolio, changes):
    assert timezone.localdate().year >= YEARS[-1]
    for change, day, n in changes:
        # A version after each write (loaddata ends with SET CONSTRAINTS ALL DEFERRED).
        immediate_versions(connection)
        warm()
        change(portfolio, day, n)
        immediate_versions(connection)
        assert_summary_equals_fresh()


def test_every_write_path_is_drawn():
    """The strategy can draw each change (a fixed list, so a new path is not forgotten)."""
    assert len(CHANGES) == 11
