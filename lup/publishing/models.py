"""A publication: one year's figures as they were published, immutable.

A publication holds the year's complete figures in the registry's shape
(lup.reporting.registry.AnnualFigures), and for every figure counted from a selector the ids of
the records it counted, so the drill-down of a published figure lists exactly those records and
the difference to the live figures can be explained record by record. A correction is a new
version of the same year, with a reason; no version is ever changed or deleted: save() of a
stored one, delete() and the queryset's update() and delete() raise, the admin has no add,
change or delete, and a database trigger refuses an UPDATE (and a DELETE on PostgreSQL, where
the test runner's flush uses TRUNCATE, which row triggers do not see).
"""

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lup.core.models import ConstraintFields

TABLE = "publishing_figurepublication"
PUBLISH_PERMISSION = "publishing.publish_figures"


class PublicationImmutable(Exception):
    """A publication was to be changed or deleted: publications are never changed."""

    def __init__(self) -> None:
        super().__init__(
            "A publication of figures cannot be changed or deleted; publish a corrected version."
        )


class PublicationQuerySet(models.QuerySet["FigurePublication"]):
    def update(self, **kwargs: Any) -> int:
        raise PublicationImmutable()

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PublicationImmutable()

    def latest_per_year(self) -> "PublicationQuerySet":
        """The latest version of each published year, oldest year first."""
        newer = FigurePublication.objects.filter(
            year=models.OuterRef("year"), version__gt=models.OuterRef("version")
        )
        return self.filter(~models.Exists(newer)).order_by("year")


class FigurePublication(ConstraintFields, models.Model):
    year = models.PositiveSmallIntegerField(_("year"))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    figures = models.JSONField(
        _("figures"), help_text=_("The year's figures as published (the registry's shape).")
    )
    record_ids = models.JSONField(
        _("counted records"),
        help_text=_("For each figure counted from records, the ids of the records it counted."),
    )
    breakdowns = models.JSONField(
        _("breakdowns"),
        default=dict,
        help_text=_(
            "What the printed report shows besides the figures, as it was at publication: "
            "outreach by month, municipal coverage by county, the figures of the year before."
        ),
    )
    published_at = models.DateTimeField(_("published at"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        # A user who published stays: deactivate instead (the publication names them).
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    published_by_name = models.CharField(_("published by (username)"), max_length=150, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    correction_reason = models.CharField(_("reason for the correction"), max_length=500, blank=True)

    objects = PublicationQuerySet.as_manager()

    constraint_fields: ClassVar[dict[str, str]] = {
        "publication_year_version_unique": "version",
        "publication_correction_has_reason": "correction_reason",
        "publication_version_positive": "version",
    }

    class Meta:
        verbose_name = _("publication of figures")
        verbose_name_plural = _("publications of figures")
        ordering = ["-year", "-version"]
        # No add, change or delete permission: publishing is its own permission, and nobody
        # changes or deletes a publication.
        default_permissions = ("view",)
        permissions = [("publish_figures", _("Can publish a year's figures"))]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "version"],
                name="publication_year_version_unique",
                violation_error_message=_("This version of the year is already published."),
            ),
            models.CheckConstraint(
                condition=Q(version=1) | ~Q(correction_reason=""),
                name="publication_correction_has_reason",
                violation_error_message=_("A corrected version needs a reason."),
            ),
            models.CheckConstraint(
                condition=Q(version__gte=1),
                name="publication_version_positive",
                violation_error_message=_("The version is a whole number from 1."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} v{self.version}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise PublicationImmutable()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PublicationImmutable()

    @property
    def is_correction(self) -> bool:
        return self.version > 1

    def ids_of(self, key: str) -> list[int]:
        """The ids of the records figure `key` counted (its registry key)."""
        return list(self.record_ids.get(key, []))
