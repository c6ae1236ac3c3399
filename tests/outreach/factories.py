import datetime

import factory

from outreach.models import ActivityKind, OutreachActivity, Publication


class ActivityKindFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActivityKind
        django_get_or_create = ("code",)

    code = "foredrag"
    name = factory.LazyAttribute(lambda o: o.code.capitalize())


class OutreachActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutreachActivity

    date = datetime.date(2023, 5, 10)
    title = factory.Sequence(lambda n: f"Foredrag {n}")
    kind = factory.SubFactory(ActivityKindFactory)
    participants = 10
    registrants = 0


class PublicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Publication

    title = factory.Sequence(lambda n: f"Innlegg {n}")
    url = factory.Sequence(lambda n: f"https://example.org/innlegg-{n}")
    published_on = datetime.date(2023, 4, 1)
