"""Procurements as OCDS 1.1 releases: one release per procurement, in a release package.

The mapping, field by field and with the reasons, is in docs/ocds.md. Empty values are left
out rather than written as null, as OCDS recommends.
"""

import datetime
from collections.abc import Iterable
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from partners.models import PublicBody
from procurements import selectors
from procurements.models import Outcome, Participation, PhaseChange, Procurement, Role

OCDS_VERSION = "1.1"
# The language of the texts (titles, descriptions, procedure names): Norwegian bokmål.
LANGUAGE = "nb"
CURRENCY = "NOK"
# Organisation identifiers: the Brønnøysund Register Centre's organisation numbers
# (org-id.guide's list code for Norway).
ORG_SCHEME = "NO-BRC"
# Doffin, Norway's national database for public procurement notices.
DOFFIN_SCHEME = "Doffin"

# The procedure (procedure code) -> OCDS method codelist (closed). The procedures of
# innovative procurement let the buyer choose which suppliers take part after they ask to
# ("selective"); a pre-commercial procurement is an open call. A design contest may be open or
# restricted, and "annet" says nothing: no method for them (procurementMethodDetails still
# names the procedure).
PROCUREMENT_METHODS = {
    "innovasjonspartnerskap": "selective",
    "konkurransepreget-dialog": "selective",
    "konkurranse-med-forhandling": "selective",
    "pcp": "open",
}

# The phase (phase code) of an ongoing, started procurement -> OCDS tenderStatus (closed).
# Until the competition, the process is being planned; during it, tenders are invited; from
# the contract on, the tender process is over.
PHASE_STATUSES = {
    "forankring": "planning",
    "behovsavklaring": "planning",
    "markedsdialog": "planning",
    "konkurranse": "active",
    "utvikling-kontrakt": "complete",
    "implementering": "complete",
    "avsluttet": "complete",
}
OUTCOME_STATUSES = {Outcome.COMPLETED: "complete", Outcome.CANCELLED: "cancelled"}

# A participation's role -> OCDS partyRole codes (open codelist). The lead runs the procedure
# for all; the other participants buy together with it; observers follow it.
ROLE_PARTY_ROLES = {
    Role.LEAD: ["buyer", "procuringEntity"],
    Role.PARTICIPANT: ["buyer"],
    Role.OBSERVER: ["interestedParty"],
}


def procurements_for(
    *, year: int | None = None, procurement: int | None = None
) -> QuerySet[Procurement]:
    """The procurements to export: those active in `year` (counting rule 2) and/or the one with
    id `procurement`, with what their releases need fetched in three queries."""
    queryset = selectors.active_in(year) if year is not None else Procurement.objects.all()
    if procurement is not None:
        queryset = queryset.filter(pk=procurement)
    return (
        queryset.select_related("procedure", "phase")
        .prefetch_related(
            Prefetch(
                "participations",
                queryset=Participation.objects.select_related("body").order_by("id"),
            ),
            Prefetch(
                "phase_changes",
                queryset=PhaseChange.objects.select_related("phase").order_by("changed_on", "id"),
            ),
        )
        .order_by("id")
    )


def ocid(procurement: Procurement) -> str:
    """The open contracting process identifier: the registered prefix and the record's id."""
    return f"{settings.OCDS_OCID_PREFIX}-{procurement.pk}"


