import datetime

import factory
from stdnum.no import orgnr

from partners.models import BodyType, County, Municipality, Partnership, PublicBody


def _valid_org_number(n: int) -> str:
    """The n-th valid organisation number starting at 900000000 (mod-11 check digit)."""
    base = 90000000 + n * 10
    while True:
        for digit in "0123456789":
            candidate = f"{base:08d}{digit}"
            if orgnr.is_valid(candidate):
                return candidate
        base += 1  # stems whose check digit would be 10 have no valid number


class PublicBodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PublicBody

    name = factory.Sequence(lambda n: f"Testvirksomhet {n}")
    org_number = factory.Sequence(_valid_org_number)
    body_type = BodyType.STATE


class CountyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = County

    number = factory.Sequence(lambda n: f"{60 + n % 40:02d}")
    name = factory.Sequence(lambda n: f"Testfylke {n}")
    valid_from = datetime.date(2020, 1, 1)
    valid_to = None


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    number = factory.Sequence(lambda n: f"{9000 + n % 1000:04d}")
    name = factory.Sequence(lambda n: f"Testkommune {n}")
    county = factory.SubFactory(CountyFactory)
    valid_from = datetime.date(2020, 1, 1)
    valid_to = None
    body = factory.SubFactory(PublicBodyFactory, body_type=BodyType.MUNICIPAL)
    org_number = factory.SelfAttribute("body.org_number")


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    body = factory.SubFactory(PublicBodyFactory)
    started_on = datetime.date(2022, 1, 1)
    ended_on = None
