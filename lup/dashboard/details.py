"""The record pages: one record of the portfolio, read-only, with what hangs on it and its
change history (django-simple-history), for everyone with the dashboard permission.

Each page's reads are a fixed number of queries (pinned in tests/dashboard/
test_dashboard_queries.py): the record with its foreign keys joined, one query per list on
it, the history with its users, and the names behind foreign keys that changed in it.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from django.db import models
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, reverse
from django.utils import formats
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from outreach.models import OutreachActivity
from partners.models import Partnership, PublicBody
from procurements.models import Procurement, Solution

HISTORY_LIMIT = 30  # the newest changes shown; the admin's history has them all
DOFFIN_NOTICE_URL = "https://www.doffin.no/notices/{}"
HISTORY_TYPES = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}
# Fields of every record that say nothing to a reader of its history.
HISTORY_HIDDEN = {"id", "created_at", "updated_at"}


# Which dashboard page shows a record of each model, and the admin page staff edit it on.
RECORD_PAGES: dict[type[models.Model], str] = {
    Procurement: "dashboard:procurement",
    PublicBody: "dashboard:body",
    Partnership: "dashboard:partnership",
    OutreachActivity: "dashboard:activity",
    Solution: "dashboard:solution",
}


def record_url(model: type[models.Model], pk: int, year: int | None = None) -> str | None:
    """The dashboard page of a record (None for a model without one), with the year the reader
    came from, so the page's breadcrumb leads back to it."""
    url_name = RECORD_PAGES.get(model)
    if url_name is None:
        return None
    url = reverse(url_name, args=[pk])
    return f"{url}?year={year}" if year else url


def admin_url(obj: models.Model) -> str | None:
    meta = obj._meta
    try:
        return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
    except NoReverseMatch:
        return None


# --- History ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryEntry:
    when: datetime.datetime
    who: str
    kind: str
    reason: str
    changes: list[Change]


def _display(field: models.Field, value: Any, names: dict) -> str:
    if value is None or value == "" or value == []:
        return "–"
    if isinstance(field, models.ForeignKey):
        return names.get((field.related_model, value), str(value))
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if isinstance(value, datetime.date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, int):
        return formats.number_format(value, force_grouping=True)
    return Truncator(str(value)).chars(80)


def _who(record) -> str:
    user = record.history_user
    if user is not None:
        return user.get_full_name() or user.get_username()
    # The account is gone: the name the row kept (lup.core.history).
    if getattr(record, "history_username", ""):
        return record.history_username
    return str(_("unknown (import or script)"))


def history(obj: models.Model) -> list[HistoryEntry]:
    """The record's newest changes, newest first: who, when, what (field: old → new).

    Two queries, plus one per related model whose foreign key changed in them (the names).
    """
    model = type(obj)
    records = list(
        obj.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : HISTORY_LIMIT + 1
        ]
    )
    fields = {
        field.attname: field
        for field in model._meta.concrete_fields
        if field.attname not in HISTORY_HIDDEN
    }
    deltas: list[list[tuple[models.Field, Any, Any]]] = []
    wanted: dict[type[models.Model], set] = defaultdict(set)
    for newer, older in pairwise(records):
        changed = []
        for name, field in fields.items():
            old, new = getattr(older, name, None), getattr(newer, name, None)
            if old != new:
                changed.append((field, old, new))
                if isinstance(field, models.ForeignKey):
                    wanted[field.related_model].update(v for v in (old, new) if v is not None)
        deltas.append(changed)
    names = {}
    for related, ids in wanted.items():
        for related_obj in related._default_manager.filter(pk__in=ids):
            names[related, related_obj.pk] = str(related_obj)
    entries = []
    for index, record in enumerate(records[:HISTORY_LIMIT]):
        changes = deltas[index] if index < len(deltas) else []
        reason = record.history_change_reason
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=_who(record),
                kind=str(HISTORY_TYPES.get(record.history_type, record.history_type)),
                # simple-history stores no reason as NULL; older rows may hold the text "None".
                reason="" if reason in (None, "", "None") else reason,
                changes=[
                    Change(
                        str(field.verbose_name),
                        _display(field, old, names),
                        _display(field, new, names),
                    )
                    for field, old, new in changes
                ],
            )
        )
    return entries


# --- The records ------------------------------------------------------------------------------


