from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    """The counting module, the registry of figures, the stats API and the figure exports."""

    name = "lup.reporting"
    label = "reporting"
    verbose_name = _("Annual figures")

    def ready(self) -> None:
        from .dataversion import install_after_migrate

        # After every migrate (and flush), so that tables created or rebuilt since get their
        # data-version triggers (lup/reporting/dataversion.py).
        post_migrate.connect(install_after_migrate, sender=self)
