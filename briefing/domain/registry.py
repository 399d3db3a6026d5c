"""Every kind of record, declared once: what it is called, where it shows, what its fields are.

Menus, pages, the overview's counts, search, editing, field-level handling and inline
references read these declarations instead of keeping tables of their own, so a kind or a
field is added here and nowhere else (besides its model and migration). Labels are plain
message ids, ready for translation by whoever shows them. The module is pure data: models
are named, not imported, so reading the registry at start-up loads neither SQLAlchemy nor
the models (:func:`model_of` loads them when asked).

The SQL texts (``title_sql``, ``joins``, ``search_also``) stay plain strings for the same
reason, and so run on SQLite and PostgreSQL alike they keep to what both spell the same:
``coalesce`` rather than SQLite's ``ifnull``, ``||``, ``substr``, ``replace``, and a line
break written inside the string literal rather than ``char(10)``/``chr(10)``. Aggregation
is the one exception, written ``group_concat(x, sep)``, which
:func:`briefing.domain.portable_sql.spelled` renames for PostgreSQL. Expression builders
per kind would have needed SQLAlchemy here, or names to import lazily, for four strings.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Final

from briefing.domain.declarations import Field, Kind, Storage, Widget, with_korean
from briefing.domain.names import AT_EVENT, BRIEF, DELEGATION, around

if TYPE_CHECKING:
    from briefing.domain.base import Record

__all__ = [
    "BY_NAME",
    "KINDS",
    "Field",
    "Kind",
    "Storage",
    "Widget",
    "kind_of",
    "label_of",
    "model_of",
]


def _words_around(message: str, placeholder: str, value: str) -> str:
    """SQL writing ``message`` in English with the SQL ``value`` for its ``placeholder``:
    the words of :mod:`briefing.domain.names`, so the lists' names and the objects' agree."""
    before, after = around(message, placeholder)
    parts = [f"'{before}'"] if before else []
    parts.append(value)
    if after:
        parts.append(f"'{after}'")
    return " || ".join(parts)


_DELEGATION_TITLE: Final = (
    "coalesce(nullif(t.name, ''), "
    + _words_around(DELEGATION, "party", "coalesce(p.name, '')")
    + f" || coalesce('{AT_EVENT}' || e.title, ''))"
)
_ALIASES: Final = Field("aliases", "Other spellings", "lines")

_SECTORS: Final = "(SELECT group_concat(c.name, ' ') FROM chip_sector AS c WHERE c.chip_id = t.id)"


def _fold(end: str, time: str) -> Field:
    """Which of the two instants an event's wall time means when the clocks show it twice;
    the event form asks it beside the time (:mod:`briefing.ui.fold_picker`), so the
    generic form leaves it out."""
    return Field(
        f"{end}_fold",
        f"Which {end} time",
        "int",
        low=0,
        high=1,
        editable=False,
        description=f"Only where the {time} is shown twice by the clocks (the night daylight "
        "saving time ends): 0 for its first, earlier instant, 1 for its second; absent, the "
        "file does not say, and such a time is refused.",
    )


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
            Field("arrival_place", "Arrives at"),
            Field("arrival_timezone", "Arrival time zone", rule="timezone", size=64),
            _fold("start", "start_time"),
            _fold("end", "end_time"),
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
            "arrival_place",
            "arrival_timezone",
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
        with_korean(
            Field("event_id", "Event", "ref", exchange="event", required=True, targets=("event",)),
            Field(
                "purpose",
                "Purpose",
                "multiline",
                searchable=True,
                references=True,
                bilingual=True,
            ),
            Field(
                "desired_outcome",
                "Desired outcome",
                "multiline",
                searchable=True,
                protected=True,
                references=True,
                bilingual=True,
            ),
            Field(
                "run_of_meeting",
                "Run of the meeting",
                "multiline",
                searchable=True,
                references=True,
                bilingual=True,
            ),
            Field(
                "our_objectives",
                "Our objectives",
                "multiline",
                searchable=True,
                protected=True,
                references=True,
                bilingual=True,
            ),
            Field(
                "their_objectives",
                "Their objectives",
                "multiline",
                searchable=True,
                protected=True,
                references=True,
                bilingual=True,
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
        title_sql=_words_around(BRIEF, "event", "coalesce(e.title, '')"),
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
        with_korean(
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
            Field(
                "text",
                "Text",
                "multiline",
                searchable=True,
                references=True,
                required=True,
                bilingual=True,
            ),
        ),
        exchange="talking_points",
        details=("point_kind", "subject_id", "text"),
        title_sql="substr(replace(t.text, '\n', ' '), 1, 80)",
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
