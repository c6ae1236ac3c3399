"""The admin carries LUP's name and lets staff switch between Norwegian and English."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_admin_is_norwegian_by_default_with_a_switch_to_english(client, superuser):
    client.force_login(superuser)
    page = client.get(reverse("admin:index")).content.decode()
    assert "LUP-portefølje" in page
    assert "Registre" in page
    assert 'name="language" value="en"' in page

    response = client.post(
        reverse("set_language"), {"language": "en", "next": reverse("admin:index")}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")
    page = client.get(reverse("admin:index")).content.decode()
    assert "LUP portfolio" in page
    assert "Registers" in page


def test_view_site_leads_to_the_dashboard(client, superuser):
    client.force_login(superuser)
    page = client.get(reverse("admin:index")).content.decode()
    assert 'href="/dashboard/"' in page
