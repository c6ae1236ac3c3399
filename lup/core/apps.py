from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Shared code that knows no domain; an app only so that its translations are found."""

    name = "lup.core"
    label = "core"
    verbose_name = _("Core")
