"""Admin forms report broken rules as messages on the page and save nothing.

The client asks for English so the assertions read the msgids; tests/test_admin_i18n.py
checks the Norwegian versions.
"""

import datetime

import pytest
from django.urls import reverse

from outreach.models import OutreachActivity
from partners.models import County, Municipality, Partnership, PublicBody
from procurements.models import Participation, Phase, Procurement, Role
from tests.outreach.factories import ActivityKindFactory
from tests.partners.factories import CountyFactory, PublicBodyFactory
from tests.procurements.factories import ParticipationFactory, ProcurementFactory, SectorFactory

NO_LEAD = "A procurement with participants needs exactly one lead."


@pytest.fixture
def staff_client(client, superuser):
    client.force_login(superuser)
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def nb_client(client, superuser):
    """Staff in bokmål: dates typed as dd.mm.yyyy."""
    client.force_login(superuser)
    client.cookies["django_language"] = "nb"
    return client


def formset(prefix, rows, initial=0):
    """POST data for an inline formset: the management form and one block per row."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{key}": value for key, value in row.items()})
    return data


def procurement_data(participations=(), initial=0, **fields):
    data = {
        "title": "Elektronisk pasientjournal",
        "description": "",
        "sector": SectorFactory().pk,
        "procedure": "",
        "phase": "",
        "outcome": "ongoing",
        "started_on": "2023-03-01",
        "ended_on": "",
        "adviser": "",
        "doffin_procedure_id": "",
        "doffin_notice_ids": "",
        "estimated_value_nok": "",
        "notes": "",
    }
    data.update(fields)
    data.update(formset("participations", list(participations), initial))
    data.update(formset("phase_changes", []))
    return data


def row(body, role, **fields):
    return {"body": body.pk, "role": role, "joined_on": "", "left_on": "", **fields}


def add_procurement(client, **kwargs):
    return client.post(reverse("admin:procurements_procurement_add"), procurement_data(**kwargs))


def errors_on(response) -> str:
    assert response.status_code == 200, "the form was expected to be shown again with errors"
    return response.content.decode()


# Procurements and the one-lead rule


@pytest.mark.django_db
def test_participants_without_a_lead_are_refused(staff_client):
    bodies = PublicBodyFactory.create_batch(2)
    response = add_procurement(
        staff_client, participations=[row(b, Role.PARTICIPANT) for b in bodies]
    )
    assert NO_LEAD in errors_on(response)
    assert not Procurement.objects.exists()
    assert not Participation.objects.exists()


@pytest.mark.django_db
def test_two_leads_are_refused_with_a_message_not_a_server_error(staff_client):
    bodies = PublicBodyFactory.create_batch(2)
    response = add_procurement(staff_client, participations=[row(b, Role.LEAD) for b in bodies])
    assert "A procurement has exactly one lead, but 2 bodies are marked as lead." in errors_on(
        response
    )
    assert not Procurement.objects.exists()


@pytest.mark.django_db
def test_procurement_with_one_lead_is_saved_with_its_history(staff_client, superuser):
    lead, other = PublicBodyFactory.create_batch(2)
    response = add_procurement(
        staff_client,
        participations=[row(lead, Role.LEAD), row(other, Role.PARTICIPANT)],
        doffin_notice_ids="",
    )
    assert response.status_code == 302
    procurement = Procurement.objects.get()
    assert procurement.doffin_notice_ids == []
    assert dict(procurement.participations.values_list("body", "role")) == {
        lead.pk: Role.LEAD,
        other.pk: Role.PARTICIPANT,
    }
    assert procurement.history.get().history_user == superuser


@pytest.mark.django_db
def test_procurement_without_bodies_is_fine(staff_client):
    assert add_procurement(staff_client, started_on="").status_code == 302
    assert Procurement.objects.get().started_on is None


def existing_rows(procurement, roles, delete=()):
    """Rows for the procurement's participations in the order given by `roles` (body -> role)."""
    rows = []
    for body, role in roles.items():
        participation = procurement.participations.get(body=body)
        rows.append(
            row(
                body,
                role,
                id=participation.pk,
                procurement=procurement.pk,
                **({"DELETE": "on"} if body in delete else {}),
            )
        )
    return rows


