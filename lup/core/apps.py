from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Shared code that knows no domain: an app for its translations, the Norwegian collation
    (its migration on PostgreSQL, its function on SQLite) and the lookup-code guard."""

    name = "lup.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from .collation import register_sqlite_collation

        connection_created.connect(register_sqlite_collation, dispatch_uid="lup_nb_collation")
