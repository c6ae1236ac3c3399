"""The data version: one row whose number changes whenever a table the figures read changes.

Database triggers (lup.reporting.dataversion) set it on every INSERT, UPDATE, DELETE and
TRUNCATE of those tables, in the writing transaction, whatever wrote: admin, the API, an
import, QuerySet.update(), bulk_create, a cascade, a history revert or loaddata. The cache of
figures (lup.reporting.summary) is keyed by it, so a cached figure is never older than the
records.
"""

from django.db import models


class DataVersion(models.Model):
    """The one row (id 1) with the current data version.

    `epoch` is a random number set whenever the triggers are installed (every migrate): a
    database made anew, whose sequence starts again, does not meet the cache entries of the
    one before it in a shared Redis.
    """

    epoch = models.BigIntegerField(default=0)
    version = models.BigIntegerField(default=0)

    class Meta:
        db_table = "reporting_dataversion"
        default_permissions = ()

    def __str__(self) -> str:
        return str(self.version)
