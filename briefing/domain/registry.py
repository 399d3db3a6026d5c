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

Widget = Literal["line", "multiline", "choice", "ref", "date", "time", "spin", "int", "bool"]
"""How a form edits a field (:class:`briefing.ui.forms.Field`'s kinds)."""


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
    """

    name: str
    label: str
    widget: Widget = "line"
    exchange: str = ""
    searchable: bool = False
    protected: bool = False
    group: str = ""
    references: bool = False

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

    def field(self, name: str) -> Field:
        """The field of this kind called ``name``; KeyError if it has none."""
        for field in self.fields:
            if field.name == name:
                return field
        raise KeyError(f"{self.name} has no field {name!r}")


_DELEGATION_TITLE: Final = (
    "coalesce(nullif(t.name, ''), "
    "ifnull(p.name, '') || ' delegation' || ifnull(' – ' || e.title, ''))"
)
_SECTORS: Final = "(SELECT group_concat(c.name, ' ') FROM chip_sector AS c WHERE c.chip_id = t.id)"

KINDS: Final[tuple[Kind, ...]] = (
    Kind(
        "party",
        "briefing.domain.dossier:Party",
        "Party",
        "Parties",
        (
            Field("name", "Name", searchable=True),
            Field("code", "Code", searchable=True),
            Field("colour", "Colour"),
        ),
        exchange="parties",
        title_sql="t.name",
    ),
    Kind(
        "person",
        "briefing.domain.people:Person",
        "Person",
        "People",
        (
            Field("name", "Name (romanized)", searchable=True),
            Field("native_name", "Native-script name", searchable=True),
            Field("party_id", "Party", "ref", exchange="party"),
            Field("bio", "Short biography", "multiline", searchable=True, references=True),
            Field("photo", "Photo"),
        ),
        exchange="people",
        title_sql="t.name",
        page="People",
        counted=True,
    ),
    Kind(
        "organization",
        "briefing.domain.people:Organization",
        "Organization",
        "Organizations",
        (
            Field("name", "Name", searchable=True),
            Field("acronym", "Acronym", searchable=True),
            Field("org_kind", "Kind", "choice", exchange="kind"),
            Field("party_id", "Party", "ref", exchange="party"),
        ),
        exchange="organizations",
        title_sql="t.name",
        counted=True,
    ),
    Kind(
        "appointment",
        "briefing.domain.people:Appointment",
        "Appointment",
        "Appointments",
        (
            Field("person_id", "Person", "ref", exchange="person"),
            Field("title", "Title", searchable=True),
            Field("organization_id", "Organization", "ref", exchange="organization"),
            Field("start", "From", "date"),
            Field("end", "To", "date"),
        ),
        exchange="appointments",
    ),
    Kind(
        "event",
        "briefing.domain.events:Event",
        "Event",
        "Events",
        (
            Field("title", "Title", searchable=True),
            Field("event_kind", "Kind", "choice", exchange="kind"),
            Field("start_date", "Starts", "date"),
            Field("start_time", "Start time", "time"),
            Field("end_date", "Ends", "date"),
            Field("end_time", "End time", "time"),
            Field("precision", "Date known to the", "choice"),
            Field("place", "Place", searchable=True),
            Field("timezone", "Time zone"),
            Field("status", "Status", "choice"),
            Field("summary", "Summary", "multiline", searchable=True, references=True),
            Field("outcome", "Outcome", "multiline", searchable=True, references=True),
            Field("owner_id", "Owner", "ref", exchange="owner"),
        ),
        exchange="events",
        page="Timeline",
        section="timeline",
        counted=True,
    ),
    Kind(
        "delegation",
        "briefing.domain.events:Delegation",
        "Delegation",
        "Delegations",
        (
            Field("name", "Name"),
            Field("event_id", "Event", "ref", exchange="event"),
            Field("party_id", "Party", "ref", exchange="party"),
        ),
        exchange="delegations",
        title_sql=_DELEGATION_TITLE,
        joins="LEFT JOIN party AS p ON p.id = t.party_id LEFT JOIN event AS e ON e.id = t.event_id",
        search_also=(_DELEGATION_TITLE,),
        section="delegations",
        counted=True,
    ),
    Kind(
        "meeting_brief",
        "briefing.domain.events:MeetingBrief",
        "Meeting brief",
        "Meeting briefs",
        (
            Field("event_id", "Event", "ref", exchange="event"),
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
            Field("title", "Title", searchable=True),
            Field("party_id", "Party", "ref", exchange="party"),
            Field("chip_kind", "Kind", "choice", exchange="kind"),
            Field("description", "Description", "multiline", searchable=True, references=True),
            Field(
                "value_amount",
                "Value",
                "int",
                exchange="value.amount",
                protected=True,
                group="value_amount",
            ),
            Field(
                "value_currency",
                "Currency",
                exchange="value.currency",
                protected=True,
                group="value_amount",
            ),
            Field(
                "value_note",
                "Value note",
                exchange="value.note",
                searchable=True,
                protected=True,
                group="value_amount",
                references=True,
            ),
            Field("status", "Status", "choice"),
            Field("priority", "Priority (1 highest)", "spin"),
            Field("likelihood", "Likely to come up", "choice"),
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
            ),
            Field(
                "their_position",
                "Their estimated position",
                "multiline",
                searchable=True,
                protected=True,
                references=True,
            ),
            Field("tradeable", "Tradeable", "bool"),
        ),
        exchange="chips",
        search_also=(_SECTORS,),
        page="Bargaining chips",
        section="chips",
        counted=True,
    ),
    Kind(
        "source",
        "briefing.domain.sources:Source",
        "Source",
        "Sources",
        (
            Field("title", "Title", searchable=True),
            Field("publisher", "Publisher", searchable=True),
            Field("author", "Author", searchable=True),
            Field("published_on", "Published", "date"),
            Field("language", "Language"),
            Field("address", "Address"),
            Field("full_text", "Full text", "multiline", searchable=True),
            Field("reliability", "Reliability", "choice"),
        ),
        exchange="sources",
        page="Sources",
        section="sources",
        counted=True,
    ),
    Kind(
        "talking_point",
        "briefing.domain.talking:TalkingPoint",
        "Talking point",
        "Talking points",
        (
            Field("subject_id", "About", "ref", exchange="subject"),
            Field("point_kind", "Kind", "choice", exchange="kind"),
            Field("text", "Text", "multiline", searchable=True, references=True),
        ),
        exchange="talking_points",
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
