from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LupConfig(AppConfig):
    name = "lup"
    verbose_name = _("LUP programme")