def change_procurement(client, procurement, rows):
    data = procurement_data(rows, initial=len(rows), title=procurement.title)
    data["sector"] = procurement.sector_id
    return client.post(
        reverse("admin:procurements_procurement_change", args=[procurement.pk]), data
    )


@pytest.mark.django_db
def test_lead_can_move_to_another_body_in_one_save(staff_client):
    old = ParticipationFactory(role=Role.LEAD)
    new = ParticipationFactory(procurement=old.procurement)
    # The new lead's row comes first, so a row-by-row save would hit the one-lead index
    # unless the old lead is demoted first.
    rows = existing_rows(old.procurement, {new.body: Role.LEAD, old.body: Role.PARTICIPANT})
    response = change_procurement(staff_client, old.procurement, rows)
    assert response.status_code == 302
    old.refresh_from_db()
    new.refresh_from_db()
    assert (old.role, new.role) == (Role.PARTICIPANT, Role.LEAD)


@pytest.mark.django_db
def test_lead_can_be_removed_when_another_body_takes_over(staff_client):
    old = ParticipationFactory(role=Role.LEAD)
    new = ParticipationFactory(procurement=old.procurement)
    rows = existing_rows(
        old.procurement, {new.body: Role.LEAD, old.body: Role.LEAD}, delete={old.body}
    )
    assert change_procurement(staff_client, old.procurement, rows).status_code == 302
    assert list(old.procurement.participations.values_list("body", "role")) == [
        (new.body.pk, Role.LEAD)
    ]


@pytest.mark.django_db
def test_demoting_the_only_lead_is_refused(staff_client):
    lead = ParticipationFactory(role=Role.LEAD)
    other = ParticipationFactory(procurement=lead.procurement)
    rows = existing_rows(
        lead.procurement, {lead.body: Role.PARTICIPANT, other.body: Role.PARTICIPANT}
    )
    response = change_procurement(staff_client, lead.procurement, rows)
    assert NO_LEAD in errors_on(response)
    lead.refresh_from_db()
    assert lead.role == Role.LEAD


@pytest.mark.django_db
def test_same_body_twice_is_refused(staff_client):
    body = PublicBodyFactory()
    response = add_procurement(
        staff_client, participations=[row(body, Role.LEAD), row(body, Role.PARTICIPANT)]
    )
    assert "Please correct the duplicate data for body." in errors_on(response)
    assert not Procurement.objects.exists()


@pytest.mark.django_db
def test_body_leaving_before_joining_is_refused(staff_client):
    body = PublicBodyFactory()
    response = add_procurement(
        staff_client,
        participations=[row(body, Role.LEAD, joined_on="2023-05-01", left_on="2023-04-30")],
    )
    assert "A body cannot leave before it joins." in errors_on(response)
    assert not Procurement.objects.exists()


@pytest.mark.parametrize(
    "started_on, ended_on, message",
    [
        ("2023-03-01", "2023-02-28", "A procurement cannot end before it starts."),
        ("", "2023-02-28", "A procurement cannot end without a start date."),
    ],
    ids=["ended-before-started", "ended-without-start"],
)
@pytest.mark.django_db
def test_procurement_ending_before_it_starts_is_refused(
    staff_client, started_on, ended_on, message
):
    response = add_procurement(staff_client, started_on=started_on, ended_on=ended_on)
    assert message in errors_on(response)
    assert not Procurement.objects.exists()


@pytest.mark.django_db
def test_notice_ids_are_checked_one_by_one_in_doffins_format(nb_client):
    response = add_procurement(nb_client, doffin_notice_ids="2023-123456\n23-12")
    assert "23-12 er ikke en Doffin-kunngjørings-id" in errors_on(response)
    assert "2023-123456 er ikke" not in response.content.decode()
    assert not Procurement.objects.exists()


@pytest.mark.django_db
def test_notice_ids_are_typed_one_per_line_and_kept_as_a_list(nb_client):
    response = add_procurement(nb_client, doffin_notice_ids="2023-123456\r\n 2024-654321 \n")
    assert response.status_code == 302
    procurement = Procurement.objects.get()
    assert procurement.doffin_notice_ids == ["2023-123456", "2024-654321"]
    page = nb_client.get(reverse("admin:procurements_procurement_change", args=[procurement.pk]))
    html = page.content.decode()
    assert "2023-123456\n2024-654321</textarea>" in html
    assert "[&quot;" not in html  # no JSON in the box


