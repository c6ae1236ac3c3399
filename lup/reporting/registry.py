"""The registry of figures: what a year's figures are, and one entry per figure.

`AnnualFigures` is the shape of one year's figures (SPEC sections 2 and 5), in the order the
API returns them. `FIGURES` lists every figure once, in the order the dashboard and the exports
show them: its key, its label (bokmål from the locale, English as the msgid), the counting
rule and the selector it counts, its API drill-down filter, its dashboard drill-down list and
its place on the dashboard. The counting module (figures.py), the stats serializer and schema,
the dashboard's cards, charts and record lists, the exports and the tests all read it.

Adding a figure that counts or sums a selector's rows: write the selector, add its key to
AnnualFigures and one entry to FIGURES. A test checks that the two agree.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypedDict

from django.db.models import Count, Func, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lup.core.dates import Span
from outreach import selectors as outreach
from partners import selectors as partners
from partners.models import BodyType
from procurements import selectors as procurements


class BodyTypeCounts(TypedDict):
    total: int
    state: int
    county: int
    municipal: int
    other: int


class SectorCount(TypedDict):
    sector: int
    name: str
    count: int


class MunicipalCoverage(TypedDict):
    """Municipalities involved in the year's active procurements, of all municipalities in
    the year's code list."""

    involved: int
    total: int
    share: float


class NewPartner(TypedDict):
    id: int
    name: str


class AnnualFigures(TypedDict):
    """The figures of one year, counted from the records by the counting rules."""

    year: int
    procurements_started: int
    procurements_active: int
    bodies_in_started: BodyTypeCounts
    bodies_in_active: BodyTypeCounts
    started_by_sector: list[SectorCount]
    municipal_coverage: MunicipalCoverage
    outreach_activities: int
    outreach_participants: int
    webinars: int
    webinar_registrants: int
    posts_published: int
    solutions_published: int
    partners_total: int
    partners_new: int
    new_partners: list[NewPartner]


# The four body types, always in this order (state, county, municipal, other), with the
# label of a breakdown and of an export's sub-row.
BODY_TYPES: tuple[str, ...] = tuple(BodyType.values)
BODY_TYPE_LABELS: dict[str, Promise] = {
    BodyType.STATE: pgettext_lazy("bodies", "State"),
    BodyType.COUNTY: pgettext_lazy("bodies", "County authorities"),
    BodyType.MUNICIPAL: pgettext_lazy("bodies", "Municipalities"),
    BodyType.OTHER: pgettext_lazy("bodies", "Other"),
}
BODY_TYPE_PART_LABELS: dict[str, Promise] = {
    BodyType.STATE: _("– of which state bodies"),
    BodyType.COUNTY: _("– of which county authorities"),
    BodyType.MUNICIPAL: _("– of which municipalities"),
    BodyType.OTHER: _("– of which other bodies"),
}

# Dashboard sections, in their order.
PROCUREMENTS = "procurements"
OUTREACH = "outreach"
PARTNERS = "partners"
SECTION_TITLES: dict[str, Promise] = {
    PROCUREMENTS: _("Innovative procurements"),
    OUTREACH: _("Outreach and publications"),
    PARTNERS: _("Partners and municipal coverage"),
}

# How a figure's value is made.
COUNT = "count"  # the rows of the selector's queryset
SUM = "sum"  # a field summed over them (Figure.field)
SHARE = "share"  # one figure divided by another (Figure.ratio_of)
LIST = "list"  # a list of rows, computed by its own query in figures.py


@dataclass(frozen=True)
class DrillDown:
    """The /api/v1/ list filter that gives a figure's records: `path?params(year)`."""

    path: str
    params: Callable[[int], dict[str, Any]]

    def query(self, year: int) -> dict[str, Any]:
        return dict(self.params(year))


