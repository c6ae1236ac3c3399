from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    """The counting module, the registry of figures, the stats API and the figure exports."""

    name = "lup.reporting"
    label = "reporting"
    verbose_name = _("Annual figures")
