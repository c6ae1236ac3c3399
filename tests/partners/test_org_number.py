"""Organisation numbers: 9 digits, mod-11 check digit, spaces and separators normalised away,
in the validator, the model and the form."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from partners.forms import PublicBodyForm
from partners.models import BodyType, PublicBody
from partners.validators import normalize_org_number, validate_org_number
from tests.partners.factories import PublicBodyFactory


def message_of(value: str) -> tuple[str, str]:
    with translation.override("en"):
        with pytest.raises(ValidationError) as caught:
            validate_org_number(value)
        return caught.value.code, caught.value.messages[0]


@pytest.mark.parametrize("value", ["972418013", "972 418 013", "972-418-013"])
def test_valid_org_number_passes(value):
    validate_org_number(value)  # Bodø kommune; raises ValidationError if refused


def test_wrong_check_digit_is_refused():
    assert message_of("972418014") == (
        "invalid_checksum",
        "972418014 is not a valid organisation number: the check digit is wrong.",
    )


@pytest.mark.parametrize("value, length", [("97241801", 8), ("9724180130", 10)])
def test_wrong_length_is_refused(value, length):
    assert message_of(value) == (
        "invalid_length",
        f"An organisation number has 9 digits; {value} has {length}.",
    )


def test_letters_are_refused():
    assert message_of("97241801X")[0] == "invalid_format"


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("972 418 013", "972418013"),
        ("972-418-013", "972418013"),
        ("972.418.013", "972418013"),
        (" 972418013 ", "972418013"),
        ("", None),
        ("  ", None),
        (None, None),
    ],
)
def test_normalisation_strips_spaces_and_empties_to_none(typed, stored):
    assert normalize_org_number(typed) == stored


@pytest.mark.django_db
def test_full_clean_normalises_the_org_number_before_checking_it():
    body = PublicBody(name="Bodø kommune", org_number="972 418 013", body_type=BodyType.MUNICIPAL)
    body.full_clean()
    assert body.org_number == "972418013"
    blank = PublicBody(name="Uten nummer", org_number="", body_type=BodyType.OTHER)
    blank.full_clean()
    assert blank.org_number is None


def form(org_number: str) -> PublicBodyForm:
    return PublicBodyForm(
        data={"name": "Bodø kommune", "org_number": org_number, "body_type": BodyType.MUNICIPAL}
    )


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["972 418 013", "972-418-013", " 972418013 "])
def test_form_accepts_separators_and_saves_compact(typed):
    body_form = form(typed)
    assert body_form.is_valid(), body_form.errors
    assert body_form.save().org_number == "972418013"


@pytest.mark.django_db
def test_form_saves_empty_as_null():
    for _ in range(2):
        body_form = form("")
        assert body_form.is_valid(), body_form.errors
        assert body_form.save().org_number is None


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["972418014", "97241801", "972 418 01"])
def test_form_reports_bad_numbers_on_the_field(typed):
    body_form = form(typed)
    assert not body_form.is_valid()
    assert list(body_form.errors) == ["org_number"]
    assert (
        len(body_form.errors["org_number"]) == 1
    )  # the validator's message, not also the constraint's


@pytest.mark.django_db
def test_form_reports_a_number_already_taken_even_when_typed_with_spaces():
    PublicBodyFactory(org_number="972418013")
    body_form = form("972 418 013")
    assert not body_form.is_valid()
    assert list(body_form.errors) == ["org_number"]