def _timestamp(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")


def _day(day: datetime.date) -> str:
    """A date as OCDS's date-time: midnight in Norway on that day."""
    midnight = datetime.datetime.combine(day, datetime.time(), ZoneInfo(settings.TIME_ZONE))
    return midnight.isoformat()


def party_id(body: PublicBody) -> str:
    if body.org_number:
        return f"{ORG_SCHEME}-{body.org_number}"
    # A body without an organisation number: an id unique within this publisher's data.
    return f"{settings.OCDS_OCID_PREFIX}-body-{body.pk}"


def _party(participation: Participation) -> dict[str, Any]:
    body = participation.body
    party: dict[str, Any] = {"id": party_id(body), "name": body.name}
    if body.org_number:
        party["identifier"] = {"scheme": ORG_SCHEME, "id": body.org_number, "legalName": body.name}
    party["roles"] = ROLE_PARTY_ROLES[Role(participation.role)]
    return party


def tender_status(procurement: Procurement) -> str | None:
    if procurement.outcome in OUTCOME_STATUSES:
        return OUTCOME_STATUSES[Outcome(procurement.outcome)]
    if procurement.started_on is None:
        return "planned"
    if procurement.phase is None:
        return "planning"
    return PHASE_STATUSES.get(procurement.phase.code)


def release_tag(procurement: Procurement) -> list[str]:
    if procurement.started_on is None:
        return ["planning"]
    if procurement.outcome == Outcome.CANCELLED:
        return ["tenderCancellation"]
    return ["tender"]


def _milestones(procurement: Procurement) -> list[dict[str, Any]]:
    """The procurement's dates: its start, each phase it entered, its end."""
    milestones = []
    if procurement.started_on:
        milestones.append(
            {
                "id": "start",
                "title": "Oppstart",
                "dateMet": _day(procurement.started_on),
                "status": "met",
            }
        )
    for change in procurement.phase_changes.all():
        milestones.append(
            {
                "id": f"phase-{change.pk}",
                "title": f"Fase: {change.phase.name}",
                "dateMet": _day(change.changed_on),
                "status": "met",
            }
        )
    if procurement.ended_on:
        milestones.append(
            {
                "id": "end",
                "title": "Avslutning",
                "dateMet": _day(procurement.ended_on),
                "status": "met",
            }
        )
    return milestones


def _tender(procurement: Procurement, lead: dict[str, Any] | None) -> dict[str, Any]:
    tender: dict[str, Any] = {
        # The tender's identifier in Doffin when it has one, otherwise the process's own.
        "id": procurement.doffin_procedure_id or ocid(procurement),
        "title": procurement.title,
    }
    if procurement.description:
        tender["description"] = procurement.description
    status = tender_status(procurement)
    if status:
        tender["status"] = status
    if lead:
        tender["procuringEntity"] = lead
    if procurement.procedure is not None:
        method = PROCUREMENT_METHODS.get(procurement.procedure.code)
        if method:
            tender["procurementMethod"] = method
        tender["procurementMethodDetails"] = procurement.procedure.name
    if procurement.estimated_value_nok is not None:
        tender["value"] = {"amount": procurement.estimated_value_nok, "currency": CURRENCY}
    milestones = _milestones(procurement)
    if milestones:
        tender["milestones"] = milestones
    return tender


def release(procurement: Procurement) -> dict[str, Any]:
    """One procurement as an OCDS release: its state when it was last changed."""
    # The lead first, then the other participants, then the observers.
    order = [role.value for role in ROLE_PARTY_ROLES]
    participations = sorted(
        procurement.participations.all(), key=lambda p: (order.index(p.role), p.pk)
    )
    leads = [p for p in participations if p.role == Role.LEAD]
    lead = {"id": party_id(leads[0].body), "name": leads[0].body.name} if leads else None
    process = ocid(procurement)
    result: dict[str, Any] = {
        "ocid": process,
        # A new id for each change of the record, so every version is a release of its own.
        "id": f"{process}-{procurement.updated_at.astimezone(datetime.UTC):%Y%m%dT%H%M%SZ}",
        "date": _timestamp(procurement.updated_at),
        "tag": release_tag(procurement),
        "initiationType": "tender",
        "language": LANGUAGE,
    }
    if participations:
        result["parties"] = [_party(p) for p in participations]
    if lead:
        result["buyer"] = lead
    result["tender"] = _tender(procurement, lead)
    related = [
        {
            "id": str(number),
            "title": f"Doffin-kunngjøring {notice}",
            "scheme": DOFFIN_SCHEME,
            "identifier": notice,
        }
        for number, notice in enumerate(procurement.doffin_notice_ids, start=1)
    ]
    if related:
        result["relatedProcesses"] = related
    return result


def release_package(procurements: Iterable[Procurement], uri: str) -> dict[str, Any]:
    """An OCDS release package of the procurements' releases, identified by `uri` (the URL it
    is served at). Published when its newest release was, or now when it holds none."""
    releases = [release(p) for p in procurements]
    published = max((r["date"] for r in releases), default=_timestamp(timezone.now()))
    return {
        "uri": uri,
        "version": OCDS_VERSION,
        "publishedDate": published,
        "publisher": {"name": settings.OCDS_PUBLISHER_NAME},
        "releases": releases,
    }
