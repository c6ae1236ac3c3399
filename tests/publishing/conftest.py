import datetime

import pytest
from django.contrib.auth import get_user_model

from tests.outreach.factories import OutreachActivityFactory
from tests.procurements.factories import ParticipationFactory, ProcurementFactory


@pytest.fixture
def manager(db):
    from django.contrib.auth.models import Group

    from lup.dashboard.roles import MANAGERS

    user = get_user_model().objects.create_user("kari", password="pw-kari-123")
    user.groups.add(Group.objects.get(name=MANAGERS))
    return user


@pytest.fixture
def adviser(db):
    from django.contrib.auth.models import Group

    from lup.dashboard.roles import ADVISERS

    user = get_user_model().objects.create_user("ola", password="pw-ola-123", is_staff=True)
    user.groups.add(Group.objects.get(name=ADVISERS))
    return user


@pytest.fixture
def small_2023(db):
    """Two procurements started in 2023 (one with two bodies), one in 2022, two activities."""
    first = ProcurementFactory(title="Smarte senger", started_on=datetime.date(2023, 3, 1))
    second = ProcurementFactory(title="Digitale nattevakter", started_on=datetime.date(2023, 9, 1))
    old = ProcurementFactory(title="Gammel anskaffelse", started_on=datetime.date(2022, 5, 1))
    ParticipationFactory(procurement=first, role="lead")
    ParticipationFactory(procurement=first)
    ParticipationFactory(procurement=second, role="lead")
    ParticipationFactory(procurement=old, role="lead")
    talk = OutreachActivityFactory(date=datetime.date(2023, 4, 1), participants=40)
    course = OutreachActivityFactory(date=datetime.date(2023, 5, 1), participants=60)
    return {"first": first, "second": second, "old": old, "talk": talk, "course": course}
