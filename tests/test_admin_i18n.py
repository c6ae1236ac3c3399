"""The admin speaks Norwegian bokmål by default and English when asked.

Needs compiled catalogues: `make test` runs `make messages` first.
"""

from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.apps import apps
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from partners.models import PublicBody
from procurements.models import Procurement, Role
from tests.partners.factories import PublicBodyFactory
from tests.procurements.factories import ProcurementFactory, SectorFactory

APPS = ["partners", "procurements", "outreach"]
# Every catalogue: the apps', the rooms' of lup/, and the project's own (locale/).
CATALOGUES = [
    *APPS,
    "lup/core",
    "lup/reporting",
    "lup/ocds",
    "lup/publishing",
    "lup/transfer",
    "lup/dashboard",
    "lup/demo",
    ".",
]
CHANGELIST = "/admin/procurements/procurement/"


@pytest.fixture
def staff_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.mark.parametrize("app", CATALOGUES)
def test_every_message_is_translated_and_none_is_fuzzy(app):
    path = Path(settings.BASE_DIR) / app / "locale" / "nb" / "LC_MESSAGES" / "django.po"
    with path.open("rb") as handle:
        catalog = read_po(handle)
    missing = [m.id for m in catalog if m.id and (not m.string or m.fuzzy)]
    assert missing == []


@pytest.mark.parametrize("app", APPS)
def test_model_names_are_norwegian(app):
    with translation.override("nb"):
        for model in apps.get_app_config(app).get_models():
            if model.__name__.startswith("Historical"):
                continue
            opts = model._meta
            with translation.override("en"):
                english = (str(opts.verbose_name), str(opts.verbose_name_plural))
            norwegian = (str(opts.verbose_name), str(opts.verbose_name_plural))
            assert norwegian[0] != english[0], f"{model.__name__}: run make messages"
            assert norwegian[1] != english[1], f"{model.__name__}: run make messages"


@pytest.mark.django_db
def test_admin_is_norwegian_by_default(staff_client):
    assert settings.LANGUAGE_CODE == "nb"
    response = staff_client.get(CHANGELIST)
    content = response.content.decode()
    assert response["Content-Language"] == "nb"
    assert "Velg anskaffelse du ønsker å endre" in content
    assert "anskaffelser" in content


@pytest.mark.django_db
def test_admin_is_english_with_the_language_cookie(staff_client):
    staff_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = staff_client.get(CHANGELIST)
    content = response.content.decode()
    assert response["Content-Language"] == "en"
    assert "Select procurement to change" in content
    assert "anskaffelser" not in content


@pytest.mark.django_db
def test_admin_follows_the_browser_language_without_a_cookie(staff_client):
    response = staff_client.get(CHANGELIST, headers={"accept-language": "en"})
    assert "Select procurement to change" in response.content.decode()


@pytest.mark.django_db
def test_lookup_filters_and_columns_are_norwegian(staff_client):
    ProcurementFactory()
    content = staff_client.get(CHANGELIST).content.decode()
    for text in ["startet i året", "aktiv i året", "fagområde", "utfall", "Pågår"]:
        assert text in content, text


@pytest.mark.django_db
def test_validation_messages_are_norwegian(staff_client):
    body = PublicBodyFactory()
    response = staff_client.post(
        reverse("admin:procurements_procurement_add"),
        {
            "title": "Elektronisk pasientjournal",
            "sector": SectorFactory().pk,
            "outcome": "ongoing",
            "started_on": "2023-03-01",
            "doffin_notice_ids": "",
            "participations-TOTAL_FORMS": "1",
            "participations-INITIAL_FORMS": "0",
            "participations-0-body": body.pk,
            "participations-0-role": Role.PARTICIPANT,
            "phase_changes-TOTAL_FORMS": "0",
            "phase_changes-INITIAL_FORMS": "0",
        },
    )
    assert "En anskaffelse med deltakere må ha nøyaktig én ansvarlig." in response.content.decode()
    assert not Procurement.objects.exists()

    response = staff_client.post(
        reverse("admin:partners_publicbody_add"),
        {
            "name": "Bodø kommune",
            "org_number": "972418014",
            "body_type": "municipal",
            "partnerships-TOTAL_FORMS": "0",
            "partnerships-INITIAL_FORMS": "0",
        },
    )
    assert (
        "972418014 er ikke et gyldig organisasjonsnummer: kontrollsifferet er feil."
        in response.content.decode()
    )
    assert PublicBody.objects.count() == 1
