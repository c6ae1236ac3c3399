"""Programme-level models. No tables: only a permission holder for the dashboard."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Dashboard(models.Model):
    """Carries the `lup.view_dashboard` permission; the dashboard itself reads lup.figures.

    Unmanaged, so no table is created: Django still creates its content type and permission.
    """

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [("view_dashboard", _("Can view the manager dashboard"))]
        verbose_name = _("dashboard")
        verbose_name_plural = _("dashboards")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)
