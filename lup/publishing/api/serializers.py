"""The shapes of the published figures in the API: a publication, and the difference between
it and the live figures. Descriptions are for the API's users (the OpenAPI schema)."""

from rest_framework import serializers

from lup.reporting.api.serializers import AnnualFiguresSerializer


class FigurePublicationSerializer(serializers.Serializer):
    """One version of a year's published figures, as it was published. Publications never
    change: a correction is a new version of the same year, with its reason."""

    year = serializers.IntegerField(help_text="The year the figures are of.")
    version = serializers.IntegerField(
        help_text="1 for the first publication of the year, then 2, 3... for corrections."
    )
    published_at = serializers.DateTimeField(help_text="When it was published.")
    published_by = serializers.CharField(
        source="published_by_name",
        help_text="The username of who published it; empty when published by a script.",
    )
    note = serializers.CharField(help_text='A note on the publication, e.g. "Årsrapport 2023".')
    correction_reason = serializers.CharField(
        help_text="Why this version corrects the one before it; empty for version 1."
    )
    figures = AnnualFiguresSerializer(
        help_text="The year's figures as published, in the shape of /api/v1/stats/years/{year}/."
    )
    record_ids = serializers.DictField(
        child=serializers.ListField(child=serializers.IntegerField()),
        help_text=(
            "For every figure counted from records (by its key in `figures`, dotted for a "
            "nested one), the ids of the records it counted, ascending: the drill-down of the "
            "published figure, e.g. the procurements of procurements_started."
        ),
    )


class PublishedFieldChangeSerializer(serializers.Serializer):
    """A field of a record that changed: its value before and after (null when empty)."""

    name = serializers.CharField(help_text="The field's name, e.g. started_on.")
    # Fields named like Field.label and Serializer.fields: DRF's metaclass takes declared fields
    # off the class, so they are fields all the same.
    label = serializers.CharField(  # type: ignore[assignment]
        help_text="The field's name in the request's language."
    )
    old = serializers.JSONField(help_text="The value before (a date as YYYY-MM-DD).")
    new = serializers.JSONField(help_text="The value after.")


class PublishedChangeSerializer(serializers.Serializer):
    """An entry of a record's history after the publication."""

    kind = serializers.ChoiceField(
        ["created", "changed", "deleted"], help_text="What happened to the record."
    )
    at = serializers.DateTimeField(help_text="When.")
    by = serializers.CharField(help_text="The username of who did it; empty for a script.")
    fields = PublishedFieldChangeSerializer(  # type: ignore[assignment]
        many=True, help_text="For a change: the fields that changed."
    )
    via = serializers.CharField(
        help_text=(
            "Empty for a change of the record itself; else the related record whose change it "
            "was (participation, partnership: a body counts through them)."
        )
    )
    via_id = serializers.IntegerField(allow_null=True, help_text="That related record's id.")


class PublishedRecordDiffSerializer(serializers.Serializer):
    """A record in the difference, with its history since the publication."""

    id = serializers.IntegerField(help_text="The record's id.")
    name = serializers.CharField(help_text="Its title or name (the last known, if deleted).")
    exists = serializers.BooleanField(help_text="False when the record has been deleted.")
    changes = PublishedChangeSerializer(many=True, help_text="Its history after the publication.")


class PublishedFigureDiffSerializer(serializers.Serializer):
    """One figure: published and live value, and the records that explain the difference."""

    key = serializers.CharField(help_text="The figure's key in the annual figures.")
    model = serializers.CharField(help_text="The kind of record it counts, e.g. procurement.")
    published = serializers.IntegerField(help_text="The published value.")
    live = serializers.IntegerField(help_text="The value counted from the records now.")
    differs = serializers.BooleanField(help_text="True when anything below changed.")
    added = PublishedRecordDiffSerializer(
        many=True, help_text="Records that count now and did not."
    )
    removed = PublishedRecordDiffSerializer(
        many=True, help_text="Records that counted and now do not."
    )
    changed = PublishedRecordDiffSerializer(
        many=True,
        help_text="Summed figures: records still counted whose summed field changed.",
    )


class PublishedDiffSerializer(serializers.Serializer):
    """The live figures of a year against its publication, figure by figure."""

    year = serializers.IntegerField(source="publication.year", help_text="The year.")
    version = serializers.IntegerField(
        source="publication.version", help_text="The version compared with."
    )
    published_at = serializers.DateTimeField(
        source="publication.published_at", help_text="When that version was published."
    )
    unchanged = serializers.BooleanField(
        help_text="True when no figure and no counted record changed since the publication."
    )
    figures = PublishedFigureDiffSerializer(
        many=True, help_text="Every figure counted from records."
    )
