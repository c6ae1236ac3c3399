"""The database itself refuses what validation would refuse, on paths that skip validation
(objects.create, bulk_create, queryset.update)."""

import datetime

import pytest

from partners.models import BodyType, County, Municipality, Partnership, PublicBody
from tests.dbutils import refused, refused_by_column_rule
from tests.partners.factories import (
    CountyFactory,
    MunicipalityFactory,
    PartnershipFactory,
    PublicBodyFactory,
)

pytestmark = pytest.mark.django_db

JAN_1 = datetime.date(2020, 1, 1)


def body(**fields):
    return PublicBody.objects.create(
        **{"name": "Bodø kommune", "body_type": BodyType.MUNICIPAL, **fields}
    )


def test_org_number_is_unique():
    body(org_number="972418013")
    refused_by_column_rule(lambda: body(org_number="972418013"), "unique", "org_number")


def test_many_bodies_may_lack_an_org_number():
    body(org_number=None)
    body(org_number=None)
    assert PublicBody.objects.filter(org_number__isnull=True).count() == 2


@pytest.mark.parametrize("org_number", ["97241801", "9724180a3", " 97241801"])
def test_org_number_has_exactly_nine_digits(org_number):
    refused(lambda: body(org_number=org_number), "publicbody_org_number_9_digits")


def test_org_number_constraint_also_holds_for_bulk_create_and_update():
    refused(
        lambda: PublicBody.objects.bulk_create(
            [PublicBody(name="X", org_number="1234", body_type=BodyType.STATE)]
        ),
        "publicbody_org_number_9_digits",
    )
    created = PublicBodyFactory()
    refused(
        lambda: PublicBody.objects.filter(pk=created.pk).update(org_number="12345"),
        "publicbody_org_number_9_digits",
    )


def test_body_type_is_one_of_the_four():
    refused(lambda: body(org_number=None, body_type="private"), "publicbody_body_type_valid")


def test_partnership_cannot_end_before_it_starts():
    partner = PublicBodyFactory()
    refused(
        lambda: Partnership.objects.create(
            body=partner,
            started_on=datetime.date(2023, 5, 1),
            ended_on=datetime.date(2023, 4, 30),
        ),
        "partnership_ended_after_started",
    )
    same_day = Partnership.objects.create(
        body=partner, started_on=datetime.date(2023, 5, 1), ended_on=datetime.date(2023, 5, 1)
    )
    refused(
        lambda: Partnership.objects.filter(pk=same_day.pk).update(
            ended_on=datetime.date(2022, 12, 31)
        ),
        "partnership_ended_after_started",
    )


def test_open_ended_partnership_is_fine():
    partnership = PartnershipFactory(ended_on=None)
    assert Partnership.objects.get(pk=partnership.pk).ended_on is None


@pytest.mark.parametrize("number", ["180", "18a4", "18 4", ""])
def test_municipality_number_has_exactly_four_digits(number):
    county = CountyFactory()
    refused(
        lambda: Municipality.objects.create(
            number=number, name="Bodø", county=county, valid_from=JAN_1
        ),
        "municipality_number_4_digits",
    )


@pytest.mark.parametrize("number", ["1", "1a", ""])
def test_county_number_has_exactly_two_digits(number):
    refused(
        lambda: County.objects.create(number=number, name="Nordland", valid_from=JAN_1),
        "county_number_2_digits",
    )


def test_county_number_and_valid_from_are_unique_together():
    County.objects.create(number="18", name="Nordland", valid_from=JAN_1)
    refused(
        lambda: County.objects.create(number="18", name="Nordland", valid_from=JAN_1),
        "county_number_valid_from_unique",
    )
    # The same number with a new validity period is how the 2024 map is stored.
    County.objects.create(number="18", name="Nordland", valid_from=datetime.date(2024, 1, 1))


def test_municipality_number_and_valid_from_are_unique_together():
    existing = MunicipalityFactory(number="1804", valid_from=JAN_1)
    refused(
        lambda: Municipality.objects.create(
            number="1804", name="Bodø", county=existing.county, valid_from=JAN_1
        ),
        "municipality_number_valid_from_unique",
    )
    Municipality.objects.create(
        number="1804", name="Bodø", county=existing.county, valid_from=datetime.date(2024, 1, 1)
    )


def test_code_list_rows_cannot_end_before_they_start():
    county = CountyFactory(valid_from=datetime.date(2024, 1, 1))
    refused(
        lambda: County.objects.filter(pk=county.pk).update(valid_to=datetime.date(2023, 12, 31)),
        "county_valid_to_after_valid_from",
    )
    refused(
        lambda: Municipality.objects.create(
            number="3101",
            name="Halden",
            county=county,
            valid_from=datetime.date(2024, 1, 1),
            valid_to=datetime.date(2023, 12, 31),
        ),
        "municipality_valid_to_after_valid_from",
    )
