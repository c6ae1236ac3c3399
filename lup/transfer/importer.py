"""The portfolio import: read every sheet, check every row, then write all of it or nothing.

`import_tables` first builds a plan from the tables and what the database holds (read once,
into maps: no query per row), naming every bad row with its sheet, row, column, value and
reason. Only a plan without problems is written, in one transaction, with each created or
changed record's history carrying the user and the file name. A dry run stops after the plan
and reports what would be created, changed and left as it is, per sheet.

Matching never guesses (docs/import.md, "Matching"): a body by organisation number, else by
municipality or county number valid on the record's date, else by exact name; a procurement by
its reference, else its id; the other records by their natural key or id.
"""

import datetime
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.color import no_style
from django.db import IntegrityError, connection, models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from lup.core.integrity import integrity_error_message
from outreach.models import ActivityKind, OutreachActivity, Publication
from partners.models import County, Municipality, Partnership, PublicBody
from procurements.models import (
    Outcome,
    Participation,
    Phase,
    PhaseChange,
    Procedure,
    Procurement,
    Role,
    Sector,
    Solution,
    validate_doffin_notice_id,
)

from . import values as v
from .columns import (
    ACTIVITIES,
    BODIES,
    KINDS,
    PARTICIPATIONS,
    PARTNERSHIPS,
    PHASE_CHANGES,
    POSTS,
    PROCUREMENTS,
    SOLUTIONS,
    Column,
    Kind,
    kind_by_headers,
    kind_named,
)
from .files import Table

BATCH = 1000
NO_PROCUREMENT = gettext_lazy(
    "No procurement has this reference or id, neither in the file nor in the database."
)
Progress = Callable[[str, int, int], None]


@dataclass
class Problem:
    """A reason a file is refused, where it is: sheet, row (1 = the header row), column."""

    sheet: str
    row: int | None
    column: str
    value: str
    reason: str

    def __str__(self) -> str:
        where = self.sheet if self.row is None else f"{self.sheet}, {_('row')} {self.row}"
        if self.column:
            where += f", {self.column}"
        value = f" «{self.value}»" if self.value else ""
        return f"{where}:{value} {self.reason}"


@dataclass
class Counts:
    created: int = 0
    changed: int = 0
    unchanged: int = 0


@dataclass
class Report:
    """What an import found and did: problems (nothing written), or the counts per sheet."""

    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, Counts] = field(default_factory=dict)  # sheet name -> counts
    dry_run: bool = False
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def changes(self) -> int:
        return sum(c.created + c.changed for c in self.counts.values())


def _ident(obj: models.Model) -> Any:
    """A key for a record in the plan: its id, or the object itself while it has none."""
    return obj.pk if obj.pk is not None else ("new", id(obj))


def _text(raw: Any) -> str:
    return "" if v.is_empty(raw) else v.cell_text(raw)[:200]


def _same(old: Any, new: Any) -> bool:
    return (old if old not in ("", None) else None) == (new if new not in ("", None) else None)


@dataclass
class Row:
    table: Table
    number: int
    raw: dict[str, Any]
    values: dict[str, Any]
    ok: bool = True


@dataclass
class KindPlan:
    creates: list[models.Model] = field(default_factory=list)
    updates: list[models.Model] = field(default_factory=list)
    fields: set[str] = field(default_factory=set)
    unchanged: int = 0
    sheets: list[str] = field(default_factory=list)


