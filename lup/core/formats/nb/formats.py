"""Norwegian bokmål: dates shown and typed as dd.mm.yyyy in admin and on the dashboard.

Django's nb formats put ISO first among the input formats, so a date typed as 15.10.2023 came
back in the form as 2023-10-15 (a form shows a date in the first input format) and lists
showed "15. oktober 2023". ISO is still accepted as input; the API keeps ISO dates (DRF's own
formats).
"""

from django.conf.locale.nb.formats import *  # type: ignore[import-untyped]  # noqa: F403

DATE_FORMAT = "d.m.Y"
DATETIME_FORMAT = "d.m.Y H:i"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
DATE_INPUT_FORMATS = [
    "%d.%m.%Y",  # '25.10.2006', first: the format a form shows a date in
    "%d.%m.%y",  # '25.10.06'
    "%Y-%m-%d",  # '2006-10-25'
]
DATETIME_INPUT_FORMATS = [
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M:%S.%f",
    "%d.%m.%Y %H:%M",
    "%d.%m.%y %H:%M:%S",
    "%d.%m.%y %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%d %H:%M",
]
