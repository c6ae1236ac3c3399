"""Innovative procurements, the bodies in them, their phase history and resulting solutions."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lup.core.collation import NORWEGIAN
from lup.core.dates import validate_plausible_date
from lup.core.history import record_history
from lup.core.models import MAX_AMOUNT_NOK, ConstraintFields, Lookup
from partners.models import PublicBody

# A Doffin notice id: the year, a hyphen and six digits, e.g. 2023-123456.
DOFFIN_NOTICE_ID = re.compile(r"^(19|20)[0-9]{2}-[0-9]{6}$")


def validate_doffin_notice_id(value: str) -> None:
    if not DOFFIN_NOTICE_ID.match(value):
        raise ValidationError(
            _(
                "%(value)s is not a Doffin notice id: give the year, a hyphen and six digits, "
                "e.g. 2023-123456."
            ),
            code="invalid_doffin_notice_id",
            params={"value": value},
        )


class Sector(Lookup):
    """Fagområde: the policy area a procurement serves."""

    history = record_history()

    class Meta(Lookup.Meta):
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")


class Procedure(Lookup):
    """The procurement procedure, e.g. innovasjonspartnerskap."""

    history = record_history()

    class Meta(Lookup.Meta):
        verbose_name = _("procedure")
        verbose_name_plural = _("procedures")


class Phase(Lookup):
    """A phase of LUP's procurement method, e.g. behovsavklaring."""

    history = record_history()

    class Meta(Lookup.Meta):
        verbose_name = _("phase")
        verbose_name_plural = _("phases")


