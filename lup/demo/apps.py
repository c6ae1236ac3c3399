from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The illustrative demo portfolio and its commands; installed by the local and test
    settings only, so production has no demo command."""

    name = "lup.demo"
    label = "demo"
    verbose_name = _("Demo data")
