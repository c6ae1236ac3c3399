"""Helpers for the tests of the database's own rules (tests/*/test_constraints.py)."""

import pytest
from django.apps import apps
from django.db import IntegrityError, transaction

from lup.core.integrity import broken_constraint


def _refusal(write) -> IntegrityError:
    # The savepoint keeps the test's transaction usable after the refusal.
    with pytest.raises(IntegrityError) as caught, transaction.atomic():
        write()
    return caught.value


def refused(write, constraint: str) -> None:
    """Assert the database refuses `write` for breaking `constraint`, a name in a model's
    Meta.constraints, and not for some other reason (a NOT NULL column the test forgot)."""
    exc = _refusal(write)
    found = broken_constraint(exc, apps.get_models())
    assert found is not None, f"refused, but not by a model constraint: {exc}"
    assert found[1].name == constraint, str(exc)


def refused_by_column_rule(write, kind: str, column: str) -> None:
    """Assert the database refuses `write` by a rule Django writes on the column itself
    (`kind` "unique" for unique=True, "check" for a Positive...Field), on `column`. SQLite
    says "CHECK constraint failed: participants", PostgreSQL names
    "outreach_outreachactivity_participants_check"."""
    exc = _refusal(write)
    text = str(exc)
    assert kind in text.lower() and column in text, text
