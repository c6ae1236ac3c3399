"""Model building blocks that know no domain: lookup tables, constraint messages by field, and
the API keys."""

import datetime
from collections.abc import Iterable
from typing import Any, ClassVar

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, router
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework_api_key.models import AbstractAPIKey, BaseAPIKeyManager

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


class ApiKeyManager(BaseAPIKeyManager):
    def get_usable_keys(self) -> models.QuerySet[Any]:
        # The key's user is read with the key: every authenticated request needs it.
        return super().get_usable_keys().select_related("user")


def default_api_key_expiry() -> datetime.datetime:
    """A new key's expiry: LUP_API_KEY_MAX_AGE_DAYS (settings) from now."""
    return timezone.now() + datetime.timedelta(days=settings.LUP_API_KEY_MAX_AGE_DAYS)


class ApiKey(AbstractAPIKey):
    """An API key for a client outside the browser (djangorestframework-api-key).

    Only a hash of the key is stored (SHA-512 of a 32-character random secret); the key is
    shown once, when a superuser creates it in admin, and then only its prefix. A request
    with `Authorization: Api-Key <key>` acts as `user`, with that user's permissions, and
    only reads while `read_only` is set. Each use is logged (lup.core.api.authentication).

    The model also carries the permission `core.read_api`: read every record and figure
    through the API (the API readers' role, lup.dashboard.roles).
    """

    prefix = models.CharField(_("prefix"), max_length=8, unique=True, editable=False)
    created = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    name = models.CharField(
        _("name"), max_length=50, help_text=_("What the key is for, e.g. the client's name.")
    )
    revoked = models.BooleanField(
        _("revoked"),
        blank=True,
        default=False,
        help_text=_("A revoked key can no longer be used. This cannot be undone."),
    )
    expiry_date = models.DateTimeField(
        _("expires"),
        blank=True,
        null=True,
        help_text=_("After this the key can no longer be used."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_keys",
        verbose_name=_("user"),
        help_text=_("The key acts as this user, with the user's permissions."),
    )
    read_only = models.BooleanField(
        _("read only"),
        default=True,
        help_text=_("A read-only key can only read (GET), whatever the user may do."),
    )
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    last_used_ip = models.GenericIPAddressField(
        _("last used from"), null=True, blank=True, editable=False
    )

    objects = ApiKeyManager()  # type: ignore[misc,assignment]

    class Meta(AbstractAPIKey.Meta):
        verbose_name = _("API key")  # type: ignore[assignment]
        verbose_name_plural = _("API keys")  # type: ignore[assignment]
        permissions = [("read_api", _("Can read every record and figure through the API"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expiry_date__isnull=False), name="apikey_has_expiry"
            )
        ]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.expiry_date is None:
            self.expiry_date = default_api_key_expiry()
        super().save(*args, **kwargs)
