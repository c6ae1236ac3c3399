"""The drill-down record lists behind the cards.

Each list is the queryset a registry figure counts (so its length is the figure), optionally
narrowed by one of the card's or chart's dimensions (body type, sector, county, month), and
names the figure's /api/v1/ drill-down filter for analysts.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import QuerySet, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy, pgettext_lazy

from lup.core.dates import Period, Span, span_bounds, year_bounds
from lup.reporting.registry import BODY_TYPE_LABELS, Figure, figure
from partners.models import County
from partners.selectors import bodies_of_county
from procurements.models import Sector

from .cards import format_number


@dataclass(frozen=True)
class Column:
    label: str
    attr: str  # dotted attribute path on the record
    kind: str = "text"  # text | date | number | link-title


@dataclass(frozen=True)
class Narrowing:
    """An optional GET parameter that narrows the list (and the API query) by one dimension."""

    param: str
    label: str
    apply: Callable[[QuerySet, int, str], QuerySet]
    api_param: str | None = None
    choices: Callable[[], list[tuple[str, str]]] | None = None
    describe: Callable[[int, str], str] | None = None  # (year, value) -> a name for the value

    def value_label(self, year: int, value: str) -> str:
        if self.choices is not None:
            return dict(self.choices()).get(value, value)
        return self.describe(year, value) if self.describe else value


def _by_body_type(queryset, year, value):
    return queryset.filter(body_type=value)


def _by_sector(queryset, year, value):
    return queryset.filter(sector_id=value)


def _by_county(queryset, year, value):
    # The county's bodies on the map of the period's last day (31.12: the coverage chart's map).
    return queryset.filter(pk__in=bodies_of_county(value, on=span_bounds(year)[1]).values("pk"))


def _by_month(queryset, year, value):
    return queryset.filter(date__month=value)


def _sector_name(year, value):
    return Sector.objects.filter(pk=value).values_list("name", flat=True).first() or value


def _county_name(year, value):
    counties = County.objects.valid_on(year_bounds(year)[1]).filter(number=value)
    return counties.values_list("name", flat=True).first() or value


def _month_name(year, value):
    month = int(value)
    return str(MONTHS[month]).capitalize() if month in MONTHS else value


def _body_type_choices():
    return [(body_type.value, str(label)) for body_type, label in BODY_TYPE_LABELS.items()]


def _valid_int(value: str) -> bool:
    return value.isascii() and value.isdigit() and len(value) <= 9


BY_TYPE = Narrowing("type", _("Body type"), _by_body_type, "body_type", choices=_body_type_choices)
BY_SECTOR = Narrowing("sector", _("Sector"), _by_sector, "sector", describe=_sector_name)
BY_COUNTY = Narrowing("county", _("County"), _by_county, "county", describe=_county_name)
BY_MONTH = Narrowing("month", _("Month"), _by_month, describe=_month_name)

PROCUREMENT_COLUMNS = (
    Column(_("Title"), "title", "link-title"),
    Column(_("Sector"), "sector.name"),
    Column(_("Phase"), "phase.name"),
    Column(_("Started"), "started_on", "date"),
    Column(_("Ended"), "ended_on", "date"),
    Column(_("Outcome"), "get_outcome_display"),
)
BODY_COLUMNS = (
    Column(_("Name"), "name", "link-title"),
    Column(_("Organisation number"), "org_number"),
    Column(_("Type"), "get_body_type_display"),
)
ACTIVITY_COLUMNS = (
    Column(_("Title"), "title", "link-title"),
    Column(_("Date"), "date", "date"),
    Column(_("Kind"), "kind.name"),
    Column(_("Participants"), "participants", "number"),
)
WEBINAR_COLUMNS = (
    Column(_("Title"), "title", "link-title"),
    Column(_("Date"), "date", "date"),
    Column(_("Registrants"), "registrants", "number"),
    Column(_("Participants"), "participants", "number"),
)


@dataclass(frozen=True)
class RecordList:
    figure: Figure  # the registry figure whose records the list shows
    title: str
    columns: tuple[Column, ...]
    # "%(count)s ... in %(year)s": the plural form is chosen by "n" (ngettext_lazy), the count
    # itself shown grouped in the language's format.
    count_text: str
    narrowings: tuple[Narrowing, ...] = ()
    sums: tuple[tuple[str, str], ...] = field(default=())  # (field, label)
    related: tuple[str, ...] = ()  # select_related for the columns

    @property
    def slug(self) -> str:
        return self.figure.records

    @property
    def api_path(self) -> str:
        assert self.figure.api is not None
        return self.figure.api.path

    def queryset(self, span: Span) -> QuerySet:
        """The records the figure counts in a year or a Period (a year so far)."""
        return self.figure.records_of(span)

    def api_params(self, year: int) -> dict:
        assert self.figure.api is not None
        return self.figure.api.query(year)

    def describe_count(self, count: int, year: int | str) -> str:
        return self.count_text % {"n": count, "count": format_number(count), "year": year}


RECORD_LISTS = {
    record_list.slug: record_list
    for record_list in (
        RecordList(
            figure("procurements_started"),
            _("Procurements started"),
            PROCUREMENT_COLUMNS,
            ngettext_lazy(
                "%(count)s innovative procurement started in %(year)s",
                "%(count)s innovative procurements started in %(year)s",
                "n",
            ),
            narrowings=(BY_SECTOR,),
            related=("sector", "phase"),
        ),
        RecordList(
            figure("procurements_active"),
            _("Active procurements"),
            PROCUREMENT_COLUMNS,
            ngettext_lazy(
                "%(count)s innovative procurement active in %(year)s",
                "%(count)s innovative procurements active in %(year)s",
                "n",
            ),
            narrowings=(BY_SECTOR,),
            related=("sector", "phase"),
        ),
        RecordList(
            figure("bodies_in_started"),
            _("Bodies in started procurements"),
            BODY_COLUMNS,
            ngettext_lazy(
                "%(count)s public body in procurements started in %(year)s",
                "%(count)s public bodies in procurements started in %(year)s",
                "n",
            ),
            narrowings=(BY_TYPE,),
        ),
        RecordList(
            figure("bodies_in_active"),
            _("Bodies in active procurements"),
            BODY_COLUMNS,
            ngettext_lazy(
                "%(count)s public body in procurements active in %(year)s",
                "%(count)s public bodies in procurements active in %(year)s",
                "n",
            ),
            narrowings=(BY_TYPE, BY_COUNTY),
        ),
        RecordList(
            figure("municipal_coverage.involved"),
            _("Municipalities in active procurements"),
            BODY_COLUMNS,
            ngettext_lazy(
                "%(count)s municipality involved in procurements active in %(year)s",
                "%(count)s municipalities involved in procurements active in %(year)s",
                "n",
            ),
            narrowings=(BY_COUNTY,),
        ),
        RecordList(
            figure("outreach_activities"),
            _("Outreach activities"),
            ACTIVITY_COLUMNS,
            ngettext_lazy(
                "%(count)s outreach activity in %(year)s",
                "%(count)s outreach activities in %(year)s",
                "n",
            ),
            narrowings=(BY_MONTH,),
            sums=(("participants", pgettext_lazy("sum", "Participants")),),
            related=("kind",),
        ),
        RecordList(
            figure("webinars"),
            _("Webinars"),
            WEBINAR_COLUMNS,
            ngettext_lazy("%(count)s webinar in %(year)s", "%(count)s webinars in %(year)s", "n"),
            sums=(("registrants", pgettext_lazy("sum", "Registrants")),),
        ),
        RecordList(
            figure("posts_published"),
            _("Web posts published"),
            (
                Column(_("Title"), "title", "link-title"),
                Column(_("Published"), "published_on", "date"),
                Column(_("URL"), "url", "url"),
            ),
            ngettext_lazy(
                "%(count)s web post published in %(year)s",
                "%(count)s web posts published in %(year)s",
                "n",
            ),
        ),
        RecordList(
            figure("solutions_published"),
            _("New solutions"),
            (
                Column(_("Name"), "name", "link-title"),
                Column(_("Supplier"), "supplier"),
                Column(_("Procurement"), "procurement.title"),
                Column(_("Published"), "published_on", "date"),
            ),
            ngettext_lazy(
                "%(count)s solution published on Finn løsninger in %(year)s",
                "%(count)s solutions published on Finn løsninger in %(year)s",
                "n",
            ),
            related=("procurement",),
        ),
        RecordList(
            figure("partners_total"),
            _("Partners at year end"),
            BODY_COLUMNS,
            ngettext_lazy(
                "%(count)s partner at the end of %(year)s",
                "%(count)s partners at the end of %(year)s",
                "n",
            ),
            narrowings=(BY_TYPE,),
        ),
        RecordList(
            figure("partners_new"),
            _("New partners"),
            BODY_COLUMNS,
            ngettext_lazy(
                "%(count)s new partner in %(year)s", "%(count)s new partners in %(year)s", "n"
            ),
            narrowings=(BY_TYPE,),
        ),
    )
}


def api_root() -> str:
    """/api/v1/, taken from where the API's schema is mounted."""
    return reverse("api-schema").removesuffix("schema/")


