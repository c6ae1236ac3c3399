"""The shapes of the OCDS export, for the OpenAPI schema: the part of OCDS 1.1's release package
that this export writes (lup.ocds.releases). Fields left out when empty are not required."""

from rest_framework import serializers


class OrganizationReferenceSerializer(serializers.Serializer):
    """A reference to one of the release's parties, by its id."""

    id = serializers.CharField(help_text="The party's id in `parties`.")
    name = serializers.CharField()


class IdentifierSerializer(serializers.Serializer):
    """An organisation's identifier in a register."""

    scheme = serializers.CharField(help_text="NO-BRC: the Brønnøysund organisation numbers.")
    id = serializers.CharField(help_text="The organisation number, 9 digits.")
    legalName = serializers.CharField()  # noqa: N815 (OCDS's field name)


class OrganizationSerializer(serializers.Serializer):
    """A public body taking part in the procurement, with its roles in it."""

    id = serializers.CharField(
        help_text="NO-BRC-<organisation number>, or <ocid prefix>-body-<id> for a body without one."
    )
    name = serializers.CharField()
    identifier = IdentifierSerializer(required=False)
    roles = serializers.ListField(
        child=serializers.CharField(),
        help_text="OCDS party roles: buyer and procuringEntity for the lead, buyer for the other "
        "participants, interestedParty for observers.",
    )


class ValueSerializer(serializers.Serializer):
    """An amount of money."""

    amount = serializers.IntegerField(min_value=0)
    currency = serializers.CharField(help_text="NOK.")


class MilestoneSerializer(serializers.Serializer):
    """A date in the procurement: its start, a phase it entered, its end."""

    id = serializers.CharField()
    title = serializers.CharField()
    dateMet = serializers.DateTimeField()  # noqa: N815 (OCDS's field name)
    status = serializers.CharField(help_text="met.")


class TenderSerializer(serializers.Serializer):
    """The procurement's competition: what is bought, how, its status, value and dates."""

    id = serializers.CharField(
        help_text="The Doffin procedure id when the procurement has one, otherwise the ocid."
    )
    title = serializers.CharField()
    description = serializers.CharField(required=False)
    status = serializers.CharField(
        required=False,
        help_text="OCDS tender status from the outcome and the phase: planned, planning, active, "
        "complete, cancelled.",
    )
    procuringEntity = OrganizationReferenceSerializer(required=False)  # noqa: N815
    procurementMethod = serializers.CharField(  # noqa: N815
        required=False, help_text="OCDS method: selective or open, from the procedure."
    )
    procurementMethodDetails = serializers.CharField(  # noqa: N815
        required=False, help_text="The procedure's name, in Norwegian."
    )
    value = ValueSerializer(required=False, help_text="The estimated value, in NOK.")
    milestones = MilestoneSerializer(many=True, required=False)


class RelatedProcessSerializer(serializers.Serializer):
    """A Doffin notice of the procurement."""

    id = serializers.CharField()
    title = serializers.CharField()
    scheme = serializers.CharField(help_text="Doffin.")
    identifier = serializers.CharField(help_text="The Doffin notice id, e.g. 2023-145001.")


class ReleaseSerializer(serializers.Serializer):
    """One procurement as an OCDS release: its state when it was last changed."""

    ocid = serializers.CharField(help_text="The open contracting process id: prefix and record id.")
    id = serializers.CharField(help_text="The release id: the ocid and the time of the change.")
    date = serializers.DateTimeField()
    tag = serializers.ListField(
        child=serializers.CharField(),
        help_text="planning (not started), tenderCancellation (cancelled) or tender.",
    )
    initiationType = serializers.CharField(help_text="tender.")  # noqa: N815
    language = serializers.CharField(help_text="nb: the texts are in Norwegian bokmål.")
    parties = OrganizationSerializer(many=True, required=False)
    buyer = OrganizationReferenceSerializer(required=False, help_text="The lead body.")
    tender = TenderSerializer()
    relatedProcesses = RelatedProcessSerializer(many=True, required=False)  # noqa: N815


class PublisherSerializer(serializers.Serializer):
    """Who publishes the data."""

    name = serializers.CharField()


class ReleasePackageSerializer(serializers.Serializer):
    """An OCDS 1.1 release package: one release per procurement, with publishing metadata."""

    uri = serializers.URLField(help_text="The URL this package is served at.")
    version = serializers.CharField(help_text="The OCDS version: 1.1.")
    publishedDate = serializers.DateTimeField(  # noqa: N815
        help_text="When the newest release's procurement was last changed."
    )
    publisher = PublisherSerializer()
    releases = ReleaseSerializer(many=True)
