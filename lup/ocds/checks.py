"""A settings check: the ocid prefix must look like one the Open Contracting Partnership
registers, or every ocid the export writes would be refused by OCDS tools."""

import re
from typing import Any

from django.conf import settings
from django.core.checks import Error, register

OCID_PREFIX = re.compile(r"^ocds-[a-z0-9]{6}$")


@register()
def check_ocid_prefix(app_configs: Any, **kwargs: Any) -> list[Error]:
    prefix = settings.OCDS_OCID_PREFIX
    if OCID_PREFIX.match(prefix):
        return []
    return [
        Error(
            f"OCDS_OCID_PREFIX {prefix!r} is not an ocid prefix: 'ocds-' and 6 lowercase "
            "letters or digits, as registered with the Open Contracting Partnership.",
            hint="Set DJANGO_OCDS_OCID_PREFIX.",
            id="ocds.E001",
        )
    ]