@dataclass(frozen=True)
class Figure:
    key: str  # the figure's place in AnnualFigures, dotted for a nested value
    label: Promise
    description: Promise  # what is counted, in a few words (card note, schema description)
    rule: int  # the counting rule in SPEC section 4 and docs/counting-rules.md
    measure: str = COUNT
    selector: Callable[[Span], QuerySet] | None = None  # year -> the records counted
    field: str | None = None  # the summed field, for measure SUM
    ratio_of: tuple[str, str] | None = None  # (numerator, denominator) keys, for SHARE
    by_body_type: bool = False  # a {total, state, county, municipal, other} value
    api: DrillDown | None = None
    records: str = ""  # slug of the dashboard's drill-down list
    section: str | None = None  # the dashboard section with its card; None: no card
    trend: bool = False  # drawn in the dashboard's trend charts

    @property
    def value_key(self) -> str:
        """The key of the figure's headline number: the total of a body-type breakdown."""
        return f"{self.key}.total" if self.by_body_type else self.key

    def aggregate(self) -> Func:
        """What the figure is of its records, in SQL: the SUM of `field` (0 when no record
        matches), or COUNT(*), not COUNT(id): a covering index without the id answers it
        from the index alone. lup.reporting.figures and series count with it."""
        if self.measure == SUM:
            return Coalesce(Sum(self.field), 0)
        return Count("*")

    def records_of(self, year: Span) -> QuerySet:
        """The records this figure counts in `year` (a year or a lup.core.dates.Period)."""
        if self.selector is None:
            raise ValueError(f"{self.key} is not counted from a selector")
        return self.selector(year)


def _end_of_year(year: int) -> str:
    return f"{year}-12-31"


FIGURES: tuple[Figure, ...] = (
    Figure(
        "procurements_started",
        _("Procurements started"),
        _("innovative procurements started in the year"),
        rule=1,
        selector=procurements.started_in,
        api=DrillDown("procurements/", lambda y: {"started_in": y}),
        records="procurements-started",
        section=PROCUREMENTS,
        trend=True,
    ),
    Figure(
        "bodies_in_started",
        _("Bodies in started procurements"),
        _("distinct public bodies"),
        rule=3,
        selector=procurements.bodies_involved_in_started,
        by_body_type=True,
        api=DrillDown("bodies/", lambda y: {"involved_in_started": y}),
        records="bodies-started",
        section=PROCUREMENTS,
    ),
    Figure(
        "procurements_active",
        _("Active procurements"),
        _("active at some time in the year, started ones included"),
        rule=2,
        selector=procurements.active_in,
        api=DrillDown("procurements/", lambda y: {"active_in": y}),
        records="procurements-active",
        section=PROCUREMENTS,
        trend=True,
    ),
    Figure(
        "bodies_in_active",
        _("Bodies in active procurements"),
        _("distinct public bodies"),
        rule=3,
        selector=procurements.bodies_involved_in_active,
        by_body_type=True,
        api=DrillDown("bodies/", lambda y: {"involved_in": y}),
        records="bodies-active",
        section=PROCUREMENTS,
        trend=True,
    ),
    Figure(
        "started_by_sector",
        _("Procurements started by sector"),
        _("every sector, by count descending then name"),
        rule=9,
        measure=LIST,
        selector=procurements.started_in,
        api=DrillDown("procurements/", lambda y: {"started_in": y}),
        records="procurements-started",
    ),
    Figure(
        "outreach_activities",
        _("Outreach activities"),
        _("talks, courses, webinars, conferences and meetings"),
        rule=6,
        selector=outreach.activities_in,
        api=DrillDown("outreach-activities/", lambda y: {"year": y}),
        records="activities",
        section=OUTREACH,
        trend=True,
    ),
    Figure(
        "outreach_participants",
        _("Participants"),
        _("at the outreach activities, summed"),
        rule=6,
        measure=SUM,
        selector=outreach.activities_in,
        field="participants",
        api=DrillDown("outreach-activities/", lambda y: {"year": y}),
        records="activities",
        section=OUTREACH,
        trend=True,
    ),
    Figure(
        "posts_published",
        _("Web posts published"),
        _("on LUP's website"),
        rule=7,
        selector=outreach.posts_published_in,
        api=DrillDown("publications/", lambda y: {"year": y}),
        records="posts",
        section=OUTREACH,
    ),
    Figure(
        "solutions_published",
        _("New solutions"),
        _("written up on Finn løsninger"),
        rule=7,
        selector=procurements.solutions_published_in,
        api=DrillDown("solutions/", lambda y: {"year": y}),
        records="solutions",
        section=OUTREACH,
    ),
    Figure(
        "webinars",
        _("Webinars"),
        _("held in the year"),
        rule=6,
        selector=outreach.webinars_in,
        api=DrillDown("outreach-activities/", lambda y: {"year": y, "kind": "webinar"}),
        records="webinars",
        section=OUTREACH,
    ),
    Figure(
        "webinar_registrants",
        _("Webinar registrants"),
        _("registrations to the webinars, summed"),
        rule=6,
        measure=SUM,
        selector=outreach.webinars_in,
        field="registrants",
        api=DrillDown("outreach-activities/", lambda y: {"year": y, "kind": "webinar"}),
        records="webinars",
        section=OUTREACH,
    ),
    Figure(
        "partners_total",
        _("Partners at year end"),
        _("public bodies with a partnership agreement on 31 December"),
        rule=8,
        selector=partners.partners_at_end_of,
        api=DrillDown("bodies/", lambda y: {"partner_at_end_of": y}),
        records="partners",
        section=PARTNERS,
        trend=True,
    ),
    Figure(
        "partners_new",
        _("New partners"),
        _("joined in the year"),
        rule=8,
        selector=partners.new_partners_in,
        api=DrillDown("bodies/", lambda y: {"new_partner_in": y}),
        records="new-partners",
        section=PARTNERS,
    ),
    Figure(
        "new_partners",
        _("The new partners"),
        _("the new partners, by name"),
        rule=8,
        measure=LIST,
        selector=partners.new_partners_in,
        api=DrillDown("bodies/", lambda y: {"new_partner_in": y}),
        records="new-partners",
    ),
    Figure(
        "municipal_coverage.involved",
        _("Municipal coverage"),
        _("municipalities involved in active procurements"),
        rule=5,
        selector=procurements.municipalities_involved_in_active,
        api=DrillDown("bodies/", lambda y: {"involved_in": y, "body_type": BodyType.MUNICIPAL}),
        records="municipal-coverage",
        section=PARTNERS,
    ),
    Figure(
        "municipal_coverage.total",
        _("Municipalities in the code list on 31 December"),
        _("municipalities valid on 31 December of the year"),
        rule=5,
        selector=partners.municipalities_at_end_of,
        api=DrillDown("municipalities/", lambda y: {"valid_on": _end_of_year(y)}),
    ),
    Figure(
        "municipal_coverage.share",
        _("Municipal coverage (share)"),
        _("involved / total, 4 decimals; 0 when total is 0"),
        rule=5,
        measure=SHARE,
        ratio_of=("municipal_coverage.involved", "municipal_coverage.total"),
    ),
)

