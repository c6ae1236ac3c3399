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