class Outcome(models.TextChoices):
    ONGOING = "ongoing", _("Ongoing")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class Procurement(ConstraintFields, models.Model):
    """An innovative procurement (innovativ anskaffelse) LUP works on.

    started_on empty means planned: it counts in no year.
    """

    title = models.CharField(_("title"), max_length=250, db_collation=NORWEGIAN)
    # The import key (lup.transfer): a stable id from the records' own spreadsheet, so a
    # re-import finds the same procurement. Unique where given.
    reference = models.CharField(
        _("reference"),
        max_length=50,
        blank=True,
        help_text=_(
            "A stable key for this procurement in LUP's own spreadsheets, e.g. LUP-2023-014. "
            "The spreadsheet import finds the procurement by it."
        ),
    )
    description = models.TextField(_("description"), blank=True)
    sector = models.ForeignKey(
        Sector, verbose_name=_("sector"), on_delete=models.PROTECT, related_name="procurements"
    )
    procedure = models.ForeignKey(
        Procedure,
        verbose_name=_("procedure"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="procurements",
    )
    phase = models.ForeignKey(
        Phase,
        verbose_name=_("current phase"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="procurements",
    )
    started_on = models.DateField(
        _("started on"), null=True, blank=True, validators=[validate_plausible_date]
    )
    ended_on = models.DateField(
        _("ended on"), null=True, blank=True, validators=[validate_plausible_date]
    )
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.ONGOING
    )
    adviser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("LUP adviser"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="advised_procurements",
    )
    doffin_procedure_id = models.CharField(_("Doffin procedure id"), max_length=50, blank=True)
    doffin_notice_ids = models.JSONField(
        _("Doffin notice ids"),
        default=list,
        blank=True,
        help_text=_('A list of Doffin notice ids, e.g. ["2023-123456"].'),
    )
    estimated_value_nok = models.PositiveBigIntegerField(
        _("estimated value (NOK)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_AMOUNT_NOK)],
    )
    notes = models.TextField(_("notes"), blank=True)
    bodies = models.ManyToManyField(
        PublicBody, through="Participation", related_name="procurements", blank=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = record_history()

    constraint_fields = {
        "procurement_ended_needs_start": "ended_on",
        "procurement_ended_after_started": "ended_on",
        "procurement_outcome_valid": "outcome",
        "procurement_value_realistic": "estimated_value_nok",
        "procurement_reference_unique": "reference",
    }

    class Meta:
        verbose_name = _("procurement")
        verbose_name_plural = _("procurements")
        ordering = ["-started_on", "title", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(started_on__isnull=False),
                name="procurement_ended_needs_start",
                violation_error_message=_("A procurement cannot end without a start date."),
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(ended_on__gte=models.F("started_on")),
                name="procurement_ended_after_started",
                violation_error_message=_("A procurement cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(outcome__in=[c.value for c in Outcome]),
                name="procurement_outcome_valid",
                violation_error_message=_("Unknown outcome."),
            ),
            models.UniqueConstraint(
                fields=["reference"],
                condition=~Q(reference=""),
                name="procurement_reference_unique",
                violation_error_message=_("Another procurement has this reference."),
            ),
            models.CheckConstraint(
                condition=Q(estimated_value_nok__isnull=True)
                | Q(estimated_value_nok__lte=MAX_AMOUNT_NOK),
                name="procurement_value_realistic",
                violation_error_message=_(
                    "An estimated value cannot be more than NOK 10,000,000,000,000."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["started_on"]),
            models.Index(fields=["ended_on"]),
            # The lists' order (Meta.ordering): a page walks the index instead of a sort.
            models.Index(fields=["-started_on", "title", "id"], name="procurement_list_order_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if not isinstance(self.doffin_notice_ids, list) or not all(
            isinstance(item, str) for item in self.doffin_notice_ids
        ):
            raise ValidationError(
                {"doffin_notice_ids": _("Give the notice ids as a list of strings.")}
            )


class Role(models.TextChoices):
    LEAD = "lead", _("Lead")
    PARTICIPANT = "participant", _("Participant")
    OBSERVER = "observer", _("Observer")


class Participation(ConstraintFields, models.Model):
    """A public body in a procurement, for the period joined_on..left_on (both optional)."""

    procurement = models.ForeignKey(
        Procurement,
        verbose_name=_("procurement"),
        on_delete=models.CASCADE,
        related_name="participations",
    )
    body = models.ForeignKey(
        PublicBody,
        verbose_name=_("public body"),
        on_delete=models.PROTECT,
        related_name="participations",
    )
    role = models.CharField(
        _("role"), max_length=12, choices=Role.choices, default=Role.PARTICIPANT
    )
    joined_on = models.DateField(
        _("joined on"), null=True, blank=True, validators=[validate_plausible_date]
    )
    left_on = models.DateField(
        _("left on"), null=True, blank=True, validators=[validate_plausible_date]
    )

    history = record_history()

    constraint_fields = {
        "participation_one_per_body": "body",
        "participation_one_lead": "role",
        "participation_left_after_joined": "left_on",
        "participation_role_valid": "role",
    }

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["procurement_id", "role", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["procurement", "body"],
                name="participation_one_per_body",
                violation_error_message=_("This body already takes part in this procurement."),
            ),
            models.UniqueConstraint(
                fields=["procurement"],
                condition=Q(role="lead"),
                name="participation_one_lead",
                violation_error_message=_("A procurement has exactly one lead."),
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True)
                | Q(joined_on__isnull=True)
                | Q(left_on__gte=models.F("joined_on")),
                name="participation_left_after_joined",
                violation_error_message=_("A body cannot leave before it joins."),
            ),
            models.CheckConstraint(
                condition=Q(role__in=[c.value for c in Role]),
                name="participation_role_valid",
                violation_error_message=_("Unknown role."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.body} – {self.procurement} ({self.get_role_display()})"


class PhaseChange(ConstraintFields, models.Model):
    """Dated phase history of a procurement: it entered `phase` on `changed_on`."""

    procurement = models.ForeignKey(
        Procurement,
        verbose_name=_("procurement"),
        on_delete=models.CASCADE,
        related_name="phase_changes",
    )
    phase = models.ForeignKey(
        Phase, verbose_name=_("phase"), on_delete=models.PROTECT, related_name="phase_changes"
    )
    changed_on = models.DateField(_("date"), validators=[validate_plausible_date])
    note = models.CharField(_("note"), max_length=250, blank=True)

    history = record_history()

    constraint_fields = {"phasechange_unique_per_day": "changed_on"}

    class Meta:
        verbose_name = _("phase change")
        verbose_name_plural = _("phase history")
        ordering = ["procurement_id", "changed_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["procurement", "phase", "changed_on"],
                name="phasechange_unique_per_day",
                violation_error_message=_("This phase change is already recorded."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.procurement}: {self.phase} ({self.changed_on})"


class Solution(models.Model):
    """A solution written up on "Finn løsninger", usually the result of a procurement."""

    name = models.CharField(_("name"), max_length=250, db_collation=NORWEGIAN)
    supplier = models.CharField(_("supplier"), max_length=250, blank=True)
    procurement = models.ForeignKey(
        Procurement,
        verbose_name=_("procurement"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="solutions",
    )
    published_on = models.DateField(
        _("published on"), null=True, blank=True, validators=[validate_plausible_date]
    )
    url = models.URLField(_("URL"), blank=True)
    description = models.TextField(_("description"), blank=True)

    history = record_history()

    class Meta:
        verbose_name = _("solution")
        verbose_name_plural = _("solutions")
        ordering = ["-published_on", "name", "id"]
        indexes = [models.Index(fields=["published_on"])]

    def __str__(self) -> str:
        return self.name
