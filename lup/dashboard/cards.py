"""The key-figure cards: the registry's figures with a card, their deltas and links.

Which figures have a card, in which section and order, with which label and note, is the
registry's (lup.reporting.registry); values come from lup.reporting.figures. Nothing is
counted here.
"""

from decimal import Decimal

from django.urls import reverse
from django.utils.formats import number_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from lup.reporting import registry
from lup.reporting.registry import BODY_TYPE_LABELS, AnnualFigures, value_at
from lup.reporting.words import coverage_in_words
from partners.models import PublicBody

from .details import record_url


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


# The new partners a card names; the rest are in the card's list ("and 12 more").
CARD_NAMES = 10


def records_url(year: int, slug: str, **params) -> str:
    url = reverse("dashboard:records", kwargs={"year": year, "figure": slug})
    return url + "?" + urlencode(params) if params else url


def _published_if_different(published: AnnualFigures | None, key: str, live) -> object:
    """The published value of `key` when it differs from the live one, else None."""
    if published is None:
        return None
    value = value_at(published, key)
    return None if value == live else value


def build_sections(
    year: int,
    current: AnnualFigures,
    previous: AnnualFigures,
    published: AnnualFigures | None = None,
) -> list[dict]:
    """The card sections for `year` from the figures of the year and of the year before; with
    `published` (the year's published figures), each card and breakdown part whose live value
    differs carries the published one."""
    sections = []
    for section, title in registry.SECTION_TITLES.items():
        cards = []
        for figure in registry.on_cards(section):
            card = {
                "key": figure.value_key,
                "label": figure.label,
                "note": figure.description,
                "value": value_at(current, figure.value_key),
                "previous": value_at(previous, figure.value_key),
                "url": records_url(year, figure.records),
            }
            card["delta"] = delta(card["value"], card["previous"])
            card["published"] = _published_if_different(published, figure.value_key, card["value"])
            if figure.by_body_type:
                group = value_at(current, figure.key)
                card["breakdown"] = [
                    {
                        "type": body_type,
                        "label": label,
                        "value": group[body_type],
                        "url": records_url(year, figure.records, type=body_type),
                        "published": _published_if_different(
                            published, f"{figure.key}.{body_type}", group[body_type]
                        ),
                    }
                    for body_type, label in BODY_TYPE_LABELS.items()
                ]
            if figure.key == "partners_new":
                new_partners = current["new_partners"]
                card["names"] = [
                    {
                        "name": partner["name"],
                        "url": record_url(PublicBody, partner["id"], year),
                    }
                    for partner in new_partners[:CARD_NAMES]
                ]
                card["names_more"] = max(0, len(new_partners) - CARD_NAMES)
            if figure.key == "municipal_coverage.involved":
                card.update(coverage_card(current["municipal_coverage"], previous))
            cards.append(card)
        sections.append({"title": title, "cards": cards})
    return sections


def coverage_card(coverage: registry.MunicipalCoverage, previous: AnnualFigures) -> dict:
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
