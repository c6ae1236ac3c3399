"""Data for the dashboard's charts: plain lists for plotly.js and the same numbers as tables.

Every value comes from lup.figures; this module only arranges it.
"""

from django.utils.dates import MONTHS, MONTHS_3
from django.utils.formats import get_format
from django.utils.translation import gettext as _

from lup.reporting import registry
from lup.reporting.registry import BODY_TYPE_LABELS, BODY_TYPES, AnnualFigures, value_at

from .cards import records_url


def chart_data(
    year: int,
    current: AnnualFigures,
    by_month: list[dict],
    by_county: list[dict],
    series: list[AnnualFigures],
    partial: bool = False,
) -> dict:
    """Everything the charts draw, keyed by chart name, plus the locale's number separators."""
    sectors = current["started_by_sector"]
    return {
        # plotly's layout.separators: decimal mark, then thousands separator.
        "separators": get_format("DECIMAL_SEPARATOR") + get_format("THOUSAND_SEPARATOR"),
        "sector": {
            "labels": [row["name"] for row in sectors],
            "values": [row["count"] for row in sectors],
            "urls": [
                records_url(year, "procurements-started", sector=row["sector"]) for row in sectors
            ],
            "name": _("Procurements started"),
        },
        "bodies": {
            "labels": [str(label) for label in BODY_TYPE_LABELS.values()],
            "started": [current["bodies_in_started"][t] for t in BODY_TYPES],
            "active": [current["bodies_in_active"][t] for t in BODY_TYPES],
            "started_urls": [records_url(year, "bodies-started", type=t) for t in BODY_TYPES],
            "active_urls": [records_url(year, "bodies-active", type=t) for t in BODY_TYPES],
            "started_name": _("In started procurements"),
            "active_name": _("In active procurements"),
        },
        "outreach": {
            "labels": [str(MONTHS_3[row["month"]]).capitalize() for row in by_month],
            "months": [str(MONTHS[row["month"]]).capitalize() for row in by_month],
            "activities": [row["activities"] for row in by_month],
            "participants": [row["participants"] for row in by_month],
            "urls": [records_url(year, "activities", month=row["month"]) for row in by_month],
            "activities_name": _("Activities"),
            "participants_name": _("Participants"),
        },
        "coverage": {
            "labels": [row["name"] for row in by_county],
            "percent": [round(row["share"] * 100, 1) for row in by_county],
            "involved": [row["involved"] for row in by_county],
            "total": [row["total"] for row in by_county],
            "urls": [
                records_url(year, "municipal-coverage", county=row["county"]) for row in by_county
            ],
            "name": _("Municipal coverage"),
            "national": round(current["municipal_coverage"]["share"] * 100, 1)
            if current["municipal_coverage"]["total"]
            else None,
            "national_label": _("Norway"),
            "national_involved": current["municipal_coverage"]["involved"],
            "national_total": current["municipal_coverage"]["total"],
            "of": _("of"),
            "unit": _("municipalities"),
        },
        "trends": {
            "years": [row["year"] for row in series],
            "panels": [
                {
                    "key": figure.value_key,
                    "name": str(figure.label),
                    "values": [value_at(row, figure.value_key) for row in series],
                }
                for figure in registry.trends()
            ],
            "current": year,
            # The last point is a year in progress: drawn open, joined by a dashed line.
            "partial": partial,
            "partial_label": _("so far this year") if partial else "",
        },
    }


def chart_tables(data: dict) -> dict:
    """The charts' numbers as tables (header row + rows), the alternative for screen readers."""
    sector, bodies, outreach = data["sector"], data["bodies"], data["outreach"]
    coverage, trends = data["coverage"], data["trends"]
    return {
        "sector": {
            "headers": [_("Sector"), _("Procurements started")],
            "rows": list(zip(sector["labels"], sector["values"], strict=True)),
        },
        "bodies": {
            "headers": [_("Body type"), bodies["started_name"], bodies["active_name"]],
            "rows": list(zip(bodies["labels"], bodies["started"], bodies["active"], strict=True)),
        },
        "outreach": {
            "headers": [_("Month"), outreach["activities_name"], outreach["participants_name"]],
            "rows": list(
                zip(
                    outreach["months"],
                    outreach["activities"],
                    outreach["participants"],
                    strict=True,
                )
            ),
        },
        "coverage": {
            "headers": [
                _("County"),
                _("Municipalities involved"),
                _("Municipalities"),
                _("Share (%)"),
            ],
            "rows": list(
                zip(
                    coverage["labels"],
                    coverage["involved"],
                    coverage["total"],
                    coverage["percent"],
                    strict=True,
                )
            ),
        },
        "trends": {
            "headers": [_("Year"), *(panel["name"] for panel in trends["panels"])],
            "rows": [
                # The year as text, so it is not grouped like a number (2 023).
                (str(year), *(panel["values"][index] for panel in trends["panels"]))
                for index, year in enumerate(trends["years"])
            ],
        },
    }