@pytest.mark.django_db
def test_dates_are_shown_and_typed_as_dd_mm_yyyy(nb_client):
    response = add_procurement(nb_client, started_on="15.10.2023")
    assert response.status_code == 302
    procurement = Procurement.objects.get()
    assert procurement.started_on == datetime.date(2023, 10, 15)
    page = nb_client.get(reverse("admin:procurements_procurement_change", args=[procurement.pk]))
    assert 'value="15.10.2023"' in page.content.decode()
    listing = nb_client.get(reverse("admin:procurements_procurement_changelist"))
    assert "15.10.2023" in listing.content.decode()


@pytest.mark.django_db
def test_a_backdated_procurements_phase_is_dated_its_start_by_default(nb_client):
    phase = Phase.objects.get(code="behovsavklaring")
    response = add_procurement(nb_client, started_on="01.03.2021", phase=phase.pk)
    assert response.status_code == 302
    change = Procurement.objects.get().phase_changes.get()
    assert change.phase == phase and change.changed_on == datetime.date(2021, 3, 1)


@pytest.mark.django_db
def test_the_adviser_sets_the_date_of_a_phase_change(nb_client):
    phase = Phase.objects.get(code="behovsavklaring")
    response = add_procurement(
        nb_client, started_on="01.03.2021", phase=phase.pk, phase_changed_on="20.04.2021"
    )
    assert response.status_code == 302
    change = Procurement.objects.get().phase_changes.get()
    assert change.changed_on == datetime.date(2021, 4, 20)


@pytest.mark.django_db
def test_a_phase_change_cannot_be_dated_in_the_future(nb_client):
    phase = Phase.objects.get(code="behovsavklaring")
    later = datetime.date.today() + datetime.timedelta(days=30)
    response = add_procurement(
        nb_client, phase=phase.pk, phase_changed_on=later.strftime("%d.%m.%Y")
    )
    assert "En faseendring kan ikke dateres fram i tid." in errors_on(response)


# Participations edited one at a time


def add_participation(client, procurement, body, role):
    return client.post(
        reverse("admin:procurements_participation_add"),
        {"procurement": procurement.pk, "body": body.pk, "role": role},
    )


@pytest.mark.django_db
def test_second_lead_on_the_participation_page_shows_the_constraint_message(staff_client):
    lead = ParticipationFactory(role=Role.LEAD)
    response = add_participation(staff_client, lead.procurement, PublicBodyFactory(), Role.LEAD)
    assert "A procurement has exactly one lead." in errors_on(response)
    assert lead.procurement.participations.count() == 1


@pytest.mark.django_db
def test_participant_in_a_procurement_without_lead_is_refused(staff_client):
    response = add_participation(
        staff_client, ProcurementFactory(), PublicBodyFactory(), Role.PARTICIPANT
    )
    assert NO_LEAD in errors_on(response)
    assert not Participation.objects.exists()


@pytest.mark.django_db
def test_participant_next_to_a_lead_is_saved(staff_client):
    lead = ParticipationFactory(role=Role.LEAD)
    response = add_participation(
        staff_client, lead.procurement, PublicBodyFactory(), Role.PARTICIPANT
    )
    assert response.status_code == 302
    assert lead.procurement.participations.count() == 2


@pytest.mark.django_db
def test_lead_with_other_bodies_cannot_be_deleted_on_its_own(staff_client):
    lead = ParticipationFactory(role=Role.LEAD)
    ParticipationFactory(procurement=lead.procurement)
    url = reverse("admin:procurements_participation_delete", args=[lead.pk])
    assert staff_client.post(url, {"post": "yes"}).status_code == 403
    assert Participation.objects.count() == 2


# Public bodies and organisation numbers


def add_body(client, org_number, name="Bodø kommune"):
    return client.post(
        reverse("admin:partners_publicbody_add"),
        {
            "name": name,
            "org_number": org_number,
            "body_type": "municipal",
            "notes": "",
            **formset("partnerships", []),
        },
    )


@pytest.mark.django_db
def test_org_number_typed_with_spaces_is_stored_compact(staff_client):
    assert add_body(staff_client, "972 418 013").status_code == 302
    assert PublicBody.objects.get().org_number == "972418013"


