"""Every kind of record, declared once: what it is called, where it shows, what its fields are.

Menus, pages, the overview's counts, search, editing, field-level handling and inline
references read these declarations instead of keeping tables of their own, so a kind or a
field is added here and nowhere else (besides its model and migration). Labels are plain
message ids, ready for translation by whoever shows them. The module is pure data: models
are named, not imported, so reading the registry at start-up loads neither SQLAlchemy nor
the models (:func:`model_of` loads them when asked).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, Literal

if TYPE_CHECKING:
    from briefing.domain.base import Record

Widget = Literal[
    "text", "multiline", "choice", "ref", "refs", "lines", "date", "time", "spin", "int", "bool"
]
"""How a form edits a field (:class:`briefing.ui.forms.Field`'s kinds)."""

Storage = Literal["", "bytes"]
"""How a field is kept when its widget does not say: "bytes" is a photo (base64 in a file)."""


@dataclass(frozen=True, slots=True)
class Field:
    """One column of a kind's table, as people and the other layers see it.

    Attributes:
        name: the column.
        label: what a form calls it (a message id).
        widget: how a form edits it.
        exchange: its attribute in an exchange file ("value.amount" is a nested key).
        searchable: whether search finds a record by its text.
        protected: whether it may carry a handling level above its record's.
        group: the protected group it shares a level with (a chip's value is its amount,
            currency and note), named by the group's first column.
        references: whether it is free text where ``[[uid]]`` references are written.
        required: whether a form refuses to save it blank.
        choices: for a choice, the enum of :mod:`briefing.domain.enums` it is one of.
        targets: for a reference, the kinds it may name.
        rule: the form's check of its value, by name ("colour", "timezone", "currency").
        hint: grey text in an empty input.
        width: a fixed width in characters, for a short input.
        own_line: it starts a line of its own in the row of its group.
        low, high: a number's bounds (a spin box's, and the exchange file's).
        editable: whether forms edit it at all.
        column: its heading in its kind's list, when not its label.
        detail_label: what the details pane calls it, when not its label. A form's label
            says what to enter ("Our minimum (walk-away)", "Priority (1 highest)"); the
            details read a value back, so some are shorter there ("Our minimum").
        size: the most characters it holds, when not its widget's usual (see
            :mod:`briefing.store.exchange.schema`); for a list, each item's.
        default: its value when a file gives none, if not blank (an enum's member by name).
        storage: how it is kept, when its widget does not say.
        description: what the exchange file's schema says of it.
        follows: for a link, the field it comes after in an exchange file (else it comes
            after them all).
    """

    name: str
    label: str
    widget: Widget = "text"
    exchange: str = ""
    searchable: bool = False
    protected: bool = False
    group: str = ""
    references: bool = False
    required: bool = False
    choices: str = ""
    targets: tuple[str, ...] = ()
    rule: str = ""
    hint: str = ""
    width: int = 0
    own_line: bool = False
    low: int = 0
    high: int = 0
    editable: bool = True
    column: str = ""
    detail_label: str = ""
    size: int = 0
    default: str | int | bool | None = None
    storage: Storage = ""
    description: str = ""
    follows: str = ""

    @property
    def heading(self) -> str:
        """Its heading in its kind's list."""
        return self.column or self.label

    @property
    def detail(self) -> str:
        """Its label in the details pane."""
        return self.detail_label or self.label

    @property
    def exchange_name(self) -> str:
        """The field's attribute in an exchange file (its column's name unless declared)."""
        return self.exchange or self.name


@dataclass(frozen=True, slots=True)
class Kind:
    """One kind of record: its table (also its ``record.kind``), its model and its names.

    Attributes:
        name: the table and the polymorphic identity.
        model: the mapped class, as ``module:Class``.
        label, plural: what one and many are called (message ids).
        fields: its own columns, in the table's (and the exchange file's) order.
        exchange: its list in an exchange file.
        title_sql: its display name in SQL over its row ``t`` (and ``joins``).
        joins: what ``title_sql`` needs joined besides ``t``.
        search_also: SQL texts search finds it by besides its searchable fields.
        page: the window's page that lists it, if any.
        section: the book section that prints it, if any.
        counted: whether the overview counts it.
        position: a column holding the record's place in its list (not a field: the
            order of the list is the value).
        links: what a form edits besides its columns (aliases, members, linked events),
            which the store keeps in tables of their own.
        form: the order a form shows its fields and links in, when not theirs.
        columns: its list's columns, in order: its fields' names (headed by
            :attr:`Field.heading`) and the names of columns its page works out itself
            (an office held on a date, a record's handling).
        details: the rows of its details, in order: its fields' and links' names (labelled
            by :attr:`Field.detail`) and the names of rows the details pane works out itself
            (a person's appointments, an event's delegations).
    """

    name: str
    model: str
    label: str
    plural: str
    fields: tuple[Field, ...]
    exchange: str
    title_sql: str = "t.title"
    joins: str = ""
    search_also: tuple[str, ...] = ()
    page: str = ""
    section: str = ""
    counted: bool = False
    position: str = ""
    links: tuple[Field, ...] = ()
    form: tuple[str, ...] = ()
    columns: tuple[str, ...] = ()
    details: tuple[str, ...] = ()

    def form_fields(self) -> tuple[Field, ...]:
        """What a form edits, in the order it shows them."""
        editable = [field for field in (*self.fields, *self.links) if field.editable]
        if not self.form:
            return tuple(editable)
        by_name = {field.name: field for field in editable}
        return tuple(by_name[name] for name in self.form)

    def field(self, name: str) -> Field:
        """The field of this kind called ``name``; KeyError if it has none."""
        for field in self.fields:
            if field.name == name:
                return field
        raise KeyError(f"{self.name} has no field {name!r}")

    def declared(self, name: str) -> Field | None:
        """The field or link called ``name``, or None for a name the kind's page or
        details work out themselves (see :attr:`columns` and :attr:`details`)."""
        return next((f for f in (*self.fields, *self.links) if f.name == name), None)


_DELEGATION_TITLE: Final = (
    "coalesce(nullif(t.name, ''), "
    "ifnull(p.name, '') || ' delegation' || ifnull(' – ' || e.title, ''))"
)
_ALIASES: Final = Field("aliases", "Other spellings", "lines")

_SECTORS: Final = "(SELECT group_concat(c.name, ' ') FROM chip_sector AS c WHERE c.chip_id = t.id)"

KINDS: Final[tuple[Kind, ...]] = (
    Kind(
        "party",
        "briefing.domain.dossier:Party",
        "Party",
        "Parties",
        (
            Field("name", "Name", searchable=True, required=True),
            Field("code", "Code", searchable=True, required=True, size=12),
            Field("colour", "Colour", rule="colour", default="#607080"),
        ),
        exchange="parties",
        details=("code",),
        title_sql="t.name",
    ),
    Kind(
        "person",
        "briefing.domain.people:Person",
        "Person",
        "People",
        (
            Field("name", "Name (romanized)", searchable=True, required=True, column="Name"),
            Field(
                "native_name",
                "Native-script name",
                searchable=True,
                column="Native name",
                detail_label="Native name",
                size=200,
            ),
            Field("party_id", "Party", "ref", exchange="party", targets=("party",)),
            Field(
                "bio",
                "Short biography",
                "multiline",
                searchable=True,
                references=True,
                detail_label="Biography",
            ),
            Field(
                "photo",
                "Photo",
                editable=False,
                size=4_000_000,
                storage="bytes",
                description="The photo as base64-encoded JPEG or PNG bytes.",
            ),
        ),
        exchange="people",
        columns=("name", "native_name", "party_id", "title", "organization", "handling"),
        details=("native_name", "party_id", "office", "appointments", "bio"),
        title_sql="t.name",
        page="People",
        counted=True,
        links=(_ALIASES,),
    ),
    Kind(
        "organization",
        "briefing.domain.people:Organization",
        "Organization",
        "Organizations",
        (
            Field("name", "Name", searchable=True, required=True),
            Field("acronym", "Acronym", searchable=True, size=40),
            Field(
                "org_kind", "Kind", "choice", exchange="kind", choices="OrgKind", default="OTHER"
            ),
            Field("party_id", "Party", "ref", exchange="party", targets=("party",)),
        ),
        exchange="organizations",
        details=("acronym", "org_kind", "party_id"),
        title_sql="t.name",
        counted=True,
        links=(_ALIASES,),
    ),
    Kind(
        "appointment",
        "briefing.domain.people:Appointment",
        "Appointment",
        "Appointments",
        (
            Field(
                "person_id", "Person", "ref", exchange="person", required=True, targets=("person",)
            ),
            Field("title", "Title", searchable=True, required=True),
            Field(
                "organization_id",
                "Organization",
                "ref",
                exchange="organization",
                targets=("organization",),
            ),
            Field("start", "From", "date"),
            Field("end", "To", "date"),
        ),
        exchange="appointments",
        details=("person_id", "organization_id", "start", "end"),
    ),
    Kind(
        "event",
        "briefing.domain.events:Event",
        "Event",
        "Events",
        (
            Field("title", "Title", searchable=True, required=True),
            Field(
                "event_kind",
                "Kind",
                "choice",
                exchange="kind",
                choices="EventKind",
                default="MEETING",
            ),
            Field("start_date", "Starts", "date", required=True, detail_label="When"),
            Field("start_time", "Start time", "time"),
            Field("end_date", "Ends", "date"),
            Field("end_time", "End time", "time"),
            Field(
                "precision", "Date known to the", "choice", choices="DatePrecision", default="DAY"
            ),
            Field("place", "Place", searchable=True),
            Field("timezone", "Time zone", rule="timezone", size=64),
            Field("status", "Status", "choice", choices="EventStatus", default="PLANNED"),
            Field("summary", "Summary", "multiline", searchable=True, references=True),
            Field("outcome", "Outcome", "multiline", searchable=True, references=True),
            Field("owner_id", "Owner", "ref", exchange="owner", targets=("person",)),
        ),
        exchange="events",
        details=(
            "event_kind",
            "start_date",
            "place",
            "status",
            "owner_id",
            "participants",
            "summary",
            "outcome",
            "delegations",
            "brief",
        ),
        page="Timeline",
        section="timeline",
        counted=True,
        links=(Field("participants", "Participants", "refs", targets=("person",)),),
        form=(
            "title",
            "event_kind",
            "start_date",
            "start_time",
            "end_date",
            "end_time",
            "precision",
            "place",
            "timezone",
            "status",
            "owner_id",
            "participants",
            "summary",
            "outcome",
        ),
    ),
    Kind(
        "delegation",
        "briefing.domain.events:Delegation",
        "Delegation",
        "Delegations",
        (
            Field("name", "Name"),
            Field("event_id", "Event", "ref", exchange="event", targets=("event",)),
            Field("party_id", "Party", "ref", exchange="party", required=True, targets=("party",)),
        ),
        exchange="delegations",
        details=("party_id", "event_id", "members"),
        title_sql=_DELEGATION_TITLE,
        joins="LEFT JOIN party AS p ON p.id = t.party_id LEFT JOIN event AS e ON e.id = t.event_id",
        search_also=(_DELEGATION_TITLE,),
        section="delegations",
        counted=True,
        links=(
            Field(
                "members",
                "Members (in order)",
                "refs",
                targets=("person",),
                detail_label="Members",
            ),
        ),
        form=("party_id", "event_id", "name", "members"),
    ),
    Kind(
        "meeting_brief",
        "briefing.domain.events:MeetingBrief",
        "Meeting brief",
        "Meeting briefs",
        (
            Field("event_id", "Event", "ref", exchange="event", required=True, targets=("event",)),
            Field("purpose", "Purpose", "multiline", searchable=True, references=True),
            Field(
                "desired_outcome",
                "Desired outcome",
                "multiline",
                searchable=True,
                protected=True,
                references=True,
            ),
            Field(
                "run_of_meeting",
                "Run of the meeting",
                "multiline",
                searchable=True,
                references=True,
            ),
            Field(
                "our_objectives",
                "Our objectives",
                "multiline",
                searchable=True,
                protected=True,
                references=True,
            ),
            Field(
                "their_objectives",
                "Their objectives",
                "multiline",
                searchable=True,
                protected=True,
                references=True,
            ),
        ),
        exchange="meeting_briefs",
        details=(
            "event_id",
            "purpose",
            "desired_outcome",
            "run_of_meeting",
            "our_objectives",
            "their_objectives",
        ),
        title_sql="'Brief: ' || ifnull(e.title, '')",
        joins="LEFT JOIN event AS e ON e.id = t.event_id",
        section="meetings",
    ),
    Kind(
        "bargaining_chip",
        "briefing.domain.chips:BargainingChip",
        "Bargaining chip",
        "Bargaining chips",
        (
            Field("title", "Title", searchable=True, required=True, column="Chip"),
            Field("party_id", "Party", "ref", exchange="party", targets=("party",)),
            Field(
                "chip_kind", "Kind", "choice", exchange="kind", choices="ChipKind", default="OFFER"
            ),
            Field("description", "Description", "multiline", searchable=True, references=True),
            Field(
                "value_amount",
                "Value",
                "int",
                exchange="value.amount",
                protected=True,
                group="value_amount",
                hint="amount in whole units",
                high=10**18,
            ),
            Field(
                "value_currency",
                "Currency",
                exchange="value.currency",
                protected=True,
                group="value_amount",
                rule="currency",
                hint="USD",
                width=4,
            ),
            Field(
                "value_note",
                "Value note",
                exchange="value.note",
                searchable=True,
                protected=True,
                group="value_amount",
                references=True,
                hint="note",
                own_line=True,
                size=2_000_000,
            ),
            Field("status", "Status", "choice", choices="ChipStatus", default="FLOATED"),
            Field(
                "priority",
                "Priority (1 highest)",
                "spin",
                low=1,
                high=5,
                default=3,
                column="Priority",
                detail_label="Priority",
            ),
            Field(
                "likelihood",
                "Likely to come up",
                "choice",
                choices="Likelihood",
                default="POSSIBLE",
                column="Likelihood",
                detail_label="Likelihood",
            ),
            Field(
                "our_target",
                "Our target",
                "multiline",
                searchable=True,
                protected=True,
                references=True,
            ),
            Field(
                "our_minimum",
                "Our minimum (walk-away)",
                "multiline",
                searchable=True,
                protected=True,
                references=True,
                detail_label="Our minimum",
            ),
            Field(
                "their_position",
                "Their estimated position",
                "multiline",
                searchable=True,
                protected=True,
                references=True,
                detail_label="Their position",
            ),
            Field("tradeable", "Tradeable", "bool", default=True),
        ),
        exchange="chips",
        columns=(
            "title",
            "party_id",
            "chip_kind",
            "status",
            "priority",
            "likelihood",
            "value_amount",
            "sectors",
            "handling",
        ),
        details=(
            "party_id",
            "chip_kind",
            "status",
            "priority",
            "likelihood",
            "sectors",
            "value_amount",
            "description",
            "our_target",
            "our_minimum",
            "their_position",
            "tradeable",
            "events",
        ),
        search_also=(_SECTORS,),
        page="Bargaining chips",
        section="chips",
        counted=True,
        links=(
            Field("sectors", "Sectors", "lines", size=100, follows="description"),
            Field("events", "Linked events", "refs", targets=("event",), detail_label="Events"),
        ),
        form=(
            "title",
            "party_id",
            "chip_kind",
            "status",
            "priority",
            "likelihood",
            "sectors",
            "value_amount",
            "value_currency",
            "value_note",
            "description",
            "our_target",
            "our_minimum",
            "their_position",
            "tradeable",
            "events",
        ),
    ),
    Kind(
        "source",
        "briefing.domain.sources:Source",
        "Source",
        "Sources",
        (
            Field("title", "Title", searchable=True, required=True, size=500),
            Field("publisher", "Publisher", searchable=True),
            Field("author", "Author", searchable=True),
            Field("published_on", "Published", "date", column="Date", detail_label="Date"),
            Field("language", "Language", size=16, default="en"),
            Field("address", "Address", size=2_000_000),
            Field("full_text", "Full text", "multiline", searchable=True),
            Field(
                "reliability",
                "Reliability",
                "choice",
                choices="Reliability",
                default="F",
                column="Grade",
            ),
        ),
        exchange="sources",
        columns=("reliability", "title", "publisher", "published_on", "citations", "handling"),
        details=(
            "reference",
            "publisher",
            "author",
            "published_on",
            "language",
            "address",
            "reliability",
        ),
        page="Sources",
        section="sources",
        counted=True,
        form=(
            "title",
            "publisher",
            "author",
            "published_on",
            "language",
            "address",
            "reliability",
            "full_text",
        ),
    ),
    Kind(
        "talking_point",
        "briefing.domain.talking:TalkingPoint",
        "Talking point",
        "Talking points",
        (
            Field(
                "subject_id",
                "About",
                "ref",
                exchange="subject",
                targets=("bargaining_chip", "event", "person"),
                description="The chip, event or other record it is about; none for the dossier.",
            ),
            Field(
                "point_kind",
                "Kind",
                "choice",
                exchange="kind",
                choices="PointKind",
                default="TO_MAKE",
            ),
            Field("text", "Text", "multiline", searchable=True, references=True, required=True),
        ),
        exchange="talking_points",
        details=("point_kind", "subject_id", "text"),
        title_sql="substr(replace(t.text, char(10), ' '), 1, 80)",
        counted=True,
        position="position",
    ),
)
"""Every kind, in the order menus offer them."""

BY_NAME: Final[dict[str, Kind]] = {kind.name: kind for kind in KINDS}
"""Each kind by its name (``record.kind``)."""


def kind_of(name: str) -> Kind:
    """The kind called ``name``; KeyError if there is none."""
    return BY_NAME[name]


def label_of(name: str) -> str:
    """What a record of kind ``name`` is called, or the name itself for an unknown kind."""
    kind = BY_NAME.get(name)
    return kind.label if kind is not None else name


def model_of(kind: Kind) -> type[Record]:
    """The kind's mapped class; loads the models (and SQLAlchemy) on first use."""
    module, _, name = kind.model.partition(":")
    model: type[Record] = getattr(importlib.import_module(module), name)
    return model
