"""Names in Norwegian alphabetical order on both databases (lup.core.collation)."""

import pytest

from lup.core.collation import norwegian_key
from partners.models import PublicBody
from tests.partners.factories import PublicBodyFactory


def test_the_python_key_puts_ae_oe_aa_after_z_and_ignores_case_first():
    names = ["Ålesund", "Øvre Eiker", "Agder", "Ærø", "Zeta", "Åsnes", "Bodø", "Évje", "bergen"]
    assert sorted(names, key=norwegian_key) == [
        "Agder",
        "bergen",
        "Bodø",
        "Évje",
        "Zeta",
        "Ærø",
        "Øvre Eiker",
        "Ålesund",
        "Åsnes",
    ]


@pytest.mark.django_db
def test_the_database_sorts_names_in_norwegian_order():
    for name in ["Ålesund kommune", "Øvre Eiker kommune", "Agder fylkeskommune", "Ærø", "Zeta"]:
        PublicBodyFactory(name=name)
    names = list(PublicBody.objects.order_by("name").values_list("name", flat=True))
    # By code point, Å (U+00C5) came before Æ (U+00C6) and Ø (U+00D8).
    assert names == ["Agder fylkeskommune", "Zeta", "Ærø", "Øvre Eiker kommune", "Ålesund kommune"]


@pytest.mark.django_db
def test_the_default_ordering_of_bodies_is_norwegian_too():
    for name in ["Ås kommune", "Aurskog-Høland kommune", "Øygarden kommune"]:
        PublicBodyFactory(name=name)
    assert [b.name for b in PublicBody.objects.all()] == [
        "Aurskog-Høland kommune",
        "Øygarden kommune",
        "Ås kommune",
    ]
