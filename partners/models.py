"""Public bodies, the dated municipality and county code lists, and LUP partnerships."""

import datetime

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lup.core.collation import NORWEGIAN
from lup.core.dates import validate_plausible_date
from lup.core.history import record_history
from lup.core.models import ConstraintFields

from .validators import (
    county_number_validator,
    municipality_number_validator,
    normalize_org_number,
    validate_org_number,
)


class ValidOnQuerySet(models.QuerySet):
    def valid_on(self, day: datetime.date):
        """Codes in force on `day`: valid_from <= day and (valid_to empty or >= day)."""
        return self.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day), valid_from__lte=day)


class BodyType(models.TextChoices):
    STATE = "state", _("State")
    COUNTY = "county", _("County authority")
    MUNICIPAL = "municipal", _("Municipality")
    OTHER = "other", _("Other")


class PublicBody(ConstraintFields, models.Model):
    """A public body (offentlig virksomhet) that can take part in procurements or be a partner."""

    name = models.CharField(_("name"), max_length=200, db_collation=NORWEGIAN)
    org_number = models.CharField(
        _("organisation number"),
        max_length=9,
        null=True,
        blank=True,
        unique=True,
        validators=[validate_org_number],
        help_text=_("9 digits from the Brønnøysund register (organisasjonsnummer)."),
    )
    body_type = models.CharField(_("type"), max_length=10, choices=BodyType.choices)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = record_history()

    constraint_fields = {
        "publicbody_body_type_valid": "body_type",
        "publicbody_org_number_9_digits": "org_number",
    }

    class Meta:
        verbose_name = _("public body")
        verbose_name_plural = _("public bodies")
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(body_type__in=[c.value for c in BodyType]),
                name="publicbody_body_type_valid",
                violation_error_message=_("Unknown body type."),
            ),
            models.CheckConstraint(
                condition=Q(org_number__isnull=True) | Q(org_number__regex=r"^[0-9]{9}$"),
                name="publicbody_org_number_9_digits",
                violation_error_message=_("An organisation number has exactly 9 digits."),
            ),
        ]
        indexes = [
            models.Index(fields=["body_type"]),
            # The lists' order (name in Norwegian order, then id): a page of bodies walks the
            # index instead of sorting every body that matches the filter.
            models.Index(fields=["name", "id"], name="publicbody_name_id_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean_fields(self, exclude=None) -> None:
        # Normalise before the field checks, so "972 418 013" is not refused for its length.
        self.org_number = normalize_org_number(self.org_number)
        super().clean_fields(exclude=exclude)


class County(ConstraintFields, models.Model):
    """A county (fylke) in the dated code list; `body` is its county authority."""

    number = models.CharField(
        _("county number"), max_length=2, validators=[county_number_validator]
    )
    name = models.CharField(_("name"), max_length=100, db_collation=NORWEGIAN)
    valid_from = models.DateField(_("valid from"), validators=[validate_plausible_date])
    valid_to = models.DateField(
        _("valid to"), null=True, blank=True, validators=[validate_plausible_date]
    )
    body = models.ForeignKey(
        PublicBody,
        verbose_name=_("county authority"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="counties",
    )

    objects = ValidOnQuerySet.as_manager()
    history = record_history()

    constraint_fields = {
        "county_number_valid_from_unique": "number",
        "county_number_2_digits": "number",
        "county_valid_to_after_valid_from": "valid_to",
    }

    class Meta:
        verbose_name = _("county")
        verbose_name_plural = _("counties")
        ordering = ["number", "valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["number", "valid_from"], name="county_number_valid_from_unique"
            ),
            models.CheckConstraint(
                condition=Q(number__regex=r"^[0-9]{2}$"),
                name="county_number_2_digits",
                violation_error_message=_("A county number has exactly 2 digits."),
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="county_valid_to_after_valid_from",
                violation_error_message=_("'Valid to' cannot be before 'valid from'."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"


class Municipality(ConstraintFields, models.Model):
    """A municipality (kommune) in the dated code list; `body` is the municipal body.

    A municipality renumbered in 2024 has two rows (one per code) pointing to the same body.
    """

    number = models.CharField(
        _("municipality number"), max_length=4, validators=[municipality_number_validator]
    )
    name = models.CharField(_("name"), max_length=100, db_collation=NORWEGIAN)
    county = models.ForeignKey(
        County, verbose_name=_("county"), on_delete=models.PROTECT, related_name="municipalities"
    )
    org_number = models.CharField(
        _("organisation number"),
        max_length=9,
        blank=True,
        validators=[validate_org_number],
        help_text=_("Organisation number of the municipal body."),
    )
    valid_from = models.DateField(_("valid from"), validators=[validate_plausible_date])
    valid_to = models.DateField(
        _("valid to"), null=True, blank=True, validators=[validate_plausible_date]
    )
    body = models.ForeignKey(
        PublicBody,
        verbose_name=_("municipal body"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="municipalities",
    )

    objects = ValidOnQuerySet.as_manager()
    history = record_history()

    constraint_fields = {
        "municipality_number_valid_from_unique": "number",
        "municipality_number_4_digits": "number",
        "municipality_valid_to_after_valid_from": "valid_to",
    }

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["number", "valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["number", "valid_from"], name="municipality_number_valid_from_unique"
            ),
            models.CheckConstraint(
                condition=Q(number__regex=r"^[0-9]{4}$"),
                name="municipality_number_4_digits",
                violation_error_message=_("A municipality number has exactly 4 digits."),
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="municipality_valid_to_after_valid_from",
                violation_error_message=_("'Valid to' cannot be before 'valid from'."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"


class Partnership(ConstraintFields, models.Model):
    """A public body's partnership agreement with LUP."""

    body = models.ForeignKey(
        PublicBody,
        verbose_name=_("public body"),
        on_delete=models.PROTECT,
        related_name="partnerships",
    )
    started_on = models.DateField(_("started on"), validators=[validate_plausible_date])
    ended_on = models.DateField(
        _("ended on"), null=True, blank=True, validators=[validate_plausible_date]
    )
    agreement_reference = models.CharField(_("agreement reference"), max_length=100, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    history = record_history()

    constraint_fields = {"partnership_ended_after_started": "ended_on"}

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["-started_on", "id"]
        # The first year with data and the new partners of a year start from started_on.
        indexes = [models.Index(fields=["started_on"], name="partnership_started_on_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="partnership_ended_after_started",
                violation_error_message=_("A partnership cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.body} ({self.started_on:%Y})"
