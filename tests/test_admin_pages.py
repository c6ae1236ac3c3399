"""Every admin changelist, add page, change page and history page loads for a superuser with
data present, in a pinned number of queries; changelists take as many queries for 30 rows as
for 3 (counts come from annotations, related rows from select_related)."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from outreach.models import ActivityKind, OutreachActivity, Publication
from partners.models import BodyType, County, Municipality, Partnership, PublicBody
from procurements.models import (
    Participation,
    Phase,
    PhaseChange,
    Procedure,
    Procurement,
    Role,
    Sector,
    Solution,
)
from tests.outreach.factories import (
    ActivityKindFactory,
    OutreachActivityFactory,
    PublicationFactory,
)
from tests.partners.factories import (
    CountyFactory,
    MunicipalityFactory,
    PartnershipFactory,
    PublicBodyFactory,
)
from tests.procurements.factories import (
    ParticipationFactory,
    PhaseChangeFactory,
    PhaseFactory,
    ProcedureFactory,
    ProcurementFactory,
    SectorFactory,
    SolutionFactory,
)

# Builders: make(n, start) creates n rows of the model, each with the related rows its admin
# shows (counts, inlines, linked names), so the pages exercise their annotations and joins.


def make_bodies(n, start):
    bodies = PublicBodyFactory.create_batch(n, body_type=BodyType.MUNICIPAL)
    for body in bodies:
        PartnershipFactory(body=body)
        ParticipationFactory(body=body, role=Role.LEAD)
        MunicipalityFactory(body=body)
    return bodies


def make_counties(n, start):
    counties = CountyFactory.create_batch(n, body=PublicBodyFactory(body_type=BodyType.COUNTY))
    for county in counties:
        MunicipalityFactory.create_batch(2, county=county)
    return counties


def make_lookups(factory, prefix):
    def make(n, start):
        rows = [factory(code=f"{prefix}-{i}") for i in range(start, start + n)]
        for row in rows:
            ProcurementFactory(**{prefix: row})
        return rows

    return make


def make_procurements(n, start):
    procurements = ProcurementFactory.create_batch(n)
    for procurement in procurements:
        ParticipationFactory(procurement=procurement, role=Role.LEAD)
        ParticipationFactory(procurement=procurement)
        PhaseChangeFactory(procurement=procurement)
    return procurements


def make_phase_changes(n, start):
    first = datetime.date(2023, 1, 1)
    return [
        PhaseChangeFactory(changed_on=first + datetime.timedelta(days=i))
        for i in range(start, start + n)
    ]


def make_kinds(n, start):
    kinds = [ActivityKindFactory(code=f"kind-{i}") for i in range(start, start + n)]
    for kind in kinds:
        OutreachActivityFactory(kind=kind)
    return kinds


def make_activities(n, start):
    activities = OutreachActivityFactory.create_batch(n)
    for activity in activities:
        activity.procurements.set(ProcurementFactory.create_batch(2))
    return activities


BUILDERS = {
    PublicBody: make_bodies,
    County: make_counties,
    Municipality: lambda n, start: MunicipalityFactory.create_batch(n),
    Partnership: lambda n, start: PartnershipFactory.create_batch(n),
    Sector: make_lookups(SectorFactory, "sector"),
    Procedure: make_lookups(ProcedureFactory, "procedure"),
    Phase: make_lookups(PhaseFactory, "phase"),
    Procurement: make_procurements,
    Participation: lambda n, start: ParticipationFactory.create_batch(n),
    PhaseChange: make_phase_changes,
    Solution: lambda n, start: SolutionFactory.create_batch(n),
    ActivityKind: make_kinds,
    OutreachActivity: make_activities,
    Publication: lambda n, start: PublicationFactory.create_batch(n),
}

# Queries per page: (changelist, add page, change page of the first row). Every request
# starts with 2: the session and the user. A changelist then counts the filtered rows, counts
# all rows (the "of N" total), and reads one page of rows with its annotations and joins;
# date_hierarchy adds 2 (first/last date, the year links), each year filter 1 (first/last
# year), each filter on a related model or county number 1 (its choices). Add and change
# pages read the model's content type; select boxes read their choices; an autocomplete box
# reads its selected row; a change page reads the object and one query per inline.
QUERIES = {
    # list: county choices, partnership years, count, total, rows
    # change: body (with annotations), municipality codes, counties, partnerships
    PublicBody: (7, 3, 7),
    # list: valid-at-end-of-year years, count, total, rows; change: county, its body
    County: (6, 3, 5),
    # list: county choices, valid years, count, total, rows; change: row, county, body
    Municipality: (7, 3, 6),
    # list: in-force years, new-partner years, count, total, rows, date range, year links
    # change: partnership with its body, body in the autocomplete box
    Partnership: (9, 3, 5),
    # lookups: count, total, rows with their usage count; change: the row
    Sector: (5, 3, 4),
    Procedure: (5, 3, 4),
    Phase: (5, 3, 4),
    # list: started years, active years, sector/procedure/phase choices, count, total,
    #   rows (lead and body count as subqueries), date range, year links
    # add: content type, sector/procedure/phase choices for the form and phase choices for
    #   the phase history rows (read once for all rows), and the advisers filter's choices
    # change: procurement, phase choices for the history rows, participations, phase
    #   changes, sector/procedure/phase choices, one body per participation row (2 rows),
    #   whether it has a phase history (the default date of a phase change); add and change:
    #   the staff to pick the adviser from (a select, not an autocomplete over the users)
    Procurement: (13, 8, 14),
    # list: count, total, rows; change: participation, procurement and body boxes
    Participation: (5, 3, 6),
    # list: phase choices, count, total, rows, date range, year links
    # add: content type, phase choices; change: row, procurement box, phase choices
    PhaseChange: (8, 4, 6),
    # list: published years, count, total, rows, date range, year links
    # change: row, procurement box
    Solution: (8, 3, 5),
    ActivityKind: (5, 3, 4),
    # list: years, kind choices, count, total, rows (procurement count subquery), date
    #   range, year links; add: content type, kind choices
    # change: activity, its procurements, kind choices, procurements in the box
    OutreachActivity: (9, 4, 7),
    # list: years, count, total, rows, date range, year links; change: the row
    Publication: (8, 3, 4),
}


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.fixture(autouse=True)
def cold_content_type_cache():
    # The add page reads its content type once per process; start cold so the pinned
    # counts do not depend on which tests ran before.
    ContentType.objects.clear_cache()


@pytest.fixture
def staff_client(client, superuser):
    client.force_login(superuser)
    return client


MODELS = pytest.mark.parametrize("model", BUILDERS, ids=lambda model: model.__name__)


def test_every_model_has_pinned_counts():
    assert set(QUERIES) == set(BUILDERS)


@MODELS
def test_changelist_loads_in_pinned_queries_for_3_rows_and_for_30(
    staff_client, django_assert_num_queries, model
):
    BUILDERS[model](3, 0)
    with django_assert_num_queries(QUERIES[model][0]):
        first = staff_client.get(admin_url(model, "changelist"))
    BUILDERS[model](27, 3)
    with django_assert_num_queries(QUERIES[model][0]):
        second = staff_client.get(admin_url(model, "changelist"))
    assert first.status_code == second.status_code == 200
    # 27 rows more (lookup tables also hold the rows their data migration writes).
    assert second.context["cl"].result_count - first.context["cl"].result_count == 27


@MODELS
def test_add_page_loads_in_pinned_queries(staff_client, django_assert_num_queries, model):
    BUILDERS[model](3, 0)
    with django_assert_num_queries(QUERIES[model][1]):
        response = staff_client.get(admin_url(model, "add"))
    assert response.status_code == 200


@MODELS
def test_change_page_loads_in_pinned_queries(staff_client, django_assert_num_queries, model):
    row = BUILDERS[model](3, 0)[0]
    with django_assert_num_queries(QUERIES[model][2]):
        response = staff_client.get(admin_url(model, "change", row.pk))
    assert response.status_code == 200


@MODELS
def test_history_page_lists_the_rows_changes(staff_client, model):
    row, other = BUILDERS[model](2, 0)
    row.save()
    other.save()
    response = staff_client.get(admin_url(model, "history", row.pk))
    assert response.status_code == 200
    # Its creation and the change just made, not the other row's (an activity's links to its
    # procurements, set after its creation, are a change of their own).
    entries = response.context["page_obj"].object_list
    links = [("~", row.pk)] if model is OutreachActivity else []
    assert [(entry.history_type, entry.id) for entry in entries] == [
        ("~", row.pk),
        *links,
        ("+", row.pk),
    ]


def test_year_that_is_not_a_number_is_refused_not_a_server_error(staff_client):
    make_procurements(1, 0)
    response = staff_client.get(admin_url(Procurement, "changelist"), {"started_in": "abc"})
    assert response.status_code == 302
    assert response["Location"].endswith("?e=1")