BY_KEY: dict[str, Figure] = {figure.key: figure for figure in FIGURES}


def figure(key: str) -> Figure:
    """The registry entry of `key` (KeyError for an unknown key)."""
    return BY_KEY[key]


def counted() -> tuple[Figure, ...]:
    """The figures that count or sum a selector's rows, computed together in one query."""
    return tuple(f for f in FIGURES if f.measure in (COUNT, SUM))


def on_cards(section: str) -> tuple[Figure, ...]:
    return tuple(f for f in FIGURES if f.section == section)


def trends() -> tuple[Figure, ...]:
    return tuple(f for f in FIGURES if f.trend)


def value_at(figures: AnnualFigures | dict, key: str) -> Any:
    """figures["a"]["b"] for key "a.b"."""
    value: Any = figures
    for part in key.split("."):
        value = value[part]
    return value


def set_value(figures: dict, key: str, value: Any) -> None:
    """Set figures["a"]["b"] = value for key "a.b", making the inner dicts as needed."""
    *outer, last = key.split(".")
    target = figures
    for part in outer:
        target = target.setdefault(part, {})
    target[last] = value


def rows(figures: AnnualFigures) -> list[tuple[str, Promise, Any]]:
    """(key, label, value) of every single number of `figures`, in the registry's order: each
    counted figure, and the four body types under a breakdown. The lists are left out."""
    result: list[tuple[str, Promise, Any]] = []
    for entry in FIGURES:
        if entry.measure == LIST:
            continue
        result.append((entry.value_key, entry.label, value_at(figures, entry.value_key)))
        if entry.by_body_type:
            for body_type in BODY_TYPES:
                key = f"{entry.key}.{body_type}"
                result.append((key, BODY_TYPE_PART_LABELS[body_type], value_at(figures, key)))
    return result
