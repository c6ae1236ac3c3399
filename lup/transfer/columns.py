"""The workbook format: one sheet (or CSV file) per kind of record, and its columns.

One definition per kind drives the import (headers, parsing), the export (headers, cells) and
docs/import.md (`tests/transfer/test_docs.py` checks the document against it). A column's
English header is its API field name, its Norwegian header the admin's field label in bokmål;
either is accepted, in any case.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from outreach.models import ActivityKind, OutreachActivity, Publication
from partners.models import BodyType, Partnership, PublicBody
from procurements.models import (
    Outcome,
    Participation,
    Phase,
    PhaseChange,
    Procedure,
    Procurement,
    Role,
    Sector,
    Solution,
)

from . import values as v


def procurement_key(procurement: Procurement) -> str:
    """How other sheets name a procurement: its reference, or its id when it has none."""
    return procurement.reference or str(procurement.pk)


@dataclass
class Column:
    name: str  # the English header: the API field name
    type: v.ValueType
    meaning: Any
    example: str
    required: bool = False
    label: Any = None  # default: the model field's verbose name
    # The model field the column is stored in; None: the importer resolves it (references)
    # or it only helps to match (a body's municipality number).
    attribute: str | None = None
    get: Callable[[Any], Any] | None = None  # the export's value; default the attribute

    def header(self, norwegian: bool) -> str:
        if not norwegian:
            return self.name
        with translation.override("nb"):
            return str(self.label)

    def headers(self) -> set[str]:
        """Every header the import accepts for this column, case-folded."""
        names = {self.name, self.name.replace("_", " ")}
        for lang in ("en", "nb"):
            with translation.override(lang):
                names.add(str(self.label))
        return {" ".join(name.casefold().split()) for name in names}

    def value(self, record: Any) -> Any:
        if self.get is not None:
            return self.get(record)
        return getattr(record, self.attribute or self.name)


@dataclass
class Kind:
    key: str  # file name stem in English, e.g. "public_bodies"
    model: type[models.Model]
    columns: list[Column]
    label: Any = None  # default: the model's verbose_name_plural
    # Columns that name the record (docs/import.md, "Matching").
    matching: Any = ""
    extra_names: tuple[str, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        if self.label is None:
            self.label = self.model._meta.verbose_name_plural
        for column in self.columns:
            if column.label is None:
                column.label = self.model._meta.get_field(  # type: ignore[union-attr]
                    column.attribute or column.name
                ).verbose_name
            if (
                column.attribute is None
                and column.get is None
                and _is_field(self.model, column.name)
            ):
                column.attribute = column.name

    def sheet_name(self, norwegian: bool) -> str:
        with translation.override("nb" if norwegian else "en"):
            return str(self.label)[:31].capitalize()

    def names(self) -> set[str]:
        names = {self.key, self.key.replace("_", " "), *self.extra_names}
        for lang in ("en", "nb"):
            with translation.override(lang):
                names.add(str(self.label))
        return {" ".join(name.casefold().replace("_", " ").split()) for name in names}

    def column(self, name: str) -> Column:
        return next(column for column in self.columns if column.name == name)


def _is_field(model: type[models.Model], name: str) -> bool:
    try:
        model._meta.get_field(name)
    except Exception:  # FieldDoesNotExist
        return False
    return True


def _body_columns(what: Any) -> list[Column]:
    """The columns that name a public body from another sheet (docs/import.md, "Matching")."""
    return [
        Column(
            "body",
            v.Text(),
            _("Name of the public body, exactly as in the register of bodies."),
            "Bodø kommune",
            label=_("public body"),
            get=lambda record: record.body.name,
        ),
        Column(
            "body_org_number",
            v.OrgNumber(),
            _("Organisation number of the public body; matched first."),
            "972 418 013",
            label=_("organisation number of the body"),
            get=lambda record: record.body.org_number,
        ),
        Column(
            "body_number",
            v.Text(),
            _("Municipality (4 digits) or county number (2 digits), valid on %(date)s.")
            % {"date": what},
            "1804",
            label=_("municipality or county number"),
            get=lambda record: None,
        ),
        Column(
            "body_type",
            v.Choice(BodyType),
            _("Type of the body; needed only to create it (--create-bodies)."),
            "municipal",
            label=_("type of body"),
            get=lambda record: record.body.body_type,
        ),
    ]


def _procurement_column(required: bool = True) -> Column:
    return Column(
        "procurement",
        v.Text(),
        _("The procurement's reference, or its id when it has no reference."),
        "LUP-2023-014",
        required=required,
        label=_("procurement"),
        get=lambda record: procurement_key(record.procurement) if record.procurement else None,
    )


BODIES = Kind(
    "public_bodies",
    PublicBody,
    [
        Column(
            "id",
            v.Integer(),
            _(
                "The record's id in the database exported from; a new body keeps it when it is "
                "free. Not used to find the body."
            ),
            "",
            label=_("id"),
        ),
        Column("name", v.Text(), _("Name of the body."), "Bodø kommune", required=True),
        Column(
            "org_number",
            v.OrgNumber(),
            _("Organisation number (9 digits, check digit tested)."),
            "972 418 013",
        ),
        Column("body_type", v.Choice(BodyType), _("Type of body."), "municipal", required=True),
        Column(
            "number",
            v.Text(),
            _(
                "Municipality or county number valid today; only to find the body when it has "
                "no organisation number in the file."
            ),
            "1804",
            label=_("municipality or county number"),
            get=lambda record: getattr(record, "transfer_number", None),
        ),
        Column("notes", v.Text(), _("Free text."), ""),
    ],
    matching=_("organisation number, else municipality or county number, else exact name"),
    extra_names=("bodies",),
)

PROCUREMENTS = Kind(
    "procurements",
    Procurement,
    [
        Column(
            "id",
            v.Integer(),
            _("The record's id in this database; empty for a new procurement."),
            "17",
            label=_("id"),
        ),
        Column(
            "reference",
            v.Text(),
            _("A stable key from your own spreadsheet; a procurement needs it or an id."),
            "LUP-2023-014",
        ),
        Column("title", v.Text(), _("Title."), "Elektronisk pasientjournal", required=True),
        Column("description", v.Text(), _("Description."), ""),
        Column("sector", v.Lookup(Sector), _("Sector (fagområde)."), "helse", required=True),
        Column("procedure", v.Lookup(Procedure), _("Procedure."), "innovasjonspartnerskap"),
        Column("phase", v.Lookup(Phase), _("Current phase."), "konkurranse"),
        Column("started_on", v.Date(), _("Start date; empty: planned."), "01.03.2023"),
        Column("ended_on", v.Date(), _("End date; not before the start."), ""),
        Column("outcome", v.Choice(Outcome), _("Outcome; empty: ongoing."), "ongoing"),
        Column("doffin_procedure_id", v.Text(), _("Doffin procedure id."), ""),
        Column(
            "doffin_notice_ids",
            v.TextList(),
            _("Doffin notice ids, separated by commas."),
            "2023-123456",
        ),
        Column(
            "estimated_value_nok",
            v.Integer(),
            _("Estimated value in NOK."),
            "15 000 000",
        ),
        Column("notes", v.Text(), _("Free text."), ""),
    ],
    matching=_("reference, else id"),
)

PARTICIPATIONS = Kind(
    "participations",
    Participation,
    [
        _procurement_column(),
        *_body_columns(_("the day it joined, else the procurement's start")),
        Column(
            "role",
            v.Choice(Role),
            _("Role; exactly one lead per procurement. Empty: participant."),
            "lead",
        ),
        Column("joined_on", v.Date(), _("Joined on."), ""),
        Column("left_on", v.Date(), _("Left on; not before it joined."), ""),
    ],
    matching=_("procurement and body"),
)

PHASE_CHANGES = Kind(
    "phase_changes",
    PhaseChange,
    [
        _procurement_column(),
        Column("phase", v.Lookup(Phase), _("The phase entered."), "konkurranse", required=True),
        Column(
            "changed_on", v.Date(), _("Date it entered the phase."), "01.09.2023", required=True
        ),
        Column("note", v.Text(), _("Free text."), ""),
    ],
    label=_("phase changes"),
    matching=_("procurement, phase and date"),
    extra_names=("phase history", "fasehistorikk"),
)

PARTNERSHIPS = Kind(
    "partnerships",
    Partnership,
    [
        *_body_columns(_("the day the partnership started")),
        Column("started_on", v.Date(), _("Start of the agreement."), "01.01.2023", required=True),
        Column("ended_on", v.Date(), _("End of the agreement; empty: in force."), ""),
        Column("agreement_reference", v.Text(), _("Agreement reference."), "LUP-AVT-2023-04"),
        Column("notes", v.Text(), _("Free text."), ""),
    ],
    matching=_("body and start date"),
)

ACTIVITIES = Kind(
    "outreach_activities",
    OutreachActivity,
    [
        Column(
            "id",
            v.Integer(),
            _("The record's id in this database; empty for a new activity."),
            "",
            label=_("id"),
        ),
        Column("date", v.Date(), _("Date held."), "14.02.2023", required=True),
        Column("title", v.Text(), _("Title."), "Webinar om markedsdialog", required=True),
        Column("kind", v.Lookup(ActivityKind), _("Kind of activity."), "webinar", required=True),
        Column("participants", v.Count(), _("Participants; empty: 0."), "120"),
        Column("registrants", v.Count(), _("Registrants (webinars); empty: 0."), "180"),
        Column("location", v.Text(), _("Place."), "Teams"),
        Column(
            "procurements",
            v.TextList(),
            _("Linked procurements: references or ids, separated by commas."),
            "LUP-2023-014",
            label=_("related procurements"),
            get=lambda record: [procurement_key(p) for p in record.procurements.all()],
        ),
        Column("notes", v.Text(), _("Free text."), ""),
    ],
    matching=_("id, else date and title"),
)

POSTS = Kind(
    "web_posts",
    Publication,
    [
        Column(
            "id",
            v.Integer(),
            _("The record's id in this database; empty for a new post."),
            "",
            label=_("id"),
        ),
        Column("title", v.Text(), _("Title."), "Ny veileder for markedsdialog", required=True),
        Column("url", v.Text(), _("Address of the post."), "https://example.org/nyheter/1"),
        Column("published_on", v.Date(), _("Published on."), "03.04.2023", required=True),
    ],
    matching=_("id, else date and title"),
    extra_names=("publications",),
)

SOLUTIONS = Kind(
    "solutions",
    Solution,
    [
        Column(
            "id",
            v.Integer(),
            _("The record's id in this database; empty for a new solution."),
            "",
            label=_("id"),
        ),
        Column(
            "name", v.Text(), _("Name of the solution."), "Digital tilsynsplattform", required=True
        ),
        Column("supplier", v.Text(), _("Supplier."), "Eksempel AS"),
        _procurement_column(required=False),
        Column("published_on", v.Date(), _("Published on Finn løsninger."), "15.06.2023"),
        Column("url", v.Text(), _("Address of the write-up."), ""),
        Column("description", v.Text(), _("Description."), ""),
    ],
    matching=_("id, else name"),
)

# In the order they are read and written: a sheet refers only to sheets before it.
KINDS: list[Kind] = [
    BODIES,
    PROCUREMENTS,
    PARTICIPATIONS,
    PHASE_CHANGES,
    PARTNERSHIPS,
    ACTIVITIES,
    POSTS,
    SOLUTIONS,
]


def kind_named(name: str) -> Kind | None:
    """The kind a sheet or file is named after (English or Norwegian, any case)."""
    key = " ".join(name.casefold().replace("_", " ").replace("-", " ").split())
    return next((kind for kind in KINDS if key in kind.names()), None)


def kind_by_headers(headers: list[str]) -> Kind | None:
    """The kind whose columns the headers name best (every header known, the most matched)."""
    wanted = {" ".join(str(h).casefold().split()) for h in headers if h}
    best: tuple[int, Kind | None] = (0, None)
    for kind in KINDS:
        known = set().union(*(column.headers() for column in kind.columns))
        if not wanted <= known:
            continue
        required = [c for c in kind.columns if c.required]
        if not all(c.headers() & wanted for c in required):
            continue
        score = len(wanted & known)
        if score > best[0]:
            best = (score, kind)
    return best[1]
