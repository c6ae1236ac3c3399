"""The change history of every record type (django-simple-history), with the user's name kept
as text.

simple-history links a historical row to its user by a foreign key set to NULL when the user is
deleted, so the name of whoever made a change vanished with the account. `record_history()`
gives the historical model a `history_username` column, filled when the row is written (the
signal below), which stays when the account goes.
"""

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class HistoryUsername(models.Model):
    """The base of every historical model: the user name of whoever made the change."""

    history_username = models.CharField(
        _("changed by (user name)"), max_length=150, blank=True, default=""
    )

    class Meta:
        abstract = True


def record_history(**kwargs: Any) -> HistoricalRecords:
    """HistoricalRecords for a model of this project: `history = record_history()`."""
    return HistoricalRecords(bases=[HistoryUsername], **kwargs)


def keep_username(sender: Any, history_instance: Any = None, **kwargs: Any) -> None:
    """pre_create_historical_record: copy the user's name into the row being written."""
    user = kwargs.get("history_user") or getattr(history_instance, "history_user", None)
    if user is not None and hasattr(history_instance, "history_username"):
        history_instance.history_username = user.get_username()


def skip_history_of_raw_loads(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    """post_save: a raw save (loaddata) writes no history, and neither does the many-to-many
    set that loaddata makes right after it on the same object (simple-history records m2m
    changes, and its m2m handler knows nothing of raw saves)."""
    if raw:
        instance.skip_history_when_saving = True


def username_of(record: Any) -> str:
    """The user name of a historical row: the account's, else the name kept in the row."""
    user = record.history_user
    if user is not None:
        return str(user.get_username())
    return str(getattr(record, "history_username", "") or "")


def fill_usernames(app_label: str) -> Any:
    """A RunPython function for a migration adding history_username: the rows written before
    it get the name of their user, while the account still exists."""

    def fill(apps: Any, schema_editor: Any) -> None:
        from django.db.models import OuterRef, Subquery

        user_model = apps.get_model(*_user_model_label().split("."))
        for model in apps.get_app_config(app_label).get_models():
            if not model.__name__.startswith("Historical") or not hasattr(
                model, "history_username"
            ):
                continue
            # Models in a migration's state have fields only, not USERNAME_FIELD.
            name_field = getattr(user_model, "USERNAME_FIELD", "username")
            usernames = user_model.objects.filter(pk=OuterRef("history_user_id")).values(
                name_field
            )[:1]
            model.objects.filter(history_user__isnull=False).update(
                history_username=Subquery(usernames)
            )

    return fill


def _user_model_label() -> str:
    from django.conf import settings

    return str(settings.AUTH_USER_MODEL)
