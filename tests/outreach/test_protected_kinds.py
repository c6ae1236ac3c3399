"""The webinar kind's code, which counting rule 6 counts by, cannot be changed."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from outreach.models import WEBINAR, ActivityKind

pytestmark = pytest.mark.django_db


def test_the_database_refuses_to_change_the_webinar_code():
    kind = ActivityKind.objects.get(code=WEBINAR)  # seeded by migration 0002
    with pytest.raises(IntegrityError), transaction.atomic():
        ActivityKind.objects.filter(pk=kind.pk).update(code="nettseminar")
    kind.refresh_from_db()
    assert kind.code == WEBINAR


def test_its_name_and_other_kinds_codes_may_change():
    ActivityKind.objects.filter(code=WEBINAR).update(name="Nettseminar")
    ActivityKind.objects.filter(code="kurs").update(code="opplaering")
    assert ActivityKind.objects.filter(code="opplaering").exists()
    assert ActivityKind.objects.get(code=WEBINAR).name == "Nettseminar"


def test_admin_shows_the_webinar_code_read_only_and_offers_no_delete(client, superuser):
    client.force_login(superuser)
    kind = ActivityKind.objects.get(code=WEBINAR)
    url = reverse("admin:outreach_activitykind_change", args=[kind.pk])
    html = client.get(url).content.decode()
    assert 'name="code"' not in html
    assert "/delete/" not in html
    response = client.post(url, {"name": "Webinar", "name_en": "", "position": 3, "code": "x"})
    assert response.status_code == 302
    kind.refresh_from_db()
    assert kind.code == WEBINAR
    other = ActivityKind.objects.get(code="kurs")
    html = client.get(reverse("admin:outreach_activitykind_change", args=[other.pk])).content
    assert b'name="code"' in html