def procurement_page(pk: int) -> dict:
    procurement = get_object_or_404(
        Procurement.objects.select_related("sector", "procedure", "phase", "adviser"), pk=pk
    )
    participations = list(
        procurement.participations.select_related("body").order_by(
            # The lead first, then the bodies by name (Norwegian collation on the column).
            models.Case(models.When(role="lead", then=0), default=1),
            "body__name",
            "id",
        )
    )
    phases = list(procurement.phase_changes.select_related("phase").order_by("changed_on", "id"))
    activities = list(procurement.outreach_activities.select_related("kind").order_by("-date"))
    solutions = list(procurement.solutions.order_by("-published_on", "name"))
    return {
        "record": procurement,
        "participations": participations,
        "phases": phases,
        "activities": activities,
        "solutions": solutions,
        "doffin_notices": [
            {"id": notice, "url": DOFFIN_NOTICE_URL.format(notice)}
            for notice in procurement.doffin_notice_ids or []
        ],
        "history": history(procurement),
    }


def body_page(pk: int) -> dict:
    body = get_object_or_404(PublicBody, pk=pk)
    participations = list(
        body.participations.select_related("procurement__sector").order_by(
            models.F("procurement__started_on").desc(nulls_first=True), "procurement__title"
        )
    )
    by_year: dict[int | None, list] = {}
    for participation in participations:
        started = participation.procurement.started_on
        by_year.setdefault(started.year if started else None, []).append(participation)
    municipalities = list(body.municipalities.select_related("county").order_by("-valid_from"))
    counties = list(body.counties.order_by("-valid_from"))
    return {
        "record": body,
        "procurements_by_year": [
            {"year": year, "participations": rows} for year, rows in by_year.items()
        ],
        "partnerships": list(body.partnerships.order_by("-started_on")),
        "municipalities": municipalities,
        "counties": counties,
        "history": history(body),
    }


def partnership_page(pk: int) -> dict:
    partnership = get_object_or_404(Partnership.objects.select_related("body"), pk=pk)
    return {"record": partnership, "history": history(partnership)}


def activity_page(pk: int) -> dict:
    activity = get_object_or_404(OutreachActivity.objects.select_related("kind"), pk=pk)
    return {
        "record": activity,
        "procurements": list(activity.procurements.order_by("-started_on", "title")),
        "history": history(activity),
    }


def solution_page(pk: int) -> dict:
    solution = get_object_or_404(Solution.objects.select_related("procurement"), pk=pk)
    return {"record": solution, "history": history(solution)}


# --- Search -----------------------------------------------------------------------------------

SEARCH_LIMIT = 20
MIN_SEARCH_LENGTH = 2


def search(query: str) -> list[dict]:
    """Records whose title or name contains `query`, and bodies by organisation number: one
    query per record type (the first SEARCH_LIMIT + 1 of each, to tell that there are more)."""
    text = " ".join(query.split())
    if len(text) < MIN_SEARCH_LENGTH:
        return []
    digits = text.replace(" ", "")
    bodies = PublicBody.objects.filter(name__icontains=text)
    if digits.isdigit():
        bodies = PublicBody.objects.filter(
            models.Q(name__icontains=text) | models.Q(org_number__contains=digits)
        )
    groups = [
        (_("Procurements"), Procurement.objects.filter(title__icontains=text), "title"),
        (_("Public bodies"), bodies, "name"),
        (_("Outreach activities"), OutreachActivity.objects.filter(title__icontains=text), "title"),
        (_("Solutions"), Solution.objects.filter(name__icontains=text), "name"),
    ]
    results = []
    for label, queryset, attr in groups:
        rows = list(queryset.order_by(attr, "id")[: SEARCH_LIMIT + 1])
        results.append(
            {
                "label": label,
                "more": len(rows) > SEARCH_LIMIT,
                "rows": [
                    {
                        "text": getattr(row, attr),
                        "detail": _search_detail(row),
                        "url": record_url(type(row), row.pk),
                    }
                    for row in rows[:SEARCH_LIMIT]
                ],
            }
        )
    return results


def _search_detail(row) -> str:
    if isinstance(row, PublicBody):
        return " · ".join(part for part in (row.get_body_type_display(), row.org_number) if part)
    if isinstance(row, Procurement):
        return str(row.started_on.year) if row.started_on else str(_("planned"))
    if isinstance(row, OutreachActivity):
        return formats.date_format(row.date, "SHORT_DATE_FORMAT")
    if isinstance(row, Solution):
        return row.supplier
    return ""
