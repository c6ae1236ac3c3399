"""API of public bodies, code lists and partnerships: CRUD, validation, filters, auth, queries."""

import datetime

import pytest
from django.test import Client

from partners.models import BodyType, County, Partnership, PublicBody
from tests.apiutils import PERMISSION_QUERIES, client_with_perms, field_errors, names, problem
from tests.partners.factories import (
    CountyFactory,
    MunicipalityFactory,
    PartnershipFactory,
    PublicBodyFactory,
)

# LANGUAGE_CODE is nb; the assertions below read the English messages.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("api_client_in_english")]

D = datetime.date


# --- Authentication and permissions ------------------------------------------------------------


def test_public_read_setting_opens_reads_not_writes(api_client, settings):
    settings.API_PUBLIC_READ = True
    PublicBodyFactory(name="Bodø kommune")
    response = api_client.get("/api/v1/bodies/")
    assert response.status_code == 200
    assert names(response) == ["Bodø kommune"]
    response = api_client.post("/api/v1/bodies/", {"name": "X", "body_type": "state"})
    assert problem(response, 401)["detail"] == "Authentication credentials were not provided."
    assert PublicBody.objects.count() == 1


def test_session_authentication(user):
    client = Client()
    client.force_login(user)
    assert client.get("/api/v1/bodies/").status_code == 200


def test_reader_cannot_write(reader_client):
    body = PublicBodyFactory(name="Uendret")
    assert reader_client.get(f"/api/v1/bodies/{body.id}/").status_code == 200
    assert (
        reader_client.post("/api/v1/bodies/", {"name": "X", "body_type": "state"}).status_code
        == 403
    )
    assert reader_client.patch(f"/api/v1/bodies/{body.id}/", {"name": "Y"}).status_code == 403
    assert reader_client.delete(f"/api/v1/bodies/{body.id}/").status_code == 403
    body.refresh_from_db()
    assert body.name == "Uendret"
    assert PublicBody.objects.count() == 1


def test_model_permissions_decide_each_write():
    client = client_with_perms("partners.add_publicbody")
    response = client.post("/api/v1/bodies/", {"name": "Ny etat", "body_type": "state"})
    assert response.status_code == 201
    body_id = response.json()["id"]
    # add is not change, nor delete
    assert client.patch(f"/api/v1/bodies/{body_id}/", {"name": "Z"}).status_code == 403
    assert client.delete(f"/api/v1/bodies/{body_id}/").status_code == 403


# --- Public bodies -----------------------------------------------------------------------------


def test_body_crud(admin_api_client):
    response = admin_api_client.post(
        "/api/v1/bodies/",
        {"name": "Bodø kommune", "org_number": "972 418 013", "body_type": "municipal"},
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["org_number"] == "972418013"
    assert body["municipalities"] == []

    url = f"/api/v1/bodies/{body['id']}/"
    assert admin_api_client.get(url).json()["name"] == "Bodø kommune"

    response = admin_api_client.put(
        url,
        {
            "name": "Bodø kommune",
            "org_number": "972418013",
            "body_type": "municipal",
            "notes": "Leder EPJ-initiativet",
        },
    )
    assert response.status_code == 200, response.json()
    assert response.json()["notes"] == "Leder EPJ-initiativet"

    response = admin_api_client.patch(url, {"name": "Bodø Kommune"})
    assert response.status_code == 200
    assert response.json()["org_number"] == "972418013"

    assert admin_api_client.delete(url).status_code == 204
    assert not PublicBody.objects.exists()


def test_body_shows_its_code_list_rows(admin_api_client):
    municipality = MunicipalityFactory(number="1804", name="Bodø")
    response = admin_api_client.get(f"/api/v1/bodies/{municipality.body_id}/")
    assert [m["number"] for m in response.json()["municipalities"]] == ["1804"]


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("97241801", "An organisation number has 9 digits; 97241801 has 8."),
        ("97241801X", "An organisation number has digits only: 97241801X."),
        ("972418012", "972418012 is not a valid organisation number: the check digit is wrong."),
    ],
)
def test_body_org_number_errors(admin_api_client, given, message):
    response = admin_api_client.post(
        "/api/v1/bodies/", {"name": "X", "org_number": given, "body_type": "state"}
    )
    assert response.status_code == 400
    assert field_errors(response) == {"org_number": [message]}
    assert not PublicBody.objects.exists()


