"""A small portfolio for the dashboard tests, with figures that can be counted by hand.

`build_portfolio(scale)` repeats every record `scale` times inside the same years, so query
counts can be compared between small and larger data. For scale=1, in 2023:

  procurements started 2 (helse, forsvar), active 3 (the 2022 one still runs), 2022: started 2
  bodies in started: 2 (1 state, 1 municipal); in active: 3 (+1 county authority)
  municipal coverage: 1 of the 4 municipalities of Testfylke ("1 in 4")
  outreach: 3 activities, 11 540 participants; 1 webinar with 120 registrants
  posts 1, solutions 1, partners at end 2, new partners 1
"""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from lup.dashboard.roles import ADVISERS, MANAGERS
from outreach.models import WEBINAR
from partners.models import BodyType
from procurements.models import Role
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
    ProcurementFactory,
    SectorFactory,
    SolutionFactory,
)

d = datetime.date
PASSWORD = "pw-dashboard-123"


def make_user(username: str, group: str | None = None, **extra):
    user = get_user_model().objects.create_user(username, password=PASSWORD, **extra)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def manager(username: str = "leder"):
    """A manager who is not staff: the dashboard's own login and permission suffice."""
    return make_user(username, MANAGERS)


def adviser(username: str = "radgiver"):
    return make_user(username, ADVISERS, is_staff=True)


def build_portfolio(scale: int = 1) -> None:
    county = CountyFactory(number="99", name="Testfylke", valid_from=d(2020, 1, 1))
    municipalities = [
        MunicipalityFactory(county=county, name=f"Testkommune {i}", number=f"99{i:02d}")
        for i in range(4 * scale)
    ]
    helse = SectorFactory(code="helse", name="Helse")
    forsvar = SectorFactory(code="forsvar", name="Forsvar")
    webinar = ActivityKindFactory(code=WEBINAR, name="Webinar")
    talk = ActivityKindFactory(code="foredrag", name="Foredrag")

    for n in range(scale):
        state = PublicBodyFactory(body_type=BodyType.STATE, name=f"Direktoratet {n}")
        county_body = PublicBodyFactory(body_type=BodyType.COUNTY, name=f"Fylkeskommunen {n}")
        municipal = municipalities[4 * n].body

        started_health = ProcurementFactory(started_on=d(2023, 3, 1), sector=helse)
        started_defence = ProcurementFactory(started_on=d(2023, 9, 15), sector=forsvar)
        running = ProcurementFactory(started_on=d(2022, 6, 1), sector=helse)
        ProcurementFactory(started_on=d(2022, 2, 1), ended_on=d(2022, 12, 31), sector=forsvar)
        ParticipationFactory(procurement=started_health, body=municipal, role=Role.LEAD)
        ParticipationFactory(procurement=started_defence, body=state, role=Role.LEAD)
        ParticipationFactory(procurement=running, body=county_body, role=Role.LEAD)
        ParticipationFactory(procurement=running, body=state)

        OutreachActivityFactory(date=d(2023, 2, 7), participants=6000, kind=talk)
        OutreachActivityFactory(date=d(2023, 6, 1), participants=5500, kind=talk)
        OutreachActivityFactory(date=d(2023, 6, 20), participants=40, registrants=120, kind=webinar)
        OutreachActivityFactory(date=d(2022, 11, 3), participants=25, kind=talk)
        PublicationFactory(published_on=d(2023, 4, 1))
        SolutionFactory(published_on=d(2023, 10, 1), procurement=running)

        PartnershipFactory(body=state, started_on=d(2020, 1, 1))
        PartnershipFactory(body=county_body, started_on=d(2023, 5, 1))
