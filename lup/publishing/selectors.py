"""Reads of the published figures: the publications, the records each figure counts, and the
difference between a publication and the live figures, record by record, with what changed
(created, deleted, the field that changed), who changed it and when, from the records' audit
history (django-simple-history).

Query budget of diff(): the live figures (through lup.reporting.summary), one query per
distinct selector for the live ids, and per model with records in the difference: one for the
names, one for the ids changed since publication (summed figures only), one for their history
(and for public bodies one each for their participations' and partnerships' history).
"""

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from django.db import models
from django.db.models import QuerySet
from django.utils.functional import Promise

from lup.reporting import registry
from lup.reporting.registry import LIST, SHARE, AnnualFigures, Figure, value_at
from lup.reporting.summary import Summary
from partners.models import Partnership, PublicBody
from procurements.models import Participation

from .models import FigurePublication

# Fields of every record that say nothing about why a figure changed.
HIDDEN_FIELDS = {"id", "created_at", "updated_at"}
HISTORY_TYPES = {"+": "created", "~": "changed", "-": "deleted"}
# Records whose figures follow other records: a body counts through its participations and
# its partnerships, so their history explains its place in a figure.
RELATED_HISTORY: dict[type[models.Model], tuple[tuple[type[models.Model], str], ...]] = {
    PublicBody: ((Participation, "body_id"), (Partnership, "body_id")),
}


def latest(year: int) -> FigurePublication | None:
    """The latest version of `year`'s publication, or None when it is not published."""
    return FigurePublication.objects.filter(year=year).order_by("-version").first()


def version_of(year: int, version: int | None) -> FigurePublication | None:
    """A version of `year`'s publication (the latest when `version` is None)."""
    if version is None:
        return latest(year)
    return FigurePublication.objects.filter(year=year, version=version).first()


def versions(year: int) -> list[FigurePublication]:
    """Every version of `year`'s publication, oldest first."""
    return list(FigurePublication.objects.filter(year=year).order_by("version"))


def latest_per_year() -> list[FigurePublication]:
    """The latest version of every published year, oldest year first (1 query)."""
    return list(FigurePublication.objects.latest_per_year())


def with_records() -> tuple[Figure, ...]:
    """The registry's figures counted from a selector's records (all but the share)."""
    return tuple(f for f in registry.FIGURES if f.selector is not None and f.measure != SHARE)


def counted_ids(year: int) -> dict[str, list[int]]:
    """For every figure counted from records, the sorted ids of the records it counts in
    `year`: one query per distinct selector."""
    by_selector: dict[Callable[..., QuerySet], list[int]] = {}
    result: dict[str, list[int]] = {}
    for entry in with_records():
        assert entry.selector is not None
        if entry.selector not in by_selector:
            ids = entry.records_of(year).order_by().values_list("pk", flat=True)
            by_selector[entry.selector] = sorted(set(ids))
        result[entry.key] = by_selector[entry.selector]
    return result


def model_of(entry: Figure) -> type[models.Model]:
    return entry.records_of(2000).model


# --- The difference ---------------------------------------------------------------------------


@dataclass
class FieldChange:
    name: str
    label: str
    old: Any
    new: Any


@dataclass
class Change:
    """One entry of a record's history after the publication."""

    kind: str  # created | changed | deleted
    at: datetime.datetime
    by: str  # username, "" when no user is known (an import or a script)
    fields: list[FieldChange] = field(default_factory=list)
    via: str = ""  # "" for the record itself, else the related record's model (participation)
    via_id: int | None = None


@dataclass
class RecordDiff:
    id: int
    name: str
    exists: bool
    changes: list[Change] = field(default_factory=list)


@dataclass
class FigureDiff:
    key: str
    label: Promise
    model: str  # the counted records' model, e.g. "procurement"
    published: Any
    live: Any
    added: list[RecordDiff]  # count now and did not
    removed: list[RecordDiff]  # counted and now do not
    changed: list[RecordDiff]  # still counted, their summed field changed (summed figures)
    model_class: type[models.Model] | None = None

    @property
    def differs(self) -> bool:
        return self.published != self.live or bool(self.added or self.removed or self.changed)


@dataclass
class Diff:
    publication: FigurePublication
    live: AnnualFigures
    figures: list[FigureDiff]

    @property
    def unchanged(self) -> bool:
        return not any(entry.differs for entry in self.figures)

    def by_key(self) -> dict[str, FigureDiff]:
        return {entry.key: entry for entry in self.figures}


def _name(obj: Any) -> str:
    for attr in ("title", "name"):
        value = getattr(obj, attr, None)
        if value:
            return str(value)
    return str(obj.pk)


def _raw(value: Any) -> Any:
    """A history value as JSON can carry it."""
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float | str | list | dict):
        return value
    return str(value)


