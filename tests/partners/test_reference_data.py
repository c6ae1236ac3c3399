"""The reference code lists loaded by `manage.py load_reference`: both municipality maps and
their public bodies (SPEC section 3; numbers from shared/reference/README), in the database
and through the API."""

import datetime

import pytest
from django.core.management import call_command
from django.db.models import Q

from partners.models import BodyType, County, Municipality, PublicBody

# The maps are loaded once for the module (tests/conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_maps")]

END_2023 = datetime.date(2023, 12, 31)
END_2024 = datetime.date(2024, 12, 31)


def test_reference_data():
    # Both maps: 356 municipalities and 11 counties in 2023, 357 and 15 from 2024.
    assert Municipality.objects.valid_on(END_2023).count() == 356
    assert Municipality.objects.valid_on(END_2024).count() == 357
    assert County.objects.valid_on(END_2023).count() == 11
    assert County.objects.valid_on(END_2024).count() == 15

    # Bodø kommune is linked to its code 1804.
    bodo = PublicBody.objects.get(org_number="972418013")
    assert (bodo.name, bodo.body_type) == ("Bodø kommune", BodyType.MUNICIPAL)
    assert list(bodo.municipalities.values_list("number", flat=True)) == ["1804"]

    # Halden, renumbered in 2024, is one body with two codes.
    codes = Municipality.objects.filter(name="Halden").order_by("valid_from")
    assert [(m.number, m.valid_from, m.valid_to) for m in codes] == [
        ("3001", datetime.date(2020, 1, 1), END_2023),
        ("3101", datetime.date(2024, 1, 1), None),
    ]
    assert {m.body.name for m in codes} == {"Halden kommune"}
    assert len({m.body_id for m in codes}) == 1

    # Every municipality valid at some time in 2024 has a municipal body.
    valid_in_2024 = Municipality.objects.filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=datetime.date(2024, 1, 1)),
        valid_from__lte=END_2024,
    )
    assert valid_in_2024.count() == 357
    assert not valid_in_2024.filter(body__isnull=True).exists()
    assert not valid_in_2024.exclude(body__body_type=BodyType.MUNICIPAL).exists()


def test_loading_twice_changes_no_counts():
    before = (PublicBody.objects.count(), County.objects.count(), Municipality.objects.count())
    assert before == (375, 18, 471)
    call_command("load_reference", verbosity=0)
    after = (PublicBody.objects.count(), County.objects.count(), Municipality.objects.count())
    assert after == before


# --- Read through the API ---------------------------------------------------------------------


def test_bodies_by_county_on_reference_data(reader_client):
    # Vestland: its 43 municipalities and the county authority.
    assert reader_client.get("/api/v1/bodies/?county=46").json()["count"] == 44


def test_code_list_filters(reader_client):
    def count(url):
        response = reader_client.get(url)
        assert response.status_code == 200, response.json()
        return response.json()["count"]

    assert count("/api/v1/municipalities/?valid_on=2023-12-31") == 356
    assert count("/api/v1/municipalities/?valid_on=2024-12-31") == 357
    assert count("/api/v1/counties/?valid_on=2023-12-31") == 11
    assert count("/api/v1/counties/?valid_on=2024-12-31") == 15
    assert count("/api/v1/municipalities/?valid_on=2023-12-31&county=46") == 43
    assert count("/api/v1/counties/?county=30") == 1
    response = reader_client.get("/api/v1/municipalities/?search=Bodø")
    assert [row["number"] for row in response.json()["results"]] == ["1804"]
