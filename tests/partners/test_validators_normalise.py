import pytest

from partners.validators import normalize_org_number


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("972 418 013", "972418013"),
        ("972-418-013", "972418013"),
        ("972.418.013", "972418013"),
        ("  ", None),
        ("", None),
        (None, None),
    ],
)
def test_normalize_org_number(raw, expected):
    assert normalize_org_number(raw) == expected


def test_typed_separators_pass_validation():
    from partners.validators import validate_org_number

    validate_org_number("972-418-013")
    validate_org_number("972 418 013")


@pytest.mark.django_db
def test_full_clean_normalises_the_org_number_before_checking_it():
    from partners.models import BodyType, PublicBody

    body = PublicBody(name="Bodø kommune", org_number="972 418 013", body_type=BodyType.MUNICIPAL)
    body.full_clean()
    assert body.org_number == "972418013"
    blank = PublicBody(name="Uten nummer", org_number="", body_type=BodyType.OTHER)
    blank.full_clean()
    assert blank.org_number is None
