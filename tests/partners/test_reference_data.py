"""The reference code lists loaded by `manage.py load_reference`: both municipality maps and
their public bodies (SPEC section 3; numbers from shared/reference/README)."""

import datetime

import pytest
from django.core.management import call_command
from django.db.models import Q

from partners.models import BodyType, County, Municipality, PublicBody

pytestmark = pytest.mark.django_db

END_2023 = datetime.date(2023, 12, 31)
END_2024 = datetime.date(2024, 12, 31)


@pytest.fixture
def reference():
    call_command("load_reference", verbosity=0)


def test_reference_data(reference):
    # One load for all read-only checks: loading takes most of these tests' time.

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


def test_loading_twice_changes_no_counts(reference):
    before = (PublicBody.objects.count(), County.objects.count(), Municipality.objects.count())
    assert before == (375, 18, 471)
    call_command("load_reference", verbosity=0)
    after = (PublicBody.objects.count(), County.objects.count(), Municipality.objects.count())
    assert after == before