@pytest.mark.django_db
def test_empty_org_numbers_are_stored_as_null_so_several_bodies_can_lack_one(staff_client):
    assert add_body(staff_client, "", name="Interkommunalt selskap A").status_code == 302
    assert add_body(staff_client, "  ", name="Interkommunalt selskap B").status_code == 302
    assert list(PublicBody.objects.values_list("org_number", flat=True)) == [None, None]


@pytest.mark.parametrize(
    "org_number, message",
    [
        ("972418014", "972418014 is not a valid organisation number: the check digit is wrong."),
        ("97241801", "An organisation number has 9 digits; 97241801 has 8."),
        ("972 418 01", "An organisation number has 9 digits; 97241801 has 8."),
        ("97241801X", "An organisation number has digits only: 97241801X."),
    ],
)
@pytest.mark.django_db
def test_bad_org_number_is_refused_with_the_validator_message(staff_client, org_number, message):
    assert message in errors_on(add_body(staff_client, org_number))
    assert not PublicBody.objects.exists()


@pytest.mark.django_db
def test_duplicate_org_number_is_refused(staff_client):
    PublicBodyFactory(org_number="972418013")
    response = add_body(staff_client, "972 418 013")
    assert "Public body with this Organisation number already exists." in errors_on(response)
    assert PublicBody.objects.count() == 1


# Partnerships and code lists


@pytest.mark.django_db
def test_partnership_ending_before_it_starts_is_refused(staff_client):
    response = staff_client.post(
        reverse("admin:partners_partnership_add"),
        {
            "body": PublicBodyFactory().pk,
            "started_on": "2023-05-01",
            "ended_on": "2023-04-30",
            "agreement_reference": "",
            "notes": "",
        },
    )
    assert "A partnership cannot end before it starts." in errors_on(response)
    assert not Partnership.objects.exists()


@pytest.mark.django_db
def test_partnership_inline_on_the_body_page_checks_the_dates_too(staff_client):
    body = PublicBodyFactory()
    response = staff_client.post(
        reverse("admin:partners_publicbody_change", args=[body.pk]),
        {
            "name": body.name,
            "org_number": body.org_number,
            "body_type": body.body_type,
            "notes": "",
            **formset(
                "partnerships",
                [{"started_on": "2023-05-01", "ended_on": "2023-04-30", "agreement_reference": ""}],
            ),
            **formset("municipalities", []),
            **formset("counties", []),
        },
    )
    assert "A partnership cannot end before it starts." in errors_on(response)
    assert not Partnership.objects.exists()


@pytest.mark.django_db
def test_municipality_number_with_three_digits_is_refused(staff_client):
    response = staff_client.post(
        reverse("admin:partners_municipality_add"),
        {
            "number": "180",
            "name": "Bodø",
            "county": CountyFactory().pk,
            "org_number": "972 418 013",
            "valid_from": "2020-01-01",
            "valid_to": "",
            "body": "",
        },
    )
    assert "A municipality number has exactly 4 digits, for example 1804." in errors_on(response)
    assert not Municipality.objects.exists()


@pytest.mark.django_db
def test_county_valid_to_before_valid_from_is_refused(staff_client):
    response = staff_client.post(
        reverse("admin:partners_county_add"),
        {"number": "18", "name": "Nordland", "valid_from": "2024-01-01", "valid_to": "2023-12-31"},
    )
    assert "&#x27;Valid to&#x27; cannot be before &#x27;valid from&#x27;." in errors_on(response)
    assert not County.objects.exists()


# Outreach


@pytest.mark.django_db
def test_negative_participants_are_refused(staff_client):
    response = staff_client.post(
        reverse("admin:outreach_outreachactivity_add"),
        {
            "date": "2023-05-10",
            "title": "Webinar om markedsdialog",
            "kind": ActivityKindFactory(code="webinar").pk,
            "participants": "-3",
            "registrants": "0",
            "location": "",
            "notes": "",
        },
    )
    assert "Ensure this value is greater than or equal to 0." in errors_on(response)
    assert not OutreachActivity.objects.exists()


@pytest.mark.django_db
def test_admin_edit_is_kept_in_the_audit_history(staff_client, superuser):
    procurement = ProcurementFactory(started_on=datetime.date(2023, 3, 1))
    response = change_procurement(staff_client, procurement, [])
    assert response.status_code == 302
    latest = procurement.history.latest()
    assert latest.history_type == "~"
    assert latest.history_user == superuser
