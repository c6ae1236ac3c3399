"""The "What has changed since publication?" page's rows, from lup.publishing.selectors.diff:
values formatted for reading, records linked to their pages. Nothing is counted here."""

import datetime
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lup.publishing.selectors import Diff, RecordDiff
from lup.reporting.registry import BY_KEY

from .cards import records_url
from .details import record_url

KINDS = {
    "created": gettext_lazy("Created"),
    "changed": gettext_lazy("Changed"),
    "deleted": gettext_lazy("Deleted"),
}
VIA = {
    "participation": gettext_lazy("participation"),
    "partnership": gettext_lazy("partnership agreement"),
}


def _value(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "–"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, str) and len(value) == 10:
        try:
            return formats.date_format(datetime.date.fromisoformat(value), "SHORT_DATE_FORMAT")
        except ValueError:
            pass
    if isinstance(value, int):
        return formats.number_format(value, force_grouping=True)
    return str(value)


def _record(record: RecordDiff, model, year: int) -> dict:
    return {
        "id": record.id,
        "name": record.name,
        "exists": record.exists,
        "url": record_url(model, record.id, year) if record.exists and model else None,
        "changes": [
            {
                "kind": change.kind,
                "label": KINDS.get(change.kind, change.kind),
                "at": change.at,
                "by": change.by or _("unknown (import or script)"),
                "via": VIA.get(change.via, change.via) if change.via else "",
                "fields": [
                    {"label": f.label, "old": _value(f.old), "new": _value(f.new)}
                    for f in change.fields
                ],
            }
            for change in record.changes
        ],
    }


def diff_rows(diff: Diff, year: int) -> list[dict]:
    """The figures that differ, each with its records in three groups (now counted, no longer
    counted, changed), and the link to the published figure's records."""
    version = diff.publication.version
    rows = []
    for entry in diff.figures:
        if not entry.differs:
            continue
        figure = BY_KEY[entry.key]
        groups = [
            (_("Count now and did not"), "added", entry.added),
            (_("Counted and no longer do"), "removed", entry.removed),
            (_("Still counted, changed"), "changed", entry.changed),
        ]
        rows.append(
            {
                "key": entry.key,
                "label": entry.label,
                "published": entry.published,
                "live": entry.live,
                "published_url": records_url(year, figure.records, version=version)
                if figure.records
                else None,
                "live_url": records_url(year, figure.records) if figure.records else None,
                "groups": [
                    {
                        "title": title,
                        "kind": kind,
                        "records": [_record(r, entry.model_class, year) for r in records],
                    }
                    for title, kind, records in groups
                    if records
                ],
            }
        )
    return rows
