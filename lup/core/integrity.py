"""Turn a database IntegrityError into the message of the model constraint it broke.

Writes validate before they save, so the database refusing a row should only happen in a
race or through a path that skipped validation. When it does, the client gets the same
message a validation error would have given, not a server error.

PostgreSQL names the violated constraint in the error's diagnostics (psycopg's
`diag.constraint_name`). SQLite only puts it in the message text: "CHECK constraint failed:
<name>", or, for a unique index, the columns: "UNIQUE constraint failed: table.a, table.b".
"""

import re
from collections.abc import Iterable

from django.db import IntegrityError, models
from django.db.models import UniqueConstraint
from django.utils.translation import gettext_lazy as _

GENERIC_MESSAGE = _(
    "The database refused this change: it conflicts with an existing record or a data rule."
)

_SQLITE_CHECK = re.compile(r"CHECK constraint failed: (?P<name>\w+)")
_SQLITE_UNIQUE = re.compile(r"UNIQUE constraint failed: (?P<columns>.+)$")


def _driver_constraint_name(exc: IntegrityError) -> str | None:
    diag = getattr(exc.__cause__, "diag", None)
    return getattr(diag, "constraint_name", None)


def _column(model: type[models.Model], name: str) -> str | None:
    field = model._meta.get_field(name)
    # A constraint names concrete fields (Django's check models.E012), never a reverse relation.
    return field.column if isinstance(field, models.Field) else None


def _sqlite_columns(constraint: UniqueConstraint, model: type[models.Model]) -> str:
    table = model._meta.db_table
    return ", ".join(f"{table}.{_column(model, name)}" for name in constraint.fields)


def broken_constraint(
    exc: IntegrityError, model_classes: Iterable[type[models.Model]]
) -> tuple[type[models.Model], models.BaseConstraint] | None:
    """The (model, constraint) among `model_classes` that `exc` reports, if it can be told."""
    name = _driver_constraint_name(exc)
    text = str(exc)
    if name is None:
        check = _SQLITE_CHECK.search(text)
        name = check.group("name") if check else None
    unique = _SQLITE_UNIQUE.search(text)
    for model in model_classes:
        for constraint in model._meta.constraints:
            if name is not None and constraint.name == name:
                return model, constraint
            if (
                unique
                and isinstance(constraint, UniqueConstraint)
                and constraint.fields
                and unique.group("columns").strip() == _sqlite_columns(constraint, model)
            ):
                return model, constraint
    return None


def integrity_error_message(
    exc: IntegrityError, model_classes: Iterable[type[models.Model]]
) -> str:
    """The violation message of the constraint `exc` reports, or a generic one."""
    found = broken_constraint(exc, model_classes)
    if found is None:
        return str(GENERIC_MESSAGE)
    return str(found[1].get_violation_error_message())
