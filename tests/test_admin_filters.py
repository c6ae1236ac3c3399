"""Admin list filters give the rows of the counting-rule selectors, and list columns show the
annotated counts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from outreach.models import OutreachActivity, Publication
from partners.models import BodyType, County, Municipality, Partnership, PublicBody
from procurements.models import Procurement, Role, Solution
from tests.outreach.factories import OutreachActivityFactory, PublicationFactory
from tests.partners.factories import (
    CountyFactory,
    MunicipalityFactory,
    PartnershipFactory,
    PublicBodyFactory,
)
from tests.procurements.factories import (
    ParticipationFactory,
    ProcurementFactory,
    SolutionFactory,
)

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def staff_client(client, superuser):
    client.force_login(superuser)
    return client


def listed(client, model, **params):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    response = client.get(url, params)
    assert response.status_code == 200
    return list(response.context["cl"].result_list)


def titles(rows):
    return sorted(str(row) for row in rows)


def test_procurement_year_filters_follow_rules_1_and_2(staff_client):
    ProcurementFactory(title="A ongoing since 2022", started_on=D(2022, 6, 1))
    ProcurementFactory(title="B 2023 only", started_on=D(2023, 2, 1), ended_on=D(2023, 11, 1))
    ProcurementFactory(title="C from 2024", started_on=D(2024, 1, 1))
    ProcurementFactory(
        title="D ended on 1 January", started_on=D(2021, 1, 1), ended_on=D(2023, 1, 1)
    )
    ProcurementFactory(title="E planned", started_on=None)

    assert titles(listed(staff_client, Procurement, started_in=2023)) == ["B 2023 only"]
    assert titles(listed(staff_client, Procurement, active_in=2023)) == [
        "A ongoing since 2022",
        "B 2023 only",
        "D ended on 1 January",
    ]
    assert titles(listed(staff_client, Procurement, active_in=2024)) == [
        "A ongoing since 2022",
        "C from 2024",
    ]


def test_procurement_year_choices_run_from_first_start_to_this_year(staff_client):
    ProcurementFactory(started_on=D(2019, 5, 1))
    response = staff_client.get(reverse("admin:procurements_procurement_changelist"))
    started = next(
        f for f in response.context["cl"].filter_specs if f.parameter_name == "started_in"
    )
    years = [int(value) for value, _ in started.lookup_choices]
    assert years == list(range(timezone.localdate().year, 2018, -1))


def test_procurement_list_shows_lead_and_body_count(staff_client):
    procurement = ProcurementFactory()
    lead = ParticipationFactory(procurement=procurement, role=Role.LEAD)
    ParticipationFactory.create_batch(2, procurement=procurement)
    ProcurementFactory()  # no bodies yet
    rows = {row.pk: row for row in listed(staff_client, Procurement)}
    assert (rows[procurement.pk].lead, rows[procurement.pk].participant_count) == (
        lead.body.name,
        3,
    )
    others = [row for pk, row in rows.items() if pk != procurement.pk]
    assert [(row.lead, row.participant_count) for row in others] == [(None, 0)]


def test_procurement_search_by_body_lists_each_procurement_once(staff_client):
    procurement = ProcurementFactory()
    ParticipationFactory(procurement=procurement, role=Role.LEAD, body__name="Bodø kommune")
    ParticipationFactory(procurement=procurement, body__name="Bodø havn KF")
    rows = listed(staff_client, Procurement, q="Bodø")
    assert [row.pk for row in rows] == [procurement.pk]
    assert rows[0].participant_count == 2  # not multiplied by the search join


def test_procurement_search_by_title(staff_client):
    wanted = ProcurementFactory(title="Innovativ anskaffelse av sensorer")
    ProcurementFactory(title="Elektronisk pasientjournal")
    assert [row.pk for row in listed(staff_client, Procurement, q="anskaffelse")] == [wanted.pk]


def test_procurement_body_type_filter(staff_client):
    municipal = ParticipationFactory(body__body_type=BodyType.MUNICIPAL).procurement
    ParticipationFactory(body__body_type=BodyType.STATE)
    assert [p.pk for p in listed(staff_client, Procurement, body_type="municipal")] == [
        municipal.pk
    ]


def test_public_body_list_counts_procurements_and_links_to_them(staff_client):
    body = PublicBodyFactory()
    ParticipationFactory.create_batch(2, body=body)
    response = staff_client.get(reverse("admin:partners_publicbody_changelist"))
    row = next(r for r in response.context["cl"].result_list if r.pk == body.pk)
    assert row.procurement_count == 2
    link = f"/admin/procurements/procurement/?bodies__id__exact={body.pk}"
    assert link in response.content.decode()
    assert len(listed(staff_client, Procurement, bodies__id__exact=body.pk)) == 2


def test_public_body_partner_now_and_at_end_of_year(staff_client):
    current = PartnershipFactory(started_on=D(2022, 1, 1)).body
    former = PartnershipFactory(started_on=D(2020, 1, 1), ended_on=D(2023, 6, 30)).body
    rows = {row.pk: row.partner_now for row in listed(staff_client, PublicBody)}
    assert rows == {current.pk: True, former.pk: False}
    assert [b.pk for b in listed(staff_client, PublicBody, partner_at_end_of=2022)] == sorted(
        [current.pk, former.pk], key=lambda pk: PublicBody.objects.get(pk=pk).name
    )
    assert [b.pk for b in listed(staff_client, PublicBody, partner_at_end_of=2023)] == [current.pk]


def test_public_body_county_filter_finds_municipalities_and_the_county_authority(staff_client):
    authority = PublicBodyFactory(body_type=BodyType.COUNTY)
    county = CountyFactory(number="18", body=authority)
    municipality = MunicipalityFactory(county=county)
    MunicipalityFactory()  # another county
    found = {body.pk for body in listed(staff_client, PublicBody, county="18")}
    assert found == {authority.pk, municipality.body_id}


def test_public_body_search_takes_an_org_number_with_spaces(staff_client):
    bodo = PublicBodyFactory(org_number="972418013")
    PublicBodyFactory()
    assert [b.pk for b in listed(staff_client, PublicBody, q="972 418 013")] == [bodo.pk]


def test_partnership_filters(staff_client):
    today = timezone.localdate()
    active = PartnershipFactory(started_on=D(2022, 1, 1))
    ended = PartnershipFactory(started_on=D(2021, 1, 1), ended_on=D(2023, 6, 30))
    renewed = PartnershipFactory(body=ended.body, started_on=D(2023, 7, 1), ended_on=today)
    assert {p.pk for p in listed(staff_client, Partnership, active_now="yes")} == {
        active.pk,
        renewed.pk,
    }
    assert {p.pk for p in listed(staff_client, Partnership, active_now="no")} == {ended.pk}
    assert {p.pk for p in listed(staff_client, Partnership, in_force_at_end_of=2023)} == {
        active.pk,
        renewed.pk,
    }
    # Both filters at once: in force at the end of 2022 and still active today.
    assert {
        p.pk for p in listed(staff_client, Partnership, in_force_at_end_of=2022, active_now="yes")
    } == {active.pk}
    # Renewed the day after the old agreement ended: not a new partner in 2023 (rule 8).
    assert listed(staff_client, Partnership, new_in=2023) == []
    assert [p.pk for p in listed(staff_client, Partnership, new_in=2022)] == [active.pk]


def test_code_lists_filter_on_the_map_in_force_at_year_end(staff_client):
    old = CountyFactory(number="30", valid_from=D(2020, 1, 1), valid_to=D(2023, 12, 31))
    new = CountyFactory(number="31", valid_from=D(2024, 1, 1))
    halden = PublicBodyFactory(body_type=BodyType.MUNICIPAL)
    MunicipalityFactory(number="3001", county=old, body=halden, valid_to=D(2023, 12, 31))
    MunicipalityFactory(number="3101", county=new, body=halden, valid_from=D(2024, 1, 1))

    def numbers(model, **params):
        return [row.number for row in listed(staff_client, model, **params)]

    assert numbers(Municipality, valid_at_end_of=2023) == ["3001"]
    assert numbers(Municipality, valid_at_end_of=2024) == ["3101"]
    assert numbers(Municipality, county="31") == ["3101"]
    assert numbers(Municipality, valid_at_end_of=2023, county="30") == ["3001"]
    assert numbers(Municipality, valid_at_end_of=2023, county="31") == []
    assert numbers(County, valid_at_end_of=2023) == ["30"]
    counts = {row.number: row.municipality_count for row in listed(staff_client, County)}
    assert counts == {"30": 1, "31": 1}


def test_outreach_and_publication_year_filters(staff_client):
    OutreachActivityFactory(date=D(2022, 12, 31))
    in_2023 = OutreachActivityFactory(date=D(2023, 1, 1))
    in_2023.procurements.set(ProcurementFactory.create_batch(2))
    PublicationFactory(published_on=D(2024, 1, 1))
    post = PublicationFactory(published_on=D(2023, 12, 31))
    SolutionFactory(published_on=D(2022, 6, 1))
    solution = SolutionFactory(published_on=D(2023, 6, 1))

    activities = listed(staff_client, OutreachActivity, year=2023)
    assert [(a.pk, a.procurement_count) for a in activities] == [(in_2023.pk, 2)]
    assert [p.pk for p in listed(staff_client, Publication, year=2023)] == [post.pk]
    assert [s.pk for s in listed(staff_client, Solution, published_in=2023)] == [solution.pk]
