from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    """The managers' dashboard: pages, templates, static files, its permission and the roles."""

    name = "lup.dashboard"
    label = "dashboard"
    verbose_name = _("Dashboard")

    def ready(self):
        from .roles import sync_groups_after_migrate

        # Sent for this app after every migrate (and after a test database flush).
        post_migrate.connect(sync_groups_after_migrate, sender=self)
