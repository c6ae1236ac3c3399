"""The key-figure cards: which figures the dashboard shows, their labels, deltas and links.

Values are read from the dicts lup.figures.annual_figures returns; nothing is counted here.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.urls import reverse
from django.utils.formats import number_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from partners.models import BodyType

BODY_TYPE_LABELS = {
    BodyType.STATE: pgettext_lazy("bodies", "State"),
    BodyType.COUNTY: pgettext_lazy("bodies", "County authorities"),
    BodyType.MUNICIPAL: pgettext_lazy("bodies", "Municipalities"),
    BodyType.OTHER: pgettext_lazy("bodies", "Other"),
}


@dataclass(frozen=True)
class Figure:
    """One published figure: its key in annual_figures (dotted for nested values) and texts."""

    key: str
    label: str
    note: str = ""
    records: str = ""  # slug of the drill-down record list
    breakdown: bool = False  # show the four body types under the value


@dataclass(frozen=True)
class Section:
    title: str
    figures: tuple[Figure, ...]


PROCUREMENTS_STARTED = Figure(
    "procurements_started",
    gettext_lazy("Procurements started"),
    gettext_lazy("innovative procurements started in the year"),
    "procurements-started",
)
BODIES_IN_STARTED = Figure(
    "bodies_in_started.total",
    gettext_lazy("Bodies in started procurements"),
    gettext_lazy("distinct public bodies"),
    "bodies-started",
    breakdown=True,
)
PROCUREMENTS_ACTIVE = Figure(
    "procurements_active",
    gettext_lazy("Active procurements"),
    gettext_lazy("active at some time in the year, started ones included"),
    "procurements-active",
)
BODIES_IN_ACTIVE = Figure(
    "bodies_in_active.total",
    gettext_lazy("Bodies in active procurements"),
    gettext_lazy("distinct public bodies"),
    "bodies-active",
    breakdown=True,
)
OUTREACH_ACTIVITIES = Figure(
    "outreach_activities",
    gettext_lazy("Outreach activities"),
    gettext_lazy("talks, courses, webinars, conferences and meetings"),
    "activities",
)
OUTREACH_PARTICIPANTS = Figure(
    "outreach_participants",
    gettext_lazy("Participants"),
    gettext_lazy("at the outreach activities, summed"),
    "activities",
)
POSTS_PUBLISHED = Figure(
    "posts_published",
    gettext_lazy("Web posts published"),
    gettext_lazy("on LUP's website"),
    "posts",
)
SOLUTIONS_PUBLISHED = Figure(
    "solutions_published",
    gettext_lazy("New solutions"),
    gettext_lazy("written up on Finn løsninger"),
    "solutions",
)
WEBINARS = Figure(
    "webinars", gettext_lazy("Webinars"), gettext_lazy("held in the year"), "webinars"
)
WEBINAR_REGISTRANTS = Figure(
    "webinar_registrants",
    gettext_lazy("Webinar registrants"),
    gettext_lazy("registrations to the webinars, summed"),
    "webinars",
)
PARTNERS_TOTAL = Figure(
    "partners_total",
    gettext_lazy("Partners at year end"),
    gettext_lazy("public bodies with a partnership agreement on 31 December"),
    "partners",
)
PARTNERS_NEW = Figure(
    "partners_new",
    gettext_lazy("New partners"),
    gettext_lazy("joined in the year"),
    "new-partners",
)
MUNICIPAL_COVERAGE = Figure(
    "municipal_coverage.involved",
    gettext_lazy("Municipal coverage"),
    gettext_lazy("municipalities involved in active procurements"),
    "municipal-coverage",
)

SECTIONS = (
    Section(
        gettext_lazy("Innovative procurements"),
        (PROCUREMENTS_STARTED, BODIES_IN_STARTED, PROCUREMENTS_ACTIVE, BODIES_IN_ACTIVE),
    ),
    Section(
        gettext_lazy("Outreach and publications"),
        (
            OUTREACH_ACTIVITIES,
            OUTREACH_PARTICIPANTS,
            POSTS_PUBLISHED,
            SOLUTIONS_PUBLISHED,
            WEBINARS,
            WEBINAR_REGISTRANTS,
        ),
    ),
    Section(
        gettext_lazy("Partners and municipal coverage"),
        (PARTNERS_TOTAL, PARTNERS_NEW, MUNICIPAL_COVERAGE),
    ),
)


def value_at(figures: dict, key: str):
    """figures["a"]["b"] for key "a.b"."""
    value = figures
    for part in key.split("."):
        value = value[part]
    return value


def format_number(value, decimals: int | None = None) -> str:
    """A number in the active language's format (nb: 11 540 with a no-break space, 25,3)."""
    return number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def delta(current, previous, decimals: int | None = None) -> dict:
    """Change from the previous year: direction (up/down/same) and a signed, localised text."""
    change = current - previous
    if decimals is not None:
        change = round(Decimal(str(change)), decimals)
    if change > 0:
        return {"direction": "up", "symbol": "▲", "text": "+" + format_number(change, decimals)}
    if change < 0:
        # U+2212 MINUS SIGN: the typographic minus, as in printed reports.
        return {"direction": "down", "symbol": "▼", "text": "−" + format_number(-change, decimals)}
    return {"direction": "same", "symbol": "=", "text": format_number(0, decimals)}


def coverage_in_words(share: float) -> str:
    """The share as "1 in N municipalities", N the nearest whole number to 1/share."""
    if share <= 0:
        return _("no municipalities")
    if share >= 1:
        return _("every municipality")
    n = round(1 / share)
    if n <= 1:
        return _("nearly every municipality")
    return _("1 in %(n)s municipalities") % {"n": n}


def records_url(year: int, slug: str, **params) -> str:
    url = reverse("dashboard:records", kwargs={"year": year, "figure": slug})
    return url + "?" + urlencode(params) if params else url


def build_sections(year: int, current: dict, previous: dict) -> list[dict]:
    """The card sections for `year` from the figures of the year and of the year before."""
    sections = []
    for section in SECTIONS:
        cards = []
        for figure in section.figures:
            card = {
                "key": figure.key,
                "label": figure.label,
                "note": figure.note,
                "value": value_at(current, figure.key),
                "previous": value_at(previous, figure.key),
                "url": records_url(year, figure.records),
            }
            card["delta"] = delta(card["value"], card["previous"])
            if figure.breakdown:
                group = value_at(current, figure.key.rsplit(".", 1)[0])
                card["breakdown"] = [
                    {
                        "type": body_type.value,
                        "label": label,
                        "value": group[body_type.value],
                        "url": records_url(year, figure.records, type=body_type.value),
                    }
                    for body_type, label in BODY_TYPE_LABELS.items()
                ]
            if figure is PARTNERS_NEW:
                card["names"] = [partner["name"] for partner in current["new_partners"]]
            if figure is MUNICIPAL_COVERAGE:
                card.update(coverage_card(current["municipal_coverage"], previous))
            cards.append(card)
        sections.append({"title": section.title, "cards": cards})
    return sections


def coverage_card(coverage: dict, previous: dict) -> dict:
    share_percent = coverage["share"] * 100
    previous_percent = previous["municipal_coverage"]["share"] * 100
    return {
        "coverage": True,
        "words": coverage_in_words(coverage["share"]),
        "involved": coverage["involved"],
        "total": coverage["total"],
        "share_percent": share_percent,
        # The change of a share is in percentage points.
        "delta": delta(share_percent, previous_percent, decimals=1),
        "delta_unit": _("pp"),
    }
