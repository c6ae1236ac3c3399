"""The dashboard's only model: the holder of its permission."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Dashboard(models.Model):
    """Carries the `dashboard.view_dashboard` permission; the dashboard reads its figures from
    lup.reporting.

    Its table stays empty. It is a managed model all the same, so that Django's own tools
    (dumpdata, flush, the test runner) find a table for every model.
    """

    class Meta:
        default_permissions = ()
        permissions = [("view_dashboard", _("Can view the manager dashboard"))]
        verbose_name = _("dashboard")
        verbose_name_plural = _("dashboards")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)
