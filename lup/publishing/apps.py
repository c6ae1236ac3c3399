from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    """Published figures: a year's figures frozen when the report goes out, with the records
    each figure counted; live against published; the public figures for LUP's website."""

    name = "lup.publishing"
    label = "publishing"
    verbose_name = _("Published figures")