def test_body_org_number_unique_after_normalising(admin_api_client):
    existing = PublicBodyFactory(org_number="972418013")
    response = admin_api_client.post(
        "/api/v1/bodies/", {"name": "X", "org_number": "972 418 013", "body_type": "municipal"}
    )
    assert response.status_code == 400
    assert field_errors(response) == {
        "org_number": ["A public body with this organisation number already exists."]
    }
    # A body keeps its own number on update.
    response = admin_api_client.patch(
        f"/api/v1/bodies/{existing.id}/", {"org_number": " 972418013 "}
    )
    assert response.status_code == 200


def test_body_empty_org_number_is_null(admin_api_client):
    for name in ("Uten nummer 1", "Uten nummer 2"):
        response = admin_api_client.post(
            "/api/v1/bodies/", {"name": name, "org_number": "  ", "body_type": "other"}
        )
        assert response.status_code == 201
        assert response.json()["org_number"] is None
    assert PublicBody.objects.filter(org_number__isnull=True).count() == 2


def test_body_type_must_be_known(admin_api_client):
    response = admin_api_client.post("/api/v1/bodies/", {"name": "X", "body_type": "private"})
    assert response.status_code == 400
    assert list(field_errors(response)) == ["body_type"]


def test_body_in_use_is_not_deleted(admin_api_client):
    partnership = PartnershipFactory()
    response = admin_api_client.delete(f"/api/v1/bodies/{partnership.body_id}/")
    assert response.status_code == 409
    assert "partnerships" in problem(response, 409)["detail"]
    assert PublicBody.objects.filter(id=partnership.body_id).exists()


def test_bodies_by_type_search_and_ordering(reader_client):
    PublicBodyFactory(name="Helse Bergen HF", body_type=BodyType.OTHER)
    PublicBodyFactory(name="Bergen kommune", body_type=BodyType.MUNICIPAL, org_number="964338531")
    PublicBodyFactory(name="Bodø kommune", body_type=BodyType.MUNICIPAL, org_number="972418013")

    assert names(reader_client.get("/api/v1/bodies/?body_type=municipal")) == [
        "Bergen kommune",
        "Bodø kommune",
    ]
    assert names(reader_client.get("/api/v1/bodies/?search=bergen")) == [
        "Bergen kommune",
        "Helse Bergen HF",
    ]
    assert names(reader_client.get("/api/v1/bodies/?search=972418013")) == ["Bodø kommune"]
    assert names(reader_client.get("/api/v1/bodies/?ordering=-name")) == [
        "Helse Bergen HF",
        "Bodø kommune",
        "Bergen kommune",
    ]
    assert reader_client.get("/api/v1/bodies/?body_type=private").status_code == 400


def test_bodies_by_county(reader_client):
    vestland = CountyFactory(number="46", name="Vestland")
    vestland.body = PublicBodyFactory(name="Vestland fylkeskommune", body_type=BodyType.COUNTY)
    vestland.save()
    MunicipalityFactory(number="4601", name="Bergen", county=vestland, body__name="Bergen kommune")
    MunicipalityFactory(number="4602", name="Kinn", county=vestland, body__name="Kinn kommune")
    nordland = CountyFactory(number="18", name="Nordland")
    MunicipalityFactory(number="1804", name="Bodø", county=nordland, body__name="Bodø kommune")

    response = reader_client.get("/api/v1/bodies/?county=46")
    assert names(response) == ["Bergen kommune", "Kinn kommune", "Vestland fylkeskommune"]
    assert names(reader_client.get("/api/v1/bodies/?county=18")) == ["Bodø kommune"]

    response = reader_client.get("/api/v1/bodies/?county=4")
    assert response.status_code == 400
    assert list(field_errors(response)) == ["county"]


def _partnership_portfolio():
    """Partnerships around the end of 2023, each body named after its case."""

    def body(name):
        return PublicBodyFactory(name=name)

    PartnershipFactory(
        body=body("ended mid-2023"), started_on=D(2020, 1, 1), ended_on=D(2023, 6, 30)
    )
    PartnershipFactory(body=body("new 2023"), started_on=D(2023, 3, 1))
    PartnershipFactory(
        body=body("ends 31.12.2023"), started_on=D(2021, 5, 1), ended_on=D(2023, 12, 31)
    )
    renewed = body("renewed without gap")
    PartnershipFactory(body=renewed, started_on=D(2019, 1, 1), ended_on=D(2023, 2, 28))
    PartnershipFactory(body=renewed, started_on=D(2023, 3, 1))
    returned = body("returned after gap")
    PartnershipFactory(body=returned, started_on=D(2019, 1, 1), ended_on=D(2022, 6, 30))
    PartnershipFactory(body=returned, started_on=D(2023, 5, 1))
    PartnershipFactory(body=body("starts 2024"), started_on=D(2024, 1, 1))


