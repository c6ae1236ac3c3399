from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransferConfig(AppConfig):
    """Spreadsheet import and export of the whole portfolio (docs/import.md)."""

    name = "lup.transfer"
    label = "transfer"
    verbose_name = _("Spreadsheet import and export")