def _history_changes(
    model: type[models.Model], key: str, ids: Iterable[int], since: datetime.datetime, via: str
) -> dict[int, list[Change]]:
    """The history entries after `since` of the `model` records whose `key` is in `ids`, by
    that key's value; each "changed" entry with its fields (old and new values). 1 query."""
    ids = list(ids)
    if not ids:
        return {}
    history_model = model.history.model  # type: ignore[attr-defined]
    rows = list(
        history_model.objects.filter(**{f"{key}__in": ids})
        .select_related("history_user")
        .order_by("id", "history_date", "history_id")
    )
    fields = [f for f in model._meta.concrete_fields if f.attname not in HIDDEN_FIELDS]
    result: dict[int, list[Change]] = defaultdict(list)
    by_record: dict[int, list[Any]] = defaultdict(list)
    for row in rows:
        by_record[row.id].append(row)
    for record_rows in by_record.values():
        for older, newer in pairwise([None, *record_rows]):
            if newer.history_date <= since:
                continue
            changes = []
            if newer.history_type == "~" and older is not None:
                for f in fields:
                    old, new = getattr(older, f.attname, None), getattr(newer, f.attname, None)
                    if old != new:
                        changes.append(
                            FieldChange(f.name, str(f.verbose_name), _raw(old), _raw(new))
                        )
            user = newer.history_user
            result[getattr(newer, key)].append(
                Change(
                    kind=HISTORY_TYPES.get(newer.history_type, newer.history_type),
                    at=newer.history_date,
                    by=user.get_username() if user is not None else "",
                    fields=changes,
                    via=via,
                    via_id=newer.id if via else None,
                )
            )
    return result


def _changed_since(
    model: type[models.Model], ids: Iterable[int], since: datetime.datetime
) -> set[int]:
    """The ids among `ids` with a history entry after `since` (1 query)."""
    history_model = model.history.model  # type: ignore[attr-defined]
    return set(
        history_model.objects.filter(id__in=list(ids), history_date__gt=since)
        .order_by()
        .values_list("id", flat=True)
        .distinct()
    )


def _summed_field_changed(changes: list[Change], summed: str) -> bool:
    return any(c.kind != "changed" or any(f.name == summed for f in c.fields) for c in changes)


def diff(publication: FigurePublication, summary: Summary | None = None) -> Diff:
    """The live figures of the publication's year against the publication: per figure counted
    from records, the records that count now and did not, those that counted and now do not,
    and (for summed figures) those still counted whose summed field changed, each with its
    history since the publication."""
    summary = summary or Summary()
    year = publication.year
    since = publication.published_at
    live = summary.annual_figures(year)
    live_ids = counted_ids(year)
    entries = [e for e in with_records() if e.measure != LIST]

    # Which records of which model the difference is about.
    sets: dict[str, tuple[set[int], set[int], set[int]]] = {}
    wanted: dict[type[models.Model], set[int]] = defaultdict(set)
    summed_candidates: dict[type[models.Model], set[int]] = defaultdict(set)
    models_of = {entry.key: model_of(entry) for entry in entries}
    for entry in entries:
        before = set(publication.ids_of(entry.key))
        now = set(live_ids[entry.key])
        model = models_of[entry.key]
        wanted[model] |= before ^ now
        if entry.measure == registry.SUM:
            summed_candidates[model] |= before & now
        sets[entry.key] = (now - before, before - now, before & now)
    for model, ids in summed_candidates.items():
        wanted[model] |= _changed_since(model, ids, since)

    names: dict[tuple[type[models.Model], int], str] = {}
    deleted_names: dict[tuple[type[models.Model], int], str] = {}
    changes: dict[tuple[type[models.Model], int], list[Change]] = defaultdict(list)
    for model, ids in wanted.items():
        if not ids:
            continue
        for obj in model._default_manager.filter(pk__in=ids):
            names[model, obj.pk] = _name(obj)
        deleted = ids - {pk for m, pk in names if m is model}
        deleted_names.update(_deleted_names(model, deleted))
        own = _history_changes(model, "id", ids, since, "")
        for related, key in RELATED_HISTORY.get(model, ()):
            via = str(related._meta.model_name)
            for pk, found in _history_changes(related, key, ids, since, via).items():
                own.setdefault(pk, []).extend(found)
        for pk, found in own.items():
            changes[model, pk] = sorted(found, key=lambda c: c.at)

    def record(model: type[models.Model], pk: int) -> RecordDiff:
        name = names.get((model, pk))
        found = changes.get((model, pk), [])
        if name is None:
            # Deleted: its name from its last history entry, if it had one.
            name = deleted_names.get((model, pk), f"#{pk}")
        return RecordDiff(pk, name, (model, pk) in names, found)

    result = []
    for entry in entries:
        model = models_of[entry.key]
        added, removed, both = sets[entry.key]
        changed = []
        if entry.measure == registry.SUM and entry.field:
            changed = [
                record(model, pk)
                for pk in sorted(both)
                if _summed_field_changed(changes.get((model, pk), []), entry.field)
                and changes.get((model, pk))
            ]
        result.append(
            FigureDiff(
                key=entry.key,
                label=entry.label,
                model=str(model._meta.model_name),
                published=value_at(publication.figures, entry.value_key),
                live=value_at(live, entry.value_key),
                added=[record(model, pk) for pk in sorted(added)],
                removed=[record(model, pk) for pk in sorted(removed)],
                changed=changed,
                model_class=model,
            )
        )
    return Diff(publication, live, result)


def _deleted_names(
    model: type[models.Model], ids: set[int]
) -> dict[tuple[type[models.Model], int], str]:
    """The names of deleted records from their last history entries (1 query, none if no ids)."""
    if not ids:
        return {}
    history_model = model.history.model  # type: ignore[attr-defined]
    result = {}
    for row in history_model.objects.filter(id__in=ids).order_by("history_date", "history_id"):
        result[model, row.id] = _name(row)  # the last one wins
    return result
