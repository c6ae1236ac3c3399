"""Outreach activities (formidling) and web posts."""

from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lup.core.collation import NORWEGIAN
from lup.core.dates import validate_plausible_date
from lup.core.history import record_history
from lup.core.models import MAX_PEOPLE, ConstraintFields, Lookup
from procurements.models import Procurement

WEBINAR = "webinar"  # ActivityKind.code whose activities count as webinars (counting rule 6)
# Codes the counting rules name: read-only in admin, and the database refuses to change them
# (a trigger, migration 0006_protect_counted_kind_codes).
PROTECTED_KIND_CODES = frozenset({WEBINAR})


class ActivityKind(Lookup):
    """Kind of outreach activity: talk, course, webinar, conference, network meeting, other."""

    history = record_history()

    class Meta(Lookup.Meta):
        verbose_name = _("activity kind")
        verbose_name_plural = _("activity kinds")


class OutreachActivity(ConstraintFields, models.Model):
    """A talk, course, webinar, conference or meeting LUP held or took part in."""

    date = models.DateField(_("date"), validators=[validate_plausible_date])
    title = models.CharField(_("title"), max_length=250, db_collation=NORWEGIAN)
    kind = models.ForeignKey(
        ActivityKind, verbose_name=_("kind"), on_delete=models.PROTECT, related_name="activities"
    )
    participants = models.PositiveIntegerField(
        _("participants"), default=0, validators=[MaxValueValidator(MAX_PEOPLE)]
    )
    registrants = models.PositiveIntegerField(
        _("registrants"),
        default=0,
        validators=[MaxValueValidator(MAX_PEOPLE)],
        help_text=_("Registrations, for webinars."),
    )
    location = models.CharField(_("place"), max_length=150, blank=True)
    procurements = models.ManyToManyField(
        Procurement,
        verbose_name=_("related procurements"),
        blank=True,
        related_name="outreach_activities",
    )
    notes = models.TextField(_("notes"), blank=True)

    # The links to procurements are in the history too: each change of them writes a
    # historical row with the links as they were then.
    history = record_history(m2m_fields=[procurements])

    constraint_fields = {
        "outreach_participants_not_negative": "participants",
        "outreach_registrants_not_negative": "registrants",
        "outreach_participants_realistic": "participants",
        "outreach_registrants_realistic": "registrants",
    }

    class Meta:
        verbose_name = _("outreach activity")
        verbose_name_plural = _("outreach activities")
        ordering = ["-date", "title", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(participants__gte=0),
                name="outreach_participants_not_negative",
                violation_error_message=_("Participants cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(registrants__gte=0),
                name="outreach_registrants_not_negative",
                violation_error_message=_("Registrants cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(participants__lte=MAX_PEOPLE),
                name="outreach_participants_realistic",
                violation_error_message=_("Participants cannot be more than 1,000,000."),
            ),
            models.CheckConstraint(
                condition=Q(registrants__lte=MAX_PEOPLE),
                name="outreach_registrants_realistic",
                violation_error_message=_("Registrants cannot be more than 1,000,000."),
            ),
        ]
        indexes = [
            # The figures of a year count and sum the activities from the index alone on
            # PostgreSQL (an index-only scan; SQLite leaves out the INCLUDE columns).
            models.Index(
                fields=["date"],
                include=["kind", "participants", "registrants"],
                name="activity_date_covering_idx",
            ),
            # The webinars of a year: their kind's range of the index, not every activity.
            models.Index(
                fields=["kind", "date"], include=["registrants"], name="activity_kind_date_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.title}"


class Publication(models.Model):
    """A web post published on LUP's site."""

    title = models.CharField(_("title"), max_length=250, db_collation=NORWEGIAN)
    url = models.URLField(_("URL"), blank=True)
    published_on = models.DateField(_("published on"), validators=[validate_plausible_date])

    history = record_history()

    class Meta:
        verbose_name = _("web post")
        verbose_name_plural = _("web posts")
        ordering = ["-published_on", "title", "id"]
        indexes = [models.Index(fields=["published_on"])]

    def __str__(self) -> str:
        return self.title
