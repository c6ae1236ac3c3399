from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Shared code that knows no domain: an app for its translations, the Norwegian collation
    (its migration on PostgreSQL, its function on SQLite) and the lookup-code guard."""

    name = "lup.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from simple_history.signals import pre_create_historical_record

        from .collation import register_sqlite_collation
        from .history import keep_username, skip_history_of_raw_loads

        connection_created.connect(register_sqlite_collation, dispatch_uid="lup_nb_collation")
        pre_create_historical_record.connect(keep_username, dispatch_uid="lup_history_username")
        post_save.connect(skip_history_of_raw_loads, dispatch_uid="lup_history_raw_loads")
