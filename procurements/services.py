"""Write-time rules and writes for procurements that involve more than one row."""

import copy
import datetime
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypedDict, TypeVar

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lup.core.integrity import broken_constraint, integrity_error_message
from lup.core.models import constraint_errors
from partners.models import PublicBody

from .models import Participation, PhaseChange, Procurement, Role

T = TypeVar("T")


def validate_participants_have_lead(roles: Iterable[str]) -> None:
    """Check the roles of all of a procurement's participations, as they will be saved.

    A procurement with no participations is fine (it may be planned before any body joins);
    one with participations needs exactly one lead. Raises ValidationError (code "no_lead" or
    "several_leads") otherwise. The database enforces "at most one lead" by the partial unique
    constraint participation_one_lead; this gives the user a message before it bites.
    """
    roles = list(roles)
    if not roles:
        return
    leads = sum(1 for role in roles if role == Role.LEAD)
    if leads == 0:
        raise ValidationError(
            _("A procurement with participants needs exactly one lead."), code="no_lead"
        )
    if leads > 1:
        raise ValidationError(
            _("A procurement has exactly one lead, but %(count)d bodies are marked as lead."),
            code="several_leads",
            params={"count": leads},
        )


def validate_lead_after(
    procurement: Procurement,
    *,
    replacing: Participation | None = None,
    role: str | None = None,
) -> None:
    """Check that the procurement keeps exactly one lead (or no participations) when one
    participation is written or deleted on its own: `replacing` (an existing row, or None)
    is taken out, and a row with `role` (None: none) put in. Raises ValidationError as
    validate_participants_have_lead does."""
    rows = Participation.objects.filter(procurement=procurement)
    if replacing is not None and replacing.pk is not None:
        rows = rows.exclude(pk=replacing.pk)
    roles = list(rows.values_list("role", flat=True))
    if role is not None:
        roles.append(role)
    validate_participants_have_lead(roles)


def participation_changes(
    procurement: Procurement | None, participations: Sequence["ParticipationData"]
) -> tuple[set[int], set[int], set[int]]:
    """What writing `participations` as the procurement's whole list would do, as the body ids
    (added, changed, removed): the add, change and delete permissions each needs."""
    existing: dict[int, Participation] = {}
    if procurement is not None and procurement.pk is not None:
        existing = {p.body_id: p for p in Participation.objects.filter(procurement=procurement)}
    wanted = {_body_id(row["body"]): row for row in participations}
    added = set(wanted) - set(existing)
    removed = set(existing) - set(wanted)
    changed = {
        body_id
        for body_id, row in wanted.items()
        if body_id in existing
        and (
            existing[body_id].role != row.get("role", Role.PARTICIPANT)
            or existing[body_id].joined_on != row.get("joined_on")
            or existing[body_id].left_on != row.get("left_on")
        )
    }
    return added, changed, removed


def default_phase_date(procurement: Procurement, today: datetime.date | None = None):
    """The day a newly set phase is dated when the adviser gives none: the procurement's start
    date when it is in the past and the procurement has no phase history yet (a procurement
    registered after the fact), otherwise today."""
    today = today or timezone.localdate()
    started = procurement.started_on
    registered_late = started is not None and started < today
    if registered_late and (procurement.pk is None or not procurement.phase_changes.exists()):
        return started
    return today


def record_phase_change(
    procurement: Procurement, on: datetime.date | None = None
) -> PhaseChange | None:
    """Add the procurement's current phase to its phase history, dated `on` (default today),
    unless the latest entry of the history already is that phase. Returns the new entry.

    Called wherever the current phase is set (admin, API), so the history and the current
    phase cannot drift apart.
    """
    if procurement.phase_id is None:
        return None
    latest = procurement.phase_changes.order_by("-changed_on", "-id").first()
    if latest is not None and latest.phase_id == procurement.phase_id:
        return None
    entry, _created = PhaseChange.objects.get_or_create(
        procurement=procurement,
        phase_id=procurement.phase_id,
        changed_on=on or timezone.localdate(),
    )
    return entry


# --- Writing a procurement together with its participations -----------------------------------

# The procurement fields a caller may set; anything else is a programming error.
PROCUREMENT_FIELDS = frozenset(
    {
        "title",
        "description",
        "sector",
        "procedure",
        "phase",
        "started_on",
        "ended_on",
        "outcome",
        "adviser",
        "doffin_procedure_id",
        "doffin_notice_ids",
        "estimated_value_nok",
        "notes",
    }
)


class ParticipationData(TypedDict, total=False):
    """One body in a procurement as a caller gives it; `body` is a PublicBody or its id."""

    body: PublicBody | int
    role: str
    joined_on: datetime.date | None
    left_on: datetime.date | None


class InvalidProcurement(ValidationError):
    """The write was refused and nothing was saved.

    `errors` is the error tree in the shape DRF gives nested input: field -> list of
    messages, and for "participations" either a list of messages about the whole list, or a
    dict {index (0-based): {field: [messages]}} of the participations with errors.
    """

    def __init__(self, errors: dict):
        self.errors = errors
        flat: dict[str, list[str]] = {}
        for field, value in errors.items():
            if isinstance(value, dict):
                flat[field] = [
                    f"{index + 1}. {name}: {message}"
                    for index, row in value.items()
                    for name, messages in row.items()
                    for message in messages
                ]
            else:
                flat[field] = list(value)
        super().__init__(flat)


def _body_id(body: PublicBody | int) -> int:
    return body.pk if isinstance(body, PublicBody) else int(body)


