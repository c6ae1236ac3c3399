from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcurementsConfig(AppConfig):
    name = "procurements"
    verbose_name = _("Procurements")