def test_bodies_partner_at_end_of(reader_client):
    _partnership_portfolio()
    response = reader_client.get("/api/v1/bodies/?partner_at_end_of=2023")
    assert names(response) == [
        "ends 31.12.2023",
        "new 2023",
        "renewed without gap",
        "returned after gap",
    ]
    assert names(reader_client.get("/api/v1/bodies/?partner_at_end_of=2022")) == [
        "ended mid-2023",
        "ends 31.12.2023",
        "renewed without gap",
    ]


def test_bodies_new_partner_in(reader_client):
    _partnership_portfolio()
    assert names(reader_client.get("/api/v1/bodies/?new_partner_in=2023")) == [
        "new 2023",
        "returned after gap",
    ]


@pytest.mark.parametrize("year", ["1899", "2101", "abc", "2023.5"])
def test_bad_year_is_400(reader_client, year):
    response = reader_client.get(f"/api/v1/bodies/?partner_at_end_of={year}")
    assert response.status_code == 400
    assert field_errors(response) == {
        "partner_at_end_of": ["Give a year between 1900 and 2100, for example 2023."]
    }


@pytest.mark.parametrize("year", ["1900", "2100"])
def test_year_limits_are_accepted(reader_client, year):
    assert reader_client.get(f"/api/v1/bodies/?partner_at_end_of={year}").status_code == 200


# --- Partnerships ------------------------------------------------------------------------------