def participation_errors(row: ParticipationData) -> dict[str, list[str]]:
    """The errors of one participation taken alone: the Participation model's constraints
    that do not involve its procurement (which may not be saved yet)."""
    candidate = Participation(
        body_id=_body_id(row["body"]),
        role=row.get("role", Role.PARTICIPANT),
        joined_on=row.get("joined_on"),
        left_on=row.get("left_on"),
    )
    return constraint_errors(candidate, exclude={"procurement"})


def procurement_errors(
    candidate: Procurement, participations: Sequence[ParticipationData] | None
) -> dict:
    """Every rule a procurement (`candidate`, with the values it is to be saved with) and its
    participations must meet, as an error tree (see InvalidProcurement); empty when the write
    may go ahead. `participations` None means they are not being changed.

    The rules on single rows are the models' constraints; the rules across the list (each
    body once, exactly one lead) are checked here, before the database's row-by-row checks.
    """
    errors: dict = constraint_errors(candidate)
    if participations is None:
        return errors
    rows: dict[int, dict[str, list[str]]] = {}
    first_seen: dict[int, int] = {}
    for index, row in enumerate(participations):
        row_errors = participation_errors(row)
        body_id = _body_id(row["body"])
        if body_id in first_seen:
            row_errors.setdefault("body", []).append(
                str(
                    _("This body is already listed as participant %(number)d.")
                    % {"number": first_seen[body_id] + 1}
                )
            )
        first_seen.setdefault(body_id, index)
        if row_errors:
            rows[index] = row_errors
    if rows:
        errors["participations"] = rows
        return errors
    try:
        validate_participants_have_lead(row.get("role", Role.PARTICIPANT) for row in participations)
    except ValidationError as exc:
        errors["participations"] = [str(message) for message in exc.messages]
    return errors


def _integrity_errors(exc: IntegrityError) -> dict:
    """The database refused a row: its constraint's message, under the procurement's field or,
    for a participation's constraint, under "participations"."""
    found = broken_constraint(exc, [Procurement, Participation])
    field = NON_FIELD_ERRORS
    if found is not None:
        model, constraint = found
        field = (
            Procurement.constraint_fields.get(constraint.name, NON_FIELD_ERRORS)
            if model is Procurement
            else "participations"
        )
    return {field: [integrity_error_message(exc, [Procurement, Participation])]}


def lead_last(items: Iterable[T], role: Callable[[T], str]) -> list[T]:
    """`items` in an order to save them in so that a procurement never has two leads at once.

    The database checks the one-lead index (participation_one_lead) row by row, so when the
    lead moves from one body to another, the old lead's row must be demoted (or deleted)
    before the new lead's row is written: every non-lead row first, the lead last.
    """
    return sorted(items, key=lambda item: role(item) == Role.LEAD)


def _replace_participations(
    procurement: Procurement, participations: Sequence[ParticipationData]
) -> None:
    """Make the procurement's participations exactly `participations`, keeping the rows (and
    so their history) of bodies that stay."""
    # Read afresh and locked: not from a prefetch made before the transaction.
    current = Participation.objects.select_for_update().filter(procurement=procurement)
    existing = {p.body_id: p for p in current}
    wanted = {_body_id(row["body"]): row for row in participations}
    for body_id, participation in existing.items():
        if body_id not in wanted:
            participation.delete()
    changed, created = [], []
    for body_id, row in wanted.items():
        participation = existing.get(body_id) or Participation(
            procurement=procurement, body_id=body_id
        )
        new = {
            "role": row.get("role", Role.PARTICIPANT),
            "joined_on": row.get("joined_on"),
            "left_on": row.get("left_on"),
        }
        if participation.pk is None:
            created.append(participation)
        elif any(getattr(participation, name) != value for name, value in new.items()):
            changed.append(participation)
        for name, value in new.items():
            setattr(participation, name, value)
    # Deleted rows are gone already; new rows come after the changed ones, so a new lead is
    # written after the old lead was demoted.
    for participation in lead_last(changed, lambda p: p.role) + created:
        participation.save()


def _check_fields(fields: dict[str, Any]) -> None:
    unknown = set(fields) - PROCUREMENT_FIELDS
    if unknown:
        raise TypeError(f"Unknown procurement fields: {', '.join(sorted(unknown))}")


def procurement_create(
    *, participations: Sequence[ParticipationData] | None = None, **fields: Any
) -> Procurement:
    """Create a procurement and its participations in one transaction.

    Raises InvalidProcurement, with nothing saved, when a rule is broken or the database
    refuses a row.
    """
    _check_fields(fields)
    errors = procurement_errors(Procurement(**fields), participations)
    if errors:
        raise InvalidProcurement(errors)
    try:
        with transaction.atomic():
            procurement = Procurement.objects.create(**fields)
            _replace_participations(procurement, participations or [])
            record_phase_change(procurement)
    except IntegrityError as exc:
        raise InvalidProcurement(_integrity_errors(exc)) from exc
    return procurement


def procurement_update(
    procurement: Procurement,
    *,
    participations: Sequence[ParticipationData] | None = None,
    **fields: Any,
) -> Procurement:
    """Change the given fields of a procurement and, when `participations` is given, replace
    its participations with them (an empty list removes all), in one transaction.

    Raises InvalidProcurement, with nothing saved, when a rule is broken or the database
    refuses a row. The instance is changed only when the write succeeds.
    """
    _check_fields(fields)
    saved = copy.copy(procurement)
    for name, value in fields.items():
        setattr(saved, name, value)
    errors = procurement_errors(saved, participations)
    if errors:
        raise InvalidProcurement(errors)
    try:
        with transaction.atomic():
            saved.save()
            if participations is not None:
                _replace_participations(saved, participations)
            if saved.phase_id != procurement.phase_id:
                record_phase_change(saved)
    except IntegrityError as exc:
        raise InvalidProcurement(_integrity_errors(exc)) from exc
    procurement.__dict__.update(saved.__dict__)
    return procurement
