"""Admin forms for public bodies and code lists: organisation numbers are normalised before the
model validates them, so "972 418 013" is accepted and stored as 972418013.

The model's own clean() normalises too, but Model.full_clean() checks the field's max_length
before clean() runs, so a form has to compact the typed value first."""

from django import forms
from django.utils.text import capfirst

from .models import Municipality, PublicBody
from .validators import normalize_org_number

# Room for the separators people type ("972 418 013", "972-418-013"), which normalisation
# strips; the model field (max 9 characters, validate_org_number, the 9-digit check
# constraint) judges the result.
TYPED_ORG_NUMBER_MAX_LENGTH = 20


def org_number_field(model) -> forms.CharField:
    model_field = model._meta.get_field("org_number")
    return forms.CharField(
        label=capfirst(model_field.verbose_name),
        help_text=model_field.help_text,
        max_length=TYPED_ORG_NUMBER_MAX_LENGTH,
        required=False,
    )


class PublicBodyForm(forms.ModelForm):
    org_number = org_number_field(PublicBody)

    class Meta:
        model = PublicBody
        fields = ["name", "org_number", "body_type", "notes"]

    def clean_org_number(self) -> str | None:
        # Empty becomes NULL, not "", so the unique constraint only bites on given numbers.
        return normalize_org_number(self.cleaned_data.get("org_number"))


class MunicipalityForm(forms.ModelForm):
    org_number = org_number_field(Municipality)

    class Meta:
        model = Municipality
        fields = ["number", "name", "county", "org_number", "valid_from", "valid_to", "body"]

    def clean_org_number(self) -> str:
        return normalize_org_number(self.cleaned_data.get("org_number")) or ""
