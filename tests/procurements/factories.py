import datetime

import factory

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
from tests.partners.factories import PublicBodyFactory


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sector
        django_get_or_create = ("code",)

    code = "helse"
    name = factory.LazyAttribute(lambda o: o.code.capitalize())


class ProcedureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Procedure
        django_get_or_create = ("code",)

    code = "innovasjonspartnerskap"
    name = factory.LazyAttribute(lambda o: o.code.capitalize())


class PhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Phase
        django_get_or_create = ("code",)

    code = "behovsavklaring"
    name = factory.LazyAttribute(lambda o: o.code.capitalize())


class ProcurementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Procurement

    title = factory.Sequence(lambda n: f"Innovativ anskaffelse {n}")
    sector = factory.SubFactory(SectorFactory)
    procedure = factory.SubFactory(ProcedureFactory)
    phase = factory.SubFactory(PhaseFactory)
    started_on = datetime.date(2023, 3, 1)
    ended_on = None


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    procurement = factory.SubFactory(ProcurementFactory)
    body = factory.SubFactory(PublicBodyFactory)
    role = Role.PARTICIPANT
    joined_on = None
    left_on = None


class PhaseChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PhaseChange

    procurement = factory.SubFactory(ProcurementFactory)
    phase = factory.SubFactory(PhaseFactory)
    changed_on = datetime.date(2023, 3, 1)


class SolutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Solution

    name = factory.Sequence(lambda n: f"Løsning {n}")
    supplier = "Leverandør AS"
    procurement = factory.SubFactory(ProcurementFactory)
    published_on = datetime.date(2023, 6, 1)