def narrowed(
    record_list: RecordList, span: Span, params, base: QuerySet | None = None
) -> tuple[QuerySet, dict, dict]:
    """The list's queryset in `span` (a year, or the year so far), or `base` (a published
    figure's records), narrowed by the valid GET params; returns (qs, active, api_params)."""
    queryset = record_list.queryset(span) if base is None else base
    active: dict[str, str] = {}
    year = span.year if isinstance(span, Period) else span
    api_params = dict(record_list.api_params(year))
    for narrowing in record_list.narrowings:
        value = (params.get(narrowing.param) or "").strip()
        if not value:
            continue
        if narrowing.choices is not None:
            if value not in dict(narrowing.choices()):
                continue
        elif not _valid_int(value):
            continue
        queryset = narrowing.apply(queryset, span, value)
        active[narrowing.param] = value
        if narrowing.api_param:
            api_params[narrowing.api_param] = value
    return queryset, active, api_params


def sums(record_list: RecordList, queryset: QuerySet) -> list[dict]:
    """The summed columns of the list (one aggregate query), e.g. participants."""
    if not record_list.sums:
        return []
    totals = queryset.aggregate(
        **{name: Coalesce(Sum(name), 0) for name, _label in record_list.sums}
    )
    return [
        {"field": name, "label": label, "value": totals[name]} for name, label in record_list.sums
    ]