def test_partnership_crud(admin_api_client):
    body = PublicBodyFactory(name="Agder fylkeskommune", body_type=BodyType.COUNTY)
    response = admin_api_client.post(
        "/api/v1/partnerships/",
        {"body": body.id, "started_on": "2023-09-01", "agreement_reference": "LUP-2023-7"},
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert (data["body_name"], data["body_type"], data["ended_on"]) == (
        "Agder fylkeskommune",
        "county",
        None,
    )
    url = f"/api/v1/partnerships/{data['id']}/"
    response = admin_api_client.patch(url, {"ended_on": "2025-08-31"})
    assert response.status_code == 200
    assert response.json()["ended_on"] == "2025-08-31"
    assert admin_api_client.delete(url).status_code == 204
    assert not Partnership.objects.exists()


def test_partnership_cannot_end_before_it_starts(admin_api_client):
    body = PublicBodyFactory()
    response = admin_api_client.post(
        "/api/v1/partnerships/",
        {"body": body.id, "started_on": "2023-09-01", "ended_on": "2023-08-31"},
    )
    assert response.status_code == 400
    assert field_errors(response) == {"ended_on": ["A partnership cannot end before it starts."]}
    assert not Partnership.objects.exists()
    # The check uses the stored start date on a partial update, too.
    partnership = PartnershipFactory(started_on=D(2023, 9, 1))
    response = admin_api_client.patch(
        f"/api/v1/partnerships/{partnership.id}/", {"ended_on": "2023-01-01"}
    )
    assert response.status_code == 400
    assert list(field_errors(response)) == ["ended_on"]


def test_partnership_filters(reader_client):
    _partnership_portfolio()

    def bodies(query):
        response = reader_client.get(f"/api/v1/partnerships/?{query}&ordering=body__name")
        assert response.status_code == 200, response.json()
        return [row["body_name"] for row in response.json()["results"]]

    assert bodies("active_on=2023-07-01") == [
        "ends 31.12.2023",
        "new 2023",
        "renewed without gap",
        "returned after gap",
    ]
    assert bodies("active_on=2023-06-30") == [
        "ended mid-2023",
        "ends 31.12.2023",
        "new 2023",
        "renewed without gap",
        "returned after gap",
    ]
    assert bodies("active_on=2023-04-30") == [
        "ended mid-2023",
        "ends 31.12.2023",
        "new 2023",
        "renewed without gap",
    ]
    assert bodies("started_in=2023") == ["new 2023", "renewed without gap", "returned after gap"]
    assert bodies("new_in=2023") == ["new 2023", "returned after gap"]
    body = PublicBody.objects.get(name="returned after gap")
    assert len(bodies(f"body={body.id}")) == 2
    assert reader_client.get("/api/v1/partnerships/?active_on=31.12.2023").status_code == 400


# --- Code lists --------------------------------------------------------------------------------


def test_county_and_municipality_crud(admin_api_client):
    response = admin_api_client.post(
        "/api/v1/counties/", {"number": "46", "name": "Vestland", "valid_from": "2020-01-01"}
    )
    assert response.status_code == 201, response.json()
    county_id = response.json()["id"]
    response = admin_api_client.post(
        "/api/v1/municipalities/",
        {
            "number": "4601",
            "name": "Bergen",
            "county": county_id,
            "org_number": "964 338 531",
            "valid_from": "2020-01-01",
        },
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert (data["org_number"], data["county_number"], data["county_name"]) == (
        "964338531",
        "46",
        "Vestland",
    )
    url = f"/api/v1/municipalities/{data['id']}/"
    assert admin_api_client.patch(url, {"valid_to": "2023-12-31"}).status_code == 200
    # The county is used by a municipality.
    assert admin_api_client.delete(f"/api/v1/counties/{county_id}/").status_code == 409
    assert admin_api_client.delete(url).status_code == 204
    assert admin_api_client.delete(f"/api/v1/counties/{county_id}/").status_code == 204


def test_code_list_constraints_give_field_messages(admin_api_client):
    CountyFactory(number="46", valid_from=D(2020, 1, 1))
    response = admin_api_client.post(
        "/api/v1/counties/",
        {"number": "46", "name": "Vestland", "valid_from": "2020-01-01"},
    )
    assert response.status_code == 400
    assert list(field_errors(response)) == ["number"]
    response = admin_api_client.post(
        "/api/v1/counties/",
        {"number": "47", "name": "X", "valid_from": "2020-01-01", "valid_to": "2019-12-31"},
    )
    assert response.status_code == 400
    assert field_errors(response) == {"valid_to": ["'Valid to' cannot be before 'valid from'."]}
    response = admin_api_client.post(
        "/api/v1/counties/", {"number": "4", "name": "X", "valid_from": "2020-01-01"}
    )
    assert response.status_code == 400
    assert list(field_errors(response)) == ["number"]
    assert County.objects.count() == 1


# --- Query counts ------------------------------------------------------------------------------


def _bodies(n):
    """n municipal bodies, each a partner with one municipality and one county row."""
    for i, body in enumerate(PublicBodyFactory.create_batch(n, body_type=BodyType.MUNICIPAL)):
        county = CountyFactory(number="60", valid_from=D(2000, 1, 1) + datetime.timedelta(i))
        MunicipalityFactory(body=body, county=county)
        county.body = body
        county.save()
        PartnershipFactory(body=body)


@pytest.mark.parametrize("rows", [3, 30])
def test_bodies_query_counts(reader_client, django_assert_num_queries, rows):
    _bodies(rows)
    # data version, count (lup.reporting.counts), page of bodies, their municipalities, their
    # counties
    with django_assert_num_queries(PERMISSION_QUERIES + 5):
        response = reader_client.get("/api/v1/bodies/")
    assert response.json()["count"] == rows
    # filters are subqueries inside the same count and page queries
    with django_assert_num_queries(PERMISSION_QUERIES + 5):
        response = reader_client.get(
            "/api/v1/bodies/?partner_at_end_of=2023&county=60&search=Test&ordering=-name"
        )
    assert response.json()["count"] == rows
    body = PublicBody.objects.first()
    # the body, its municipalities, its counties
    with django_assert_num_queries(PERMISSION_QUERIES + 3):
        reader_client.get(f"/api/v1/bodies/{body.id}/")


@pytest.mark.parametrize("rows", [3, 30])
def test_code_list_and_partnership_query_counts(reader_client, django_assert_num_queries, rows):
    for i in range(rows):
        county = CountyFactory(number="60", valid_from=D(2000, 1, 1) + datetime.timedelta(i))
        MunicipalityFactory(county=county)  # and its body
        PartnershipFactory()
    for url in ("/api/v1/counties/", "/api/v1/municipalities/", "/api/v1/partnerships/"):
        # data version, count, page of rows with the related row joined (body, county, body)
        with django_assert_num_queries(PERMISSION_QUERIES + 3):
            response = reader_client.get(url)
        assert response.json()["count"] == rows
        first = response.json()["results"][0]["id"]
        # the row with its related row joined
        with django_assert_num_queries(PERMISSION_QUERIES + 1):
            reader_client.get(f"{url}{first}/")
