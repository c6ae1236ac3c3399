from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OcdsConfig(AppConfig):
    """The OCDS export of the procurements (docs/ocds.md); an app for its settings check and
    translations."""

    name = "lup.ocds"
    label = "ocds"
    verbose_name = _("OCDS export")

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the settings check)