class Importer:
    def __init__(
        self,
        tables: list[Table],
        *,
        create_bodies: bool = False,
        user: Any = None,
        reason: str = "",
        progress: Progress | None = None,
    ) -> None:
        self.tables = tables
        self.create_bodies = create_bodies
        self.user = user
        self.reason = reason[:100]
        self.progress = progress
        self.problems: list[Problem] = []
        self.plans: dict[str, KindPlan] = {kind.key: KindPlan() for kind in KINDS}
        self.today = timezone.localdate()
        self.activity_links: dict[Any, tuple[OutreachActivity, list[Procurement]]] = {}

    # Problems.

    def problem(
        self, row: Row | None, table: Table, column: Column | str | None, raw: Any, reason: Any
    ) -> None:
        name = column.header(v.language_is_norwegian()) if isinstance(column, Column) else column
        self.problems.append(
            Problem(
                sheet=table.name,
                row=row.number if row is not None else 1,
                column=name or "",
                value=_text(raw),
                reason=str(reason),
            )
        )
        if row is not None:
            row.ok = False

    def cell_problem(self, row: Row, column: Column, reason: Any) -> None:
        self.problem(row, row.table, column, row.raw.get(column.name), reason)

    # Reading the database once.

    def load(self) -> None:
        self.tables_by_model = {
            model: v.Lookup.table(model.objects.all())
            for model in (Sector, Procedure, Phase, ActivityKind)
        }
        bodies = list(PublicBody.objects.all())
        self.bodies_by_org = {b.org_number: b for b in bodies if b.org_number}
        self.bodies_by_name: dict[str, list[PublicBody]] = defaultdict(list)
        self.bodies_by_id = {b.pk: b for b in bodies}
        for body in bodies:
            self.bodies_by_name[body.name].append(body)
        self.codes: dict[str, list[tuple[datetime.date, datetime.date | None, int]]] = defaultdict(
            list
        )
        code_models: tuple[Any, ...] = (Municipality, County)
        for code_model in code_models:
            for number, start, end, body_id in code_model.objects.filter(
                body__isnull=False
            ).values_list("number", "valid_from", "valid_to", "body_id"):
                self.codes[number].append((start, end, body_id))
        procurements = list(Procurement.objects.all())
        self.procurements_by_id = {p.pk: p for p in procurements}
        self.procurements_by_ref = {p.reference: p for p in procurements if p.reference}
        self.participations: dict[tuple[Any, Any], Participation] = {}
        self.participations_of: dict[Any, list[Participation]] = defaultdict(list)
        for part in Participation.objects.all():
            self.participations[(part.procurement_id, part.body_id)] = part
            self.participations_of[part.procurement_id].append(part)
        self.phase_changes = {
            (c.procurement_id, c.phase_id, c.changed_on): c for c in PhaseChange.objects.all()
        }
        self.partnerships: dict[tuple[Any, Any], Partnership] = {}
        for partnership in Partnership.objects.order_by("id"):
            self.partnerships.setdefault((partnership.body_id, partnership.started_on), partnership)
        self.by_id: dict[type[models.Model], dict[int, Any]] = {}
        self.by_natural: dict[type[models.Model], dict[Any, list[Any]]] = {}
        natural: dict[type[models.Model], Callable[[Any], Any]] = {
            OutreachActivity: lambda a: (a.date, a.title),
            Publication: lambda p: (p.published_on, p.title),
            Solution: lambda s: s.name,
        }
        for natural_model, key in natural.items():
            rows = list(natural_model._default_manager.all())
            self.by_id[natural_model] = {row.pk: row for row in rows}
            grouped: dict[Any, list[Any]] = defaultdict(list)
            for row in rows:
                grouped[key(row)].append(row)
            self.by_natural[natural_model] = grouped
        self.links: dict[int, set[int]] = defaultdict(set)
        through = OutreachActivity.procurements.through
        for activity_id, procurement_id in through.objects.values_list(
            "outreachactivity_id", "procurement_id"
        ):
            self.links[activity_id].add(procurement_id)

    # Tables to kinds and rows.

    def sort_tables(self) -> dict[str, list[Table]]:
        by_kind: dict[str, list[Table]] = defaultdict(list)
        for table in self.tables:
            kind = kind_named(table.name) or kind_by_headers(table.headers)
            if kind is None:
                self.problem(
                    None,
                    table,
                    None,
                    table.name,
                    _(
                        "Unknown sheet: name it after a kind of record (%(kinds)s) or give it "
                        "the columns of one."
                    )
                    % {"kinds": ", ".join(k.sheet_name(v.language_is_norwegian()) for k in KINDS)},
                )
                continue
            by_kind[kind.key].append(table)
        return by_kind

    def rows(self, kind: Kind, table: Table) -> list[Row]:
        headers: dict[str, Column] = {}
        for column in kind.columns:
            for name in column.headers():
                headers[name] = column
        positions: list[tuple[int, Column]] = []
        seen: set[str] = set()
        for index, header in enumerate(table.headers):
            if not header:
                continue
            found_column = headers.get(" ".join(header.casefold().split()))
            if found_column is None:
                self.problem(
                    None,
                    table,
                    header,
                    header,
                    _("Unknown column. The columns of this sheet are: %(columns)s.")
                    % {
                        "columns": ", ".join(
                            c.header(v.language_is_norwegian()) for c in kind.columns
                        )
                    },
                )
                continue
            if found_column.name in seen:
                self.problem(None, table, found_column, header, _("This column is given twice."))
                continue
            seen.add(found_column.name)
            positions.append((index, found_column))
        for column in kind.columns:
            if column.required and column.name not in seen:
                self.problem(None, table, column, "", _("This sheet needs this column."))
        rows = []
        for number, cells in table.rows:
            row = Row(table, number, {}, {})
            for index, column in positions:
                raw = cells[index] if index < len(cells) else None
                row.raw[column.name] = raw
                if column.required and v.is_empty(raw):
                    self.cell_problem(row, column, _("This column is required."))
                    continue
                try:
                    value = column.type.read(raw, self.tables_by_model)
                except v.CellError as exc:
                    self.cell_problem(row, column, exc.message)
                    continue
                if column.attribute and column.attribute != "id" and value not in (None, "", []):
                    model_field: Any = kind.model._meta.get_field(column.attribute)
                    if not model_field.is_relation:
                        try:
                            model_field.run_validators(value)
                        except ValidationError as exc:
                            self.cell_problem(row, column, v.validation_reason(exc))
                            continue
                row.values[column.name] = value
            rows.append(row)
        return rows

    def tick(self, label: str, done: int, total: int) -> None:
        if self.progress is not None and (done % 200 == 0 or done == total):
            self.progress(label, done, total)

    # Records from rows.

    def assign(
        self, plan: KindPlan, kind: Kind, row: Row, obj: Any, values: dict[str, Any], is_new: bool
    ) -> None:
        """Put the row's values on `obj` and file it as created, changed or unchanged."""
        changed = []
        for name, value in values.items():
            if is_new:
                setattr(obj, name, value)
                continue
            model_field = obj._meta.get_field(name)
            if model_field.is_relation:  # compare ids: reading the related object is a query
                old = getattr(obj, model_field.attname)
                same = value is not None and value.pk is not None and old == value.pk
                same = same or (value is None and old is None)
            else:
                same = _same(getattr(obj, name), value)
            if not same:
                setattr(obj, name, value)
                changed.append(name)
        if is_new:
            plan.creates.append(obj)
        elif changed:
            plan.updates.append(obj)
            plan.fields.update(changed)
        else:
            plan.unchanged += 1

    def stored(self, kind: Kind, row: Row) -> dict[str, Any]:
        """The row's values for the model's own fields (not references, not the id)."""
        return {
            column.attribute: row.values[column.name]
            for column in kind.columns
            if column.attribute and column.attribute != "id" and column.name in row.values
        }

    def duplicate(self, seen: dict[Any, int], key: Any, row: Row, column: Column) -> bool:
        if key in seen:
            self.cell_problem(
                row,
                column,
                _("Duplicate row: the same record as row %(row)d.") % {"row": seen[key]},
            )
            return True
        seen[key] = row.number
        return False

    def body_by_number(self, number: str, day: datetime.date) -> PublicBody | None:
        for start, end, body_id in self.codes.get(number, []):
            if start <= day and (end is None or end >= day):
                return self.bodies_by_id.get(body_id)
        return None

    def find_body(self, row: Row, day: datetime.date | None, kind: Kind) -> PublicBody | None:
        """The body a row of another sheet names (organisation number, number, name)."""
        day = day or self.today
        org = row.values.get("body_org_number")
        number = row.values.get("body_number")
        name = row.values.get("body")
        if org:
            body = self.bodies_by_org.get(org)
            column, raw = kind.column("body_org_number"), org
        elif number:
            body = self.body_by_number(number, day)
            column, raw = kind.column("body_number"), number
        elif name:
            found = self.bodies_by_name.get(name, [])
            if len(found) > 1:
                self.cell_problem(
                    row,
                    kind.column("body"),
                    _("Several bodies have this name: give the organisation number."),
                )
                return None
            body = found[0] if found else None
            column, raw = kind.column("body"), name
        else:
            self.cell_problem(
                row, kind.column("body"), _("Name the body: organisation number, number or name.")
            )
            return None
        if body is not None:
            return body
        if self.create_bodies and name and row.values.get("body_type") and not number:
            body = PublicBody(name=name, org_number=org, body_type=row.values["body_type"])
            self.plans[BODIES.key].creates.append(body)
            self.register_body(body)
            return body
        reason = _("Unknown public body: it is neither in the file nor in the database.")
        if number:
            reason = _("No public body has this number on %(date)s.") % {"date": v.short_date(day)}
        elif not self.create_bodies:
            reason += " " + _(
                "Add it to the sheet of public bodies, or import with --create-bodies."
            )
        elif not (name and row.values.get("body_type")):
            reason += " " + _("To create it, give its name and type.")
        self.problem(row, row.table, column, raw, reason)
        return None

    def register_body(self, body: PublicBody) -> None:
        if body.org_number:
            self.bodies_by_org[body.org_number] = body
        self.bodies_by_name[body.name].append(body)

    def find_procurement(self, key: str) -> Procurement | None:
        found = self.procurements_by_ref.get(key)
        if found is None and key.isdigit():
            found = self.procurements_by_id.get(int(key))
        return found

    def procurement_of(self, row: Row, kind: Kind) -> Procurement | None:
        key = row.values.get("procurement")
        if not key:
            return None
        found = self.find_procurement(key)
        if found is None:
            self.cell_problem(
                row,
                kind.column("procurement"),
                NO_PROCUREMENT,
            )
        return found

    # One function per kind.

    def plan_bodies(self, rows: list[Row]) -> None:
        seen: dict[Any, int]
        plan, kind, seen = self.plans[BODIES.key], BODIES, {}
        for done, row in enumerate(rows, 1):
            self.tick(kind.key, done, len(rows))
            if not row.ok:
                continue
            org, number, name = (row.values.get(n) for n in ("org_number", "number", "name"))
            body: Any
            if org:
                body, key = self.bodies_by_org.get(org), ("org", org)
            elif number:
                body, key = self.body_by_number(number, self.today), ("number", number)
            else:
                found = [b for b in self.bodies_by_name.get(name or "", []) if b.pk is not None]
                if len(found) > 1:
                    self.cell_problem(
                        row,
                        kind.column("name"),
                        _("Several bodies have this name: give the organisation number."),
                    )
                    continue
                body, key = (found[0] if found else None), ("name", name)
            if self.duplicate(seen, key, row, kind.column("name")):
                continue
            if body is not None and self.duplicate(seen, _ident(body), row, kind.column("name")):
                continue
            values = self.stored(kind, row)
            if not values.get("org_number"):
                values.pop("org_number", None)  # an empty cell does not take a body's number away
            is_new = body is None
            if is_new:
                pk = row.values.get("id")
                free = pk is not None and pk not in self.bodies_by_id
                body = PublicBody(pk=pk if free else None)
                if pk is not None and free:
                    self.bodies_by_id[pk] = body
            self.assign(plan, kind, row, body, values, is_new)
            if is_new:
                self.register_body(body)
                seen[_ident(body)] = row.number

    def plan_procurements(self, rows: list[Row]) -> dict[Any, Row]:
        seen: dict[Any, int]
        plan, kind, seen = self.plans[PROCUREMENTS.key], PROCUREMENTS, {}
        rows_of: dict[Any, Row] = {}
        for done, row in enumerate(rows, 1):
            self.tick(kind.key, done, len(rows))
            if not row.ok:
                continue
            ref, pk = row.values.get("reference"), row.values.get("id")
            if not ref and pk is None:
                self.cell_problem(
                    row, kind.column("reference"), _("A procurement needs a reference or an id.")
                )
                continue
            found = self.procurements_by_ref.get(ref) if ref else None
            if found is not None and pk is not None and found.pk != pk:
                self.cell_problem(
                    row,
                    kind.column("id"),
                    _("Procurement %(ref)s has id %(id)s in the database, not this one.")
                    % {"ref": ref, "id": found.pk},
                )
                continue
            if found is None and pk is not None:
                found = self.procurements_by_id.get(pk)
            key = ("ref", ref) if ref else ("id", pk)
            if self.duplicate(seen, key, row, kind.column("reference" if ref else "id")):
                continue
            if found is not None and self.duplicate(
                seen, _ident(found), row, kind.column("reference")
            ):
                continue
            values = self.stored(kind, row)
            if "outcome" in values and not values["outcome"]:
                values["outcome"] = Outcome.ONGOING
            for notice in values.get("doffin_notice_ids", []):
                try:
                    validate_doffin_notice_id(notice)
                except ValidationError as exc:
                    self.cell_problem(
                        row, kind.column("doffin_notice_ids"), v.validation_reason(exc)
                    )
            is_new = found is None
            procurement = found or Procurement(pk=pk)
            started = values.get("started_on", procurement.started_on)
            ended = values.get("ended_on", procurement.ended_on)
            if ended and not started:
                self.cell_problem(
                    row,
                    kind.column("ended_on"),
                    _("A procurement cannot end without a start date."),
                )
            elif ended and started and ended < started:
                self.cell_problem(
                    row, kind.column("ended_on"), _("A procurement cannot end before it starts.")
                )
            if not row.ok:
                continue
            old_ref = procurement.reference
            self.assign(plan, kind, row, procurement, values, is_new)
            if old_ref and old_ref != procurement.reference:
                self.procurements_by_ref.pop(old_ref, None)
            if procurement.reference:
                self.procurements_by_ref[procurement.reference] = procurement
            if is_new and pk is not None:
                self.procurements_by_id[pk] = procurement
            rows_of[_ident(procurement)] = row
        return rows_of

    def plan_participations(self, rows: list[Row], procurement_rows: dict[Any, Row]) -> None:
        seen: dict[Any, int]
        plan, kind, seen = self.plans[PARTICIPATIONS.key], PARTICIPATIONS, {}
        # The participations each procurement will have: its stored ones, overlaid by the file.
        final: dict[Any, dict[Any, tuple[str, Row | None]]] = {}
        first_row: dict[Any, Row] = {}
        # Procurements with a bad participation row: whether they have one lead is not known.
        unsure: set[Any] = set()
        for done, row in enumerate(rows, 1):
            self.tick(kind.key, done, len(rows))
            if not row.ok:
                named = self.find_procurement(row.values.get("procurement") or "")
                if named is not None:
                    unsure.add(_ident(named))
                continue
            procurement = self.procurement_of(row, kind)
            if procurement is None:
                continue
            day = row.values.get("joined_on") or procurement.started_on
            body = self.find_body(row, day, kind)
            key = (_ident(procurement), _ident(body)) if body is not None else None
            if body is None or self.duplicate(seen, key, row, kind.column("body")):
                unsure.add(_ident(procurement))
                continue
            values = self.stored(kind, row)
            if "role" in values and not values["role"]:
                values["role"] = Role.PARTICIPANT
            existing = self.participations.get(key) if key and procurement.pk and body.pk else None
            joined = values.get("joined_on", existing.joined_on if existing else None)
            left = values.get("left_on", existing.left_on if existing else None)
            if joined and left and left < joined:
                self.cell_problem(
                    row, kind.column("left_on"), _("A body cannot leave before it joins.")
                )
                unsure.add(_ident(procurement))
                continue
            is_new = existing is None
            part = existing or Participation(procurement=procurement, body=body)
            self.assign(plan, kind, row, part, values, is_new)
            pkey = _ident(procurement)
            if pkey not in final:
                final[pkey] = self.stored_roles(pkey)
                first_row[pkey] = row
            final[pkey][_ident(body)] = (part.role, row)
        for pkey in procurement_rows:
            final.setdefault(pkey, self.stored_roles(pkey))
        for pkey, members in final.items():
            if pkey in unsure:
                continue
            leads = [row for role, row in members.values() if role == Role.LEAD]
            if len(leads) == 1:
                continue
            if not leads:
                reason = _(
                    "This procurement has no lead: give exactly one of its participations the "
                    "role lead."
                )
                if pkey in procurement_rows:
                    home = procurement_rows[pkey]
                    column = PROCUREMENTS.column(
                        "reference" if home.values.get("reference") else "id"
                    )
                else:
                    home, column = first_row[pkey], PARTICIPATIONS.column("procurement")
                self.problem(home, home.table, column, home.raw.get(column.name), reason)
                continue
            for lead in leads:
                if lead is not None:
                    self.problem(
                        lead,
                        lead.table,
                        PARTICIPATIONS.column("role"),
                        lead.raw.get("role"),
                        _("This procurement has %(count)d leads; it has exactly one.")
                        % {"count": len(leads)},
                    )

    def stored_roles(self, pkey: Any) -> dict[Any, tuple[str, Row | None]]:
        """The roles of a procurement's stored participations, by body."""
        stored = [] if isinstance(pkey, tuple) else self.participations_of.get(pkey, [])
        return {p.body_id: (p.role, None) for p in stored}

    def plan_phase_changes(self, rows: list[Row]) -> None:
        seen: dict[Any, int]
        plan, kind, seen = self.plans[PHASE_CHANGES.key], PHASE_CHANGES, {}
        for done, row in enumerate(rows, 1):
            self.tick(kind.key, done, len(rows))
            if not row.ok:
                continue
            procurement = self.procurement_of(row, kind)
            if procurement is None:
                continue
            phase, day = row.values["phase"], row.values["changed_on"]
            key = (_ident(procurement), phase.pk, day)
            if self.duplicate(seen, key, row, kind.column("changed_on")):
                continue
            existing = self.phase_changes.get(key) if procurement.pk else None
            values = self.stored(kind, row)
            change = existing or PhaseChange(procurement=procurement)
            self.assign(plan, kind, row, change, values, existing is None)

    def plan_partnerships(self, rows: list[Row]) -> None:
        seen: dict[Any, int]
        plan, kind, seen = self.plans[PARTNERSHIPS.key], PARTNERSHIPS, {}
        for done, row in enumerate(rows, 1):
            self.tick(kind.key, done, len(rows))
            if not row.ok:
                continue
            started = row.values["started_on"]
            body = self.find_body(row, started, kind)
            if body is None:
                continue
            key = (_ident(body), started)
            if self.duplicate(seen, key, row, kind.column("started_on")):
                continue
            ended = row.values.get("ended_on")
            if ended and ended < started:
                self.cell_problem(
                    row, kind.column("ended_on"), _("A partnership cannot end before it starts.")
                )
                continue
            existing = self.partnerships.get(key) if body.pk else None
            partnership = existing or Partnership(body=body)
            self.assign(plan, kind, row, partnership, self.stored(kind, row), existing is None)

    def by_key(
        self, kind: Kind, row: Row, natural: Any, seen: dict[Any, int]
    ) -> tuple[Any, bool] | None:
        """The stored record a row of a kind with ids names: by id, else by natural key."""
        model = kind.model
        pk = row.values.get("id")
        if pk is not None:
            if self.duplicate(seen, ("id", pk), row, kind.column("id")):
                return None
            found = self.by_id[model].get(pk)
            return (found, False) if found is not None else (model(pk=pk), True)
        label = next(c for c in kind.columns if c.required and c.attribute != "id")
        if self.duplicate(seen, ("natural", natural), row, label):
            return None
        matches = self.by_natural[model].get(natural, [])
        if len(matches) > 1:
            self.cell_problem(row, label, _("Several records match this row: give its id."))
            return None
        if matches:
            if self.duplicate(seen, ("id", matches[0].pk), row, label):
                return None
            return matches[0], False
        return model(), True

    def plan_activities(self, rows: list[Row]) -> None:
        seen: dict[Any, int]
        plan, kind, seen = self.plans[ACTIVITIES.key], ACTIVITIES, {}
        for done, row in enumerate(rows, 1):
            self.tick(kind.key, done, len(rows))
            if not row.ok:
                continue
            linked: list[Procurement] = []
            for key in row.values.get("procurements", []):
                procurement = self.find_procurement(key)
                if procurement is None:
                    self.problem(
                        row,
                        row.table,
                        kind.column("procurements"),
                        key,
                        NO_PROCUREMENT,
                    )
                else:
                    linked.append(procurement)
            if not row.ok:
                continue
            found = self.by_key(kind, row, (row.values["date"], row.values["title"]), seen)
            if found is None:
                continue
            activity, is_new = found
            values = self.stored(kind, row)
            self.assign(plan, kind, row, activity, values, is_new)
            if "procurements" in row.values:
                wanted = {_ident(p) for p in linked}
                stored = set() if is_new else self.links.get(activity.pk, set())
                if wanted != stored:
                    self.activity_links[_ident(activity)] = (activity, linked)
                    if not is_new and activity not in plan.updates:
                        plan.updates.append(activity)
                        plan.unchanged -= 1

    def plan_posts(self, rows: list[Row]) -> None:
        seen: dict[Any, int]
        plan, kind, seen = self.plans[POSTS.key], POSTS, {}
        for done, row in enumerate(rows, 1):
            self.tick(kind.key, done, len(rows))
            if not row.ok:
                continue
            found = self.by_key(kind, row, (row.values["published_on"], row.values["title"]), seen)
            if found is not None:
                self.assign(plan, kind, row, found[0], self.stored(kind, row), found[1])

    def plan_solutions(self, rows: list[Row]) -> None:
        seen: dict[Any, int]
        plan, kind, seen = self.plans[SOLUTIONS.key], SOLUTIONS, {}
        for done, row in enumerate(rows, 1):
            self.tick(kind.key, done, len(rows))
            if not row.ok:
                continue
            values = self.stored(kind, row)
            if "procurement" in row.values:
                procurement = self.procurement_of(row, kind)
                if row.values["procurement"] and procurement is None:
                    continue
                values["procurement"] = procurement
            found = self.by_key(kind, row, row.values["name"], seen)
            if found is not None:
                self.assign(plan, kind, row, found[0], values, found[1])

    # The whole of it.

    def plan(self) -> None:
        self.load()
        self.tables_of = self.sort_tables()
        rows: dict[str, list[Row]] = {}
        for kind in KINDS:
            tables = self.tables_of.get(kind.key, [])
            rows[kind.key] = [row for table in tables for row in self.rows(kind, table)]
            self.plans[kind.key].sheets = [table.name for table in tables]
        self.plan_bodies(rows[BODIES.key])
        procurement_rows = self.plan_procurements(rows[PROCUREMENTS.key])
        self.plan_participations(rows[PARTICIPATIONS.key], procurement_rows)
        self.plan_phase_changes(rows[PHASE_CHANGES.key])
        self.plan_partnerships(rows[PARTNERSHIPS.key])
        self.plan_activities(rows[ACTIVITIES.key])
        self.plan_posts(rows[POSTS.key])
        self.plan_solutions(rows[SOLUTIONS.key])

    def write(self) -> None:
        now = timezone.now()
        explicit: list[type[models.Model]] = []
        history = {"default_user": self.user, "default_change_reason": self.reason}
        for kind in KINDS:
            plan, model = self.plans[kind.key], kind.model
            if plan.creates:
                if any(obj.pk is not None for obj in plan.creates):
                    explicit.append(model)
                bulk_create_with_history(plan.creates, model, batch_size=BATCH, **history)
            if plan.updates and plan.fields:
                fields = sorted(plan.fields)
                if any(f.name == "updated_at" for f in model._meta.fields):
                    for obj in plan.updates:
                        obj.updated_at = now  # type: ignore[attr-defined]
                    fields.append("updated_at")
                bulk_update_with_history(plan.updates, model, fields, batch_size=BATCH, **history)
            elif plan.updates:  # only links changed: history says so
                model.history.bulk_history_create(  # type: ignore[attr-defined]
                    plan.updates, update=True, **history
                )
        if self.activity_links:
            through = OutreachActivity.procurements.through
            activities = [activity for activity, _linked in self.activity_links.values()]
            through.objects.filter(outreachactivity_id__in=[a.pk for a in activities]).delete()
            through.objects.bulk_create(
                [
                    through(outreachactivity_id=activity.pk, procurement_id=procurement.pk)
                    for activity, linked in self.activity_links.values()
                    for procurement in {p.pk: p for p in linked}.values()
                ],
                batch_size=BATCH,
            )
        if explicit:  # rows created with the file's ids: move the id sequences past them
            statements = connection.ops.sequence_reset_sql(no_style(), explicit)
            with connection.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)

    def report(self, dry_run: bool) -> Report:
        # In the order of the file: sheet by sheet (as read), row by row.
        order = {table.name: index for index, table in enumerate(self.tables)}
        self.problems.sort(key=lambda p: (order.get(p.sheet, len(order)), p.row or 0))
        report = Report(problems=self.problems, dry_run=dry_run)
        for kind in KINDS:
            plan = self.plans[kind.key]
            if plan.sheets or plan.creates:
                report.counts[kind.sheet_name(v.language_is_norwegian())] = Counts(
                    created=len(plan.creates), changed=len(plan.updates), unchanged=plan.unchanged
                )
        return report


def import_tables(
    tables: list[Table],
    *,
    dry_run: bool = False,
    create_bodies: bool = False,
    user: Any = None,
    reason: str = "",
    language: str = "nb",
    progress: Progress | None = None,
) -> Report:
    """Check `tables` and, unless `dry_run` or a row is bad, write them in one transaction."""
    with translation.override(language):
        importer = Importer(
            tables, create_bodies=create_bodies, user=user, reason=reason, progress=progress
        )
        with transaction.atomic():
            importer.plan()
            report = importer.report(dry_run)
            if report.problems or dry_run:
                return report
            try:
                with transaction.atomic():
                    importer.write()
            except IntegrityError as exc:
                report.problems.append(
                    Problem(
                        sheet="",
                        row=None,
                        column="",
                        value="",
                        reason=_("The database refused the import: %(reason)s")
                        % {"reason": integrity_error_message(exc, [k.model for k in KINDS])},
                    )
                )
                return report
            report.written = True
            return report
