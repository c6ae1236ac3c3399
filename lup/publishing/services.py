"""Publishing a year's figures: one new, immutable version of the year, in one transaction."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from lup.reporting import figures

from .models import FigurePublication
from .selectors import counted_ids


def publish(
    year: int,
    user: Any = None,
    note: str = "",
    correction_reason: str = "",
    published_at: datetime.datetime | None = None,
) -> FigurePublication:
    """Publish `year`'s figures as they are now counted from the records: the figures, the ids
    of the records behind each, the report's breakdowns and the year before.

    The first publication of a year is version 1; a later one is a correction and needs a
    reason. A year that is not over cannot be published. Raises ValidationError.
    """
    note, correction_reason = note.strip(), correction_reason.strip()
    published_at = published_at or timezone.now()
    if year >= timezone.localdate(published_at).year:
        raise ValidationError(
            {
                "year": _("%(year)s is not over yet; only a past year can be published.")
                % {"year": year}
            }
        )
    with transaction.atomic():
        last = FigurePublication.objects.filter(year=year).aggregate(v=Max("version"))["v"]
        version = (last or 0) + 1
        if version > 1 and not correction_reason:
            raise ValidationError(
                {
                    "correction_reason": _(
                        "%(year)s is already published; a corrected version needs a reason."
                    )
                    % {"year": year}
                }
            )
        current = figures.annual_figures(year)
        publication = FigurePublication(
            year=year,
            version=version,
            figures=current,
            record_ids=counted_ids(year),
            breakdowns={
                "outreach_by_month": figures.outreach_by_month(year),
                "municipal_coverage_by_county": figures.municipal_coverage_by_county(year),
                "previous_year": figures.annual_figures(year - 1),
            },
            published_at=published_at,
            published_by=user if user is not None and user.is_authenticated else None,
            published_by_name=user.get_username() if user is not None else "",
            note=note,
            correction_reason=correction_reason if version > 1 else "",
        )
        publication.full_clean()
        try:
            with transaction.atomic():
                publication.save()
        except IntegrityError as exc:
            # Another publication of the same version won the race.
            raise ValidationError(
                {"version": _("This version of the year is already published.")}
            ) from exc
    return publication
