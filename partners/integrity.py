"""Turn a database IntegrityError into the message of the model constraint it broke.

Writes validate before they save, so the database refusing a row should only happen in a
race or through a path that skipped validation. When it does, the client gets the same
message a validation error would have given, not a server error. Lives in the lowest app so
that the services and APIs of every app can use it.
"""

import re
from collections.abc import Iterable

from django.db import IntegrityError, models
from django.db.models import UniqueConstraint
from django.utils.translation import gettext_lazy as _

GENERIC_MESSAGE = _(
    "The database refused this change: it conflicts with an existing record or a data rule."
)

# SQLite names the columns of a broken unique index, not the index: "UNIQUE constraint
# failed: table.col_a, table.col_b". PostgreSQL and SQLite CHECK errors name the constraint.
_SQLITE_UNIQUE = re.compile(r"UNIQUE constraint failed: (?P<columns>.+)$")


def _sqlite_columns(constraint: UniqueConstraint, model: type[models.Model]) -> str:
    table = model._meta.db_table
    return ", ".join(f"{table}.{model._meta.get_field(name).column}" for name in constraint.fields)


def broken_constraint(
    exc: IntegrityError, model_classes: Iterable[type[models.Model]]
) -> tuple[type[models.Model], models.BaseConstraint] | None:
    """The (model, constraint) among `model_classes` that `exc` reports, if it can be told."""
    text = str(exc)
    sqlite_unique = _SQLITE_UNIQUE.search(text)
    for model in model_classes:
        for constraint in model._meta.constraints:
            if re.search(rf"\b{re.escape(constraint.name)}\b", text):
                return model, constraint
            if (
                sqlite_unique
                and isinstance(constraint, UniqueConstraint)
                and constraint.fields
                and sqlite_unique.group("columns").strip() == _sqlite_columns(constraint, model)
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
