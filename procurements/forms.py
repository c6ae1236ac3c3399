"""Admin forms for procurements: the one-lead rule checked over all participations at once."""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lup.core.dates import validate_plausible_date

from .models import Participation, Procurement, validate_doffin_notice_id
from .services import default_phase_date, lead_last, validate_participants_have_lead


class DoffinNoticeIdsField(forms.CharField):
    """Doffin notice ids, one per line (or separated by commas), each checked against
    Doffin's format (e.g. 2023-123456); the model keeps them as a list of strings."""

    widget = forms.Textarea(attrs={"rows": 3, "cols": 24, "spellcheck": "false"})

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(value)
        return value

    def to_python(self, value) -> list[str]:
        if isinstance(value, list | tuple):
            items = [str(item).strip() for item in value]
        else:
            items = [item.strip() for item in re.split(r"[\s,;]+", value or "")]
        ids = []
        for item in items:
            if item and item not in ids:
                ids.append(item)
        return ids

    def validate(self, value) -> None:
        errors = []
        for notice_id in value:
            try:
                validate_doffin_notice_id(notice_id)
            except ValidationError as exc:
                errors.extend(exc.error_list)
        if errors:
            raise ValidationError(errors)

    def has_changed(self, initial, data) -> bool:
        return (initial or []) != self.to_python(data)


class ProcurementForm(forms.ModelForm):
    doffin_notice_ids = DoffinNoticeIdsField(
        label=_("Doffin notice ids"),
        required=False,
        help_text=_("One per line, in Doffin's format, e.g. 2023-123456."),
    )
    phase_changed_on = forms.DateField(
        label=_("Phase changed on"),
        required=False,
        help_text=_(
            "The day the procurement entered the phase above, recorded in its phase history "
            "when the phase changes. Empty: the start date if it is in the past and the "
            "procurement has no phase history yet, otherwise today."
        ),
    )

    class Meta:
        model = Procurement
        fields = [
            "title",
            "description",
            "sector",
            "procedure",
            "phase",
            "phase_changed_on",
            "outcome",
            "started_on",
            "ended_on",
            "adviser",
            "reference",
            "doffin_procedure_id",
            "doffin_notice_ids",
            "estimated_value_nok",
            "notes",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase_changed_on"].widget = self.fields["started_on"].widget.__class__()
        if self.instance.pk:
            self.fields["phase_changed_on"].initial = default_phase_date(self.instance)

    def clean_phase_changed_on(self):
        day = self.cleaned_data.get("phase_changed_on")
        if day is not None and day > timezone.localdate():
            raise ValidationError(
                _("A phase change cannot be dated in the future."), code="future_phase_change"
            )
        validate_plausible_date(day)
        return day

    def phase_change_date(self) -> datetime.date:
        """The date to record the new phase on: the adviser's, or the default."""
        return self.cleaned_data.get("phase_changed_on") or default_phase_date(self.instance)


class ParticipationInlineFormSet(forms.BaseInlineFormSet):
    """The participations of one procurement, edited together on the procurement's page.

    clean() checks the one-lead rule over the rows as they will be saved, so the user gets a
    message instead of the database's partial unique index (participation_one_lead) failing.
    The per-row forms do not check that index themselves: the procurement is the formset's
    foreign key and excluded from their validation, which is what lets staff move the lead
    role from one body to another in a single save.
    """

    def clean(self) -> None:
        super().clean()
        roles = [
            form.cleaned_data["role"]
            for form in self.forms
            if form.cleaned_data.get("role") and not self._should_delete_form(form)
        ]
        validate_participants_have_lead(roles)

    _saving_existing = False

    @property
    def initial_forms(self):
        forms_ = super().initial_forms
        if not self._saving_existing:
            return forms_
        # Django deletes and saves the rows in this order: one that never holds two leads
        # (services.lead_last), a row being deleted counting as no lead.
        return lead_last(
            forms_, lambda form: "" if self._should_delete_form(form) else form.instance.role
        )

    def save_existing_objects(self, commit=True):
        self._saving_existing = True
        try:
            return super().save_existing_objects(commit)
        finally:
            self._saving_existing = False


class ParticipationForm(forms.ModelForm):
    """A single participation edited on its own page.

    A second lead is reported by the participation_one_lead constraint's own message; this
    form adds the other half of the rule: the procurement must keep a lead.
    """

    class Meta:
        model = Participation
        fields = ["procurement", "body", "role", "joined_on", "left_on"]

    def clean(self):
        cleaned_data = super().clean()
        procurement, role = cleaned_data.get("procurement"), cleaned_data.get("role")
        if procurement is not None and role:
            others = (
                Participation.objects.filter(procurement=procurement)
                .exclude(pk=self.instance.pk)
                .values_list("role", flat=True)
            )
            try:
                validate_participants_have_lead([*others, role])
            except ValidationError as exc:
                if exc.code != "several_leads":
                    raise
        return cleaned_data
