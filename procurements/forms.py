"""Admin forms for procurements: the one-lead rule checked over all participations at once."""

from django import forms
from django.core.exceptions import ValidationError

from .models import Participation, Procurement
from .services import lead_last, validate_participants_have_lead


class ProcurementForm(forms.ModelForm):
    class Meta:
        model = Procurement
        fields = [
            "title",
            "description",
            "sector",
            "procedure",
            "phase",
            "outcome",
            "started_on",
            "ended_on",
            "adviser",
            "doffin_procedure_id",
            "doffin_notice_ids",
            "estimated_value_nok",
            "notes",
        ]

    def clean_doffin_notice_ids(self):
        # An emptied box means "no notice ids", not a null the model would refuse.
        value = self.cleaned_data.get("doffin_notice_ids")
        return [] if value is None else value


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
