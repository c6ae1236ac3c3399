"""Model building blocks that know no domain: lookup tables and constraint messages by field."""

from collections.abc import Iterable
from typing import Any, ClassVar

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, router
from django.utils.translation import gettext_lazy as _

from .collation import NORWEGIAN

# Realistic maxima, enforced by validators and database constraints on both databases, so no
# sum over the records can overflow SQLite's 64-bit integers.
MAX_PEOPLE = 1_000_000  # participants or registrants of one activity
MAX_AMOUNT_NOK = 10**13  # an estimated value


class LookupManager(models.Manager[Any]):
    def get_by_natural_key(self, code: str) -> Any:
        return self.get(code=code)


class Lookup(models.Model):
    """A value in a lookup table that staff edit in admin (sector, procedure, phase, ...).

    Its natural key is its code, so fixtures refer to "helse", not to an id that depends on
    the order rows were created in.
    """

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True, db_collation=NORWEGIAN)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = LookupManager()

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str]:
        return (self.code,)


class ConstraintFields:
    """Mixin for models: `constraint_fields` names the field each Meta.constraint is about.

    The constraints are the one statement of a rule the database enforces. A form, an API
    serializer or a service checks a record against them with `constraint_errors`, which files
    each message under the field it names, so a client sees the message next to its input.
    """

    constraint_fields: ClassVar[dict[str, str]] = {}


def constraint_errors(instance: models.Model, exclude: Iterable[str] = ()) -> dict[str, list[str]]:
    """The messages of the model's Meta.constraints that `instance` breaks, by field.

    Constraints that refer to a field in `exclude` are skipped (Django's own rule), e.g. the
    procurement of a participation that is not saved yet. Empty when every constraint holds.
    """
    model = type(instance)
    fields: dict[str, str] = getattr(model, "constraint_fields", {})
    using = router.db_for_write(model, instance=instance)
    errors: dict[str, list[str]] = {}
    for constraint in model._meta.constraints:
        try:
            constraint.validate(model, instance, exclude=set(exclude), using=using)
        except ValidationError as exc:
            key = fields.get(constraint.name, NON_FIELD_ERRORS)
            errors.setdefault(key, []).extend(exc.messages)
    return errors
