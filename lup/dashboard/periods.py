"""Which years the dashboard offers, and what a year's page counts: the whole year, or for
the current year the year so far ("hittil i år"), compared with the same days of the year
before. The counting itself is lup.reporting.figures' (annual_figures(year, until=day))."""

import datetime
from dataclasses import dataclass

from django.utils import formats
from django.utils.translation import gettext as _

from lup.core.dates import Period, Span, clamp_year


def offered_years(first: int | None, today: datetime.date) -> range:
    """From the first year with data to the current year (the current year alone when there
    is no data yet). Later years are plans, earlier ones have no records."""
    last = today.year
    first = last if first is None else min(clamp_year(first, today), last)
    return range(first, last + 1)


@dataclass(frozen=True)
class YearPeriod:
    year: int
    until: datetime.date | None  # the last day counted in a year in progress; None: whole year

    @classmethod
    def of(cls, year: int, today: datetime.date) -> "YearPeriod":
        return cls(year, today if year == today.year else None)

    @property
    def partial(self) -> bool:
        return self.until is not None

    @property
    def span(self) -> Span:
        """What the counting rules take: the year, or 1 January to `until`."""
        return Period.to_date(self.year, self.until) if self.until else self.year

    @property
    def until_text(self) -> str:
        return formats.date_format(self.until, "SHORT_DATE_FORMAT") if self.until else ""

    @property
    def previous_until(self) -> datetime.date | None:
        return Period.to_date(self.year - 1, self.until).last if self.until else None

    @property
    def label(self) -> str:
        """The year as a heading: "2026 hittil i år" for the current year."""
        if self.partial:
            return _("%(year)s so far") % {"year": self.year}
        return str(self.year)

    @property
    def choice_label(self) -> str:
        return self.label

    @property
    def count_label(self) -> str:
        """The year in a sentence such as "26 procurements started in …"."""
        return self.label

    @property
    def previous_label(self) -> str:
        """The period compared with: last year, or the same days of it."""
        if self.partial:
            return _("the same period of %(year)s") % {"year": self.year - 1}
        return str(self.year - 1)

    @property
    def since_text(self) -> str:
        """The text beside a change: "from 2022", or "from the same period of 2025"."""
        if self.partial:
            return _("from the same period of %(year)s") % {"year": self.year - 1}
        return _("from %(year)s") % {"year": self.year - 1}

    @property
    def dates_text(self) -> str:
        """The days counted, for the page's introduction."""
        if self.partial:
            short = "SHORT_DATE_FORMAT"
            return _(
                "%(first)s–%(day)s (the year so far), compared with the same period of the year "
                "before (%(previous_first)s–%(previous)s). A figure “at the end of the year” "
                "is the figure on %(day)s."
            ) % {
                "first": formats.date_format(datetime.date(self.year, 1, 1), short),
                "day": self.until_text,
                "previous_first": formats.date_format(datetime.date(self.year - 1, 1, 1), short),
                "previous": formats.date_format(self.previous_until, short),
            }
        return _("1 January – 31 December %(year)s, with the change from %(previous)s.") % {
            "year": self.year,
            "previous": self.year - 1,
        }
