from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import (
    InvalidChecksum,
    InvalidFormat,
    InvalidLength,
)
from stdnum.exceptions import (
    ValidationError as StdnumError,
)
from stdnum.no import orgnr
from stdnum.util import clean

municipality_number_validator = RegexValidator(
    r"^[0-9]{4}$", _("A municipality number has exactly 4 digits, for example 1804.")
)
county_number_validator = RegexValidator(
    r"^[0-9]{2}$", _("A county number has exactly 2 digits, for example 18.")
)


def normalize_org_number(value: str | None) -> str | None:
    """Strip spaces, dashes and dots ("972 418 013", "972-418-013" -> "972418013").

    Empty becomes None, so bodies without an organisation number do not clash on uniqueness.
    """
    if value is None:
        return None
    compact = clean(value, " -.").strip()
    return compact or None


def validate_org_number(value: str) -> None:
    """Check a Norwegian organisation number: 9 digits with a valid mod-11 check digit."""
    try:
        orgnr.validate(clean(value, " -."))
    except InvalidLength as exc:
        raise ValidationError(
            _("An organisation number has 9 digits; %(value)s has %(length)d."),
            code="invalid_length",
            params={"value": value, "length": len(clean(value, " -."))},
        ) from exc
    except InvalidFormat as exc:
        raise ValidationError(
            _("An organisation number has digits only: %(value)s."),
            code="invalid_format",
            params={"value": value},
        ) from exc
    except InvalidChecksum as exc:
        raise ValidationError(
            _("%(value)s is not a valid organisation number: the check digit is wrong."),
            code="invalid_checksum",
            params={"value": value},
        ) from exc
    except StdnumError as exc:  # any other stdnum complaint
        raise ValidationError(
            _("%(value)s is not a valid organisation number."),
            code="invalid",
            params={"value": value},
        ) from exc
